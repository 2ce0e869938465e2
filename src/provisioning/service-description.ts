import { isIP } from 'node:net';

import { InputError } from '../errors.js';
import { checkFitsOnePacket } from '../dns/records.js';
import { TXT_STRING_MAX_BYTES, txtStringBytes, type TxtEntry } from '../dns/txt.js';
import { checkLiteralSecrets } from './literal-secrets.js';
import { parseProvisioningUri, type ProvisioningUri, type QueryParameter } from
  './provisioning-uri.js';

/** The instance name Jitsi asks for, exactly; a renamed instance is never found. */
export const INSTANCE_NAME = 'Provisioning URL';
export const DEFAULT_HOST_NAME = 'provisioning.local';

export type ServiceType = '_https._tcp' | '_http._tcp';

/**
 * Where the host name's addresses come from: fixed addresses (the URI's IP host or `--address`),
 * or this machine's own address on each interface it speaks on.
 */
export type AddressPlan =
  | { readonly kind: 'fixed'; readonly addresses: readonly string[] }
  | { readonly kind: 'own'; readonly ipv6: boolean };

/**
 * What to publish for one provisioning URI: the single description that the mDNS responder, the
 * Avahi writer and the DHCP writer all read. All validation happens while building it.
 */
export interface ServiceDescription {
  readonly uri: ProvisioningUri;
  readonly instanceName: string;
  readonly serviceType: ServiceType;
  readonly port: number;
  /** `path` first, then one entry per query parameter in the URI's order. */
  readonly txt: readonly TxtEntry[];
  /** A `.local` name without the trailing dot, e.g. `provisioning.local`. */
  readonly hostName: string;
  readonly addresses: AddressPlan;
}

export interface DescribeOptions {
  hostName?: string | undefined;
  /** `--address`, repeatable: overrides the addresses the URI would give. */
  addresses?: readonly string[] | undefined;
  /** Publish this machine's IPv6 addresses too (only used when the addresses are our own). */
  ipv6?: boolean | undefined;
}

/** Parses the URI and derives everything to publish for it; throws {@link InputError}. */
export function describeService(rawUri: string, options: DescribeOptions = {}): ServiceDescription {
  const uri = parseProvisioningUri(rawUri);
  const txt = [{ key: 'path', value: txtPath(uri) }, ...uri.query.map(txtParameter)];
  checkQuery(uri);
  checkTxt(txt);

  const description: ServiceDescription = {
    uri,
    instanceName: INSTANCE_NAME,
    serviceType: uri.scheme === 'https' ? '_https._tcp' : '_http._tcp',
    port: uri.port,
    txt,
    hostName: checkHostName(options.hostName ?? DEFAULT_HOST_NAME),
    addresses: addressPlan(uri, options),
  };
  checkFitsOnePacket(description);
  return description;
}

/**
 * The TXT `path`: the URI's path for an IP host. For a DNS-name host, the absolute URL, because
 * Jitsi lets a `path` holding `://` replace the whole URL: it then connects by name and a normal
 * certificate matches, where `https://<ip>` would need the IP in the certificate.
 */
function txtPath(uri: ProvisioningUri): string {
  const path = uri.path === '' ? '/' : uri.path;
  if (uri.hostIpVersion !== 0) {
    return path;
  }

  const port = uri.explicitPort === null ? '' : `:${uri.explicitPort}`;
  return `${uri.scheme}://${uri.host}${port}${path}`;
}

/**
 * A parameter written without `=` goes out as `name=`: JmDNS reads a bare `name` as the value
 * `true`, so Jitsi would send `name=true`; with `name=` the script gets the empty value that
 * `?name` gives it too.
 */
function txtParameter(parameter: QueryParameter): TxtEntry {
  return { key: parameter.key, value: parameter.value ?? '' };
}

