import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import {
  chmod, chown, copyFile, lstat, open, readFile, readlink, realpath, rename, stat, unlink, utimes,
} from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

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
  await writeFilesAtomic([{ path, content, ...options }]);
}

export interface FileToWrite extends AtomicWriteOptions {
  readonly path: string;
  readonly content: string;
}

/** A temporary file written and flushed beside its target, waiting to be renamed over it. */
export interface PreparedWrite {
  readonly path: string;
  commit(): Promise<void>;
  discard(): Promise<void>;
}

/**
 * Writes several files so that a failure we can foresee (a folder not writable, an immutable
 * file, a full disk) changes none of them: every temporary file is written first, then all are
 * renamed. Only a rename failing after an earlier one leaves a mix, and the error says which.
 */
export async function writeFilesAtomic(files: readonly FileToWrite[]): Promise<void> {
  await commitAll(await prepareAll(files));
}

/** Writes every temporary file, or none: a failure removes those already written. */
export async function prepareAll(files: readonly FileToWrite[]): Promise<PreparedWrite[]> {
  const prepared: PreparedWrite[] = [];
  try {
    for (const file of files) {
      prepared.push(await prepareWrite(file.path, file.content, file));
    }
  } catch (error) {
    await Promise.all(prepared.map((write) => write.discard()));
    throw error;
  }
  return prepared;
}

/** Renames each prepared file in turn; a failure names the files already in place. */
export async function commitAll(prepared: readonly PreparedWrite[]): Promise<void> {
  for (const [index, write] of prepared.entries()) {
    try {
      await write.commit();
    } catch (error) {
      await Promise.all(prepared.slice(index + 1).map((rest) => rest.discard()));
      const done = prepared.slice(0, index).map((earlier) => earlier.path);
      if (done.length === 0) {
        throw error;
      }
      throw new FileError('ERR_FILE_WRITE', `${(error as Error).message}; ${done.join(' and ')} ` +
        `${done.length === 1 ? 'was' : 'were'} already replaced with the new version`,
      { cause: error });
    }
  }
}

/**
 * Writes the temporary file for `path`. A symbolic link is written through: the target's folder
 * gets the temporary file and the target is replaced, so the link stays a link.
 */
export async function prepareWrite(
  path: string,
  content: string,
  options: AtomicWriteOptions = {},
): Promise<PreparedWrite> {
  const target = await linkTarget(path);
  const existing = await statOrNull(target);
  const unique = randomBytes(6).toString('hex');
  const temporary = join(dirname(target), `.${basename(target)}.${unique}.tmp`);
  const discard = (): Promise<void> => unlink(temporary).catch(() => undefined);

  try {
    await refuseImmutable(target, existing);
    await writeTemporary(temporary, content, options.mode ?? 0o644);
    await keepModeAndOwner(temporary, existing);
    await advanceModificationTime(temporary, existing);
  } catch (error) {
    await discard();
    throw writeFailed(path, error);
  }

  const commit = async (): Promise<void> => {
    try {
      await rename(temporary, target);
    } catch (error) {
      await discard();
      throw writeFailed(path, error);
    }
  };
  return { path, commit, discard };
}

async function writeTemporary(path: string, content: string, mode: number): Promise<void> {
  const handle = await open(path, 'wx', mode);
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Where a link points, even a dangling one; any other path is its own target. */
async function linkTarget(path: string): Promise<string> {
  const stats = await lstat(path).catch(() => null);
  if (stats === null || !stats.isSymbolicLink()) {
    return path;
  }
  return realpath(path).catch(async () => resolve(dirname(path), await readlink(path)));
}

/**
 * rename(2) over an immutable or append-only file fails with EPERM (chattr +i / +a); opening it
 * for writing fails the same way, and changes nothing, so it is found before anything is renamed.
 */
async function refuseImmutable(path: string, existing: Stats | null): Promise<void> {
  if (existing === null || !existing.isFile()) {
    return;
  }
  const handle = await open(path, 'r+').catch((error: unknown) => {
    if (errorCode(error) === 'EPERM') {
      throw error;
    }
    return null;
  });
  await handle?.close();
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
