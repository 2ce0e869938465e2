import { pathToFileURL } from 'node:url';

import type { DhcpDiscovery } from '../../src/dhcp/discover-dhcp.js';
import type { Host } from './netns.js';
import { REPO_ROOT } from './processes.js';

/** Debian's python3, not whichever comes first on PATH. */
const PYTHON = '/usr/bin/python3';

export interface InformResult {
  uri: string | null;
  server: string | null;
  latenciesMs: number[];
  /** The last reply: its DHCP message type, yiaddr, and whether it carried a lease time. */
  ack?: { messageType: number; yiaddr: string; leaseTime: boolean };
  error?: string;
}

/**
 * Asks with the Jitsi-style DHCPINFORM client written for the tests (Python, apart from src/),
 * `count` times in a row; the latencies are the benchmark's figures.
 */
export async function jitsiDhcpInform(host: Host, options: { count?: number;
  timeoutS?: number } = {}): Promise<InformResult> {
  const script = `${REPO_ROOT}test/harness/python/jitsi_dhcp_inform.py`;
  const args = [script, host.iface, host.ipv4, '--count', String(options.count ?? 1),
    '--timeout', String(options.timeoutS ?? 10)];
  const { stdout, stderr, code } = await host.exec(PYTHON, args, { timeoutMs: 120_000 });
  if (code !== 0) {
    throw new Error(`the DHCPINFORM client failed (${code}): ${stderr}`);
  }
  return JSON.parse(stdout) as InformResult;
}

/** Runs `discoverDhcp()` (the library function behind `discover --method dhcp`) on `host`. */
export async function discoverDhcpOn(host: Host, options: { timeoutMs?: number;
  settleMs?: number } = {}): Promise<DhcpDiscovery> {
  const module = pathToFileURL(`${REPO_ROOT}dist/src/dhcp/discover-dhcp.js`).href;
  const script = `import { discoverDhcp } from ${JSON.stringify(module)};\n` +
    `const result = await discoverDhcp(${JSON.stringify(options)});\n` +
    'process.stdout.write(JSON.stringify(result));\n';
  const { stdout, stderr, code } = await host.exec('node', ['--input-type=module', '-e', script],
    { timeoutMs: (options.timeoutMs ?? 10_000) + 10_000 });
  if (code !== 0) {
    throw new Error(`discoverDhcp failed (${code}): ${stderr}`);
  }
  return JSON.parse(stdout) as DhcpDiscovery;
}

/**
 * Broadcasts raw datagrams to UDP 6767 from `host` and returns the xids of the replies heard
 * within `waitS`. `relayTo` plays a relay agent: it sends from and listens on port 6767, and
 * sends unicast to that server address.
 */
export async function sendRawPackets(host: Host, packets: readonly Buffer[], waitS: number,
  relayTo?: string): Promise<{ sent: number; replyXids: (number | null)[] }> {
  const script = `${REPO_ROOT}test/harness/python/send_dhcp_packets.py`;
  const input = packets.map((packet) => packet.toString('hex')).join('\n') + '\n';
  const relay = relayTo === undefined ? [] : ['6767', relayTo];
  const { stdout, stderr, code } = await host.exec(PYTHON, [script, host.iface, String(waitS),
    ...relay],
    { input, timeoutMs: waitS * 1000 + 10_000 });
  if (code !== 0) {
    throw new Error(`the raw packet sender failed (${code}): ${stderr}`);
  }
  return JSON.parse(stdout) as { sent: number; replyXids: (number | null)[] };
}
