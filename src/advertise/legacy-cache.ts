/**
 * Ready-made answers to legacy unicast queries, by the query's bytes after its id. A legacy
 * resolver asks the same question again and again (Jitsi's JmDNS-free callers, `dig -p 5353`,
 * the benchmark), and the answer only changes when our records do: encoding it once and
 * copying the id in keeps the answer close to avahi-daemon's latency.
 */
export interface CachedAnswer {
  /** The whole response, id included (overwritten per query). */
  readonly bytes: Buffer;
  /** What was answered, for the log line. */
  readonly questions: readonly string[];
}

const HEADER_BYTES = 12;
const MAX_ENTRIES = 64;

/**
 * The cache key of a query, or `null` when its answer cannot be reused: not a standard query,
 * or one carrying known answers or other records, which change what we must send (§7.1).
 */
export function legacyQueryKey(message: Buffer): string | null {
  if (message.length <= HEADER_BYTES) {
    return null;
  }

  const flags = message.readUInt16BE(2);
  const isQuery = (flags & 0x8000) === 0 && (flags & 0x7800) === 0;
  const onlyQuestions = message.readUInt16BE(6) === 0 && message.readUInt16BE(8) === 0 &&
    message.readUInt16BE(10) === 0;
  return isQuery && onlyQuestions ? message.toString('latin1', 2) : null;
}

export class LegacyAnswerCache {
  private readonly entries = new Map<string, CachedAnswer>();

  get(key: string): CachedAnswer | undefined {
    return this.entries.get(key);
  }

  set(key: string, answer: CachedAnswer): void {
    if (this.entries.size >= MAX_ENTRIES) {
      this.entries.clear();
    }
    this.entries.set(key, answer);
  }

  /** Our records changed: every stored answer is stale. */
  clear(): void {
    this.entries.clear();
  }
}

/** A copy of the stored answer carrying the query's id (RFC 6762 §6.7). */
export function answerFor(query: Buffer, answer: CachedAnswer): Buffer {
  const bytes = Buffer.from(answer.bytes);
  bytes.writeUInt16BE(query.readUInt16BE(0), 0);
  return bytes;
}
