import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';

import { run } from '../../../src/cli/main.js';

async function cli(...args: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks = { out: '', err: '' };
  stdout.on('data', (chunk: Buffer) => (chunks.out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (chunks.err += chunk.toString()));
  const code = await run(['node', 'jitsi-provisioning', ...args], { stdout, stderr });
  return { code, ...chunks };
}

const URI = 'https://prov.example.com/p.php?u=${username}';

describe('jitsi-provisioning dhcp config', () => {
  it('prints the dnsmasq configuration for the URI on stdout', async () => {
    const { code, out } = await cli('dhcp', 'config', URI, '--server', 'dnsmasq',
      '--subnet', '198.51.100.0/24');
    assert.equal(code, 0);
    assert.ok(out.includes(`dhcp-option=224,"${URI}"`));
  });

  it('prints the configuration as one JSON object with --json', async () => {
    const { out } = await cli('--json', 'dhcp', 'config', URI, '--server', 'isc',
      '--subnet', '198.51.100.0/24');
    const object = JSON.parse(out) as { server: string; config: string };
    assert.equal(object.server, 'isc');
    assert.match(object.config, /code 224 = text/);
  });

  it('refuses a URI over 255 bytes with one line and exit code 2', async () => {
    const long = `https://prov.example.com/${'a'.repeat(231)}`;
    const { code, out, err } = await cli('dhcp', 'config', long, '--server', 'kea',
      '--subnet', '198.51.100.0/24');
    assert.equal(code, 2);
    assert.equal(out, '');
    assert.match(err, /^error: the URI is 256 bytes, over the 255 .*\n$/);
  });

  it('requires --server', async () => {
    const { code, err } = await cli('dhcp', 'config', URI);
    assert.equal(code, 2);
    assert.match(err, /--server/);
  });
});

describe('jitsi-provisioning dhcp serve', () => {
  it('refuses an invalid URI before opening any socket', async () => {
    const { code, err } = await cli('dhcp', 'serve', 'ftp://prov.example.com/');
    assert.equal(code, 2);
    assert.match(err, /^error: .*not an http:\/\/ or https:\/\/ URI/);
  });

  it('refuses an interface this machine does not have', async () => {
    const { code, err } = await cli('dhcp', 'serve', URI, '--interface', 'no-such-if0');
    assert.equal(code, 2);
    assert.match(err, /interface "no-such-if0"/);
  });
});
