import type { Answer } from 'dns-packet';

import { foldName } from '../dns/names.js';
import { rdataBytes } from './conflict.js';

/** RFC 6762 §6: a record goes to the group on a link at most once a second ... */
export const MULTICAST_GAP_MS = 1000;
/** ... except in defence against a probe, where 250 ms is allowed. */
export const PROBE_DEFENCE_GAP_MS = 250;

/**
 * Remembers when each record was last multicast on one link, so that a flood of queries
 * cannot make us flood the group (RFC 6762 §6). Unicast answers are not paced: they go only
 * to on-link askers, one answer per question.
 */
export class MulticastPace {
  private readonly last = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The answers that may be multicast now; they are marked as sent. */
  take(answers: readonly Answer[], probeDefence: boolean): Answer[] {
    const gap = probeDefence ? PROBE_DEFENCE_GAP_MS : MULTICAST_GAP_MS;
    const now = this.now();
    const allowed = answers.filter((r) => now - (this.last.get(key(r)) ?? -Infinity) >= gap);
    this.mark(allowed);
    return allowed;
  }

  /** Records multicast without asking (announcements) count too. */
  mark(answers: readonly Answer[]): void {
    const now = this.now();
    for (const record of answers) {
      this.last.set(key(record), now);
    }
  }

  /** Our records changed (an address came or went): the next answer must not wait. */
  clear(): void {
    this.last.clear();
  }
}

function key(record: Answer): string {
  return `${foldName(record.name)}|${record.type}|${rdataBytes(record).toString('hex')}`;
}
