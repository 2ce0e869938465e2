import dnsPacket from 'dns-packet';
import type { Answer } from 'dns-packet';

import { foldName, sameName } from '../dns/names.js';
import type { ConflictingName } from '../errors.js';

/** A record another responder holds for one of our unique names, with other data. */
export interface Conflict {
  readonly ours: string;
  readonly theirs: Answer;
  /** Which of our names: the fixed instance (SRV/TXT) or the host name (A/AAAA). */
  readonly on: ConflictingName;
}

/** The TTL of any record but OPT (dns-packet's types leave it off the union). */
export function ttlOf(record: Answer): number {
  return (record as { ttl?: number }).ttl ?? 0;
}

/** A record's class without the cache-flush bit; `IN` when dns-packet left it unset. */
export function classOf(record: Answer): string {
  return (record as { class?: string }).class ?? 'IN';
}

/** The record's data as text, for address records and log lines. */
export function dataText(record: Answer): string {
  return String((record as { data?: unknown }).data);
}

const answerCodec = (dnsPacket as unknown as {
  answer: { encode(record: Answer): Buffer };
}).answer;

/** Whether two records of the same name and type carry the same data (RFC 6762 §9). */
export function sameRecordData(a: Answer, b: Answer): boolean {
  if (a.type !== b.type) {
    return false;
  }
  return Buffer.compare(rdataBytes(a), rdataBytes(b)) === 0;
}

/**
 * The record's rdata as it goes on the wire, names uncompressed and case-folded: RFC 6762 §8.2
 * compares these bytes, and DNS names in them compare case-insensitively.
 */
export function rdataBytes(record: Answer): Buffer {
  const folded = foldRdataNames(record);
  const wire = answerCodec.encode({ ...folded, name: '.', ttl: 0 } as Answer);
  // Root name (1 byte), type, class, TTL (8 bytes), rdlength (2 bytes), then the rdata.
  return wire.subarray(11);
}

function foldRdataNames(record: Answer): Answer {
  if (record.type === 'SRV') {
    return { ...record, data: { ...record.data, target: foldName(record.data.target) } };
  }
  if (record.type === 'PTR') {
    return { ...record, data: foldName(record.data) };
  }
  return record;
}

/**
 * The first record in `incoming` that claims one of our unique names (SRV, TXT, A, AAAA) with
 * data none of ours has. A record identical to one of ours is our own packet looping back, or
 * a peer agreeing with us: never a conflict. Goodbyes (TTL 0) give a name up, so never count.
 */
export function findConflict(
  incoming: readonly Answer[],
  ours: readonly Answer[],
): Conflict | null {
  const unique = ours.filter((r) => r.type !== 'PTR');
  for (const theirs of incoming) {
    if (ttlOf(theirs) === 0 || !isAddressOrService(theirs)) {
      continue;
    }

    const named = unique.filter((r) => sameName(r.name, theirs.name));
    const claimed = named.some((r) => claimsSameSet(r, theirs));
    if (!claimed) {
      continue;
    }
    if (!named.some((r) => sameRecordData(r, theirs))) {
      const on: ConflictingName = isAddressType(theirs.type) ? 'host' : 'instance';
      return { ours: theirs.name, theirs, on };
    }
  }
  return null;
}

function isAddressOrService(record: Answer): boolean {
  return ['SRV', 'TXT', 'A', 'AAAA'].includes(record.type) &&
    classOf(record) === 'IN';
}

function isAddressType(type: string): boolean {
  return type === 'A' || type === 'AAAA';
}

/** An A or AAAA for our host name claims the name whatever its family; SRV/TXT by type. */
function claimsSameSet(ours: Answer, theirs: Answer): boolean {
  return ours.type === theirs.type || (isAddressType(ours.type) && isAddressType(theirs.type));
}

/**
 * RFC 6762 §8.2 simultaneous probe tie-break: both sides' records for the name, sorted by
 * class, type and rdata, compared pairwise; the first difference decides, and a side with
 * records left over wins. Returns > 0 when we win, < 0 when we lose, 0 when identical.
 */
export function compareProbes(ours: readonly Answer[], theirs: readonly Answer[]): number {
  const a = sortForTieBreak(ours);
  const b = sortForTieBreak(theirs);
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) {
    const order = compareRecords(a[i] as Answer, b[i] as Answer);
    if (order !== 0) {
      return order;
    }
  }
  return a.length - b.length;
}

function sortForTieBreak(records: readonly Answer[]): Answer[] {
  return [...records].sort(compareRecords);
}

function compareRecords(a: Answer, b: Answer): number {
  // Class is IN on both sides (the cache-flush bit is not part of it), so type comes first.
  const typeOrder = typeCode(a) - typeCode(b);
  if (typeOrder !== 0) {
    return typeOrder;
  }
  return Buffer.compare(rdataBytes(a), rdataBytes(b));
}

function typeCode(record: Answer): number {
  const codes: Record<string, number> = { A: 1, PTR: 12, TXT: 16, AAAA: 28, SRV: 33 };
  return codes[record.type] ?? 0;
}
