import { serviceXml, startAvahi } from '../test/harness/avahi.js';
import { jitsiMdnsDiscovery } from '../test/harness/jmdns.js';
import { createLan, type Host } from '../test/harness/netns.js';
import { cliCommand } from '../test/harness/processes.js';
import { startRawResponder } from '../test/harness/raw-responder.js';
import { zeroconfResolve } from '../test/harness/zeroconf.js';

/**
 * discover's time to URL (its own `elapsedMs`: first question to URL) beside python-zeroconf's
 * and JmDNS's resolution of the same advertisement, on one namespace LAN, same run: first from
 * avahi-daemon, then from a bare responder that multicasts its answer at once to any question
 * (which shows the resolvers' own cost without avahi's scheduling of multicast answers).
 * Each figure is the median of RUNS fresh processes. Goal: < 20 ms, no slower than zeroconf.
 *
 * Runs are spaced by more than a second: a responder multicasts a record at most once a second
 * (RFC 6762 §6), so back-to-back QM queries (ours and JmDNS's) would measure that rate limit.
 * python-zeroconf asks QU (unicast answer), which the limit does not touch.
 */
const RUNS = 20;
const SPACING_MS = 1100;

const SERVICE = serviceXml({ type: '_https._tcp', port: 443,
  txt: ['path=/prov.php', 'user=${username}', 'pass=${password}'] });

type Measure = (client: Host) => Promise<number>;

const MEASURES: Record<string, Measure> = {
  'discover (ours)': async (client) => {
    const [cmd, args] = cliCommand('--json', 'discover');
    const { stdout } = await client.exec(cmd, args, { timeoutMs: 20_000 });
    const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as
      { url: string | null; elapsedMs: number };
    return result.url === null ? NaN : result.elapsedMs;
  },
  'python-zeroconf': async (client) => {
    const found = await zeroconfResolve(client, '_https._tcp.local.', 'Provisioning URL', 3000);
    return found === null ? NaN : found.elapsedMs;
  },
  'JmDNS (in Jitsi)': async (client) => {
    const found = await jitsiMdnsDiscovery(client);
    return found.url === null ? NaN : found.elapsedMs;
  },
};

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length % 2) {
    return sorted[middle] ?? NaN;
  }
  return ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
}

/** Round-robin over the tools, so a slow moment of the machine hits them alike. */
async function measureAll(client: Host): Promise<Record<string, number[]>> {
  const times: Record<string, number[]> = {};
  for (let run = 0; run < RUNS; run++) {
    for (const [name, measure] of Object.entries(MEASURES)) {
      await new Promise((resolve) => setTimeout(resolve, SPACING_MS));
      (times[name] ??= []).push(await measure(client));
    }
  }
  return times;
}

const INSTANCE = 'Provisioning URL._https._tcp.local';
const BARE_TXT = ['path=/prov.php', 'user=${username}', 'pass=${password}']
  .map((t) => Buffer.from(t));

async function startBare(publisher: Host): Promise<{ stop(): Promise<unknown> }> {
  return startRawResponder(publisher, INSTANCE, {
    answers: [
      { name: INSTANCE, type: 'SRV', ttl: 120, flush: true,
        data: { priority: 0, weight: 0, port: 443, target: 'bare.local' } },
      { name: INSTANCE, type: 'TXT', ttl: 4500, flush: true, data: BARE_TXT },
    ],
    additionals: [{ name: 'bare.local', type: 'A', ttl: 120, flush: true, data: publisher.ipv4 }],
  });
}

async function startAvahiPublisher(publisher: Host): Promise<{ stop(): Promise<unknown> }> {
  const avahi = await startAvahi(publisher, { services: { 'p.service': SERVICE } });
  await avahi.process.waitForOutput(/successfully established/, 20_000);
  return avahi;
}

function printTable(title: string, times: Record<string, number[]>): void {
  console.log(`\n### ${title}`);
  const medians: Record<string, number> = {};
  for (const [name, list] of Object.entries(times)) {
    const failed = list.filter(Number.isNaN).length;
    medians[name] = median(list.filter((t) => !Number.isNaN(t)));
    console.log(`${name.padEnd(18)} median ${medians[name]?.toFixed(2)} ms over ` +
      `${RUNS - failed} runs${failed ? ` (${failed} not found)` : ''}`);
  }
  const ours = medians['discover (ours)'] ?? NaN;
  for (const [name, value] of Object.entries(medians)) {
    console.log(`  ${name.padEnd(18)} ${(value / ours).toFixed(2)}x discover`);
  }
}

export default async function benchDiscover(): Promise<void> {
  const lan = await createLan(2);
  const [publisher, client] = lan.hosts as [Host, Host];
  try {
    for (const [title, start] of [['avahi-daemon', startAvahiPublisher],
      ['bare responder (multicast at once)', startBare]] as const) {
      const published = await start(publisher);
      try {
        printTable(title, await measureAll(client));
      } finally {
        await published.stop();
      }
    }
  } finally {
    await lan.close();
  }
}
