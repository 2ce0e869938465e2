import { isIPv4 } from 'node:net';

import { propertyString, readJmdnsProperties } from './jmdns-properties.js';

/** What JmDNS has gathered for the instance when Jitsi reads it. */
export interface ResolvedInstance {
  readonly scheme: 'https' | 'http';
  readonly port: number;
  /** The TXT strings in wire order; `null` when no TXT record arrived. */
  readonly txt: readonly Buffer[] | null;
  /** Addresses of the SRV target in the order their records arrived (A and AAAA mixed). */
  readonly addresses: readonly string[];
}

export interface JitsiUrls {
  /** The URL Jitsi most likely ends up with, or null when JmDNS would report nothing. */
  readonly url: string | null;
  /** Every URL Jitsi may end up with, depending on which address record JmDNS handles first. */
  readonly urls: readonly string[];
}

/**
 * The URL Jitsi builds from JmDNS's results, byte for byte. JmDNS reports the service as soon as
 * it holds one address, and its `getURL` prefers the first IPv4 address it holds by then. When
 * an AAAA record arrives before every A record, Jitsi reads the IPv6 URL (seen in every run here)
 * unless JmDNS handles the A record first; both are listed, the IPv6 one first, when they
 * differ.
 */
export function jitsiUrls(instance: ResolvedInstance): JitsiUrls {
  const addresses = instance.addresses.filter(isUsableAddress);
  const ipv4 = addresses.find((address) => isIPv4(address));
  const first = addresses[0];
  if (first === undefined) {
    return { url: null, urls: [] };
  }

  const likely = jitsiUrl(instance, first);
  const other = ipv4 === undefined || ipv4 === first ? likely : jitsiUrl(instance, ipv4);
  // A `path` holding an absolute URL hides the address, so both orders give one URL.
  return { url: likely, urls: other === likely ? [likely] : [likely, other] };
}

/** JmDNS refuses an AAAA record holding an IPv4-mapped address (Java makes it an Inet4Address). */
export function isUsableAddress(address: string): boolean {
  return !/^::ffff:[0-9.]+$/i.test(address) && !/^(0*:){5}ffff:/i.test(javaIpv6(address));
}

/** Jitsi's URL for one chosen address. */
export function jitsiUrl(instance: ResolvedInstance, address: string): string {
  const { table } = readJmdnsProperties(instance.txt);
  const names = table.keys();
  let url = jmdnsUrl(instance, address, propertyString(table.get('path')));

  // Copied from Jitsi on purpose: `?` once any property exists, `&` after each entry that has a
  // successor, `path` skipped after the check; hence a trailing `?` or `&` in some URLs.
  if (names.length > 0) {
    url += '?';
  }
  names.forEach((name, index) => {
    if (name === 'path') {
      return;
    }
    url += `${name}=${propertyString(table.get(name)) ?? ''}`;
    if (index < names.length - 1) {
      url += '&';
    }
  });
  return url;
}

/** JmDNS's `getURL(protocol)`: a `path` holding `://` replaces the URL; a `/` is put in front. */
function jmdnsUrl(instance: ResolvedInstance, address: string, path: string | null): string {
  const host = isIPv4(address) ? address : `[${javaIpv6(address)}]`;
  const base = `${instance.scheme}://${host}:${instance.port}`;
  if (path === null) {
    return base;
  }
  if (path.includes('://')) {
    return path;
  }
  return base + (path.startsWith('/') ? path : `/${path}`);
}

/**
 * `Inet6Address.getHostAddress()`: eight groups in lower-case hex without leading zeros and
 * without `::` compression, e.g. `2001:db8:0:0:0:0:0:a`.
 */
export function javaIpv6(address: string): string {
  return ipv6Groups(address).map((group) => group.toString(16)).join(':');
}

function ipv6Groups(address: string): number[] {
  const text = address.replace(/%.*$/, '');
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  let hex = text;
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    const high = ((a << 8) | b).toString(16);
    const low = ((c << 8) | d).toString(16);
    hex = `${text.slice(0, dotted.index)}${high}:${low}`;
  }

  const [head = '', tail] = hex.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = 8 - left.length - right.length;
  const zeros = tail === undefined ? [] : new Array<string>(missing).fill('0');
  return [...left, ...zeros, ...right].map((group) => parseInt(group, 16));
}
