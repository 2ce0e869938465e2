import { EventEmitter } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';

import { InputError } from '../errors.js';

/** One interface the responder speaks on, with the addresses valid on that link only. */
export interface Link {
  readonly name: string;
  readonly loopback: boolean;
  /** The IPv4 address the link's socket sends from and joins the group on. */
  readonly primary: string;
  readonly ipv4: readonly { readonly address: string; readonly netmask: string }[];
  /** Global and unique-local IPv6 addresses; link-local ones need a scope no record carries. */
  readonly ipv6: readonly string[];
}

/** Linux interface flags from `/sys/class/net/<name>/flags` (include/uapi/linux/if.h). */
const IFF_UP = 0x1;
const IFF_LOOPBACK = 0x8;
const IFF_MULTICAST = 0x1000;

/**
 * Interfaces that usually belong to containers or VMs: their addresses mean nothing on the LAN,
 * so they are left out by default (ciao #76) but can still be named with `--interface`.
 */
const VIRTUAL_NAME = /^(docker|br-|veth|virbr|vnet|cni|flannel|podman|lxcbr|lxdbr)/;

export type FlagReader = (name: string) => number | null;

/** Reads an interface's flags; `null` where sysfs is missing (not Linux), which means unknown. */
export function sysfsFlags(name: string): number | null {
  try {
    return Number.parseInt(readFileSync(`/sys/class/net/${name}/flags`, 'utf8').trim(), 16);
  } catch {
    return null;
  }
}

/** Refuses an interface name this machine does not have, before anything is sent. */
export function checkInterfaceNames(names: readonly string[]): void {
  const known = Object.keys(networkInterfaces());
  for (const name of names) {
    if (!known.includes(name) && !existsSync(`/sys/class/net/${name}`)) {
      throw new InputError('ERR_UNKNOWN_INTERFACE', `there is no interface "${name}" on this ` +
        `machine; pick one of: ${known.join(', ') || '(none)'}`);
    }
  }
}

/**
 * The links to speak on, from one snapshot of `os.networkInterfaces()`. Named interfaces are
 * taken when up; by default every up, multicast-capable interface that is neither loopback
 * nor a container bridge. A link needs an IPv4 address, since the responder speaks IPv4 mDNS.
 */
export function selectLinks(
  snapshot: NodeJS.Dict<NetworkInterfaceInfo[]>,
  wanted: readonly string[] | null,
  flags: FlagReader = sysfsFlags,
): Link[] {
  const links: Link[] = [];
  for (const [name, infos = []] of Object.entries(snapshot)) {
    const bits = flags(name);
    const link = toLink(name, infos, bits);
    if (link && isWanted(link, wanted, bits)) {
      links.push(link);
    }
  }
  return links;
}

function isWanted(link: Link, wanted: readonly string[] | null, flags: number | null): boolean {
  if (flags !== null && (flags & IFF_UP) === 0) {
    return false;
  }
  if (wanted !== null) {
    return wanted.includes(link.name);
  }

  const multicast = flags === null || (flags & IFF_MULTICAST) !== 0;
  return multicast && !link.loopback && !VIRTUAL_NAME.test(link.name);
}

function toLink(name: string, infos: NetworkInterfaceInfo[], flags: number | null): Link | null {
  const ipv4 = infos
    .filter((info) => info.family === 'IPv4')
    .map(({ address, netmask }) => ({ address, netmask }));
  const first = ipv4[0];
  if (first === undefined) {
    return null;
  }

  const loopback = infos.some((info) => info.internal) ||
    (flags !== null && (flags & IFF_LOOPBACK) !== 0);
  const ipv6 = infos
    .filter((info) => info.family === 'IPv6' && !/^fe[89ab]/i.test(info.address))
    .filter((info) => loopback || !info.internal)
    .map((info) => info.address);
  return { name, loopback, primary: first.address, ipv4, ipv6 };
}

/** A stable key for a link's state: a change of it means the link must be re-announced. */
export function linkKey(link: Link): string {
  const v4 = link.ipv4.map((a) => `${a.address}/${a.netmask}`).join(',');
  return `${link.name}|${v4}|${link.ipv6.join(',')}`;
}

/**
 * Follows interfaces and addresses that come and go by polling (Node has no netlink API):
 * emits `change` with the full list of links whenever it differs from the last poll.
 */
export class InterfaceWatch extends EventEmitter<{ change: [Link[]] }> {
  private timer: NodeJS.Timeout | null = null;
  private lastKeys = '';

  constructor(
    private readonly wanted: readonly string[] | null,
    private readonly pollMs: number,
  ) {
    super();
  }

  /** The links right now; also the baseline the next poll compares with. */
  current(): Link[] {
    const links = selectLinks(networkInterfaces(), this.wanted);
    this.lastKeys = links.map(linkKey).join(';');
    return links;
  }

  start(): void {
    // Not unref'd: with every interface gone, this timer is what keeps the advertiser alive
    // until one comes back.
    this.timer = setInterval(() => this.poll(), this.pollMs);
  }

  stop(): void {
    if (this.timer !== null) {
      clearInterval(this.timer);
    }
    this.timer = null;
  }

  private poll(): void {
    const before = this.lastKeys;
    const links = this.current();
    if (this.lastKeys !== before) {
      this.emit('change', links);
    }
  }
}

/** Whether `source` is one of the link's own addresses or inside one of its IPv4 subnets. */
export function isOnLink(source: string, link: Link): boolean {
  const bare = source.replace(/^::ffff:/i, '');
  if (link.ipv6.includes(bare)) {
    return true;
  }

  const value = ipv4Number(bare);
  if (value === null) {
    return false;
  }
  return link.ipv4.some(({ address, netmask }) => {
    const base = ipv4Number(address);
    const mask = ipv4Number(netmask);
    return base !== null && mask !== null && ((base ^ value) & mask) >>> 0 === 0;
  });
}

function ipv4Number(address: string): number | null {
  const parts = address.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) {
    return null;
  }
  return parts.reduce((sum, part) => sum * 256 + part, 0) >>> 0;
}
