import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import { isIPv4 } from 'node:net';

import { InputError, NetworkError } from '../errors.js';

/** An IPv4 subnet, as a DHCP server's configuration names it. */
export interface Ipv4Subnet {
  /** The network address, e.g. 198.51.100.0. */
  readonly network: string;
  readonly prefixLength: number;
  /** The dotted netmask, e.g. 255.255.255.0. */
  readonly netmask: string;
}

/** One IPv4 address of this machine, with the interface and subnet it sits on. */
export interface LocalIpv4 {
  readonly interface: string;
  readonly address: string;
  readonly mac: string;
  readonly subnet: Ipv4Subnet;
}

export function ipv4ToNumber(address: string): number {
  return address.split('.').reduce((sum, part) => sum * 256 + Number(part), 0);
}

export function numberToIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => (value >>> shift) & 255).join('.');
}

function maskOf(prefixLength: number): number {
  return prefixLength === 0 ? 0 : (0xffffffff << (32 - prefixLength)) >>> 0;
}

/** Parses `198.51.100.0/24`; refuses host bits, which ISC dhcpd and Kea refuse too. */
export function parseSubnet(cidr: string): Ipv4Subnet {
  const [address = '', prefixText = '', extra] = cidr.trim().split('/');
  const prefixLength = /^\d{1,2}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (extra !== undefined || !isIPv4(address) || !(prefixLength >= 0 && prefixLength <= 32)) {
    throw new InputError('ERR_INVALID_OPTION',
      `subnet "${cidr}" is not an IPv4 CIDR; write it as e.g. 198.51.100.0/24`);
  }

  const mask = maskOf(prefixLength);
  const network = numberToIpv4((ipv4ToNumber(address) & mask) >>> 0);
  if (network !== address) {
    throw new InputError('ERR_INVALID_OPTION',
      `subnet "${cidr}" has host bits set; did you mean ${network}/${prefixLength}?`);
  }
  return { network, prefixLength, netmask: numberToIpv4(mask) };
}

export function subnetContains(subnet: Ipv4Subnet, address: string): boolean {
  if (!isIPv4(address)) {
    return false;
  }
  const mask = maskOf(subnet.prefixLength);
  return ((ipv4ToNumber(address) & mask) >>> 0) === ipv4ToNumber(subnet.network);
}

/**
 * Parses each CIDR, keeping the first of repeats: Kea and ISC dhcpd both refuse a subnet
 * declared twice. Distinct subnets that overlap are refused, since no server can tell which
 * one a client's address belongs to; throws {@link InputError}.
 */
export function parseSubnets(cidrs: readonly string[]): Ipv4Subnet[] {
  const unique: Ipv4Subnet[] = [];
  for (const subnet of cidrs.map(parseSubnet)) {
    const clash = unique.find((kept) => overlaps(kept, subnet));
    if (clash === undefined) {
      unique.push(subnet);
    } else if (clash.prefixLength !== subnet.prefixLength) {
      throw new InputError('ERR_INVALID_OPTION', `subnets ${cidrOf(clash)} and ` +
        `${cidrOf(subnet)} overlap, which DHCP servers refuse; give only one of them`);
    }
  }
  return unique;
}

function overlaps(a: Ipv4Subnet, b: Ipv4Subnet): boolean {
  return subnetContains(a, b.network) || subnetContains(b, a.network);
}

function cidrOf(subnet: Ipv4Subnet): string {
  return `${subnet.network}/${subnet.prefixLength}`;
}

/**
 * This machine's non-loopback IPv4 addresses, read afresh on each call: an interface may lose
 * its address while we run, and a stale list must not make us answer for it.
 */
export function localIpv4Addresses(): LocalIpv4[] {
  const found: LocalIpv4[] = [];
  for (const [name, entries] of Object.entries(networkInterfaces())) {
    for (const entry of entries ?? []) {
      if (entry.family !== 'IPv4' || entry.internal) {
        continue;
      }
      const prefix = Number(entry.cidr?.split('/')[1] ?? 32);
      const network = numberToIpv4((ipv4ToNumber(entry.address) & maskOf(prefix)) >>> 0);
      const subnet = { network, prefixLength: prefix, netmask: numberToIpv4(maskOf(prefix)) };
      found.push({ interface: name, address: entry.address, mac: entry.mac, subnet });
    }
  }
  return found;
}

type InterfaceTable = NodeJS.Dict<NetworkInterfaceInfo[]>;

/**
 * Refuses an interface that DHCP cannot use, saying which of three reasons holds: it does not
 * exist, it is the loopback (Jitsi never sends its DHCPINFORM from there, and this module skips
 * loopback on purpose), or it has no IPv4 address (DHCPv4 needs one to send from).
 */
export function requireIpv4Interface(name: string, table: InterfaceTable = networkInterfaces()):
  void {
  const entries = table[name];
  if (entries === undefined) {
    throw new InputError('ERR_UNKNOWN_INTERFACE',
      `there is no interface "${name}" here; give one that \`ip link\` lists`);
  }
  if (entries.some((entry) => entry.internal)) {
    throw new InputError('ERR_INVALID_OPTION', `"${name}" is the loopback interface, from ` +
      'which Jitsi never asks for option 224; give the interface of the LAN its clients are on');
  }
  if (!entries.some((entry) => entry.family === 'IPv4')) {
    throw new NetworkError('ERR_NO_INTERFACE', `interface "${name}" has no IPv4 address, which ` +
      'DHCP needs; give it one, or give an interface that `ip -4 addr` lists');
  }
}
