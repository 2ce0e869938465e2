/**
 * The library never prints: it reports what happened to a {@link Logger} the caller gives it.
 * The CLI decides what the operator sees (text or one JSON object per line, and which levels).
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Structured details of an event; never put a password or a literal secret in here. */
export type LogFields = Readonly<Record<string, unknown>>;

export interface Logger {
  log(level: LogLevel, message: string, fields?: LogFields): void;
}

/** A logger that drops everything: the default for library callers that pass none. */
export const silentLogger: Logger = { log: () => undefined };

export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];
