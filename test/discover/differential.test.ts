import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';

import type { DiscoveryResult } from '../../src/discover/result.js';
import { serviceXml, startAvahi } from '../harness/avahi.js';
import { jitsiMdnsDiscovery, type JmdnsDiscovery } from '../harness/jmdns.js';
import { withLan, type Host } from '../harness/netns.js';
import { needsNamespaces } from '../harness/privileges.js';
import { cliCommand, type Running } from '../harness/processes.js';
import { startRawResponder } from '../harness/raw-responder.js';
import {
  ADVERTISE_SHAPES, AVAHI_SHAPES, RAW_SHAPES, type Shape,
} from './shapes.js';

// Differential test: for every advertisement shape, `discover --json` must give exactly the URL
// that real JmDNS (the library Jitsi embeds) gives on the same network in the same run.

interface Published {
  stop(): Promise<void>;
}

async function runDiscover(client: Host): Promise<DiscoveryResult> {
  const [cmd, args] = cliCommand('--json', 'discover');
  const result = await client.exec(cmd, args, { timeoutMs: 20_000 });
  const line = result.stdout.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(line) as DiscoveryResult;
  } catch {
    throw new Error(`discover printed no JSON (exit ${result.code}): ${result.stderr}`);
  }
}

async function publish(shape: Shape, publisher: Host): Promise<Published> {
  if (shape.publisher === 'avahi') {
    const avahi = await startAvahi(publisher, {
      services: { 'provisioning.service': serviceXml(shape.service) },
      ...(shape.hosts === undefined ? {} : { hosts: shape.hosts }),
    });
    await avahi.process.waitForOutput(/"Provisioning URL".*successfully established/, 20_000);
    return { stop: () => avahi.stop() };
  }
  if (shape.publisher === 'raw') {
    const type = shape.type ?? 'https';
    const instance = `Provisioning URL._${type}._tcp.local`;
    const records = shape.records({ instance, ipv4: publisher.ipv4, ipv6: publisher.ipv6 });
    const running: Running = await startRawResponder(publisher, instance, records);
    return { stop: async () => void (await running.stop()) };
  }
  const target = { instance: '', ipv4: publisher.ipv4, ipv6: publisher.ipv6 };
  const [cmd, args] = cliCommand('--verbose', 'advertise', ...shape.args(target));
  const running = await publisher.spawn(cmd, args, { ready: /advertising on/, timeoutMs: 20_000 });
  return { stop: async () => void (await running.stop()) };
}

function assertSameUrl(ours: DiscoveryResult, jmdns: JmdnsDiscovery): void {
  if (ours.urls.length > 1) {
    assert.ok(jmdns.url !== null && ours.urls.includes(jmdns.url),
      `JmDNS gave ${jmdns.url}, which is not among discover's ${JSON.stringify(ours.urls)}`);
    return;
  }
  assert.equal(ours.url, jmdns.url);
}

async function checkShape(t: TestContext, shape: Shape, publisher: Host, client: Host) {
  const published = await publish(shape, publisher);
  try {
    const [jmdns, ours] = await Promise.all([jitsiMdnsDiscovery(client), runDiscover(client)]);
    t.diagnostic(`JmDNS: ${jmdns.url} | discover: ${ours.url} (${ours.urls.length} possible)`);
    assertSameUrl(ours, jmdns);
  } finally {
    await published.stop();
  }
}

const SHAPES: readonly Shape[] = [...AVAHI_SHAPES, ...RAW_SHAPES, ...ADVERTISE_SHAPES];

test('discover gives the URL real JmDNS gives, for every advertisement shape', async (t) => {
  if (!needsNamespaces(t)) return;
  assert.ok(SHAPES.length >= 30, 'the differential test covers at least 30 shapes');
  const lan = await withLan(t, 2);
  const [publisher, client] = lan.hosts as [Host, Host];

  for (const shape of SHAPES) {
    await t.test(`${shape.publisher}: ${shape.name}`,
      (sub) => checkShape(sub, shape, publisher, client));
  }
});
