import { jitsiDhcpInform } from '../test/harness/dhcp-client.js';
import { startDhcpServe, startDhcpServer, type DhcpServer } from '../test/harness/dhcp-servers.js';
import { createLan, type Host } from '../test/harness/netns.js';

/**
 * `dhcp serve` beside ISC dhcpd: each answers the Jitsi-style DHCPINFORM client across a veth
 * bridge between two namespaces, 300 times in a row; prints both medians and the ratio.
 */
const REQUESTS = 300;
const WARM_UP = 5;
const URI = 'https://prov.example.com/p.php?u=${username}&mac=${hwaddr}';

export default async function benchDhcp(): Promise<void> {
  const lan = await createLan(2);
  try {
    const [serverHost, client] = lan.hosts;
    if (!serverHost || !client) {
      throw new Error('the LAN has fewer than two hosts');
    }
    const isc = await measure(client, await startDhcpServer(serverHost, 'isc', URI));
    const ours = await measure(client, await startDhcpServe(serverHost, URI));
    printTable(isc, ours);
  } finally {
    await lan.close();
  }
}

interface Figures {
  median: number;
  p99: number;
}

async function measure(client: Host, server: DhcpServer): Promise<Figures> {
  try {
    await jitsiDhcpInform(client, { count: WARM_UP, timeoutS: 5 });
    const { latenciesMs, error } = await jitsiDhcpInform(client, { count: REQUESTS, timeoutS: 5 });
    if (error !== undefined || latenciesMs.length !== REQUESTS) {
      throw new Error(`${server.kind}: ${latenciesMs.length} of ${REQUESTS} answered (${error})`);
    }
    return { median: percentile(latenciesMs, 0.5), p99: percentile(latenciesMs, 0.99) };
  } finally {
    await server.stop();
  }
}

function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? NaN;
}

function printTable(isc: Figures, ours: Figures): void {
  const ms = (value: number) => `${value.toFixed(3)} ms`;
  console.log(`DHCPINFORM → DHCPACK with option 224, ${REQUESTS} requests each, one at a time`);
  console.log('| server | median | p99 |');
  console.log('| --- | --- | --- |');
  console.log(`| ISC dhcpd 4.4 | ${ms(isc.median)} | ${ms(isc.p99)} |`);
  console.log(`| jitsi-provisioning dhcp serve | ${ms(ours.median)} | ${ms(ours.p99)} |`);
  console.log(`ratio (ours / ISC dhcpd, median): ${(ours.median / isc.median).toFixed(2)}`);
}