function checkQuery(uri: ProvisioningUri): void {
  checkLiteralSecrets(uri, 'mdns');
  const seen = new Set<string>();
  for (const { key } of uri.query) {
    // RFC 6763 §6.4: keys compare case-insensitively, and JmDNS keeps only one value per key.
    const folded = key.toLowerCase();
    if (folded === 'path') {
      throw new InputError('ERR_INVALID_URI', 'a query parameter named "path" cannot travel ' +
        'over mDNS (Jitsi reads TXT "path" as the URL path); rename it in your script');
    }
    if (seen.has(folded)) {
      throw new InputError('ERR_INVALID_URI', `query parameter "${key}" appears twice; ` +
        'Jitsi would keep only one of them, so give each parameter once');
    }
    seen.add(folded);
  }
}

function checkTxt(txt: readonly TxtEntry[]): void {
  for (const entry of txt) {
    const bytes = txtStringBytes(entry);
    if (bytes > TXT_STRING_MAX_BYTES) {
      throw new InputError('ERR_TXT_TOO_LONG', `TXT entry "${entry.key}" is ${bytes} bytes, over ` +
        `the ${TXT_STRING_MAX_BYTES} one TXT string can hold (RFC 6763 §6.1); shorten it`);
    }
  }
}

const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;

function checkHostName(name: string): string {
  const trimmed = name.replace(/\.$/, '');
  const labels = trimmed.split('.');
  if (labels.at(-1)?.toLowerCase() !== 'local' || labels.length < 2) {
    throw new InputError('ERR_INVALID_OPTION', `host name "${name}" is not a .local name; ` +
      'mDNS answers only for .local, so use e.g. provisioning.local');
  }
  if (!labels.every((label) => LABEL.test(label))) {
    throw new InputError('ERR_INVALID_OPTION', `host name "${name}" has an invalid label; ` +
      'use letters, digits and hyphens, e.g. provisioning.local');
  }
  return trimmed;
}

function addressPlan(uri: ProvisioningUri, options: DescribeOptions): AddressPlan {
  const fixed = options.addresses?.length ? options.addresses : uri.hostIpVersion ? [uri.host] : [];
  if (fixed.length === 0) {
    return { kind: 'own', ipv6: options.ipv6 ?? false };
  }

  for (const address of fixed) {
    checkAddress(address);
  }
  return { kind: 'fixed', addresses: uniqueAddresses(fixed) };
}

/** Keeps the first of addresses that are the same however typed: a repeat would be a second A. */
function uniqueAddresses(addresses: readonly string[]): string[] {
  const seen = new Set<string>();
  return addresses.filter((address) => {
    const key = canonicalAddress(address);
    const fresh = !seen.has(key);
    seen.add(key);
    return fresh;
  });
}

/** `2001:DB8:0::1` and `2001:db8::1` are one address; the URL parser writes IPv6 one way. */
function canonicalAddress(address: string): string {
  if (isIP(address) !== 6 || address.includes('%')) {
    return address.toLowerCase();
  }
  return new URL(`http://[${address}]/`).hostname;
}

function checkAddress(address: string): void {
  if (!isIP(address)) {
    throw new InputError('ERR_INVALID_OPTION', `"${address}" is not an IP address`);
  }
  if (/^::ffff:/i.test(address)) {
    throw new InputError('ERR_INVALID_OPTION', `"${address}" is an IPv4-mapped IPv6 address, ` +
      'which JmDNS refuses; give the plain IPv4 address instead');
  }
  if (isLinkLocal(address)) {
    throw new InputError('ERR_INVALID_OPTION', `"${address}" is link-local (RFC 3927, ` +
      'RFC 4291 §2.5.6): it means nothing off its own link and carries no zone in an A/AAAA ' +
      'record, so Jitsi could not reliably connect to it; give a routable address');
  }
}

function isLinkLocal(address: string): boolean {
  return isIP(address) === 4 ? address.startsWith('169.254.') : /^fe[89ab][0-9a-f]:/i.test(address);
}
