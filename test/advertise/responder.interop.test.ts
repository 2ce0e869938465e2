import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { startAdvertise, splitUrl } from '../harness/advertise.js';
import { serviceXml, startAvahi } from '../harness/avahi.js';
import { jitsiMdnsDiscovery } from '../harness/jmdns.js';
import { bonjourBrowse } from '../harness/mdns-peers.js';
import { withLan } from '../harness/netns.js';
import { needsNamespaces } from '../harness/privileges.js';
import { zeroconfResolve } from '../harness/zeroconf.js';

// Two namespace hosts: `advertise` on the first, real resolvers on the second.

const PRINTER = serviceXml({ name: 'Printer', type: '_ipp._tcp', port: 631 });

const IP_URI = 'https://198.51.100.7/p.php?user=${username}&pass=${password}&mac=${hwaddr}';
const NAME_URI = 'http://prov.example.com:8080/prov/p.php?u=${username}&p=${password}';

describe('advertise, resolved by real peers', () => {
  it('gives Jitsi (JmDNS) the URL of a URI with an IP host', async (t) => {
    if (!needsNamespaces(t)) return;
    const [server, client] = (await withLan(t, 2)).hosts;
    await startAdvertise(t, server!, IP_URI);

    const found = await jitsiMdnsDiscovery(client!);
    assert.deepEqual(splitUrl(found.url), {
      base: 'https://198.51.100.7:443/p.php',
      params: ['mac=${hwaddr}', 'pass=${password}', 'user=${username}'],
    });
  });

  it('gives Jitsi (JmDNS) the URL of a URI with a DNS name and a non-default port', async (t) => {
    if (!needsNamespaces(t)) return;
    const [server, client] = (await withLan(t, 2)).hosts;
    await startAdvertise(t, server!, NAME_URI);

    const found = await jitsiMdnsDiscovery(client!);
    assert.deepEqual(splitUrl(found.url), {
      base: 'http://prov.example.com:8080/prov/p.php',
      params: ['p=${password}', 'u=${username}'],
    });
    assert.deepEqual(found.addresses, [server!.ipv4]);
  });

  it('lets python-zeroconf resolve type, host, port, own address and TXT in order', async (t) => {
    if (!needsNamespaces(t)) return;
    const [server, client] = (await withLan(t, 2)).hosts;
    await startAdvertise(t, server!, NAME_URI);

    const found = await zeroconfResolve(client!, '_http._tcp.local.', 'Provisioning URL', 3000);
    assert.equal(found?.type, '_http._tcp.local.');
    assert.equal(found?.server, 'provisioning.local.');
    assert.equal(found?.port, 8080);
    // Only the LAN address: never loopback's, which would mean nothing on the other host.
    assert.deepEqual(found?.addresses, [server!.ipv4]);
    assert.deepEqual(found?.txt, [
      'path=http://prov.example.com:8080/prov/p.php', 'u=${username}', 'p=${password}',
    ]);
  });

  it('is found by bonjour-service\'s browser', async (t) => {
    if (!needsNamespaces(t)) return;
    const [server, client] = (await withLan(t, 2)).hosts;
    await startAdvertise(t, server!, IP_URI);

    const found = await bonjourBrowse(client!, 'https');
    assert.equal(found?.name, 'Provisioning URL');
    assert.equal(found?.port, 443);
    assert.deepEqual(found?.addresses, ['198.51.100.7']);
    assert.equal(found?.txt['path'], '/p.php');
  });

  it('publishes the --address given and the --host-name given', async (t) => {
    if (!needsNamespaces(t)) return;
    const [server, client] = (await withLan(t, 2)).hosts;
    await startAdvertise(t, server!, NAME_URI, '--address', '198.51.100.99',
      '--host-name', 'prov-test.local');

    const found = await zeroconfResolve(client!, '_http._tcp.local.', 'Provisioning URL', 3000);
    assert.equal(found?.server, 'prov-test.local.');
    assert.deepEqual(found?.addresses, ['198.51.100.99']);
  });

  it('publishes its IPv6 address only with --ipv6', async (t) => {
    if (!needsNamespaces(t)) return;
    const [server, client] = (await withLan(t, 2)).hosts;
    await startAdvertise(t, server!, NAME_URI, '--ipv6');

    const found = await zeroconfResolve(client!, '_http._tcp.local.', 'Provisioning URL', 3000);
    assert.deepEqual(found?.addresses?.slice().sort(), [server!.ipv6, server!.ipv4].sort());
  });

  it('works beside an avahi-daemon on the same host', async (t) => {
    if (!needsNamespaces(t)) return;
    const [server, client] = (await withLan(t, 2)).hosts;
    const avahi = await startAvahi(server!, { services: { 'printer.service': PRINTER } });
    t.after(() => avahi.stop());
    await avahi.process.waitForOutput(/successfully established/);
    await startAdvertise(t, server!, IP_URI);

    const found = await jitsiMdnsDiscovery(client!);
    const printer = await zeroconfResolve(client!, '_ipp._tcp.local.', 'Printer', 3000);
    assert.equal(splitUrl(found.url).base, 'https://198.51.100.7:443/p.php');
    assert.equal(printer?.port, 631);
  });

  it('answers on loopback only when asked to (--interface lo)', async (t) => {
    if (!needsNamespaces(t)) return;
    const [host] = (await withLan(t, 1)).hosts;
    await startAdvertise(t, host!, IP_URI, '--interface', 'lo');

    const found = await zeroconfResolve(host!, '_https._tcp.local.', 'Provisioning URL', 3000,
      '127.0.0.1');
    assert.deepEqual(found?.addresses, ['198.51.100.7']);
  });
});
