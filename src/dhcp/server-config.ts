import { readFileSync } from 'node:fs';

import Handlebars from 'handlebars';

import { InputError } from '../errors.js';
import { localIpv4Addresses, parseSubnets, type Ipv4Subnet } from './ipv4.js';
import { provisioningUriOption } from './option-224.js';

export const DHCP_SERVERS = ['isc', 'kea', 'dnsmasq'] as const;
export type DhcpServerKind = (typeof DHCP_SERVERS)[number];

export interface ServerConfigOptions {
  server: string;
  /** CIDRs the server answers for; by default the subnets of this machine's IPv4 addresses. */
  subnets?: readonly string[] | undefined;
}

const TEMPLATE_FILES: Record<DhcpServerKind, string> = {
  isc: 'isc.conf.hbs',
  kea: 'kea.json.hbs',
  dnsmasq: 'dnsmasq.conf.hbs',
};

/** Compiled code lives in dist/src/dhcp/; the templates ship beside dist/ in templates/dhcp/. */
const TEMPLATE_FOLDER = new URL('../../../templates/dhcp/', import.meta.url);

/**
 * The configuration that makes `server` answer Jitsi's DHCPINFORM with option 224 on port 6767.
 * Validates everything before rendering; throws {@link InputError}.
 */
export function renderServerConfig(rawUri: string, options: ServerConfigOptions): string {
  const server = checkServer(options.server);
  const { uri } = provisioningUriOption(rawUri);
  const subnets = chooseSubnets(options.subnets);

  const source = readFileSync(new URL(TEMPLATE_FILES[server], TEMPLATE_FOLDER), 'utf8');
  const template = Handlebars.compile(source, { noEscape: true, strict: true });
  const uriQuoted = quoteForConfig(uri);
  return template({ subnets, uriQuoted, uriJson: JSON.stringify(escapeForKea(uri)) });
}

function checkServer(server: string): DhcpServerKind {
  const known = DHCP_SERVERS.find((kind) => kind === server);
  if (known === undefined) {
    throw new InputError('ERR_INVALID_OPTION',
      `--server "${server}" is not one of ${DHCP_SERVERS.join(', ')}`);
  }
  return known;
}

function chooseSubnets(cidrs: readonly string[] | undefined): Ipv4Subnet[] {
  if (cidrs !== undefined && cidrs.length > 0) {
    return parseSubnets(cidrs);
  }

  const own = localIpv4Addresses().map((local) => local.subnet);
  const unique = own.filter((s, i) => own.findIndex((t) => t.network === s.network) === i);
  if (unique.length === 0) {
    throw new InputError('ERR_NO_INTERFACE',
      'this machine has no IPv4 subnet to serve; give the subnet with --subnet 198.51.100.0/24');
  }
  return unique;
}

/**
 * Inside a double-quoted string, dhcpd.conf (conflex.c) and dnsmasq both read `\"` and `\\` as
 * the character itself; nothing else in a URI needs escaping there.
 */
export function quoteForConfig(text: string): string {
  return text.replace(/[\\"]/g, (character) => `\\${character}`);
}

/**
 * Kea splits option data at commas (csv-format), reading `\,` as a comma and `\\` as a
 * backslash; seen with kea-dhcp4 2.2, which cut a URI at its first bare comma.
 */
export function escapeForKea(text: string): string {
  return text.replace(/[\\,]/g, (character) => `\\${character}`);
}
