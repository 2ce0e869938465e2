import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

import { FileError, InputError } from '../errors.js';
import { INSTANCE_NAME } from '../provisioning/service-description.js';
import { errorCode, readTextOrNull } from '../files/atomic-write.js';
import { parseServiceXml } from './service-xml.js';
import { GENERATED_MARKER, SERVICE_FILE_NAME } from './service-file.js';

/** The two types Jitsi asks for, https first. */
const JITSI_TYPES = new Set(['_https._tcp', '_http._tcp']);

/** A service file other than ours that publishes the instance Jitsi asks for. */
export interface RivalService {
  readonly file: string;
  readonly type: string;
  /** The file carries our marker (an older file of ours under another name). */
  readonly ours: boolean;
}

/**
 * Finds every other `*.service` in `servicesDir` publishing "Provisioning URL" of a Jitsi type.
 * Avahi loads them all; two with one type fail one of them with "Local name collision", and
 * which one wins depends on the order Avahi reads the folder in.
 */
export async function findRivalServices(servicesDir: string): Promise<RivalService[]> {
  const names = await readdir(servicesDir).catch((error: unknown) => {
    if (errorCode(error) === 'ENOENT') {
      return [];
    }
    throw new FileError('ERR_FILE_WRITE', `cannot read ${servicesDir}`, { cause: error });
  });

  const rivals: RivalService[] = [];
  for (const name of names.filter((n) => n.endsWith('.service') && n !== SERVICE_FILE_NAME)) {
    const file = join(servicesDir, name);
    const text = (await readTextOrNull(file)) ?? '';
    const parsed = parseServiceXml(text);
    if (!parsed.ok || parsed.group.name !== INSTANCE_NAME) {
      continue;
    }
    const ours = text.includes(GENERATED_MARKER);
    for (const service of parsed.group.services) {
      if (service.type !== null && JITSI_TYPES.has(service.type)) {
        rivals.push({ file, type: service.type, ours });
      }
    }
  }
  return rivals;
}

/**
 * Refuses to install a service of `type` beside a foreign file publishing the same instance;
 * returns the files of ours that do, which the operator should remove.
 */
export async function refuseRivalServices(servicesDir: string, type: string): Promise<string[]> {
  const rivals = (await findRivalServices(servicesDir)).filter((r) => r.type === type);
  const rival = rivals.find((r) => !r.ours);
  if (rival === undefined) {
    return rivals.map((r) => r.file);
  }
  throw new InputError('ERR_NAME_CONFLICT', `${rival.file} already publishes "${INSTANCE_NAME}" ` +
    `of ${type}; beside ${join(servicesDir, SERVICE_FILE_NAME)} avahi-daemon would fail one of ` +
    'them with "Local name collision"; remove that file or its service first');
}
