import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';

const BIN = fileURLToPath(new URL('../../../../bin/jitsi-provisioning', import.meta.url));

interface Outcome {
  code: number;
  stderr: string;
}

/**
 * Runs the binary with bad input. Every case but the unknown-interface one also names `lo`,
 * so that even a validation bug could only ever speak on loopback, never on a real network.
 */
function advertise(...args: string[]): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile('node', [BIN, 'advertise', ...args], { timeout: 10_000 }, (error, _out, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ code, stderr });
    });
  });
}

function assertRefused(outcome: Outcome, pattern: RegExp): void {
  assert.equal(outcome.code, 2);
  const lines = outcome.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `expected one line, got:\n${outcome.stderr}`);
  assert.match(lines[0] ?? '', /^error: /);
  assert.match(lines[0] ?? '', pattern);
}

const folder = await mkdtemp(join(tmpdir(), 'advertise-cli-'));
after(() => rm(folder, { recursive: true, force: true }));

describe('advertise refuses bad input with one line and exit code 2', () => {
  it('refuses a URI that is not http or https', async () => {
    assertRefused(await advertise('ftp://198.51.100.7/p', '--interface', 'lo'), /http/);
  });

  it('refuses a URI without a host', async () => {
    assertRefused(await advertise('https:///p.php', '--interface', 'lo'), /no host/);
  });

  it('refuses a TXT entry over 255 bytes', async () => {
    const uri = `https://198.51.100.7/p?a=${'x'.repeat(260)}`;
    assertRefused(await advertise(uri, '--interface', 'lo'), /255/);
  });

  it('refuses a TXT record that does not fit one 1300-byte packet', async () => {
    const query = Array.from({ length: 8 }, (_, i) => `k${i}=${'v'.repeat(200)}`).join('&');
    assertRefused(await advertise(`https://198.51.100.7/p?${query}`, '--interface', 'lo'),
      /1300/);
  });

  it('refuses a literal password value', async () => {
    const uri = 'https://198.51.100.7/p?user=${username}&password=hunter2';
    const outcome = await advertise(uri, '--interface', 'lo');
    assertRefused(outcome, /literal value/);
    assert.doesNotMatch(outcome.stderr, /hunter2/);
  });

  it('refuses an IPv4-mapped IPv6 address', async () => {
    assertRefused(await advertise('https://prov.example.com/p', '--address',
      '::ffff:198.51.100.7', '--interface', 'lo'), /IPv4-mapped/);
  });

  it('refuses a host name outside .local', async () => {
    assertRefused(await advertise('https://198.51.100.7/p', '--host-name', 'prov.example.com',
      '--interface', 'lo'), /\.local/);
  });

  it('refuses an unknown interface', async () => {
    assertRefused(await advertise('https://198.51.100.7/p', '--interface', 'nosuch-if9'),
      /no interface "nosuch-if9"/);
  });

  it('refuses a missing URI', async () => {
    assertRefused(await advertise('--interface', 'lo'), /no provisioning URI/);
  });

  it('refuses a config file with an unknown key', async () => {
    const path = join(folder, 'bad.yaml');
    await writeFile(path, 'uri: https://198.51.100.7/p\nport: 8443\n');
    assertRefused(await advertise('--config', path, '--interface', 'lo'), /bad\.yaml/);
  });

  it('lets an option override the config file (the override is what gets refused)', async () => {
    const path = join(folder, 'good.yaml');
    await writeFile(path, 'uri: https://198.51.100.7/p\nhostName: ok.local\n');
    assertRefused(await advertise('--config', path, '--host-name', 'bad.example.com',
      '--interface', 'lo'), /bad\.example\.com/);
  });
});
