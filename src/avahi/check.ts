import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

import { TXT_STRING_MAX_BYTES, decodeTxt, type TxtEntry } from '../dns/txt.js';
import { sameName } from '../dns/names.js';
import { INSTANCE_NAME } from '../provisioning/service-description.js';
import { errorCode, readTextOrNull, reason } from '../files/atomic-write.js';
import { bomNote, canonicalAddress, parseHosts, type HostsLine } from './hosts-file.js';
import { parseServiceXml, type ParsedService, type ParsedServiceGroup } from './service-xml.js';

export interface CheckProblem {
  readonly severity: 'error' | 'warning';
  readonly file: string;
  readonly message: string;
}

/**
 * What Jitsi would get from one published service: the pieces its URL is built from. Turning
 * them into Jitsi's exact URL is the discover feature's job (`src/discover/jitsi-url.ts`); pass
 * its builder as `buildUrl` and `url` is filled in.
 */
export interface JitsiView {
  readonly file: string;
  readonly scheme: 'https' | 'http';
  readonly port: number;
  /** `null`: the SRV target is Avahi's own host name, answered with this machine's addresses. */
  readonly hostName: string | null;
  /**
   * Addresses the hosts file gives the host name; empty for Avahi's own name, and for another
   * name no hosts line gives an address (then JmDNS never completes the service).
   */
  readonly addresses: readonly string[];
  /** TXT entries in wire order (JmDNS reorders the parameters; the URL builder knows how). */
  readonly txt: readonly TxtEntry[];
  /** The TXT strings exactly as Avahi sends them, for a builder that reads them like JmDNS. */
  readonly txtWire: readonly Buffer[];
  readonly url: string | null;
}

type Report = (severity: CheckProblem['severity'], message: string) => void;

export type JitsiUrlBuilder = (view: Omit<JitsiView, 'url'>) => string | null;

export interface AvahiCheckReport {
  readonly services: readonly JitsiView[];
  readonly problems: readonly CheckProblem[];
}

const JITSI_TYPES: Record<string, 'https' | 'http'> = {
  '_https._tcp': 'https',
  '_http._tcp': 'http',
};

export interface CheckOptions {
  /** Avahi's own `<hostname>.local`: a service naming it needs no hosts line. */
  readonly ownHostName?: string;
}

/** Reads `<dir>/services/*.service` and `<dir>/hosts` as Avahi would, and reports. */
export async function checkAvahiDir(
  dir: string,
  buildUrl?: JitsiUrlBuilder,
  options: CheckOptions = {},
): Promise<AvahiCheckReport> {
  const problems: CheckProblem[] = [];
  const hostsPath = join(dir, 'hosts');
  const hosts = parseHosts((await readTextOrNull(hostsPath)) ?? '');
  problems.push(...checkHostsLines(hostsPath, hosts));

  const services: JitsiView[] = [];
  for (const file of await serviceFiles(dir, problems)) {
    const text = (await readTextOrNull(file)) ?? '';
    for (const view of checkServiceFile(file, text, { hosts, ...options }, problems)) {
      services.push({ ...view, url: buildUrl?.(view) ?? null });
    }
  }

  problems.push(...checkCollisions(services));
  if (services.length === 0) {
    problems.push({ severity: 'error', file: join(dir, 'services'), message: 'no service ' +
      `named "${INSTANCE_NAME}" of type _https._tcp or _http._tcp: Jitsi would find nothing` });
  }
  return { services, problems };
}

async function serviceFiles(dir: string, problems: CheckProblem[]): Promise<string[]> {
  const folder = join(dir, 'services');
  try {
    const names = await readdir(folder);
    return names.filter((name) => name.endsWith('.service')).sort().map((n) => join(folder, n));
  } catch (error) {
    const what = errorCode(error) === 'ENOENT' ? 'does not exist' : `unreadable: ${reason(error)}`;
    problems.push({ severity: 'error', file: folder, message: `the folder ${what}` });
    return [];
  }
}

interface NameSources extends CheckOptions {
  readonly hosts: readonly HostsLine[];
}

function checkServiceFile(
  file: string,
  text: string,
  names: NameSources,
  problems: CheckProblem[],
): Omit<JitsiView, 'url'>[] {
  const report: Report = (severity, message) => {
    problems.push({ severity, file, message });
  };
  const parsed = parseServiceXml(text);
  if (!parsed.ok) {
    const where = parsed.line === null ? '' : ` at line ${parsed.line}`;
    report('error', `Avahi skips this whole file: XML error${where}: ${parsed.message} ` +
      '(write & < > " \' as &amp; &lt; &gt; &quot; &apos;)');
    return [];
  }

  const { group } = parsed;
  for (const element of group.padded) {
    report('error', `<${element}> has white space around its text, which Avahi keeps; ` +
      'write the element on one line without padding');
  }
  const relevant = group.services.filter((s) => s.type !== null && s.type in JITSI_TYPES);
  if (relevant.length === 0 || !isJitsiName(group, report)) {
    return [];
  }
  return relevant.map((service) => serviceView(file, service, names, report));
}

