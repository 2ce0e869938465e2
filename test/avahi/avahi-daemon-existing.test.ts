import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';

import { serviceXml, startAvahi } from '../harness/avahi.js';
import { jitsiMdnsDiscovery } from '../harness/jmdns.js';
import { withLan, type Host } from '../harness/netns.js';
import { needsNamespaces } from '../harness/privileges.js';
import { cliCommand } from '../harness/processes.js';

/**
 * Service files an operator may already have, loaded by a real avahi-daemon: what `--check`
 * says about them must match what the daemon does and what JmDNS (Jitsi's discovery) finds.
 */
const HTTPS = { type: '_https._tcp', port: 443, txt: ['path=/p'] } as const;

describe('existing service files in a real avahi-daemon', () => {
  it('fails one of two files publishing Provisioning URL of one type, as --check says',
    async (t) => {
      if (!needsNamespaces(t)) return;
      const [server] = (await withLan(t, 1)).hosts as [Host];
      const avahi = await startAvahi(server, { services: {
        'a.service': serviceXml(HTTPS), 'b.service': serviceXml({ ...HTTPS, port: 8443 }),
      } });
      t.after(() => avahi.stop());
      await avahi.process.waitForOutput(/Local name collision/, 10_000);

      const [node, args] = cliCommand('avahi', '--check', avahi.dir);
      const checked = await server.exec(node, args);
      assert.equal(checked.code, 7, checked.stdout);
      assert.match(checked.stdout, /a\.service and .*b\.service both publish "Provisioning URL"/);
    });

  it('publishes a replace-wildcards name without %h as written, as --check says', async (t) => {
    if (!needsNamespaces(t)) return;
    const [server, client] = (await withLan(t, 2)).hosts as [Host, Host];
    const xml = serviceXml(HTTPS).replace('<name>', '<name replace-wildcards="yes">');
    const avahi = await startAvahi(server, { services: { 'provisioning.service': xml } });
    t.after(() => avahi.stop());
    await avahi.process.waitForOutput(/"Provisioning URL" .* successfully established/, 10_000);

    const [node, args] = cliCommand('avahi', '--check', avahi.dir);
    const checked = await server.exec(node, args);
    assert.equal(checked.code, 0, checked.stdout);
    const found = await jitsiMdnsDiscovery(client);
    // Avahi's own name carries every address of the host; JmDNS takes whichever comes first.
    assert.match(found.url ?? 'nothing', /^https:\/\/[^/]+:443\/p\?$/);
  });

  it('moves our hosts line to a new host name, which a starting daemon resolves', async (t) => {
    if (!needsNamespaces(t)) return;
    const [server, client] = (await withLan(t, 2)).hosts as [Host, Host];
    const dir = await mkdtemp(join(tmpdir(), 'avahi-rename-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    for (const name of ['provisioning.local', 'prov2.local']) {
      const [node, args] = cliCommand('avahi', 'https://198.51.100.7/p', '--host-name', name,
        '--out', dir);
      const written = await server.exec(node, args);
      assert.equal(written.code, 0, written.stderr);
    }
    // A running daemon loads the new name before it drops the old one and reports a conflict
    // for the new name (the CLI warns about it), so this daemon starts with the final files.
    const avahi = await startAvahi(server, {
      hosts: await readFile(join(dir, 'hosts'), 'utf8'),
      services: { 'provisioning.service':
        await readFile(join(dir, 'services', 'provisioning.service'), 'utf8') },
    });
    t.after(() => avahi.stop());
    await avahi.process.waitForOutput(/"Provisioning URL" .* successfully established/, 10_000);

    const found = await jitsiMdnsDiscovery(client);
    assert.equal(found.url, 'https://198.51.100.7:443/p?', avahi.log());
    assert.equal(found.server?.replace(/\.$/, ''), 'prov2.local');
    assert.doesNotMatch(avahi.log(), /collision|conflict|error/i);
  });
});
