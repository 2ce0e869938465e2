import dnsPacket from 'dns-packet';
import type { Answer, Packet, Question } from 'dns-packet';

import { foldName, sameName } from '../dns/names.js';
import type { ServiceRecords } from '../dns/records.js';
import { sameRecordData, ttlOf } from './conflict.js';

export const MDNS_PORT = 5353;
/** RFC 6762 §6.7: a legacy unicast answer carries a TTL of at most 10 s. */
export const LEGACY_MAX_TTL = 10;

export interface Source {
  readonly address: string;
  readonly port: number;
}

/** What to send for one query: the packet and where, plus what was answered (for the log). */
export interface Reply {
  readonly packet: Packet;
  /** `null` means the mDNS group; otherwise a unicast destination. */
  readonly to: Source | null;
  readonly legacy: boolean;
  /** e.g. `SRV Provisioning URL._https._tcp.local`, one per answered question. */
  readonly questions: readonly string[];
  /** Whether only shared records were asked for, which RFC 6762 §6 answers after a delay. */
  readonly sharedOnly: boolean;
}

/** A question's class split into its class and the unicast-response bit (RFC 6762 §5.4). */
export function questionClass(question: Question): { klass: string; unicast: boolean } {
  const text = question.class ?? 'IN';
  const unknown = /^UNKNOWN_(\d+)$/.exec(text);
  if (unknown === null) {
    return { klass: text, unicast: false };
  }

  // dns-packet leaves a class with the top bit set as UNKNOWN_<n>; the bit is RFC 6762's QU.
  const value = Number(unknown[1]);
  const names: Record<number, string> = { 1: 'IN', 255: 'ANY' };
  const bare = value & 0x7fff;
  return { klass: names[bare] ?? `UNKNOWN_${bare}`, unicast: (value & 0x8000) !== 0 };
}

function allRecords(records: ServiceRecords): Answer[] {
  return [records.srv, records.txt, records.typePtr, records.enumerationPtr, ...records.addresses];
}

function matches(question: Question, record: Answer): boolean {
  return sameName(question.name, record.name) &&
    ((question.type as string) === 'ANY' || question.type === record.type);
}

/**
 * Builds the reply to one query from the records valid on the link it came in on, or `null`
 * when nothing is ours to answer. Pure: the responder sends what this returns.
 */
export function answerQuery(query: Packet, source: Source, records: ServiceRecords): Reply | null {
  const legacy = source.port !== MDNS_PORT;
  const asked = (query.questions ?? []).filter((q) => {
    const { klass } = questionClass(q);
    return klass === 'IN' || klass === 'ANY';
  });

  const answered = asked.filter((q) => allRecords(records).some((r) => matches(q, r)));
  const answers = suppressKnown(
    allRecords(records).filter((r) => answered.some((q) => matches(q, r))),
    query.answers ?? [],
  );
  if (answers.length === 0) {
    return null;
  }

  const unicast = legacy || answered.every((q) => questionClass(q).unicast);
  const sharedOnly = answers.every((r) => r.type === 'PTR');
  const additionals = additionalsFor(answers, records);
  return {
    packet: legacy
      ? legacyPacket(query, answers, additionals)
      : { type: 'response', id: 0, flags: dnsPacket.AUTHORITATIVE_ANSWER, answers, additionals },
    // RFC 6762 §5.4: a QU question is answered by unicast to the querier's port 5353.
    to: unicast ? { address: source.address, port: source.port } : null,
    legacy,
    questions: answered.map((q) => `${q.type} ${q.name}`),
    sharedOnly,
  };
}

/**
 * RFC 6762 §7.1: leave out an answer the querier already holds with at least half its TTL.
 * Names compare case-insensitively (RFC 6762 §16), so a differently-cased known answer counts.
 */
export function suppressKnown(answers: readonly Answer[], known: readonly Answer[]): Answer[] {
  return answers.filter((ours) => !known.some((theirs) =>
    sameName(theirs.name, ours.name) && theirs.type === ours.type &&
    ttlOf(theirs) >= ttlOf(ours) / 2 && sameRecordData(theirs, ours)));
}

/**
 * RFC 6763 §12: a PTR answer brings the SRV, TXT and addresses; an SRV brings the addresses of
 * its target. JmDNS needs SRV, TXT and an address before it reports a service.
 */
function additionalsFor(answers: readonly Answer[], records: ServiceRecords): Answer[] {
  const has = (record: Answer): boolean => answers.includes(record);
  const extra: Answer[] = [];
  if (has(records.typePtr)) {
    extra.push(records.srv, records.txt);
  }
  if (has(records.typePtr) || has(records.srv) || has(records.txt)) {
    extra.push(...records.addresses);
  }

  const seen = new Set<Answer>();
  return extra.filter((r) => !has(r) && !seen.has(r) && seen.add(r));
}

/**
 * RFC 6762 §6.7: a legacy resolver gets the query's id and questions back, by unicast, with
 * no cache-flush bit (it would read it as a class) and TTLs of at most 10 s.
 */
function legacyPacket(query: Packet, answers: Answer[], additionals: Answer[]): Packet {
  const plain = (r: Answer): Answer => ({
    ...r, flush: false, ttl: Math.min(ttlOf(r), LEGACY_MAX_TTL),
  } as Answer);
  return {
    type: 'response',
    id: query.id ?? 0,
    flags: dnsPacket.AUTHORITATIVE_ANSWER,
    questions: query.questions ?? [],
    answers: answers.map(plain),
    additionals: additionals.map(plain),
  };
}

/** `SRV+TXT` from answered questions, for a short log line. */
export function questionSummary(questions: readonly string[]): string {
  const types = questions.map((q) => q.split(' ')[0] ?? '');
  return [...new Set(types)].join('+');
}

/** The folded names a description owns, for quick filtering of unrelated packets. */
export function ownedNames(records: ServiceRecords): Set<string> {
  return new Set(allRecords(records).map((r) => foldName(r.name)));
}