/**
 * Jitsi asks for one instance name, exactly. `replace-wildcards` only expands `%h`, so a name
 * without it is published as written.
 */
function isJitsiName(group: ParsedServiceGroup, report: Report): boolean {
  if (group.name === INSTANCE_NAME) {
    return true;
  }
  const wildcards = group.replaceWildcards && group.name?.includes('%h') ? ' (with %h)' : '';
  report('error', `the service is named "${group.name ?? ''}"${wildcards}; Jitsi asks only ` +
    `for exactly "${INSTANCE_NAME}"`);
  return false;
}

function serviceView(
  file: string,
  service: ParsedService,
  names: NameSources,
  report: Report,
): Omit<JitsiView, 'url'> {
  const port = Number(service.port);
  if (!/^\d+$/.test(service.port ?? '') || port < 1 || port > 65535) {
    report('error', `<port> "${service.port ?? ''}" is not a port from 1 to 65535`);
  }

  const txt = checkTxt(service.txt, report);
  const own = names.ownHostName !== undefined && service.hostName !== null &&
    sameName(service.hostName, names.ownHostName);
  const hostName = own ? null : service.hostName;
  const addresses = hostName === null ? [] : addressesOf(hostName, names.hosts);
  if (hostName !== null && addresses.length === 0) {
    report('warning', `no hosts line gives ${hostName} an address; unless another machine ` +
      'publishes it, JmDNS never completes the service and Jitsi finds nothing');
  }
  if (addresses.some((address) => /^::ffff:/i.test(address))) {
    report('error', `${hostName ?? ''} has an IPv4-mapped IPv6 address, which JmDNS refuses`);
  }

  const scheme = JITSI_TYPES[service.type ?? ''] ?? 'http';
  const txtWire = service.txt.map((text) => Buffer.from(text, 'utf8'));
  return { file, scheme, port, hostName, addresses, txt, txtWire };
}

function checkTxt(
  strings: readonly string[],
  report: Report,
): TxtEntry[] {
  const decoded = decodeTxt(strings);
  decoded.forEach((item, index) => {
    if (item.empty) {
      report('error', `txt-record ${index + 1} is empty; JmDNS then drops every TXT entry`);
    } else if (item.raw.length > TXT_STRING_MAX_BYTES) {
      report('error', `txt-record ${index + 1} is ${item.raw.length} bytes, over ` +
        `${TXT_STRING_MAX_BYTES} (RFC 6763 §6.1)`);
    } else if (item.entry === null) {
      report('error', `txt-record ${index + 1} starts with "=" and has no key`);
    }
  });

  const entries = decoded.flatMap((item) => (item.entry === null ? [] : [item.entry]));
  if (!entries.some((entry) => entry.key.toLowerCase() === 'path')) {
    report('warning', 'no txt-record "path=…"; Jitsi would ask for the server\'s root "/"');
  }
  return entries;
}

/** The addresses Avahi loads for the name: lines after a bad one are never read. */
function addressesOf(hostName: string, hosts: readonly HostsLine[]): string[] {
  const bad = hosts.findIndex((line) => line.bad);
  const read = bad < 0 ? hosts : hosts.slice(0, bad);
  return read.flatMap((line) => (line.entry !== null && sameName(line.entry.hostName, hostName)
    ? [line.entry.address] : []));
}

/**
 * Two files (or services) publishing our instance with one type: avahi-daemon fails one of them
 * with "Local name collision", and which one depends on the order it reads the folder in.
 */
function checkCollisions(services: readonly JitsiView[]): CheckProblem[] {
  const problems: CheckProblem[] = [];
  for (const [index, view] of services.entries()) {
    const first = services.slice(0, index).find((earlier) => earlier.scheme === view.scheme);
    if (first === undefined) {
      continue;
    }
    problems.push({ severity: 'error', file: view.file, message: `${first.file} and ` +
      `${view.file} both publish "${INSTANCE_NAME}" of _${view.scheme}._tcp; avahi-daemon ` +
      'fails one with "Local name collision" and which wins depends on file order; remove one' });
  }
  return problems;
}

/** Avahi stops at a bad line, and one address with two names is a "Local name collision". */
function checkHostsLines(file: string, lines: readonly HostsLine[]): CheckProblem[] {
  const problems: CheckProblem[] = [];
  const bad = lines.find((line) => line.bad);
  if (bad !== undefined) {
    problems.push({ severity: 'error', file, message: `line ${bad.number} is not "address ` +
      `name"${bomNote(bad)}; Avahi stops reading the file there and ignores every line after it` });
  }

  const names = new Map<string, string>();
  const read = bad === undefined ? lines : lines.slice(0, bad.number - 1);
  for (const line of read) {
    if (line.entry === null) {
      continue;
    }
    const { address, hostName } = line.entry;
    const key = canonicalAddress(address);
    const earlier = names.get(key);
    if (earlier !== undefined && !sameName(earlier, hostName)) {
      problems.push({ severity: 'error', file, message: `line ${line.number} gives ${address} ` +
        `a second name (${hostName} after ${earlier}): Avahi fails with "Local name collision"` });
    }
    names.set(key, earlier ?? hostName);
  }
  return problems;
}
