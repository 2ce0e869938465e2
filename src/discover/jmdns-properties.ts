import { decodeTxt } from '../dns/txt.js';
import { JavaHashtable } from './java-hashtable.js';

/**
 * A TXT record read the way JmDNS reads it into a service's properties, so that discover sees
 * the parameters Jitsi sees (copied from JmDNS on purpose: a stricter reading would show the
 * operator a URL Jitsi never requests).
 */

/** A property JmDNS stores for a key written without `=`; Jitsi then reads the value `true`. */
export const NO_VALUE: unique symbol = Symbol('no value');

export type PropertyValue = Buffer | typeof NO_VALUE;

export interface JmdnsProperties {
  readonly table: JavaHashtable<PropertyValue>;
  /** True when a zero-length string made JmDNS drop every entry of the record. */
  readonly droppedAll: boolean;
}

/**
 * Reads TXT strings in wire order into a Hashtable: each string splits at its first `=`; a string
 * without `=` is a key with no value; a later duplicate key replaces the value (case-sensitive);
 * a zero-length string empties the table and ends the reading. A missing TXT record reads as a
 * single zero-length string, which yields no properties.
 */
export function readJmdnsProperties(strings: readonly Buffer[] | null): JmdnsProperties {
  const table = new JavaHashtable<PropertyValue>();
  const decoded = decodeTxt(strings === null || strings.length === 0 ? [Buffer.alloc(0)] : strings);

  for (const item of decoded) {
    if (item.empty) {
      table.clear();
      return { table, droppedAll: strings !== null && strings.length > 0 };
    }

    // decodeTxt gives no entry for a string starting with `=`; JmDNS keeps it under key "".
    const entry = item.entry ?? { key: '', value: item.raw.subarray(1).toString('utf8') };
    const equals = item.raw.indexOf(0x3d);
    table.put(entry.key, entry.value === null ? NO_VALUE : item.raw.subarray(equals + 1));
  }
  return { table, droppedAll: false };
}

/** `ServiceInfo.getPropertyString`: `true` for a key without value, else the UTF-8 text. */
export function propertyString(value: PropertyValue | undefined): string | null {
  if (value === undefined) {
    return null;
  }
  return value === NO_VALUE ? 'true' : value.toString('utf8');
}
