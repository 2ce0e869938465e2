import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, readlink, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';

import { reloadAvahi } from '../../src/avahi/reload.js';
import { startAvahi } from '../harness/avahi.js';
import { jitsiMdnsDiscovery } from '../harness/jmdns.js';
import { withLan, type Host } from '../harness/netns.js';
import { needsNamespaces } from '../harness/privileges.js';
import { cliCommand, exec } from '../harness/processes.js';

const URI = 'https://198.51.100.7/prov.php?user=${username}';

async function avahiDir(t: TestContext): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'avahi-reload-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await mkdir(join(dir, 'services'));
  await writeFile(join(dir, 'hosts'), '198.51.100.20 printer.local\n');
  return dir;
}

/** Runs our CLI in a mount namespace of its own after `setup` (shell commands) ran there. */
function cliInMountNamespace(setup: string, ...args: string[]) {
  const [node, cli] = cliCommand(...args);
  const quoted = [node, ...cli].map((word) => `'${word.replace(/'/g, `'\\''`)}'`).join(' ');
  return exec('unshare', ['--mount', '--propagation', 'private', 'sh', '-c',
    `${setup} && exec ${quoted}`]);
}

describe('avahi --reload', () => {
  it('says plainly that no avahi-daemon runs, after writing the files', async (t) => {
    if (!needsNamespaces(t)) return;
    const dir = await avahiDir(t);
    const noDaemon = 'mkdir -p /run/avahi-daemon && mount -t tmpfs tmpfs /run/avahi-daemon';
    const result = await cliInMountNamespace(noDaemon, 'avahi', URI, '--out', dir, '--reload');
    assert.equal(result.code, 7);
    assert.match(result.stderr, /^error: no avahi-daemon is running [^\n]*\n$/m);
    assert.match(await readFile(join(dir, 'services', 'provisioning.service'), 'utf8'), /443/);
  });

  it('makes a running avahi-daemon publish the files written to /etc/avahi', async (t) => {
    if (!needsNamespaces(t)) return;
    const lan = await withLan(t, 2);
    const [server, client] = lan.hosts as [Host, Host];
    const avahi = await startAvahi(server);
    t.after(() => avahi.stop());
    const pid = String(avahi.process.child.pid);
    assert.match(await readlink(`/proc/${pid}/exe`), /avahi-daemon$/);

    // Inside Avahi's own mount namespace, /etc/avahi and its pid file are the test's.
    const [node, cli] = cliCommand('avahi', URI, '--out', '/etc/avahi', '--reload');
    const result = await exec('nsenter', ['-t', pid, '-m', '-n', node, ...cli]);
    assert.equal(result.code, 0, result.stderr);
    await avahi.process.waitForOutput(/Got SIGHUP, reloading/);
    await avahi.process.waitForOutput(/Service "Provisioning URL" .* successfully established/);
    const found = await jitsiMdnsDiscovery(client);
    assert.match(found.url ?? '', /^https:\/\/198\.51\.100\.7:443\/prov\.php\?/);
  });
});

describe('reloadAvahi', () => {
  it('fails with ERR_AVAHI_RELOAD when neither the binary nor a pid file exists', async () => {
    await assert.rejects(
      reloadAvahi({ command: '/nonexistent/avahi-daemon', pidFile: '/nonexistent/pid' }),
      { code: 'ERR_AVAHI_RELOAD', message: /not installed here and \/nonexistent\/pid names no/ },
    );
  });
});

describe('avahi --out on a read-only folder', () => {
  it('refuses with one line and leaves every file untouched', async (t) => {
    if (!needsNamespaces(t)) return;
    const dir = await avahiDir(t);
    const readOnly = `mount --bind ${dir} ${dir} && mount -o remount,bind,ro ${dir}`;
    const result = await cliInMountNamespace(readOnly, 'avahi', URI, '--out', dir);
    assert.equal(result.code, 6);
    assert.match(result.stderr, /^error: cannot write into .*read-only file system \(EROFS\)/);
    assert.equal(await readFile(join(dir, 'hosts'), 'utf8'), '198.51.100.20 printer.local\n');
    assert.equal((await exec('ls', ['-A', join(dir, 'services')])).stdout, '');
  });
});
