import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface ExecResult {
  stdout: string;
  stderr: string;
  code: number | null;
}

export interface ExecOptions {
  timeoutMs?: number;
  input?: string;
  env?: NodeJS.ProcessEnv;
}

/** Runs a command to completion, collecting its output; a timeout kills it (SIGKILL). */
export function exec(cmd: string, args: readonly string[], options: ExecOptions = {}):
Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    const spawnOptions: SpawnOptions = { stdio: ['pipe', 'pipe', 'pipe'] };
    if (options.env) {
      spawnOptions.env = options.env;
    }
    const child = spawn(cmd, [...args], spawnOptions);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, code });
    });
    // A command that exits without reading its input must not fail the test with EPIPE.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(options.input ?? '');
  });
}

/** Like {@link exec}, but rejects with the command's output when it exits non-zero. */
export async function run(cmd: string, args: readonly string[], options: ExecOptions = {}):
Promise<ExecResult> {
  const result = await exec(cmd, args, options);
  if (result.code !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} exited ${result.code}: ${result.stderr.trim()}`);
  }
  return result;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A long-running process (a peer or our CLI) with its combined output kept for assertions. */
export interface Running {
  readonly child: ChildProcess;
  output(): string;
  stdout(): string;
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<void>;
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<Exit>;
  readonly exited: Promise<Exit>;
}

export interface StartOptions {
  ready?: RegExp;
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
}

/** Spawns a command and, with `ready`, waits until its output matches. */
export async function start(cmd: string, args: readonly string[], options: StartOptions = {}):
Promise<Running> {
  const child = spawn(cmd, [...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.env ? { env: options.env } : {}),
  });
  let combined = '';
  let stdoutText = '';
  const waiters = new Set<() => void>();
  const onData = (isStdout: boolean) => (chunk: Buffer) => {
    combined += chunk.toString('utf8');
    if (isStdout) stdoutText += chunk.toString('utf8');
    for (const wake of waiters) wake();
  };
  child.stdout?.on('data', onData(true));
  child.stderr?.on('data', onData(false));
  const exited = new Promise<Exit>((resolve) => {
    child.on('exit', (code, signal) => {
      resolve({ code, signal });
      for (const wake of waiters) wake();
    });
  });
  child.on('error', () => undefined);

  const running: Running = {
    child,
    exited,
    output: () => combined,
    stdout: () => stdoutText,
    waitForOutput: (pattern, timeoutMs = 15_000) =>
      waitFor(() => pattern.test(combined), child, waiters, timeoutMs,
        () => `timed out waiting for ${pattern} from ${cmd} ${args.join(' ')}:\n${combined}`),
    stop: async (signal = 'SIGTERM', timeoutMs = 5_000) => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill(signal);
        const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
        const exit = await exited;
        clearTimeout(timer);
        return exit;
      }
      return exited;
    },
  };

  if (options.ready) {
    try {
      await running.waitForOutput(options.ready, options.timeoutMs);
    } catch (error) {
      await running.stop('SIGKILL');
      throw error;
    }
  }
  return running;
}

function waitFor(
  done: () => boolean,
  child: ChildProcess,
  waiters: Set<() => void>,
  timeoutMs: number,
  describe: () => string,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const finish = (error?: Error) => {
      waiters.delete(check);
      clearTimeout(timer);
      if (error) reject(error);
      else resolve();
    };
    const check = () => {
      if (done()) finish();
      else if (child.exitCode !== null || child.signalCode !== null) {
        finish(new Error(`process exited before ready: ${describe()}`));
      }
    };
    const timer = setTimeout(() => finish(new Error(describe())), timeoutMs);
    waiters.add(check);
    check();
  });
}

/** The repository root, from the compiled test's location (dist/test/harness/). */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const CLI_PATH = `${REPO_ROOT}bin/jitsi-provisioning`;

/** The command line that runs our CLI: `[process.execPath, [bin, ...args]]`. */
export function cliCommand(...args: string[]): [string, string[]] {
  return [process.execPath, [CLI_PATH, ...args]];
}
