import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';

import { checkAvahiDir } from '../../src/avahi/check.js';
import { jitsiViewUrl } from '../../src/avahi/jitsi-view-url.js';
import { avahiFiles, renderHostsLines } from '../../src/avahi/service-file.js';
import { describeService } from '../../src/provisioning/service-description.js';

const GOOD = avahiFiles(describeService('https://198.51.100.7/prov.php?user=${username}&x'));
const GOOD_HOSTS = `${renderHostsLines(GOOD.hosts).join('\n')}\n`;

async function avahiDir(t: TestContext, service: string, hosts = GOOD_HOSTS): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'avahi-check-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await mkdir(join(dir, 'services'));
  await writeFile(join(dir, 'services', 'provisioning.service'), service);
  await writeFile(join(dir, 'hosts'), hosts);
  return dir;
}

const messages = (report: Awaited<ReturnType<typeof checkAvahiDir>>) =>
  report.problems.map((p) => `${p.severity}: ${p.message}`).join('\n');

describe('checkAvahiDir', () => {
  it('reports the pieces Jitsi builds its URL from, for files we generated', async (t) => {
    const report = await checkAvahiDir(await avahiDir(t, GOOD.service));
    assert.deepEqual(report.problems, []);
    const [view] = report.services;
    assert.equal(view?.scheme, 'https');
    assert.equal(view?.port, 443);
    assert.equal(view?.hostName, 'provisioning.local');
    assert.deepEqual(view?.addresses, ['198.51.100.7']);
    assert.deepEqual(view?.txt, [
      { key: 'path', value: '/prov.php' }, { key: 'user', value: '${username}' },
      { key: 'x', value: '' },
    ]);
  });

  it('hands the pieces to the URL builder it is given', async (t) => {
    const dir = await avahiDir(t, GOOD.service);
    const report = await checkAvahiDir(dir, (v) => `${v.scheme}://${v.addresses[0]}:${v.port}`);
    assert.equal(report.services[0]?.url, 'https://198.51.100.7:443');
  });

  it('reports a raw & as an XML error that makes Avahi skip the file', async (t) => {
    const broken = GOOD.service.replace('user=${username}', 'a=1&b=2');
    const report = await checkAvahiDir(await avahiDir(t, broken));
    assert.match(messages(report), /error: Avahi skips this whole file: XML error at line \d+/);
    assert.deepEqual(report.services, []);
  });

  it('reports white space around element text, which Avahi keeps', async (t) => {
    const padded = GOOD.service.replace('<type>_https._tcp</type>',
      '<type>\n      _https._tcp\n    </type>');
    const report = await checkAvahiDir(await avahiDir(t, padded));
    assert.match(messages(report), /<type> has white space around its text/);
  });

  it('reports a service not named exactly Provisioning URL', async (t) => {
    const renamed = GOOD.service.replace('Provisioning URL', 'Provisioning url');
    const report = await checkAvahiDir(await avahiDir(t, renamed));
    assert.match(messages(report), /Jitsi asks only for exactly "Provisioning URL"/);
  });

  it('reports an empty txt-record, which makes JmDNS drop every TXT entry', async (t) => {
    const empty = GOOD.service.replace('<txt-record>x=</txt-record>', '<txt-record></txt-record>');
    const report = await checkAvahiDir(await avahiDir(t, empty));
    assert.match(messages(report), /txt-record 3 is empty/);
  });

  it('reports a host name no hosts line gives an address', async (t) => {
    const report = await checkAvahiDir(await avahiDir(t, GOOD.service, ''));
    assert.match(messages(report), /warning: no hosts line gives provisioning\.local an address/);
  });

  it('reports a hosts line Avahi cannot read', async (t) => {
    const report = await checkAvahiDir(await avahiDir(t, GOOD.service, `junk\n${GOOD_HOSTS}`));
    assert.match(messages(report), /line 1 is not "address name"; Avahi stops reading/);
  });

  it('reports one address with two names', async (t) => {
    const hosts = `${GOOD_HOSTS}198.51.100.7 other.local\n`;
    const report = await checkAvahiDir(await avahiDir(t, GOOD.service, hosts));
    assert.match(messages(report), /line 2 gives 198\.51\.100\.7 a second name/);
  });

  it('reports that Jitsi would find nothing when no service is for it', async (t) => {
    const report = await checkAvahiDir(await avahiDir(t, GOOD.service.replace(
      '_https._tcp', '_ssh._tcp')));
    assert.match(messages(report), /Jitsi would find nothing/);
  });

  it('reports a missing services folder', async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'avahi-check-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    const report = await checkAvahiDir(dir);
    assert.match(messages(report), /services: |the folder does not exist/);
  });

  it('reports a second file publishing Provisioning URL of the same type, naming both',
    async (t) => {
      const dir = await avahiDir(t, GOOD.service);
      await writeFile(join(dir, 'services', 'zz-other.service'), GOOD.service);
      const report = await checkAvahiDir(dir);
      assert.match(messages(report), new RegExp('error: .*provisioning\\.service and ' +
        '.*zz-other\\.service both publish "Provisioning URL" of _https\\._tcp.*collision'));
    });

  it('accepts the same instance over https and over http in two files', async (t) => {
    const dir = await avahiDir(t, GOOD.service);
    await writeFile(join(dir, 'services', 'http.service'),
      GOOD.service.replace('_https._tcp', '_http._tcp'));
    assert.deepEqual((await checkAvahiDir(dir)).problems, []);
  });

  it('accepts replace-wildcards on a name without %h, which Avahi publishes as written',
    async (t) => {
      const wild = GOOD.service.replace('<name>', '<name replace-wildcards="yes">');
      assert.notEqual(wild, GOOD.service);
      const report = await checkAvahiDir(await avahiDir(t, wild));
      assert.deepEqual(report.problems, []);
      assert.equal(report.services.length, 1);
    });

  it('still reports a wildcard name with %h, which is not Provisioning URL', async (t) => {
    const wild = GOOD.service.replace('<name>Provisioning URL', '<name replace-wildcards="yes">%h');
    const report = await checkAvahiDir(await avahiDir(t, wild));
    assert.match(messages(report), /\(with %h\); Jitsi asks only/);
  });

  it('gives no URL for another host name no hosts line gives an address', async (t) => {
    const other = GOOD.service.replace('provisioning.local', 'x.local');
    const report = await checkAvahiDir(await avahiDir(t, other), jitsiViewUrl);
    assert.equal(report.services[0]?.hostName, 'x.local');
    assert.equal(report.services[0]?.url, null);
  });

  it('treats Avahi\'s own host name as published, with no hosts line', async (t) => {
    const own = GOOD.service.replace('provisioning.local', 'myhost.local');
    const dir = await avahiDir(t, own, '');
    const report = await checkAvahiDir(dir, jitsiViewUrl, { ownHostName: 'MyHost.local' });
    assert.deepEqual(report.problems, []);
    assert.match(report.services[0]?.url ?? '', /^https:\/\/<avahi host address>:443\//);
  });

  it('says when the hosts file starts with a byte-order mark', async (t) => {
    const report = await checkAvahiDir(await avahiDir(t, GOOD.service, `\uFEFF${GOOD_HOSTS}`));
    assert.match(messages(report),
      /line 1 is not "address name" \(the file starts with a byte-order mark/);
  });
});
