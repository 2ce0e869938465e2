import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import {
  chmod, chown, copyFile, open, readFile, rename, stat, unlink, utimes,
} from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';

import { FileError } from '../errors.js';

export interface AtomicWriteOptions {
  /** Mode of a new file; a file that exists keeps its own mode and owner. */
  readonly mode?: number;
}

/**
 * Writes `content` to `path` so a reader sees the old file or the new one, never half of one:
 * a temporary file in the same folder, flushed, then renamed over the target (rename(2) is
 * atomic within one file system). The temporary name starts with a dot and ends in `.tmp`, so
 * a watcher that picks files by suffix (Avahi takes `*.service`) never loads it.
 */
export async function writeFileAtomic(
  path: string,
  content: string,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const existing = await statOrNull(path);
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);

  try {
    const handle = await open(temporary, 'wx', options.mode ?? 0o644);
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await keepModeAndOwner(temporary, existing);
    await advanceModificationTime(temporary, existing);
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw writeFailed(path, error);
  }
}

async function keepModeAndOwner(path: string, existing: Stats | null): Promise<void> {
  if (existing === null) {
    return;
  }

  await chmod(path, existing.mode & 0o7777);
  if (existing.uid !== process.getuid?.() || existing.gid !== process.getgid?.()) {
    await chown(path, existing.uid, existing.gid);
  }
}

/**
 * Avahi notices a changed service file only when its modification time moved by a whole second
 * (it compares `st_mtime`): a rewrite within the same second as the last one would be ignored.
 */
async function advanceModificationTime(path: string, existing: Stats | null): Promise<void> {
  if (existing === null) {
    return;
  }

  const before = Math.floor(existing.mtimeMs / 1000);
  const now = Math.floor((await stat(path)).mtimeMs / 1000);
  if (now > before) {
    return;
  }
  await utimes(path, before + 1, before + 1);
}

/**
 * Copies `path` to `<path>.<UTC time>.bak` beside it, never over an earlier backup, and returns
 * the backup's path. The suffix keeps Avahi from loading a backed-up service file.
 */
export async function backupFile(path: string, now: Date = new Date()): Promise<string> {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const backup = `${path}.${stamp}.bak`;
  try {
    await copyFile(path, backup, constants.COPYFILE_EXCL);
    return backup;
  } catch (error) {
    throw new FileError('ERR_FILE_WRITE', `cannot back up ${path} to ${backup}: ` +
      `${reason(error)}; nothing was changed`, { cause: error });
  }
}

/** The file's text, or `null` when it does not exist. */
export async function readTextOrNull(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') {
      return null;
    }
    throw readFailed(path, error);
  }
}

export async function statOrNull(path: string): Promise<Stats | null> {
  try {
    return await stat(path);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') {
      return null;
    }
    throw readFailed(path, error);
  }
}

function writeFailed(path: string, error: unknown): FileError {
  const message = `cannot write ${path}: ${reason(error)}`;
  return new FileError('ERR_FILE_WRITE', message, { cause: error });
}

function readFailed(path: string, error: unknown): FileError {
  const message = `cannot read ${path}: ${reason(error)}`;
  return new FileError('ERR_FILE_WRITE', message, { cause: error });
}

export function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/** A short reason from a system error: "read-only file system (EROFS)". */
export function reason(error: unknown): string {
  const code = errorCode(error);
  const known: Record<string, string> = {
    EACCES: 'permission denied', EPERM: 'operation not permitted', EROFS: 'read-only file system',
    ENOENT: 'no such file or folder', ENOTDIR: 'not a folder', ENOSPC: 'no space left on device',
  };
  if (code !== undefined) {
    return `${known[code] ?? 'system error'} (${code})`;
  }
  return error instanceof Error ? error.message : String(error);
}
