import { readFileSync } from 'node:fs';

/**
 * Which link Jitsi's DHCPINFORMs actually leave by. Jitsi sends every DHCPINFORM, whatever
 * ciaddr it carries, through one socket bound to 0.0.0.0:6768; Linux then routes the limited
 * broadcast like any other destination, through the default route's interface. We send one
 * per address (so discover hears every server), and use this to say which answers Jitsi misses.
 */

/** The interface of the lowest-metric IPv4 default route in /proc/net/route text, or null. */
export function defaultRouteInterface(procNetRoute: string): string | null {
  let best: { iface: string; metric: number } | null = null;
  for (const line of procNetRoute.split('\n').slice(1)) {
    const [iface, destination, , , , , metricText, mask] = line.trim().split(/\s+/);
    if (iface === undefined || destination !== '00000000' || mask !== '00000000') {
      continue;
    }
    const metric = Number(metricText);
    if (best === null || metric < best.metric) {
      best = { iface, metric };
    }
  }
  return best?.iface ?? null;
}

/** This machine's default-route interface, or null when it has none (or no /proc). */
export function jitsiDhcpInterface(): string | null {
  try {
    return defaultRouteInterface(readFileSync('/proc/net/route', 'utf8'));
  } catch {
    return null;
  }
}

/** Warnings about answers Jitsi would not hear, given the link its DHCPINFORM leaves by. */
export function routeWarnings(jitsiInterface: string | null, answeredOn: readonly string[]):
string[] {
  if (jitsiInterface === null) {
    return ['this machine has no IPv4 default route: Jitsi sends its DHCPINFORM to ' +
      '255.255.255.255 through the default route, so its send fails (network unreachable) ' +
      'and it never asks; discover asked from each address instead'];
  }
  return [...new Set(answeredOn)].filter((iface) => iface !== jitsiInterface).map((iface) =>
    `the answer on ${iface} would not reach Jitsi: Jitsi sends every DHCPINFORM out of ` +
    `${jitsiInterface} (the default route's interface), never out of ${iface}`);
}
