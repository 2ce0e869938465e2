import { createInterface } from 'node:readline/promises';

import { Option, type Command } from 'commander';

import { discoverDhcpResult } from '../../discover/dhcp-result.js';
import { discoverMdns, JITSI_TIMEOUT_MS } from '../../discover/discover-mdns.js';
import { expandProvisioningUrl } from '../../discover/expand.js';
import { machineValues, type Credentials } from '../../discover/machine-values.js';
import type { DiscoveryResult } from '../../discover/result.js';
import { EXIT_CODES, InputError } from '../../errors.js';
import type { CommandContext, RegisterCommand } from '../main.js';
import type { Output } from '../output.js';
import { describeExpanded, describeResult, startSpinner } from '../discover/view.js';

interface DiscoverFlags {
  method: 'mdns' | 'dhcp' | 'all';
  interface?: string[];
  timeout?: string;
  expand?: boolean;
  username?: string;
  password?: string;
}

/** `discover`: shows the provisioning URL Jitsi would find from this desk, and why. */
export const registerDiscover: RegisterCommand = (program, context) => {
  program.command('discover')
    .description('find the provisioning URL the way Jitsi does and explain what it sees')
    .addOption(new Option('--method <method>', 'how Jitsi is set to discover')
      .choices(['mdns', 'dhcp', 'all']).default('mdns'))
    .option('--interface <name>', 'ask on this interface (repeatable)', collect, [])
    .option('--timeout <ms>', `wait per service type (Jitsi: ${JITSI_TIMEOUT_MS})`)
    .option('--expand', 'substitute ${…} as Jitsi would here and show the POST it sends')
    .option('--username <name>', 'value of ${username} (or JITSI_PROVISIONING_USERNAME)')
    .option('--password <secret>', 'value of ${password} (or JITSI_PROVISIONING_PASSWORD)')
    .action(async (flags: DiscoverFlags, command: Command) => runDiscover(flags, command, context));
};

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

async function runDiscover(flags: DiscoverFlags, _command: Command, context: CommandContext) {
  const output = context.output();
  const timeoutMs = parseTimeout(flags.timeout);
  const interfaces = flags.interface ?? [];
  const stopSpinner = output.json ? () => undefined
    : startSpinner(process.stderr, 'asking the network the way Jitsi does…');

  let result: DiscoveryResult;
  try {
    result = await discover(flags.method, { interfaces, timeoutMs, logger: output.logger });
  } finally {
    stopSpinner();
  }

  const expanded = flags.expand && result.url !== null
    ? expandProvisioningUrl(result.url, await machineValues(result.url, await credentials(flags)))
    : null;
  const printable = expanded === null ? result : { ...result, post: maskedPost(expanded) };
  output.result([...describeResult(result), ...(expanded ? describeExpanded(expanded) : [])]
    .join('\n'), printable);

  if (result.url === null) {
    output.logger.log('error', `no provisioning URL found over ${flags.method} ` +
      '(see the report above for what answered and why)');
    context.setExitCode(EXIT_CODES.ERR_NOT_FOUND);
  }
}

interface RunOptions {
  interfaces: string[];
  timeoutMs: number | undefined;
  logger: Output['logger'];
}

async function discover(method: DiscoverFlags['method'], options: RunOptions) {
  const mdnsOptions = { ...options, timeoutMs: options.timeoutMs ?? JITSI_TIMEOUT_MS };
  const dhcpOptions = { ...options, timeoutMs: options.timeoutMs };
  if (method === 'mdns') {
    return discoverMdns(mdnsOptions);
  }
  if (method === 'dhcp') {
    return discoverDhcpResult(dhcpOptions);
  }

  const [mdns, dhcp] = await Promise.all([
    discoverMdns(mdnsOptions),
    discoverDhcpResult(dhcpOptions),
  ]);
  const primary = mdns.url !== null || dhcp.url === null ? mdns : dhcp;
  return { ...primary, results: [mdns, dhcp] };
}

function parseTimeout(text: string | undefined): number | undefined {
  if (text === undefined) {
    return undefined;
  }
  const ms = /^\d{1,6}$/.test(text) ? Number(text) : NaN;
  if (!(ms >= 1)) {
    throw new InputError('ERR_INVALID_OPTION', `--timeout "${text}" is not a number of ` +
      'milliseconds from 1 to 999999; Jitsi waits 2000 per service type');
  }
  return ms;
}

async function credentials(flags: DiscoverFlags): Promise<Credentials> {
  const username = flags.username ?? process.env['JITSI_PROVISIONING_USERNAME'] ?? null;
  const password = flags.password ?? process.env['JITSI_PROVISIONING_PASSWORD'] ?? null;
  if (!process.stdin.isTTY || (username !== null && password !== null)) {
    return { username, password };
  }
  return {
    username: username ?? await ask('Jitsi user name: ', false),
    password: password ?? await ask('Jitsi password: ', true),
  };
}

async function ask(question: string, secret: boolean): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  const write = (rl as unknown as { _writeToOutput: (s: string) => void });
  if (secret) {
    // Echo nothing of the password (the prompt itself is still shown).
    write._writeToOutput = (s: string) => void (s.startsWith(question) && process.stderr.write(s));
  }
  try {
    return await rl.question(question);
  } finally {
    rl.close();
    if (secret) {
      process.stderr.write('\n');
    }
  }
}

function maskedPost(post: ReturnType<typeof expandProvisioningUrl>) {
  return {
    url: post.url,
    fields: post.fields.map((f) => ({ name: f.name, value: f.secret ? '********' : f.value })),
    unresolved: post.unresolved,
  };
}
