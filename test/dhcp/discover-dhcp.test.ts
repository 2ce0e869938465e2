import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';

import { discoverDhcp } from '../../src/dhcp/discover-dhcp.js';
import { discoverDhcpOn } from '../harness/dhcp-client.js';
import { startDhcpServe, startDhcpServer } from '../harness/dhcp-servers.js';
import { withLan } from '../harness/netns.js';
import { needsNamespaces } from '../harness/privileges.js';

const URI_A = 'https://prov-a.example.com/p.php?u=${username}';
const URI_B = 'https://prov-b.example.com/p.php?u=${username}';

describe('discoverDhcp', () => {
  it('refuses an interface this machine does not have, before sending anything', async () => {
    await assert.rejects(discoverDhcp({ interfaces: ['no-such-if0'] }),
      (error: { code?: string }) => error.code === 'ERR_UNKNOWN_INTERFACE');
  });

  it('refuses the loopback interface as loopback, not as lacking an address', async () => {
    await assert.rejects(discoverDhcp({ interfaces: ['lo'] }),
      { code: 'ERR_INVALID_OPTION', message: /"lo" is the loopback interface/ });
  });

  it('finds no URI, and no answer, when no server answers', async (t) => {
    if (!needsNamespaces(t)) {
      return;
    }
    const lan = await withLan(t, 1);
    const [client] = lan.hosts;
    assert.ok(client);

    const result = await discoverDhcpOn(client, { timeoutMs: 1500 });
    assert.equal(result.uri, null);
    assert.deepEqual(result.answers, []);
  });

  it('flags two servers that answer with different URIs', async (t) => {
    if (!needsNamespaces(t)) {
      return;
    }
    const lan = await withLan(t, 3);
    const [hostA, hostB, client] = lan.hosts;
    assert.ok(hostA && hostB && client);
    const serve = await startDhcpServe(hostA, URI_A);
    t.after(() => serve.stop());
    const dnsmasq = await startDhcpServer(hostB, 'dnsmasq', URI_B);
    t.after(() => dnsmasq.stop());

    const result = await discoverDhcpOn(client, { timeoutMs: 5000, settleMs: 1000 });
    assert.deepEqual(result.answers.map((a) => [a.server, a.uri]).sort(),
      [[hostA.ipv4, URI_A], [hostB.ipv4, URI_B]]);
    assert.ok([URI_A, URI_B].includes(result.uri ?? ''));
    assert.match(result.warnings.join('\n'), /disagree/);
  });

  it('asks from each IPv4 address, with that address as ciaddr', async (t) => {
    if (!needsNamespaces(t)) {
      return;
    }
    const lan = await withLan(t, 2);
    const [serverHost, client] = lan.hosts;
    assert.ok(serverHost && client);
    await serverHost.addAddress('203.0.113.10/24');
    await client.addAddress('203.0.113.11/24');
    const serve = await startDhcpServe(serverHost, URI_A);
    t.after(() => serve.stop());

    const result = await discoverDhcpOn(client, { timeoutMs: 5000, settleMs: 500 });
    assert.deepEqual(result.answers.map((a) => a.server).sort(), ['198.51.100.10',
      '203.0.113.10']);
    await serve.running.waitForOutput(/answered DHCPINFORM from 203\.0\.113\.11 /, 5000);
  });

  it('resends the DHCPINFORM, so a server that starts late still answers', async (t) => {
    if (!needsNamespaces(t)) {
      return;
    }
    const lan = await withLan(t, 2);
    const [serverHost, client] = lan.hosts;
    assert.ok(serverHost && client);

    const discovery = discoverDhcpOn(client, { timeoutMs: 9000, settleMs: 100 });
    await sleep(1000); // the first DHCPINFORM is gone by now, unanswered
    const serve = await startDhcpServe(serverHost, URI_A);
    t.after(() => serve.stop());
    assert.equal((await discovery).uri, URI_A);
  });
});
