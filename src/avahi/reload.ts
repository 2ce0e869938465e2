import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';

import { ProvisioningError } from '../errors.js';
import { errorCode } from '../files/atomic-write.js';

export const AVAHI_PID_FILE = '/run/avahi-daemon/pid';

export interface ReloadOptions {
  /** The avahi-daemon binary; tests point it elsewhere to see a missing one handled. */
  readonly command?: string;
  readonly pidFile?: string;
}

/**
 * Asks the running avahi-daemon to reload its service and hosts files: `avahi-daemon -r`, or,
 * where that binary is not on PATH, SIGHUP to the pid in its pid file. Returns how it asked.
 */
export async function reloadAvahi(options: ReloadOptions = {}): Promise<string> {
  const command = options.command ?? 'avahi-daemon';
  const result = await run(command, ['-r']);
  if (result.ok) {
    return `${command} -r`;
  }
  if (/failed to kill daemon/i.test(result.message)) {
    throw notReloaded(`no avahi-daemon is running (${command} -r: ${result.message})`);
  }
  if (!result.missing) {
    throw notReloaded(`${command} -r failed: ${result.message || 'no reason given'}`);
  }

  const pidFile = options.pidFile ?? AVAHI_PID_FILE;
  const pid = await readPid(pidFile);
  try {
    process.kill(pid, 'SIGHUP');
    return `SIGHUP to ${pid}`;
  } catch (error) {
    const code = errorCode(error) ?? String(error);
    throw notReloaded(`cannot signal avahi-daemon (pid ${pid} from ${pidFile}): ${code}`);
  }
}

interface RunResult {
  readonly ok: boolean;
  readonly missing: boolean;
  readonly message: string;
}

function run(command: string, args: readonly string[]): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout: 10_000 }, (error, stdout, stderr) => {
      const message = `${stderr}${stdout}`.trim().split('\n')[0] ?? '';
      resolve({ ok: error === null, missing: errorCode(error) === 'ENOENT', message });
    });
  });
}

async function readPid(pidFile: string): Promise<number> {
  const text = await readFile(pidFile, 'utf8').catch(() => null);
  const pid = Number(text?.trim());
  if (text === null || !Number.isInteger(pid) || pid <= 0) {
    throw notReloaded(`avahi-daemon is not installed here and ${pidFile} names no running daemon`);
  }
  return pid;
}

function notReloaded(detail: string): ProvisioningError {
  return new ProvisioningError('ERR_AVAHI_RELOAD', `${detail}; the files are written, so ` +
    'start avahi-daemon (it reads them at start) or reload it yourself');
}
