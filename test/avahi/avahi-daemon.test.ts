import assert from 'node:assert/strict';
import { readFile, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';

import { canonicalAddress } from '../../src/avahi/hosts-file.js';
import { startAvahi, type Avahi } from '../harness/avahi.js';
import { jitsiMdnsDiscovery, type JmdnsDiscovery } from '../harness/jmdns.js';
import { withLan, type Host } from '../harness/netns.js';
import { needsNamespaces } from '../harness/privileges.js';
import { cliCommand } from '../harness/processes.js';
import { zeroconfResolve } from '../harness/zeroconf.js';

/**
 * The generated files, loaded by a real avahi-daemon on one namespace host, resolved by the
 * JmDNS program (Jitsi's discovery step) on another. Avahi's log must stay clean throughout.
 */
const AVAHI_HOST_NAME = 'avahihost';
const LOG_TROUBLE = /error|warning|fail|collision|junk/i;

interface Published {
  readonly avahi: Avahi;
  readonly client: Host;
  readonly server: Host;
}

/** Starts Avahi, writes the files with our CLI inside its namespace, and reloads it. */
async function publish(t: TestContext, ...args: string[]): Promise<Published> {
  const lan = await withLan(t, 2);
  const [server, client] = lan.hosts as [Host, Host];
  const avahi = await startAvahi(server, { hostName: AVAHI_HOST_NAME });
  t.after(() => avahi.stop());

  const [node, cli] = cliCommand('avahi', ...args, '--out', avahi.dir);
  const written = await server.exec(node, cli);
  assert.equal(written.code, 0, written.stderr);
  await avahi.reload();
  await avahi.process.waitForOutput(/Service "Provisioning URL" .* successfully established/,
    10_000);
  return { avahi, client, server };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(ms, 0)));

/** SIGHUP, then waits until Avahi has established the service once more. */
async function reloadAndWait(avahi: Avahi): Promise<void> {
  const count = () => avahi.log().match(/"Provisioning URL" .* successfully established/g)?.length;
  const before = count() ?? 0;
  await avahi.reload();
  for (let waited = 0; (count() ?? 0) <= before; waited += 50) {
    assert.ok(waited < 10_000, `avahi-daemon did not re-establish the service:\n${avahi.log()}`);
    await sleep(50);
  }
}

function assertCleanLog(avahi: Avahi): void {
  const trouble = avahi.log().split('\n').filter((line) => LOG_TROUBLE.test(line));
  assert.deepEqual(trouble, [], `avahi-daemon logged:\n${avahi.log()}`);
}

/** The URL's parameters as a set: JmDNS orders them by its Hashtable, not by the URI. */
function parameters(url: string | null): string[] {
  return (url?.split('?')[1] ?? '').split('&').filter(Boolean).sort();
}

/**
 * Checks the URL JmDNS built: the part before `?` exactly (an IPv6 literal compared in one
 * spelling, as JmDNS writes it unabbreviated), the parameters as a set.
 */
function assertUrl(found: JmdnsDiscovery, base: string, params: string[]): void {
  const spell = (url: string) => url.replace(/\[([0-9a-f:]+)\]/i, (_, a: string) =>
    `[${canonicalAddress(a)}]`);
  assert.equal(spell(found.url?.split('?')[0] ?? 'nothing'), spell(base),
    `JmDNS got ${found.url ?? 'nothing'}`);
  assert.deepEqual(parameters(found.url), [...params].sort());
}

