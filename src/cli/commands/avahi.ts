import { hostname, networkInterfaces } from 'node:os';

import { Option } from 'commander';

import { EXIT_CODES, InputError } from '../../errors.js';
import { checkAvahiDir, type AvahiCheckReport } from '../../avahi/check.js';
import { jitsiViewUrl } from '../../avahi/jitsi-view-url.js';
import { installAvahiFiles } from '../../avahi/install.js';
import { reloadAvahi } from '../../avahi/reload.js';
import { avahiFiles, renderHostsLines, type AvahiFiles } from '../../avahi/service-file.js';
import { mergeHosts } from '../../avahi/hosts-file.js';
import { sameName } from '../../dns/names.js';
import { describeService } from '../../provisioning/service-description.js';
import type { Output } from '../output.js';
import type { CommandContext, RegisterCommand } from '../main.js';
import { logUriWarnings } from '../uri-warnings.js';

interface AvahiOptions {
  hostName?: string;
  address?: string[];
  ipv6?: boolean;
  hosts: boolean;
  out?: string;
  force?: boolean;
  reload?: boolean;
  check?: string;
}

const HELP = `
Host name and addresses:
  An IP host in the URI, or --address, goes into a hosts line "<address> <host name>".
  A DNS-name host without --address means "this machine": the service file then names no
  <host-name>, so Avahi answers with its own <hostname>.local and this machine's addresses,
  and no hosts line is written (a second name for one of this machine's addresses fails in
  Avahi with "Local name collision"). --no-hosts does the same for an IP host: give
  --host-name <this host>.local --no-hosts when the URI's address is this machine's own.

Examples:
  jitsi-provisioning avahi 'https://198.51.100.7/prov.php?user=\${username}'
  jitsi-provisioning avahi 'https://prov.example.com/p.php' --out /etc/avahi --reload
  jitsi-provisioning avahi --check /etc/avahi
`;

export const registerAvahi: RegisterCommand = (program, context) => {
  program
    .command('avahi')
    .description('write an Avahi service file and hosts lines that publish the provisioning URI')
    .argument('[uri]', 'the provisioning URI, as typed into Jitsi')
    .option('--host-name <name>', 'the .local name the service points at (provisioning.local)')
    .option('--address <ip>', 'publish this address for the host name (repeatable)', collect)
    .option('--ipv6', 'announce over IPv6 too when the addresses are this machine\'s own')
    .option('--no-hosts', 'write no hosts line: the host name is Avahi\'s own')
    .option('--out <dir>', 'write <dir>/services/provisioning.service and merge <dir>/hosts')
    .option('--force', 'replace a provisioning.service we did not write (a backup is kept)')
    .option('--reload', 'ask the running avahi-daemon to reload (avahi-daemon -r); with --out')
    .addOption(new Option('--check <dir>', 'report what Jitsi would get from existing files')
      .conflicts(['out', 'reload', 'force']))
    .addHelpText('after', HELP)
    .action(async (uri: string | undefined, options: AvahiOptions) => {
      await runAvahi(uri, options, context);
    });
};

async function runAvahi(uri: string | undefined, options: AvahiOptions, context: CommandContext) {
  const output = context.output();
  if (options.check !== undefined && uri !== undefined) {
    throw new InputError('ERR_INVALID_OPTION', 'give either a URI to write files for, or --check');
  }
  if (options.check !== undefined) {
    await runCheck(options.check, output, context);
    return;
  }
  if (uri === undefined) {
    throw new InputError('ERR_INVALID_OPTION', 'give the provisioning URI, or --check <dir>');
  }
  if (options.reload && options.out === undefined) {
    throw new InputError('ERR_INVALID_OPTION', '--reload needs --out <dir> (the files to load)');
  }

  const description = describeService(uri, {
    hostName: options.hostName, addresses: options.address, ipv6: options.ipv6,
  });
  const files = avahiFiles(description, {
    noHosts: !options.hosts, hostNameGiven: options.hostName !== undefined,
  });
  logUriWarnings(output.logger, description.uri);
  warnAboutAddresses(description.uri.hostIpVersion, files, output);
  warnAboutNoAddress(files, output);
  if (options.out === undefined) {
    printFiles(files, output);
    return;
  }
  await writeFiles(options.out, files, options, output);
}

