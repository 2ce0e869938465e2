import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import dnsPacket from 'dns-packet';

import { advertiseUntilExit, startAdvertise } from '../harness/advertise.js';
import { serviceXml, startAvahi } from '../harness/avahi.js';
import { legacyQuery, sendRaw, startCapture } from '../harness/mdns-peers.js';
import { withLan } from '../harness/netns.js';
import { cliCommand } from '../harness/processes.js';
import { needsNamespaces } from '../harness/privileges.js';
import { zeroconfResolve } from '../harness/zeroconf.js';

// RFC 6762 behaviour seen on the wire between two namespace hosts.

const URI = 'https://198.51.100.7/p.php?user=${username}';
const INSTANCE = 'Provisioning URL._https._tcp.local';
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const OTHER_SERVICE = serviceXml({ type: '_https._tcp', port: 443,
  txt: ['path=/other.php'] });

describe('advertise on the wire', () => {
  it('answers a legacy unicast query with its id and question, no flush bit, TTL ≤ 10 s',
    async (t) => {
      if (!needsNamespaces(t)) return;
      const [server, client] = (await withLan(t, 2)).hosts;
      await startAdvertise(t, server!, URI);

      const reply = await legacyQuery(client!, server!.ipv4, INSTANCE);
      assert.deepEqual(reply?.questions.map((q) => q.type), ['SRV', 'TXT']);
      assert.deepEqual(reply?.answers.map((r) => r.type), ['SRV', 'TXT']);
      assert.deepEqual(reply?.additionals.map((r) => `${r.type} ${String(r.data)}`),
        ['A 198.51.100.7']);
      for (const record of [...reply!.answers, ...reply!.additionals]) {
        assert.equal(record.flush, false);
        assert.ok(record.ttl <= 10);
      }
    });

  it('answers the same legacy query again with the new id and the same records', async (t) => {
    if (!needsNamespaces(t)) return;
    const [server, client] = (await withLan(t, 2)).hosts;
    await startAdvertise(t, server!, URI);

    const first = await legacyQuery(client!, server!.ipv4, INSTANCE);
    const second = await legacyQuery(client!, server!.ipv4, INSTANCE);
    assert.notEqual(second, null);
    assert.deepEqual(second?.answers, first?.answers);
    assert.deepEqual(second?.additionals, first?.additionals);
  });

  it('does not answer a unicast query from an off-link source (RFC 6762 §11)', async (t) => {
    if (!needsNamespaces(t)) return;
    const [server, client] = (await withLan(t, 2)).hosts;
    // The server could reach 192.0.2.0/24 on its LAN, so only the on-link rule keeps it quiet.
    await server!.exec('ip', ['route', 'add', '192.0.2.0/24', 'dev', 'lan0']);
    await client!.addAddress('192.0.2.5/24');
    await startAdvertise(t, server!, URI);

    // On-link first, so that a stored answer to the same question is there to be misused.
    const onLink = await legacyQuery(client!, server!.ipv4, INSTANCE);
    const offLink = await legacyQuery(client!, server!.ipv4, INSTANCE, { bind: '192.0.2.5' });
    assert.equal(offLink, null);
    assert.notEqual(onLink, null);
  });

  it('drops an undecodable packet with a debug line and keeps answering', async (t) => {
    if (!needsNamespaces(t)) return;
    const [server, client] = (await withLan(t, 2)).hosts;
    const running = await startAdvertise(t, server!, URI);

    await sendRaw(client!, Buffer.from('00000000000100000000000003666f', 'hex'));
    await running.waitForOutput(/cannot be decoded/, 5000);
    assert.notEqual(await legacyQuery(client!, server!.ipv4, INSTANCE), null);
  });

  it('says goodbye (TTL 0) for every record within 1 s of SIGTERM, then exits 0', async (t) => {
    if (!needsNamespaces(t)) return;
    const [server, client] = (await withLan(t, 2)).hosts;
    const running = await startAdvertise(t, server!, URI);
    const capture = await startCapture(client!);
    t.after(() => capture.process.stop());

    const signalled = Date.now();
    const exit = await running.stop('SIGTERM');
    await sleep(300);
    const goodbyes = capture.packets().filter((p) => p.at - signalled <= 1000)
      .flatMap((p) => p.answers).filter((r) => r.ttl === 0).map((r) => `${r.type} ${r.name}`);
    assert.equal(exit.code, 0);
    assert.deepEqual(goodbyes.sort(), [
      `PTR _https._tcp.local`, `PTR _services._dns-sd._udp.local`, `SRV ${INSTANCE}`,
      `TXT ${INSTANCE}`, 'A provisioning.local',
    ].sort());
  });

  it('exits 0 when stopped by SIGTERM while still probing', async (t) => {
    if (!needsNamespaces(t)) return;
    const [server] = (await withLan(t, 1)).hosts;
    const [cmd, argv] = cliCommand('--verbose', 'advertise', URI);
    const running = await server!.spawn(cmd, argv);
    t.after(() => running.stop('SIGKILL'));

    await running.waitForOutput(/probing for/, 10_000);
    const exit = await running.stop('SIGTERM');
    assert.equal(exit.code, 0, running.output());
    assert.doesNotMatch(running.output(), /advertising on/);
  });

  it('exits 4 naming the other host when avahi-daemon there holds another Provisioning URL',
    async (t) => {
      if (!needsNamespaces(t)) return;
      const [server, other] = (await withLan(t, 2)).hosts;
      const avahi = await startAvahi(other!, { services: { 'p.service': OTHER_SERVICE } });
      t.after(() => avahi.stop());
      await avahi.process.waitForOutput(/successfully established/);

      const outcome = await advertiseUntilExit(server!, 20_000, URI);
      assert.equal(outcome.code, 4);
      assert.equal(outcome.stderr.trimEnd().split('\n').length, 1);
      assert.match(outcome.stderr, new RegExp(`${other!.ipv4.replaceAll('.', '\\.')} already`));
    });

  it('defends its names: a second advertiser with another URI exits 4 naming the first',
    async (t) => {
      if (!needsNamespaces(t)) return;
      const [first, second] = (await withLan(t, 2)).hosts;
      const running = await startAdvertise(t, first!, URI);

      const outcome = await advertiseUntilExit(second!, 20_000, 'https://198.51.100.9/x.php');
      assert.equal(outcome.code, 4);
      assert.match(outcome.stderr, new RegExp(`${first!.ipv4.replaceAll('.', '\\.')} already`));
      assert.equal(running.child.exitCode, null);
    });

  it('exits 4 with goodbyes when a conflicting answer arrives after startup', async (t) => {
    if (!needsNamespaces(t)) return;
    const [server, other] = (await withLan(t, 2)).hosts;
    const running = await startAdvertise(t, server!, URI);
    const capture = await startCapture(other!);
    t.after(() => capture.process.stop());

    await sendRaw(other!, dnsPacket.encode({ type: 'response', flags: 0x400, answers: [
      { name: INSTANCE, type: 'TXT', ttl: 4500, flush: true, data: ['path=/rival.php'] },
    ] }));
    const exit = await running.exited;
    await sleep(300);
    assert.equal(exit.code, 4);
    assert.match(running.output(), new RegExp(`${other!.ipv4.replaceAll('.', '\\.')} already`));
    // The rival holds the instance, which --host-name cannot move away from.
    assert.match(running.output(), /stop or reconfigure the responder at/);
    assert.doesNotMatch(running.output(), /--host-name/);
    assert.ok(capture.packets().some((p) => p.from === server!.ipv4 &&
      p.answers.some((r) => r.type === 'SRV' && r.ttl === 0)));
  });

  it('keeps running when its interface loses its address, and resumes when it is back',
    async (t) => {
      if (!needsNamespaces(t)) return;
      const [server, client] = (await withLan(t, 2)).hosts;
      const running = await startAdvertise(t, server!, URI);

      await server!.exec('ip', ['addr', 'del', `${server!.ipv4}/24`, 'dev', 'lan0']);
      await running.waitForOutput(/lan0 lost/, 5000);
      await server!.exec('ip', ['addr', 'add', `${server!.ipv4}/24`, 'dev', 'lan0']);
      await running.waitForOutput(/lan0 is up with/, 5000);
      await sleep(1500);

      const found = await zeroconfResolve(client!, '_https._tcp.local.', 'Provisioning URL', 3000);
      assert.equal(running.child.exitCode, null);
      assert.equal(found?.port, 443);
    });
});
