import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';

import { buildInform } from '../../src/dhcp/option-224.js';
import { startDhcpResponder } from '../../src/dhcp/responder.js';
import { decodePacket, encodePacket, type DhcpOption } from '../../src/dhcp/packet.js';
import { discoverDhcpOn, jitsiDhcpInform, sendRawPackets } from '../harness/dhcp-client.js';
import { startDhcpServe } from '../harness/dhcp-servers.js';
import { withLan } from '../harness/netns.js';
import { needsNamespaces } from '../harness/privileges.js';

const URI = 'https://prov.example.com/p.php?u=${username}&q=a"b\\c,d e';
const MAC = '02:00:5e:00:53:01';

async function serveOnLan(t: TestContext, hostCount = 2, ...flags: string[]) {
  const lan = await withLan(t, hostCount);
  const [serverHost, client] = lan.hosts;
  assert.ok(serverHost && client);
  const serve = await startDhcpServe(serverHost, URI, ...flags);
  t.after(() => serve.stop());
  return { lan, serverHost, client, serve };
}

/** A valid Jitsi-style DHCPINFORM with some fields or options changed. */
function inform(xid: number, ciaddr: string, change: { options?: DhcpOption[]; op?: number;
  ciaddr?: string; giaddr?: string } = {}): Buffer {
  const packet = decodePacket(buildInform(xid, ciaddr, MAC));
  return encodePacket({ ...packet, ...change });
}

const type = (value: number): DhcpOption => ({ code: 53, data: Buffer.from([value]) });
const asks = (...codes: number[]): DhcpOption => ({ code: 55, data: Buffer.from(codes) });

function badPackets(ciaddr: string): Buffer[] {
  const good = inform(1, ciaddr);
  const overrun = Buffer.from(good);
  overrun.writeUInt8(200, 241); // option 53 claims 200 bytes
  return [
    Buffer.alloc(0),
    Buffer.from([1]),
    good.subarray(0, 120),
    good.subarray(0, 243), // cut inside the options, no end
    Buffer.concat([good.subarray(0, 236), Buffer.from('not a cookie')]),
    overrun,
    Buffer.from('GET / HTTP/1.0\r\n\r\n'.repeat(20)),
    inform(2, ciaddr, { options: [type(1), asks(1, 3, 224)] }), // DHCPDISCOVER
    inform(3, ciaddr, { options: [type(3), asks(224)] }), // DHCPREQUEST
    inform(4, ciaddr, { options: [type(8), asks(1, 3, 6)] }), // INFORM without 224
    inform(5, ciaddr, { options: [asks(224)] }), // no message type
    inform(6, ciaddr, { op: 2 }), // a BOOTREPLY
    inform(7, ciaddr, { ciaddr: '0.0.0.0' }), // INFORM without ciaddr
  ];
}

describe('jitsi-provisioning dhcp serve', () => {
  it('refuses --interface lo as loopback, before binding anything', async () => {
    await assert.rejects(startDhcpResponder({ uri: 'https://h.example/p', interface: 'lo' }),
      { code: 'ERR_INVALID_OPTION', message: /"lo" is the loopback interface/ });
  });

  it('refuses an interface that does not exist as unknown, before binding anything', async () => {
    await assert.rejects(startDhcpResponder({ uri: 'https://h.example/p', interface: 'nope0' }),
      { code: 'ERR_UNKNOWN_INTERFACE', message: /there is no interface "nope0"/ });
  });

  it('answers discoverDhcp with the URI', async (t) => {
    if (!needsNamespaces(t)) {
      return;
    }
    const { serverHost, client } = await serveOnLan(t);

    const result = await discoverDhcpOn(client, { timeoutMs: 5000, settleMs: 300 });
    assert.equal(result.uri, URI);
    assert.equal(result.answers[0]?.server, serverHost.ipv4);
  });

  it('answers the independent Jitsi-style client with the URI', async (t) => {
    if (!needsNamespaces(t)) {
      return;
    }
    const { serverHost, client } = await serveOnLan(t);

    const result = await jitsiDhcpInform(client, { timeoutS: 5 });
    assert.equal(result.uri, URI);
    assert.equal(result.server, serverHost.ipv4);
  });

  it('replies with a DHCPACK that hands out no address and no lease', async (t) => {
    if (!needsNamespaces(t)) {
      return;
    }
    const { client } = await serveOnLan(t);

    const result = await jitsiDhcpInform(client, { timeoutS: 5 });
    assert.deepEqual(result.ack, { messageType: 5, yiaddr: '0.0.0.0', leaseTime: false });
  });

  it('logs who asked', async (t) => {
    if (!needsNamespaces(t)) {
      return;
    }
    const { client, serve } = await serveOnLan(t);

    await jitsiDhcpInform(client, { timeoutS: 5 });
    await serve.running.waitForOutput(new RegExp(`answered DHCPINFORM from ${client.ipv4} `),
      5000);
  });

  it('answers no malformed, truncated or non-INFORM packet, and keeps answering', async (t) => {
    if (!needsNamespaces(t)) {
      return;
    }
    const { client, serve } = await serveOnLan(t);
    const valid = inform(0x600d, client.ipv4);

    const heard = await sendRawPackets(client, [...badPackets(client.ipv4), valid], 1.5);
    assert.equal(heard.sent, 14);
    assert.deepEqual(heard.replyXids, [0x600d]);
    assert.equal((await jitsiDhcpInform(client, { timeoutS: 5 })).uri, URI);
    assert.match(serve.running.output(), /ignored a packet from .*magic cookie/);
  });

  it('keeps answering after its interface loses and regains its address', async (t) => {
    if (!needsNamespaces(t)) {
      return;
    }
    const { serverHost, client, serve } = await serveOnLan(t);
    const cidr = `${serverHost.ipv4}/24`;

    await serverHost.exec('ip', ['addr', 'del', cidr, 'dev', serverHost.iface]);
    assert.equal((await jitsiDhcpInform(client, { timeoutS: 1 })).uri, null);
    await serve.running.waitForOutput(/could not answer 198\.51\.100\.11/, 5000);
    await serverHost.exec('ip', ['addr', 'add', cidr, 'dev', serverHost.iface]);
    assert.equal((await jitsiDhcpInform(client, { timeoutS: 5 })).uri, URI);
    assert.equal(serve.running.child.exitCode, null);
  });

  it('answers a relayed DHCPINFORM to the relay agent on the server port', async (t) => {
    if (!needsNamespaces(t)) {
      return;
    }
    const { serverHost, client } = await serveOnLan(t);
    const relayed = inform(0x7e1a, '203.0.113.9', { giaddr: client.ipv4 });

    const heard = await sendRawPackets(client, [relayed], 1.5, serverHost.ipv4);
    assert.deepEqual(heard.replyXids, [0x7e1a]);
  });

  it('with --interface, ignores a client outside that interface\'s subnets', async (t) => {
    if (!needsNamespaces(t)) {
      return;
    }
    const { client } = await serveOnLan(t, 2, '--interface', 'lan0');
    const elsewhere = inform(0xf00, '203.0.113.9');
    const here = inform(0xbeef, client.ipv4);

    const heard = await sendRawPackets(client, [elsewhere, here], 1.5);
    assert.deepEqual(heard.replyXids, [0xbeef]);
  });
});
