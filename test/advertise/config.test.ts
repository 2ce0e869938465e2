import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';

import { readAdvertiseConfig } from '../../src/advertise/config.js';

const folder = await mkdtemp(join(tmpdir(), 'advertise-config-'));
after(() => rm(folder, { recursive: true, force: true }));

async function file(name: string, text: string): Promise<string> {
  const path = join(folder, name);
  await writeFile(path, text);
  return path;
}

describe('readAdvertiseConfig', () => {
  it('reads YAML with the URI kept verbatim', async () => {
    const path = await file('a.yaml', "uri: 'https://198.51.100.7/p.php?u=${username}'\n" +
      'interfaces: [lan0]\n');
    assert.deepEqual(await readAdvertiseConfig(path),
      { uri: 'https://198.51.100.7/p.php?u=${username}', interfaces: ['lan0'] });
  });

  it('reads JSON', async () => {
    const path = await file('a.json', '{"uri": "http://198.51.100.7/", "ipv6": true}');
    assert.deepEqual(await readAdvertiseConfig(path), { uri: 'http://198.51.100.7/', ipv6: true });
  });

  it('refuses an unknown key, naming the expected ones', async () => {
    const path = await file('b.yaml', 'uri: http://198.51.100.7/\nhostname: x.local\n');
    await assert.rejects(readAdvertiseConfig(path), (error: Error & { code?: string }) =>
      error.code === 'ERR_CONFIG_FILE' && /expected keys/.test(error.message));
  });

  it('refuses a file without a uri', async () => {
    const path = await file('c.yaml', 'ipv6: true\n');
    await assert.rejects(readAdvertiseConfig(path), { code: 'ERR_CONFIG_FILE' });
  });

  it('refuses a file that does not exist', async () => {
    await assert.rejects(readAdvertiseConfig(join(folder, 'none.yaml')),
      { code: 'ERR_CONFIG_FILE' });
  });
});
