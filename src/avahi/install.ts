import { constants } from 'node:fs';
import { access, mkdir, rmdir } from 'node:fs/promises';
import { join } from 'node:path';

import { FileError } from '../errors.js';
import { silentLogger, type Logger } from '../log.js';
import {
  backupFile, commitAll, prepareAll, readTextOrNull, reason, statOrNull,
} from '../files/atomic-write.js';
import { sameName } from '../dns/names.js';
import {
  canonicalAddress, dropOurEntries, mergeHosts, parseHosts, type MergeOptions,
} from './hosts-file.js';
import { refuseRivalServices } from './rival-services.js';
import { GENERATED_MARKER, SERVICE_FILE_NAME, type AvahiFiles } from './service-file.js';

export interface InstallOptions extends MergeOptions {
  /** Replace a `provisioning.service` we did not write (after backing it up). */
  readonly force?: boolean;
  readonly logger?: Logger;
}

export interface InstallResult {
  readonly servicePath: string;
  readonly serviceChanged: boolean;
  readonly hostsPath: string;
  readonly hostsChanged: boolean;
  readonly backups: readonly string[];
}

/** One file to write, decided before anything is written. */
interface PlannedWrite {
  readonly path: string;
  readonly content: string;
  readonly backup: boolean;
}

/**
 * Writes the service file to `<dir>/services/` and merges the hosts entries into `<dir>/hosts`.
 * Everything is read and checked first, and both new files are written beside their targets
 * before either is renamed into place: any refusal leaves every existing file untouched.
 */
export async function installAvahiFiles(
  dir: string,
  files: AvahiFiles,
  options: InstallOptions = {},
): Promise<InstallResult> {
  const logger = options.logger ?? silentLogger;
  const servicesDir = join(dir, 'services');
  const servicePath = join(servicesDir, SERVICE_FILE_NAME);
  const hostsPath = join(dir, 'hosts');

  await checkFolder(dir, true);
  const servicesExists = await checkFolder(servicesDir, false);
  for (const file of await refuseRivalServices(servicesDir, files.serviceType)) {
    logger.log('warn', `${file} is an earlier file of ours publishing the same service; ` +
      'remove it, or avahi-daemon fails one of the two with "Local name collision"');
  }
  const service = await planService(servicePath, files.service, options.force ?? false);
  const hostsText = (await readTextOrNull(hostsPath)) ?? '';
  const hosts = planHosts(hostsPath, hostsText, files, options);
  warnAboutRenames(hostsText, files, logger);

  const writes = [service, hosts].filter((write): write is PlannedWrite => write !== null);
  const created = service !== null && !servicesExists;
  if (created) {
    await mkdir(servicesDir, { mode: 0o755 });
  }
  const prepared = await prepareAll(writes).catch(async (error: unknown) => {
    if (created) {
      await rmdir(servicesDir).catch(() => undefined);
    }
    throw error;
  });
  const backups = await backUp(writes, logger).catch(async (error: unknown) => {
    await Promise.all(prepared.map((write) => write.discard()));
    throw error;
  });
  await commitAll(prepared);
  for (const write of writes) {
    logger.log('info', `wrote ${write.path}`);
  }

  return {
    servicePath, serviceChanged: service !== null,
    hostsPath, hostsChanged: hosts !== null, backups,
  };
}

/** Backs up the files we did not write, once every new file is ready to be renamed in. */
async function backUp(writes: readonly PlannedWrite[], logger: Logger): Promise<string[]> {
  const backups: string[] = [];
  for (const write of writes.filter((w) => w.backup)) {
    backups.push(await backupFile(write.path));
    logger.log('info', `backed up ${write.path}`, { backup: backups.at(-1) });
  }
  return backups;
}

/** Returns whether the folder exists; a missing one is an error only when `required`. */
async function checkFolder(path: string, required: boolean): Promise<boolean> {
  const stats = await statOrNull(path);
  if (stats === null && !required) {
    return false;
  }
  if (stats === null) {
    throw new FileError('ERR_FILE_WRITE', `${path} does not exist; give Avahi's configuration ` +
      'folder (usually /etc/avahi) or create it first');
  }
  if (!stats.isDirectory()) {
    throw new FileError('ERR_FILE_WRITE', `${path} is not a folder; give Avahi's configuration ` +
      'folder (usually /etc/avahi)');
  }

  try {
    await access(path, constants.W_OK);
  } catch (error) {
    throw new FileError('ERR_FILE_WRITE', `cannot write into ${path}: ${reason(error)}; run as ` +
      'a user who may, or print the files with no --out', { cause: error });
  }
  return true;
}

async function planService(path: string, content: string, force: boolean) {
  const existing = await readTextOrNull(path);
  if (existing === content) {
    return null;
  }

  const foreign = existing !== null && !existing.includes(GENERATED_MARKER);
  if (foreign && !force) {
    throw new FileError('ERR_FILE_EXISTS', `${path} was not written by jitsi-provisioning; ` +
      'rerun with --force to replace it (a backup is kept beside it)');
  }
  return { path, content, backup: foreign } satisfies PlannedWrite;
}

/**
 * The hosts file is merged, never replaced, so it needs no --force; a file holding no line of
 * ours is still backed up before our first change to it.
 */
function planHosts(path: string, existing: string, files: AvahiFiles, options: MergeOptions) {
  const merged = files.hosts.length === 0
    ? dropOurEntries(existing)
    : mergeHosts(existing, files.hosts, options);
  if (!merged.changed) {
    return null;
  }
  const foreign = existing !== '' && !parseHosts(existing).some((line) => line.ours);
  return { path, content: merged.text, backup: foreign } satisfies PlannedWrite;
}

/**
 * Seen with avahi-daemon 0.8: on reload it loads a new hosts name before dropping the old one,
 * so an address moving from our old name to a new one fails with "Host name conflict" until
 * the daemon restarts.
 */
function warnAboutRenames(existing: string, files: AvahiFiles, logger: Logger): void {
  const moved = parseHosts(existing).filter((line) => line.ours && line.entry !== null &&
    !sameName(line.entry.hostName, files.hostName) && files.hosts.some((entry) =>
      canonicalAddress(entry.address) === canonicalAddress(line.entry?.address ?? '')));
  for (const line of moved) {
    logger.log('warn', `${line.entry?.address ?? ''} moves from ${line.entry?.hostName ?? ''} ` +
      `to ${files.hostName}: a running avahi-daemon reports "Host name conflict" for the new ` +
      'name on reload; restart it instead (systemctl restart avahi-daemon)');
  }
}
