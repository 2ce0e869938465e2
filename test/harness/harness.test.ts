import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { serviceXml, startAvahi } from './avahi.js';
import { jitsiMdnsDiscovery } from './jmdns.js';
import { withLan } from './netns.js';
import { needsNamespaces } from './privileges.js';
import { zeroconfResolve } from './zeroconf.js';

// The harness itself: if these fail, every interop test below them means nothing.

const SERVICE = serviceXml({ type: '_https._tcp', port: 443,
  txt: ['path=/p.php', 'user=${username}'] });

describe('test harness', () => {
  it('joins two namespace hosts on one segment', async (t) => {
    if (!needsNamespaces(t)) return;
    const lan = await withLan(t, 2);
    const [a, b] = lan.hosts;
    const ping = await a!.exec('ping', ['-c', '1', '-W', '2', b!.ipv4]);
    assert.equal(ping.code, 0, ping.stdout + ping.stderr);
  });

  it('lets JmDNS and python-zeroconf resolve what avahi-daemon publishes', async (t) => {
    if (!needsNamespaces(t)) return;
    const lan = await withLan(t, 2);
    const [publisher, client] = lan.hosts;
    const avahi = await startAvahi(publisher!, { services: { 'p.service': SERVICE } });
    t.after(() => avahi.stop());
    await avahi.process.waitForOutput(/successfully established/);

    // Avahi publishes both address families for its host; JmDNS takes whichever comes first.
    // The Hashtable enumerates "user" before "path" here, which leaves Jitsi's trailing "&".
    const jmdns = await jitsiMdnsDiscovery(client!);
    const hosts = [publisher!.ipv4, '[2001:db8:0:0:0:0:0:10]'];
    assert.ok(hosts.some((h) => jmdns.url === `https://${h}:443/p.php?user=\${username}&`),
      `unexpected URL ${jmdns.url}`);

    const zc = await zeroconfResolve(client!, '_https._tcp.local.', 'Provisioning URL', 3000);
    assert.deepEqual(zc?.txt, ['path=/p.php', 'user=${username}']);
    assert.deepEqual(zc?.addresses.sort(), [publisher!.ipv4, publisher!.ipv6].sort());
  });
});
