import { networkInterfaces } from 'node:os';

import { discoverMdns } from '../discover/discover-mdns.js';
import type { DiscoveryResult } from '../discover/result.js';
import { startAdvertiser } from '../advertise/responder.js';
import { InputError } from '../errors.js';
import { silentLogger, type Logger } from '../log.js';
import { describeService, type ServiceDescription } from '../provisioning/service-description.js';

/** The URI `npm start` advertises: a DNS-name host, so the URL keeps its name and certificate. */
export const EXAMPLE_URI =
  'https://prov.example.com/provisioning.php?user=${username}&pass=${password}&mac=${hwaddr}';

/** The loopback interface: the self-test speaks there only, so no network sees it. */
export const LOOPBACK = 'lo';

export interface SelftestOptions {
  uri?: string | undefined;
  interface?: string | undefined;
  logger?: Logger | undefined;
}

export interface SelftestResult {
  readonly uri: string;
  readonly description: ServiceDescription;
  readonly discovery: DiscoveryResult;
  /** True when the URL Jitsi would get carries the URI's server, path and parameters. */
  readonly passed: boolean;
  /** Why it did not pass; empty when it did. */
  readonly problems: readonly string[];
}

/**
 * The whole chain on loopback: advertise the URI, resolve it the way Jitsi does, and compare
 * the URL Jitsi would get with the URI. The advertisement says goodbye before this returns.
 */
export async function runSelftest(options: SelftestOptions = {}): Promise<SelftestResult> {
  const uri = options.uri ?? EXAMPLE_URI;
  const logger = options.logger ?? silentLogger;
  const iface = options.interface ?? LOOPBACK;
  checkLoopback(iface);
  const description = describeService(uri);
  logger.log('info', `advertising ${uri} on ${iface} only`);

  const advertiser = startAdvertiser(description, { interfaces: [iface], logger });
  let discovery: DiscoveryResult;
  try {
    await advertiser.ready;
    discovery = await discoverMdns({ interfaces: [iface], logger });
  } finally {
    await advertiser.stop();
  }

  const problems = compareWithUri(description, discovery);
  return { uri, description, discovery, passed: problems.length === 0, problems };
}

/** The self-test promises no effect on any network: it refuses any interface but a loopback. */
function checkLoopback(name: string): void {
  const addresses = networkInterfaces()[name];
  if (addresses === undefined || addresses.length === 0 || !addresses.every((a) => a.internal)) {
    throw new InputError('ERR_INVALID_OPTION', `"${name}" is not a loopback interface that is ` +
      'up; selftest speaks on loopback only (use advertise to speak on a network)');
  }
}

/**
 * Jitsi's URL matches the URI when the part before `?` is the URI's (for an IP host: the same
 * scheme, address and path) and it carries the same parameters; their order is JmDNS's own.
 */
export function compareWithUri(description: ServiceDescription, found: DiscoveryResult): string[] {
  if (found.url === null) {
    return ['Jitsi would find no provisioning URL on loopback'];
  }

  const [base = '', query = ''] = splitOnce(found.url, '?');
  const { uri } = description;
  const expectedBase = uri.hostIpVersion === 0
    ? description.txt[0]?.value ?? ''
    : `${uri.scheme}://${uri.hostIpVersion === 6 ? `[${uri.host}]` : uri.host}:${uri.port}` +
      (uri.path === '' ? '/' : uri.path);
  const problems: string[] = [];
  if (base !== expectedBase && uri.hostIpVersion !== 6) {
    problems.push(`Jitsi would request ${base}, not ${expectedBase}`);
  }

  // The description's TXT entries after `path`: what the URI's parameters became on the wire.
  const wanted = description.txt.slice(1).map(({ key, value }) => `${key}=${value ?? 'true'}`);
  const got = query.split('&').filter((part) => part !== '');
  for (const parameter of wanted) {
    if (!got.includes(parameter)) {
      problems.push(`the parameter ${parameter} does not reach Jitsi`);
    }
  }
  return problems;
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + 1)];
}
