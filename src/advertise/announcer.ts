import dnsPacket from 'dns-packet';
import type { Answer, Packet } from 'dns-packet';

import type { ServiceRecords } from '../dns/records.js';
import { txtString } from '../dns/txt.js';
import { dataText } from './conflict.js';
import type { ServiceDescription } from '../provisioning/service-description.js';

/** RFC 6762 §8.3: announce at least twice, one second apart. */
export const ANNOUNCE_COUNT = 2;
export const ANNOUNCE_INTERVAL_MS = 1000;

/** Every record of one link, SRV first, in the order an announcement carries them. */
export function announcedRecords(records: ServiceRecords): Answer[] {
  return [
    records.srv, records.txt, records.typePtr, records.enumerationPtr, ...records.addresses,
  ];
}

/** RFC 6762 §8.3: an unsolicited response with all our records in the Answer section. */
export function announcementPacket(answers: readonly Answer[]): Packet {
  return { type: 'response', id: 0, flags: dnsPacket.AUTHORITATIVE_ANSWER, answers: [...answers] };
}

/** RFC 6762 §10.1: the same records with TTL 0 tell every cache to drop them now. */
export function goodbyePacket(answers: readonly Answer[]): Packet {
  return announcementPacket(answers.map((r) => ({ ...r, ttl: 0 }) as Answer));
}

/** One line saying what is announced, for the operator; TXT values are placeholders only. */
export function describeAnnouncement(
  description: ServiceDescription,
  records: ServiceRecords,
  linkName: string,
): string {
  const txt = description.txt.map(txtString).join(' ');
  const addresses = records.addresses.map((r) => `${r.type} ${dataText(r)}`).join(', ');
  return `announcing "${records.srv.name}" on ${linkName}: ` +
    `SRV ${description.hostName}:${description.port}, TXT ${txt}, ${addresses || 'no address'}`;
}