describe('avahi files in a real avahi-daemon, found by JmDNS', () => {
  it('publishes an IP host that JmDNS resolves to the URI', async (t) => {
    if (!needsNamespaces(t)) return;
    const { avahi, client } = await publish(t,
      'https://198.51.100.7/prov.php?user=${username}&mac=${hwaddr}');
    const found = await jitsiMdnsDiscovery(client);
    assertUrl(found, 'https://198.51.100.7:443/prov.php', ['user=${username}', 'mac=${hwaddr}']);
    assertCleanLog(avahi);
  });

  it('publishes a rewrite made within the second Avahi last saw the file change', async (t) => {
    if (!needsNamespaces(t)) return;
    const { avahi, client, server } = await publish(t, 'https://198.51.100.7/old.php');
    // Give the file a modification time one whole second ahead, let Avahi record it, then
    // rewrite the file during that very second: Avahi compares whole seconds only.
    const path = join(avahi.dir, 'services', 'provisioning.service');
    const second = Math.floor(Date.now() / 1000) + 2;
    await utimes(path, second, second);
    await reloadAndWait(avahi);
    await sleep(second * 1000 + 50 - Date.now());

    const [node, args] = cliCommand('avahi', 'https://198.51.100.7/new.php', '--out', avahi.dir);
    assert.equal((await server.exec(node, args)).code, 0);
    await reloadAndWait(avahi);
    const found = await jitsiMdnsDiscovery(client);
    assertUrl(found, 'https://198.51.100.7:443/new.php', []);
    assertCleanLog(avahi);
  });

  it('reads its own files back with --check: no problem, and the URL JmDNS gets', async (t) => {
    if (!needsNamespaces(t)) return;
    const { avahi, client, server } = await publish(t,
      'https://198.51.100.7/p.php?u=${username}&m=${hwaddr}&x');
    const [node, args] = cliCommand('avahi', '--check', avahi.dir);
    const checked = await server.exec(node, args);
    assert.equal(checked.code, 0, checked.stdout);
    assert.match(checked.stdout, /https provisioning\.local \(198\.51\.100\.7\) port 443/);

    const found = await jitsiMdnsDiscovery(client);
    assert.ok(found.url, 'JmDNS found nothing');
    assert.ok(checked.stdout.includes(`Jitsi would get: ${found.url}\n`),
      `JmDNS got ${found.url}; --check said:\n${checked.stdout}`);
  });

  it('publishes a DNS-name host under Avahi\'s own name with the URL in path', async (t) => {
    if (!needsNamespaces(t)) return;
    const { avahi, client } = await publish(t,
      'https://prov.example.com:8443/p.php?u=${username}');
    const found = await jitsiMdnsDiscovery(client);
    assertUrl(found, 'https://prov.example.com:8443/p.php', ['u=${username}']);
    assert.equal(found.server?.replace(/\.$/, ''), `${AVAHI_HOST_NAME}.local`);
    assert.ok(found.addresses?.length, 'JmDNS resolved no address for Avahi\'s own name');
    assertCleanLog(avahi);
  });

  it('publishes an IPv6 host over IPv6 mDNS', async (t) => {
    if (!needsNamespaces(t)) return;
    const { avahi, client } = await publish(t, 'https://[2001:db8::7]:8443/p.php?u=${username}');
    const found = await jitsiMdnsDiscovery(client, { bind: client.ipv6 });
    assertUrl(found, 'https://[2001:db8::7]:8443/p.php', ['u=${username}']);
    assertCleanLog(avahi);
  });

  it('carries &, <, " and non-ASCII in path and parameters unchanged', async (t) => {
    if (!needsNamespaces(t)) return;
    const { avahi, client } = await publish(t,
      'https://198.51.100.7/a&b/<p>.php?q="x"&name=Zoë&g=${username}');
    const found = await jitsiMdnsDiscovery(client);
    assertUrl(found, 'https://198.51.100.7:443/a&b/<p>.php', ['q="x"', 'name=Zoë',
      'g=${username}']);
    assertCleanLog(avahi);
  });

  it('keeps the TXT entries in the URI\'s order on the wire', async (t) => {
    if (!needsNamespaces(t)) return;
    const { client } = await publish(t, 'https://198.51.100.7/p?c=3&a=1&b=2');
    const found = await zeroconfResolve(client, '_https._tcp.local.', 'Provisioning URL', 5000);
    assert.deepEqual(found?.txt, ['path=/p', 'c=3', 'a=1', 'b=2']);
  });

  it('publishes the Avahi host\'s own address under its own name with --no-hosts', async (t) => {
    if (!needsNamespaces(t)) return;
    const { avahi, client, server } = await publish(t, 'https://198.51.100.10/p.php',
      '--host-name', `${AVAHI_HOST_NAME}.local`, '--no-hosts');
    const found = await jitsiMdnsDiscovery(client);
    // Avahi's own name carries all of the host's addresses (AAAA over IPv4 too, by default):
    // Jitsi reaches this host, on whichever address JmDNS lists first.
    const bases = [server.ipv4, `[${server.ipv6}]`].map((a) => `https://${a}:443/p.php`);
    assert.ok(bases.some((base) => {
      try {
        assertUrl(found, base, []);
        return true;
      } catch {
        return false;
      }
    }), `JmDNS got ${found.url ?? 'nothing'}`);
    assertCleanLog(avahi);
  });

  it('refuses a hosts line for the Avahi host\'s own address, naming the fix', async (t) => {
    if (!needsNamespaces(t)) return;
    const lan = await withLan(t, 1);
    const [server] = lan.hosts as [Host];
    const avahi = await startAvahi(server, { hostName: AVAHI_HOST_NAME });
    t.after(() => avahi.stop());
    const [node, args] = cliCommand('avahi', `https://${server.ipv4}/p.php`, '--out', avahi.dir);
    const refused = await server.exec(node, args);
    assert.equal(refused.code, 4);
    assert.match(refused.stderr, /Local name collision.*--host-name \S+\.local --no-hosts/);
    assert.equal(await readFile(join(avahi.dir, 'hosts'), 'utf8'), '');
  });
});
