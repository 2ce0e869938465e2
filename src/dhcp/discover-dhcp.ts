import { NotFoundError } from '../errors.js';
import type { Logger } from '../log.js';

// PLACEHOLDER (until the dhcp branch lands): the contract `discover --method dhcp` codes to.

export interface DhcpDiscoverOptions {
  /** Interface names to ask from; by default every up, non-loopback IPv4 interface. */
  interfaces?: readonly string[] | undefined;
  /** Jitsi waits 10 s. */
  timeoutMs?: number | undefined;
  logger?: Logger | undefined;
}

/** One server's answer carrying option 224. */
export interface DhcpAnswer {
  readonly server: string;
  readonly interface: string;
  readonly uri: string;
  readonly elapsedMs: number;
}

export interface DhcpDiscovery {
  /** The URI Jitsi takes (the first answer with the right xid and option 224), or null. */
  readonly uri: string | null;
  readonly answers: readonly DhcpAnswer[];
  readonly elapsedMs: number;
  readonly warnings: readonly string[];
}

export async function discoverDhcp(_options: DhcpDiscoverOptions = {}): Promise<DhcpDiscovery> {
  throw new NotFoundError('ERR_NOT_FOUND', 'DHCP discovery is not built yet');
}
