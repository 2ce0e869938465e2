import { LOG_LEVELS, type LogFields, type Logger, type LogLevel } from '../log.js';

/** What every command may print through: stdout for results, stderr for logs. */
export interface Output {
  readonly json: boolean;
  readonly logger: Logger;
  /** A result line (or object, with --json) on stdout. */
  result(text: string, object?: unknown): void;
}

export interface OutputOptions {
  json?: boolean;
  verbose?: boolean;
  quiet?: boolean;
  stdout?: NodeJS.WritableStream;
  stderr?: NodeJS.WritableStream;
}

/** Builds the CLI's output from the global --json, --verbose and --quiet flags. */
export function createOutput(options: OutputOptions): Output {
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const json = options.json ?? false;
  const threshold: LogLevel = options.verbose ? 'debug' : options.quiet ? 'warn' : 'info';

  const logger: Logger = {
    log(level, message, fields) {
      if (LOG_LEVELS.indexOf(level) < LOG_LEVELS.indexOf(threshold)) {
        return;
      }
      stderr.write(json ? jsonLine(level, message, fields) : textLine(level, message));
    },
  };

  return {
    json,
    logger,
    result(text, object) {
      stdout.write(json && object !== undefined ? `${JSON.stringify(object)}\n` : `${text}\n`);
    },
  };
}

function jsonLine(level: LogLevel, message: string, fields: LogFields | undefined): string {
  return `${JSON.stringify({ time: new Date().toISOString(), level, message, ...fields })}\n`;
}

function textLine(level: LogLevel, message: string): string {
  const prefix = level === 'info' ? '' : `${level}: `;
  return `${prefix}${message}\n`;
}
