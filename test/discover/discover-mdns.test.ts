import assert from 'node:assert/strict';
import { test } from 'node:test';

import type { Answer } from 'dns-packet';

import type { DiscoveryResult } from '../../src/discover/result.js';
import { withLan, type Host } from '../harness/netns.js';
import { needsNamespaces } from '../harness/privileges.js';
import { cliCommand } from '../harness/processes.js';
import { startRawResponder } from '../harness/raw-responder.js';

const INSTANCE = 'Provisioning URL._https._tcp.local';

function records(port: number, path: string, address: string): { answers: Answer[];
  additionals: Answer[] } {
  return {
    answers: [
      { name: INSTANCE, type: 'SRV', ttl: 120,
        data: { priority: 0, weight: 0, port, target: 'p.local' } },
      { name: INSTANCE, type: 'TXT', ttl: 4500, data: [Buffer.from(`path=${path}`)] },
    ],
    additionals: [{ name: 'p.local', type: 'A', ttl: 120, data: address }],
  };
}

async function discover(host: Host, ...args: string[]) {
  const [cmd, cliArgs] = cliCommand('--json', 'discover', ...args);
  const run = await host.exec(cmd, cliArgs, { timeoutMs: 30_000 });
  const line = run.stdout.trim().split('\n').at(-1) ?? '';
  const result = line.startsWith('{') ? JSON.parse(line) as DiscoveryResult : null;
  return { code: run.code, result, stdout: run.stdout, stderr: run.stderr };
}

test('with nothing advertised, discover waits 2 s per type and exits not-found', async (t) => {
  if (!needsNamespaces(t)) return;
  const [client] = (await withLan(t, 1)).hosts as [Host];

  const { code, result } = await discover(client);
  assert.equal(code, 5);
  assert.equal(result?.url, null);
  assert.deepEqual(result?.steps.map((s) => [s.type, s.found]),
    [['_https._tcp.local', false], ['_http._tcp.local', false]]);
  // Jitsi's own wait is the behaviour under test: each step lasts its full 2000 ms.
  assert.ok(result?.steps.every((s) => s.elapsedMs >= 1990), JSON.stringify(result?.steps));
});

test('two responders with different data are both reported and flagged', async (t) => {
  if (!needsNamespaces(t)) return;
  const [a, b, client] = (await withLan(t, 3)).hosts as [Host, Host, Host];
  const first = await startRawResponder(a, INSTANCE, records(443, '/good', a.ipv4));
  t.after(() => first.stop());
  const second = await startRawResponder(b, INSTANCE, records(8443, '/rogue', b.ipv4));
  t.after(() => second.stop());

  const { code, result } = await discover(client);
  assert.equal(code, 0);
  assert.deepEqual(result?.responders.map((r) => r.address).sort(), [a.ipv4, b.ipv4].sort());
  assert.ok(result?.responders.every((r) => r.conflicting));
  assert.ok(result?.warnings.some((w) => w.code === 'CONFLICTING_RESPONDERS'));
});

test('discover finds a responder on loopback when only lo is up', async (t) => {
  if (!needsNamespaces(t)) return;
  const [host] = (await withLan(t, 1)).hosts as [Host];
  await host.exec('ip', ['addr', 'flush', 'dev', 'lan0']);
  const responder = await startRawResponder(host, INSTANCE, records(443, '/lo', '127.0.0.1'),
    '127.0.0.1');
  t.after(() => responder.stop());

  const { code, result } = await discover(host);
  assert.equal(code, 0);
  assert.equal(result?.url, 'https://127.0.0.1:443/lo?');
});

test('--interface lo asks on loopback explicitly', async (t) => {
  if (!needsNamespaces(t)) return;
  const [host] = (await withLan(t, 1)).hosts as [Host];
  const responder = await startRawResponder(host, INSTANCE, records(443, '/lo', '127.0.0.1'),
    '127.0.0.1');
  t.after(() => responder.stop());

  const { result } = await discover(host, '--interface', 'lo');
  assert.equal(result?.url, 'https://127.0.0.1:443/lo?');
  assert.deepEqual(result?.responders.map((r) => r.interface), ['lo']);
});

test('an unknown --interface is refused with one line and exit code 2', async (t) => {
  if (!needsNamespaces(t)) return;
  const [host] = (await withLan(t, 1)).hosts as [Host];
  const { code, stderr } = await discover(host, '--interface', 'nosuch0');
  assert.equal(code, 2);
  assert.match(stderr, /ERR_UNKNOWN_INTERFACE.*no interface .*nosuch0/);
  assert.equal(stderr.trim().split('\n').length, 1);
});

test('--expand shows the POST with the password masked', async (t) => {
  if (!needsNamespaces(t)) return;
  const [a, client] = (await withLan(t, 2)).hosts as [Host, Host];
  const answer = records(443, '/p.php', a.ipv4);
  answer.answers[1] = { name: INSTANCE, type: 'TXT', ttl: 4500,
    data: ['path=/p.php', 'u=${username}', 'p=${password}'].map((s) => Buffer.from(s)) };
  const responder = await startRawResponder(a, INSTANCE, answer);
  t.after(() => responder.stop());

  const run = await discover(client, '--expand', '--username', 'ada', '--password', 's3cret');
  const post = (run.result as unknown as { post: { url: string; fields: { name: string;
    value: string }[] } }).post;
  assert.equal(post.url, `https://${a.ipv4}:443/p.php`);
  const byName = [...post.fields].sort((x, y) => x.name.localeCompare(y.name));
  assert.deepEqual(byName, [{ name: 'p', value: '********' }, { name: 'u', value: 'ada' }]);
  assert.ok(!run.stdout.includes('s3cret') && !run.stderr.includes('s3cret'));
});
