import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { withLan, withLoopbackOnlyHost, type Host } from '../harness/netns.js';
import { needsNamespaces } from '../harness/privileges.js';
import { cliCommand, REPO_ROOT } from '../harness/processes.js';

describe('selftest (npm start)', () => {
  it('prints the URL Jitsi would get in a namespace where only lo is up', async (t) => {
    if (!needsNamespaces(t)) return;
    const host = await withLoopbackOnlyHost(t);

    const result = await host.exec('npm', ['start', '--prefix', REPO_ROOT], { timeoutMs: 30_000 });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /Jitsi gets: +https:\/\/prov\.example\.com\/provisioning\.php\?/);
    assert.match(result.stdout, /selftest passed/);
    assert.match(result.stderr, /sent goodbye for every record on lo/);
  });

  it('carries every parameter of another URI through, in JmDNS order', async (t) => {
    if (!needsNamespaces(t)) return;
    const host = await withLoopbackOnlyHost(t);
    const uri = 'http://198.51.100.9:8080/x.php?a=1&b&c=${hwaddr}';

    const [cmd, args] = cliCommand('--json', '-q', 'selftest', uri);
    const result = await host.exec(cmd, args, { timeoutMs: 30_000 });
    const report = JSON.parse(result.stdout) as { passed: boolean; url: string };
    assert.equal(result.code, 0, result.stderr);
    assert.equal(report.passed, true);
    assert.deepEqual(report.url.split('?')[0], 'http://198.51.100.9:8080/x.php');
    assert.deepEqual(report.url.split('?')[1]?.split('&').filter(Boolean).sort(),
      ['a=1', 'b=', 'c=${hwaddr}']);
  });

  it('refuses bad input before it advertises anything', async (t) => {
    if (!needsNamespaces(t)) return;
    const host = await withLoopbackOnlyHost(t);

    const [cmd, args] = cliCommand('selftest', 'ftp://198.51.100.9/x');
    const result = await host.exec(cmd, args, { timeoutMs: 30_000 });
    assert.equal(result.code, 2);
    assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
    assert.match(result.stderr, /^error: .*http/);
  });

  it('refuses an interface that is not loopback', async (t) => {
    if (!needsNamespaces(t)) return;
    const [host] = (await withLan(t, 1)).hosts as [Host];

    const [cmd, args] = cliCommand('selftest', '--interface', host.iface);
    const result = await host.exec(cmd, args, { timeoutMs: 30_000 });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^error: "lan0" is not a loopback interface/);
  });
});