async function runCheck(dir: string, output: Output, context: CommandContext): Promise<void> {
  const report = await checkAvahiDir(dir, jitsiViewUrl, { ownHostName: ownHostName() });
  printReport(report, output);
  const failed = report.problems.some((problem) => problem.severity === 'error');
  context.setExitCode(failed ? EXIT_CODES.ERR_AVAHI_CHECK : 0);
}

/** Two outcomes seen with JmDNS against real Avahi that the operator should know about. */
function warnAboutAddresses(hostIpVersion: number, files: AvahiFiles, output: Output): void {
  if (files.protocol === 'ipv6') {
    output.logger.log('warn', 'the service is announced over IPv6 mDNS only; a Jitsi whose ' +
      'JmDNS listens over IPv4 will not find it (give an IPv4 --address too)');
  }
  if (hostIpVersion !== 0 && files.hosts.length === 0) {
    output.logger.log('warn', `Jitsi connects to whichever address of ${files.serviceHostName} ` +
      'JmDNS lists first (Avahi publishes IPv6 ones over IPv4 too), so an https certificate ' +
      'must cover them all; a URI with a DNS name avoids this');
  }
}

/**
 * A service pointing at a name that no hosts line gives an address and that is not Avahi's own
 * name resolves to nothing unless another machine publishes that name: JmDNS never completes it.
 */
function warnAboutNoAddress(files: AvahiFiles, output: Output): void {
  const name = files.serviceHostName;
  if (name === null || files.hosts.length > 0 || sameName(name, ownHostName())) {
    return;
  }
  output.logger.log('warn', `nothing here gives ${name} an address (no hosts line, and it is ` +
    `not this machine's name ${ownHostName()}); give --address, unless another machine ` +
    'publishes that name');
}

function printFiles(files: AvahiFiles, output: Output): void {
  const lines = renderHostsLines(files.hosts);
  try {
    mergeHosts('', files.hosts, { localAddresses: localAddresses(), ownHostName: ownHostName() });
  } catch (error) {
    output.logger.log('warn', `on this machine: ${(error as Error).message}`);
  }

  const hostsText = lines.length === 0
    ? ''
    : `\n# Lines for /etc/avahi/hosts:\n${lines.join('\n')}\n`;
  output.result(`${files.service}${hostsText}`.replace(/\n$/, ''),
    { service: files.service, hosts: lines });
}

async function writeFiles(dir: string, files: AvahiFiles, options: AvahiOptions, output: Output) {
  const result = await installAvahiFiles(dir, files, {
    force: options.force ?? false,
    localAddresses: localAddresses(),
    ownHostName: ownHostName(),
    logger: output.logger,
  });
  const changed = result.serviceChanged || result.hostsChanged;
  output.result(changed ? `updated ${dir}` : `${dir} is up to date; nothing changed`, result);

  if (options.reload) {
    const how = await reloadAvahi();
    output.logger.log('info', `asked avahi-daemon to reload (${how})`);
  }
}

function printReport(report: AvahiCheckReport, output: Output): void {
  const lines: string[] = [];
  for (const view of report.services) {
    const host = view.hostName ?? "Avahi's own host name";
    const where = view.addresses.length ? ` (${view.addresses.join(', ')})` : '';
    lines.push(`${view.file}: ${view.scheme} ${host}${where} port ${view.port}`);
    lines.push(...view.txt.map((e) => `  txt ${e.key}${e.value === null ? '' : `=${e.value}`}`));
    if (view.hostName !== null && view.addresses.length === 0) {
      lines.push(`  Jitsi would get: nothing (${view.hostName} has no address)`);
    } else if (view.url !== null) {
      lines.push(`  Jitsi would get: ${view.url}`);
    }
  }
  for (const problem of report.problems) {
    lines.push(`${problem.severity}: ${problem.file}: ${problem.message}`);
  }
  // The wire bytes are for a URL builder; JSON readers get the decoded entries.
  const services = report.services.map(({ txtWire, ...view }) => ({ ...view, txtBytes:
    txtWire.map((raw) => raw.length) }));
  output.result(lines.join('\n'), { ...report, services });
}

/** This machine's addresses: Avahi publishes them under its own name already. */
function localAddresses(): string[] {
  return Object.values(networkInterfaces()).flatMap((list) =>
    (list ?? []).map((item) => item.address));
}

function ownHostName(): string {
  return `${hostname().split('.')[0] ?? 'this-host'}.local`;
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
