import type { Responder } from './collector.js';
import type { DiscoveryWarning } from './warnings.js';

/** The instance as Jitsi's JmDNS resolved it. */
export interface DiscoveredService {
  readonly name: string;
  /** `_https._tcp.local` or `_http._tcp.local`. */
  readonly type: string;
  /** The SRV target. */
  readonly host: string;
  readonly port: number;
  /** The target's addresses in the order JmDNS handled them. */
  readonly addresses: readonly string[];
  /** The TXT strings in wire order, as UTF-8 text; empty when no TXT record arrived. */
  readonly txt: readonly string[];
}

/** One wait for one service type, the way Jitsi waits. */
export interface DiscoveryStep {
  readonly type: string;
  readonly found: boolean;
  readonly elapsedMs: number;
}

/** A responder that answered for the instance, with what it said. */
export interface ResponderReport extends Responder {
  readonly interface: string;
  /** True when its data differs from another responder's: a rogue or stale advertiser. */
  readonly conflicting: boolean;
}

/** The answer to "what does Jitsi see, and why". */
export interface DiscoveryResult {
  /** The URL Jitsi most likely requests, or null when it finds nothing. */
  readonly url: string | null;
  /** Every URL Jitsi may end up with (more than one when it depends on timing). */
  readonly urls: readonly string[];
  readonly method: 'mdns' | 'dhcp';
  readonly service: DiscoveredService | null;
  readonly responders: readonly ResponderReport[];
  readonly steps: readonly DiscoveryStep[];
  /** Time from the first question to the URL (or to the end of the last wait). */
  readonly elapsedMs: number;
  /** Time spent opening sockets before the first question (not part of `elapsedMs`). */
  readonly setupMs?: number;
  readonly warnings: readonly DiscoveryWarning[];
}
