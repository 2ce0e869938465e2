import assert from 'node:assert/strict';
import { test } from 'node:test';

import type { Answer } from 'dns-packet';

import { run } from '../../../src/cli/main.js';
import type { DiscoveryResult } from '../../../src/discover/result.js';
import { startDhcpServer } from '../../harness/dhcp-servers.js';
import { withLan, type Host } from '../../harness/netns.js';
import { needsNamespaces } from '../../harness/privileges.js';
import { cliCommand } from '../../harness/processes.js';
import { startRawResponder } from '../../harness/raw-responder.js';

const URI = 'https://prov.example.com/p.php?u=${username}';

async function discover(host: Host, ...args: string[]) {
  const [cmd, cliArgs] = cliCommand('--json', 'discover', ...args);
  const result = await host.exec(cmd, cliArgs, { timeoutMs: 30_000 });
  const line = result.stdout.trim().split('\n').at(-1) ?? '';
  return { code: result.code, json: JSON.parse(line) as DiscoveryResult & {
    results?: DiscoveryResult[] } };
}

function httpOnly(address: string): { answers: Answer[]; additionals: Answer[] } {
  const name = 'Provisioning URL._http._tcp.local';
  return {
    answers: [
      { name, type: 'SRV', ttl: 120,
        data: { priority: 0, weight: 0, port: 80, target: 'h.local' } },
      { name, type: 'TXT', ttl: 4500, data: [Buffer.from('path=/p')] },
    ],
    additionals: [{ name: 'h.local', type: 'A', ttl: 120, data: address }],
  };
}

test('a bad --timeout is refused before anything is sent, with exit code 2', async () => {
  const stderr: string[] = [];
  const sink = { write: (text: string) => Boolean(stderr.push(text)) } as NodeJS.WritableStream;
  const code = await run(['node', 'jp', 'discover', '--timeout', 'soon'], { stderr: sink });
  assert.equal(code, 2);
  assert.match(stderr.join(''), /--timeout "soon" is not a number/);
});

test('an http-only advertisement is found after the full https wait, with warnings', async (t) => {
  if (!needsNamespaces(t)) return;
  const [publisher, client] = (await withLan(t, 2)).hosts as [Host, Host];
  const responder = await startRawResponder(publisher, 'Provisioning URL._http._tcp.local',
    httpOnly(publisher.ipv4));
  t.after(() => responder.stop());

  const { code, json } = await discover(client);
  assert.equal(code, 0);
  assert.equal(json.url, `http://${publisher.ipv4}:80/p?`);
  assert.deepEqual(json.steps.map((s) => [s.type, s.found]),
    [['_https._tcp.local', false], ['_http._tcp.local', true]]);
  // The https wait is Jitsi's full 2 s: that is the fallback's cost the report shows.
  assert.ok((json.steps[0]?.elapsedMs ?? 0) >= 1990);
  assert.ok(json.warnings.some((w) => w.code === 'HTTP_SERVICE'));
});

test('--method dhcp reports the URI a real DHCP server (dnsmasq) hands out', async (t) => {
  if (!needsNamespaces(t)) return;
  const [server, client] = (await withLan(t, 2)).hosts as [Host, Host];
  const dnsmasq = await startDhcpServer(server, 'dnsmasq', URI);
  t.after(() => dnsmasq.stop());

  const { code, json } = await discover(client, '--method', 'dhcp');
  assert.equal(code, 0);
  assert.equal(json.method, 'dhcp');
  assert.equal(json.url, URI);
  assert.deepEqual(json.responders.map((r) => r.address), [server.ipv4]);
  // The time to the URL is the first answer's, not the end of the wait for disagreeing servers.
  assert.equal(json.elapsedMs, (json.responders[0] as { firstSeenMs?: number }).firstSeenMs);
});

test('--method all runs both and keeps each result', async (t) => {
  if (!needsNamespaces(t)) return;
  const [server, client] = (await withLan(t, 2)).hosts as [Host, Host];
  const dnsmasq = await startDhcpServer(server, 'dnsmasq', URI);
  t.after(() => dnsmasq.stop());

  const { code, json } = await discover(client, '--method', 'all', '--timeout', '300');
  assert.equal(code, 0);
  assert.equal(json.url, URI);
  assert.deepEqual(json.results?.map((r) => [r.method, r.url]), [['mdns', null], ['dhcp', URI]]);
});
