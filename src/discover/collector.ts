import type { Answer } from 'dns-packet';

import { sameName } from '../dns/names.js';
import { isUsableAddress } from './jitsi-url.js';

/** One record as a responder sent it, kept for the report. */
export interface SeenRecord {
  readonly name: string;
  readonly type: 'SRV' | 'TXT' | 'A' | 'AAAA' | 'DHCP';
  readonly ttl: number;
  /** SRV: `priority weight port target`; TXT: the strings joined by ` | `; A/AAAA: the address. */
  readonly data: string;
}

/** Everything one responder (one source address) said about the instance and its host. */
export interface Responder {
  readonly address: string;
  readonly firstSeenMs: number;
  readonly records: SeenRecord[];
}

interface Srv {
  readonly port: number;
  readonly target: string;
}

/**
 * Gathers the records of one instance from every response, per responder, and keeps the merged
 * view JmDNS would hold: the last SRV and TXT received, and the target's addresses in the order
 * JmDNS handles them (within a packet it moves address records after all others).
 */
export class InstanceCollector {
  readonly responders = new Map<string, Responder>();
  srv: Srv | null = null;
  txt: Buffer[] | null = null;
  private readonly addresses = new Map<string, string[]>();

  constructor(readonly instance: string, private readonly startedAt: number) {}

  /** Takes a response packet's records from one source; returns true if any was relevant. */
  add(records: readonly Answer[], source: string, now: number): boolean {
    const ordered = [
      ...records.filter((r) => r.type !== 'A' && r.type !== 'AAAA'),
      ...records.filter((r) => r.type === 'A' || r.type === 'AAAA'),
    ];
    let relevant = false;
    for (const record of ordered) {
      relevant = this.addRecord(record, source, now) || relevant;
    }
    return relevant;
  }

  /** The addresses JmDNS holds for the current SRV target, in its order (mapped ones refused). */
  targetAddresses(): string[] {
    if (this.srv === null) {
      return [];
    }
    return [...this.addresses.entries()]
      .filter(([name]) => sameName(name, this.srv?.target ?? ''))
      .flatMap(([, list]) => list);
  }

  /** JmDNS's `hasData()`: a server and at least one address (the TXT is not required). */
  hasData(): boolean {
    return this.targetAddresses().length > 0;
  }

  private addRecord(record: Answer, source: string, now: number): boolean {
    const seen = this.toSeen(record);
    if (seen === null) {
      return false;
    }

    this.remember(source, seen, now);
    if (record.type === 'SRV') {
      this.srv = { port: record.data.port, target: record.data.target };
    } else if (record.type === 'TXT') {
      this.txt = txtStrings(record.data);
    } else if ((record.type === 'A' || record.type === 'AAAA') && isUsableAddress(record.data)) {
      const list = this.addresses.get(record.name.toLowerCase()) ?? [];
      if (!list.includes(record.data)) {
        list.push(record.data);
      }
      this.addresses.set(record.name.toLowerCase(), list);
    }
    return true;
  }

  private toSeen(record: Answer): SeenRecord | null {
    const ttl = 'ttl' in record ? record.ttl ?? 0 : 0;
    const forInstance = sameName(record.name, this.instance);
    if (record.type === 'SRV' && forInstance) {
      const { priority = 0, weight = 0, port, target } = record.data;
      const data = `${priority} ${weight} ${port} ${target}`;
      return { name: record.name, type: 'SRV', ttl, data };
    }
    if (record.type === 'TXT' && forInstance) {
      const text = txtStrings(record.data).map((s) => s.toString('utf8')).join(' | ');
      return { name: record.name, type: 'TXT', ttl, data: text };
    }
    if (record.type === 'A' || record.type === 'AAAA') {
      return { name: record.name, type: record.type, ttl, data: record.data };
    }
    return null;
  }

  private remember(source: string, seen: SeenRecord, now: number): void {
    const responder = this.responders.get(source) ??
      { address: source, firstSeenMs: now - this.startedAt, records: [] };
    const duplicate = responder.records.some((r) =>
      r.type === seen.type && sameName(r.name, seen.name) && r.data === seen.data);
    if (!duplicate) {
      responder.records.push(seen);
    }
    this.responders.set(source, responder);
  }
}

/** dns-packet gives TXT data as one buffer, a string, or an array of either. */
function txtStrings(data: unknown): Buffer[] {
  const list = Array.isArray(data) ? data : [data];
  return list.map((item) => (Buffer.isBuffer(item) ? item : Buffer.from(String(item), 'utf8')));
}
