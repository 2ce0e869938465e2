/**
 * TXT record rules (RFC 6763 §6), shared by everything that writes TXT data (the responder, the
 * Avahi writer) and everything that reads it (discover, `avahi --check`).
 */

/** One TXT string, `key=value`, or a bare `key` when `value` is `null` (RFC 6763 §6.4). */
export interface TxtEntry {
  readonly key: string;
  readonly value: string | null;
}

/** RFC 6763 §6.1: each string is one length byte and at most 255 bytes of data. */
export const TXT_STRING_MAX_BYTES = 255;

/** The text of one TXT string, as it goes on the wire and into an Avahi `txt-record`. */
export function txtString(entry: TxtEntry): string {
  return entry.value === null ? entry.key : `${entry.key}=${entry.value}`;
}

/** Bytes of one TXT string's data (UTF-8, without the length byte). */
export function txtStringBytes(entry: TxtEntry): number {
  return Buffer.byteLength(txtString(entry), 'utf8');
}

/** The TXT strings of a record, in order, ready for dns-packet's `data` array. */
export function encodeTxt(entries: readonly TxtEntry[]): Buffer[] {
  return entries.map((entry) => Buffer.from(txtString(entry), 'utf8'));
}

/**
 * A TXT string as read off the wire. `empty` marks a zero-length string, which some resolvers
 * (JmDNS among them) treat as the end of all TXT data.
 */
export interface DecodedTxtString {
  readonly raw: Buffer;
  readonly empty: boolean;
  /** The entry, when the string has a key; `null` for an empty string or one starting with `=`. */
  readonly entry: TxtEntry | null;
}

/** Splits each TXT string at its first `=` (RFC 6763 §6.4), keeping wire order. */
export function decodeTxt(strings: readonly (Buffer | string)[]): DecodedTxtString[] {
  return strings.map((item) => {
    const raw = typeof item === 'string' ? Buffer.from(item, 'utf8') : item;
    if (raw.length === 0) {
      return { raw, empty: true, entry: null };
    }

    const equals = raw.indexOf(0x3d);
    if (equals === 0) {
      return { raw, empty: false, entry: null };
    }
    const text = (start: number, end?: number): string => raw.subarray(start, end).toString('utf8');
    const entry: TxtEntry = equals < 0
      ? { key: text(0), value: null }
      : { key: text(0, equals), value: text(equals + 1) };
    return { raw, empty: false, entry };
  });
}
