/**
 * The key order of a `java.util.Hashtable<String, V>` built with the default constructor.
 *
 * JmDNS keeps a service's TXT entries in such a table, and Jitsi appends the query parameters in
 * the table's enumeration order (copied from JmDNS on purpose: any other order gives a URL that
 * differs from the one Jitsi really requests). The rules below are those of OpenJDK's Hashtable:
 * capacity 11, load factor 0.75, new entries at the head of their bucket's chain, a rehash to
 * 2n + 1 buckets once `count >= threshold`, and enumeration from the highest bucket down.
 */

interface Entry<V> {
  readonly hash: number;
  readonly key: string;
  value: V;
  next: Entry<V> | null;
}

const DEFAULT_CAPACITY = 11;
const LOAD_FACTOR = 0.75;

/** `String.hashCode()`: 32-bit arithmetic over UTF-16 code units, as JavaScript strings hold. */
export function javaStringHash(text: string): number {
  let hash = 0;
  for (let i = 0; i < text.length; i += 1) {
    hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
  }
  return hash;
}

export class JavaHashtable<V> {
  private table: (Entry<V> | null)[] = new Array<Entry<V> | null>(DEFAULT_CAPACITY).fill(null);
  private count = 0;
  private threshold = Math.trunc(DEFAULT_CAPACITY * LOAD_FACTOR);

  get size(): number {
    return this.count;
  }

  get(key: string): V | undefined {
    const hash = javaStringHash(key);
    for (let e = this.table[this.indexFor(hash)] ?? null; e !== null; e = e.next) {
      if (e.hash === hash && e.key === key) {
        return e.value;
      }
    }
    return undefined;
  }

  /** Replaces the value of an existing key in place (its position does not change). */
  put(key: string, value: V): void {
    const hash = javaStringHash(key);
    for (let e = this.table[this.indexFor(hash)] ?? null; e !== null; e = e.next) {
      if (e.hash === hash && e.key === key) {
        e.value = value;
        return;
      }
    }

    if (this.count >= this.threshold) {
      this.rehash();
    }
    const index = this.indexFor(hash);
    this.table[index] = { hash, key, value, next: this.table[index] ?? null };
    this.count += 1;
  }

  /** Empties the table; like Java's `clear()`, the capacity stays as it is. */
  clear(): void {
    this.table.fill(null);
    this.count = 0;
  }

  /** Keys in `keys()` / `keySet().iterator()` order: last bucket first, each chain in order. */
  keys(): string[] {
    const keys: string[] = [];
    for (let index = this.table.length - 1; index >= 0; index -= 1) {
      for (let e = this.table[index] ?? null; e !== null; e = e.next) {
        keys.push(e.key);
      }
    }
    return keys;
  }

  private indexFor(hash: number): number {
    return (hash & 0x7fffffff) % this.table.length;
  }

  private rehash(): void {
    const old = this.table;
    const capacity = old.length * 2 + 1;
    this.table = new Array<Entry<V> | null>(capacity).fill(null);
    this.threshold = Math.trunc(capacity * LOAD_FACTOR);

    // Java moves the old buckets from the last down, each chain from its head, to new heads.
    for (let i = old.length - 1; i >= 0; i -= 1) {
      let e = old[i] ?? null;
      while (e !== null) {
        const next = e.next;
        const index = this.indexFor(e.hash);
        e.next = this.table[index] ?? null;
        this.table[index] = e;
        e = next;
      }
    }
  }
}
