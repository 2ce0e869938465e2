import type { Answer, Packet, Question } from 'dns-packet';

import { foldName, sameName } from '../dns/names.js';
import type { ServiceRecords } from '../dns/records.js';
import { compareProbes } from './conflict.js';

/** RFC 6762 §8.1: three probes, 250 ms apart, after a random delay of up to 250 ms. */
// dns-packet encodes ANY (255) but its types omit it from RecordType.
const ANY = 'ANY' as unknown as Question['type'];

export const PROBE_COUNT = 3;
export const PROBE_INTERVAL_MS = 250;
/** RFC 6762 §8.2: the loser of a simultaneous probe waits one second, then probes again. */
export const TIE_BREAK_BACKOFF_MS = 1000;

/** The records we claim as unique: every one except the shared PTRs (RFC 6762 §10.2). */
export function uniqueRecords(records: ServiceRecords): Answer[] {
  return [records.srv, records.txt, ...records.addresses];
}

/**
 * RFC 6762 §8.1: one ANY question per name we want to own, and the records we intend to
 * publish in the Authority section, so a simultaneous prober can run the tie-break.
 *
 * Known shortcoming: §8.1 asks for the unicast-response (QU) bit on the first probe, but
 * dns-packet cannot encode that bit in a question, so every probe is QM. The cost: a
 * defending responder multicasts its answer instead of unicasting it.
 */
export function probePacket(records: ServiceRecords): Packet {
  const names = [...new Map(uniqueRecords(records).map((r) => [foldName(r.name), r.name]))];
  return {
    type: 'query',
    id: 0,
    flags: 0,
    questions: names.map(([, name]): Question => ({ name, type: ANY, class: 'IN' })),
    authorities: uniqueRecords(records),
  };
}

/**
 * Checks another host's probe (a query with Authority records) against ours, name by name
 * (RFC 6762 §8.2). Returns `lost` when theirs wins for some name we are probing for, `won`
 * when ours wins, `none` when the probe is not for our names or is identical (our own).
 */
export function tieBreak(query: Packet, records: ServiceRecords): 'lost' | 'won' | 'none' {
  const theirs = query.authorities ?? [];
  const ours = uniqueRecords(records);
  let result: 'won' | 'none' = 'none';

  for (const name of new Set(ours.map((r) => foldName(r.name)))) {
    const mine = ours.filter((r) => sameName(r.name, name));
    const other = theirs.filter((r) => sameName(r.name, name));
    if (other.length === 0) {
      continue;
    }

    const order = compareProbes(mine, other);
    if (order < 0) {
      return 'lost';
    }
    if (order > 0) {
      result = 'won';
    }
  }
  return result;
}
