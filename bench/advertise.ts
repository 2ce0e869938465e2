import { serviceXml, startAvahi } from '../test/harness/avahi.js';
import { legacyRoundTrips } from '../test/harness/mdns-peers.js';
import { createLan, type Host } from '../test/harness/netns.js';
import { cliCommand } from '../test/harness/processes.js';

/**
 * `advertise` beside avahi-daemon serving the same records: legacy unicast SRV+TXT queries
 * across the same veth pair, one at a time; medians, p99, ratio. The two take turns, three
 * rounds of 100 queries each after a warm-up, so that load from other work on the machine
 * falls on both alike.
 */
const ROUNDS = 3;
const QUERIES_PER_ROUND = 100;
const QUERIES = ROUNDS * QUERIES_PER_ROUND;
const WARM_UP = 100;
const URI = 'https://198.51.100.7/p.php?user=${username}&pass=${password}';
const INSTANCE = 'Provisioning URL._https._tcp.local';

const SAME_RECORDS = serviceXml({ type: '_https._tcp', port: 443,
  hostName: 'provisioning.local', txt: ['path=/p.php', 'user=${username}', 'pass=${password}'] });

interface Figures {
  median: number;
  p99: number;
  lost: number;
}

interface Samples {
  latenciesMs: number[];
  lost: number;
}

export default async function benchAdvertise(): Promise<void> {
  const lan = await createLan(2);
  try {
    const [server, client] = lan.hosts;
    if (!server || !client) {
      throw new Error('the LAN has fewer than two hosts');
    }
    const avahi: Samples = { latenciesMs: [], lost: 0 };
    const ours: Samples = { latenciesMs: [], lost: 0 };
    for (let round = 0; round < ROUNDS; round += 1) {
      add(avahi, await measureAvahi(server, client));
      add(ours, await measureAdvertise(server, client));
    }
    printTable(figures(avahi), figures(ours));
  } finally {
    await lan.close();
  }
}

async function measureAvahi(server: Host, client: Host): Promise<Samples> {
  const avahi = await startAvahi(server, {
    services: { 'provisioning.service': SAME_RECORDS },
    hosts: '198.51.100.7 provisioning.local\n',
  });
  try {
    await avahi.process.waitForOutput(/successfully established/);
    return await measure(server, client);
  } finally {
    await avahi.stop();
  }
}

async function measureAdvertise(server: Host, client: Host): Promise<Samples> {
  const [cmd, argv] = cliCommand('--quiet', 'advertise', URI);
  const advertiser = await server.spawn(cmd, argv, { timeoutMs: 20_000 });
  try {
    // --quiet prints nothing when ready, so wait for the probes and first announcement.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    return await measure(server, client);
  } finally {
    await advertiser.stop();
  }
}

async function measure(server: Host, client: Host): Promise<Samples> {
  await legacyRoundTrips(client, server.ipv4, INSTANCE, WARM_UP);
  return legacyRoundTrips(client, server.ipv4, INSTANCE, QUERIES_PER_ROUND);
}

function add(into: Samples, more: Samples): void {
  into.latenciesMs.push(...more.latenciesMs);
  into.lost += more.lost;
}

function figures({ latenciesMs, lost }: Samples): Figures {
  return { median: percentile(latenciesMs, 0.5), p99: percentile(latenciesMs, 0.99), lost };
}

function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? NaN;
}

function printTable(avahi: Figures, ours: Figures): void {
  const ms = (value: number): string => `${value.toFixed(3)} ms`;
  console.log(`legacy unicast SRV+TXT query → answer, ${QUERIES} queries each, one at a time, ` +
    `${ROUNDS} alternating rounds`);
  console.log('| responder | median | p99 | lost |');
  console.log('| --- | --- | --- | --- |');
  console.log(`| avahi-daemon | ${ms(avahi.median)} | ${ms(avahi.p99)} | ${avahi.lost} |`);
  console.log(`| jitsi-provisioning advertise | ${ms(ours.median)} | ${ms(ours.p99)} | ` +
    `${ours.lost} |`);
  console.log(`ratio (ours / avahi-daemon, median): ${(ours.median / avahi.median).toFixed(2)}`);
}
