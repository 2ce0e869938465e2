import { readFileSync } from 'node:fs';

import { Command, CommanderError } from 'commander';

import { ProvisioningError } from '../errors.js';
import { COMMANDS } from './commands/index.js';
import { createOutput, type Output } from './output.js';

/** The global flags every command shares. */
export interface GlobalOptions {
  json?: boolean;
  verbose?: boolean;
  quiet?: boolean;
}

/** What a command module gets to register itself and print. */
export interface CommandContext {
  /** The output for this run, built from the global flags once they are parsed. */
  output(): Output;
  /** Set by a command that ends with an exit code other than 0 without throwing. */
  setExitCode(code: number): void;
}

export type RegisterCommand = (program: Command, context: CommandContext) => void;

export interface RunOptions {
  stdout?: NodeJS.WritableStream;
  stderr?: NodeJS.WritableStream;
}

/** Runs the CLI on `argv` (node's, with the two leading entries) and returns the exit code. */
export async function run(argv: readonly string[], options: RunOptions = {}): Promise<number> {
  let exitCode = 0;
  const program = buildProgram(argv, options, (code) => (exitCode = code));
  const stderr = options.stderr ?? process.stderr;

  try {
    await program.parseAsync([...argv]);
    return exitCode;
  } catch (error) {
    return reportError(error, program.opts<GlobalOptions>(), stderr);
  }
}

function buildProgram(
  argv: readonly string[],
  options: RunOptions,
  setExitCode: (code: number) => void,
): Command {
  const program = new Command('jitsi-provisioning')
    .description('Publish, check and discover the provisioning URI Jitsi Desktop looks for')
    .version(packageVersion(), '-V, --version', 'print the version and exit')
    .option('--json', 'print results and logs as JSON, one object per line')
    .option('-v, --verbose', 'log every step, and print stack traces on errors')
    .option('-q, --quiet', 'log only warnings and errors')
    .exitOverride();
  const json = argv.includes('--json');
  program.configureOutput({
    writeOut: (text) => (options.stdout ?? process.stdout).write(text),
    writeErr: (text) => (options.stderr ?? process.stderr).write(text),
    // A usage error is one line like every other error; with --json, one JSON object.
    outputError: (text, write) => write(json
      ? `${JSON.stringify({ level: 'error', code: 'ERR_USAGE', message: firstLine(text) })}\n`
      : `${firstLine(text)} (add --help for usage)\n`),
  });

  const context: CommandContext = {
    output: () => createOutput({ ...program.opts<GlobalOptions>(), ...options }),
    setExitCode,
  };
  for (const register of COMMANDS) {
    register(program, context);
  }
  return program;
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}

function packageVersion(): string {
  const file = new URL('../../../package.json', import.meta.url);
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

function reportError(error: unknown, flags: GlobalOptions, stderr: NodeJS.WritableStream): number {
  if (error instanceof CommanderError) {
    // Commander has printed its own message (or the help/version text) already.
    return error.exitCode === 0 ? 0 : 2;
  }

  if (error instanceof ProvisioningError) {
    stderr.write(flags.json
      ? `${JSON.stringify({ level: 'error', code: error.code, message: error.message })}\n`
      : `error: ${error.message}\n`);
    if (flags.verbose && error.stack) {
      stderr.write(`${error.stack}\n`);
    }
    return error.exitCode;
  }

  const message = error instanceof Error ? error.message : String(error);
  stderr.write(`error: unexpected failure: ${message}\n`);
  if (flags.verbose && error instanceof Error && error.stack) {
    stderr.write(`${error.stack}\n`);
  }
  return 1;
}
