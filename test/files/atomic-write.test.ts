import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import {
  chmod, chown, lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, stat, symlink, utimes,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, it, type TestContext } from 'node:test';

import {
  backupFile, writeFileAtomic, writeFilesAtomic,
} from '../../src/files/atomic-write.js';

async function folder(t: TestContext): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'atomic-write-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

describe('writeFileAtomic', () => {
  it('creates a new file with the given content and mode 0644', async (t) => {
    const path = join(await folder(t), 'a.service');
    await writeFileAtomic(path, 'hello\n');
    assert.equal(await readFile(path, 'utf8'), 'hello\n');
    assert.equal((await stat(path)).mode & 0o777, 0o644);
  });

  it('keeps the mode of the file it replaces', async (t) => {
    const path = join(await folder(t), 'hosts');
    await writeFile(path, 'old\n');
    await chmod(path, 0o640);
    await writeFileAtomic(path, 'new\n');
    assert.equal((await stat(path)).mode & 0o777, 0o640);
  });

  it('keeps the owner of the file it replaces', async (t) => {
    if (process.getuid?.() !== 0) {
      t.skip('changing a file\'s owner needs root');
      return;
    }
    const path = join(await folder(t), 'hosts');
    await writeFile(path, 'old\n');
    await chown(path, 65534, 65534);
    await writeFileAtomic(path, 'new\n');
    const stats = await stat(path);
    assert.deepEqual([stats.uid, stats.gid], [65534, 65534]);
  });

  it('moves the modification time on by a whole second, for Avahi to notice', async (t) => {
    const path = join(await folder(t), 'provisioning.service');
    await writeFile(path, 'old\n');
    const future = Math.floor(Date.now() / 1000) + 3600;
    await utimes(path, future, future);
    await writeFileAtomic(path, 'new\n');
    assert.equal(Math.floor((await stat(path)).mtimeMs / 1000), future + 1);
  });

  it('replaces the file by rename, leaving no temporary file behind', async (t) => {
    const dir = await folder(t);
    const path = join(dir, 'provisioning.service');
    await writeFile(path, 'old\n');
    const before = (await stat(path)).ino;
    await writeFileAtomic(path, 'new\n');
    assert.notEqual((await stat(path)).ino, before);
    assert.deepEqual(await readdir(dir), ['provisioning.service']);
  });

  it('fails with ERR_FILE_WRITE in a missing folder and creates nothing', async (t) => {
    const dir = await folder(t);
    await assert.rejects(writeFileAtomic(join(dir, 'no', 'x'), 'x'), { code: 'ERR_FILE_WRITE' });
    assert.deepEqual(await readdir(dir), []);
  });
});

describe('writeFileAtomic through a symbolic link', () => {
  it('replaces the link\'s target atomically and keeps the link', async (t) => {
    const dir = await folder(t);
    await mkdir(join(dir, 'real'));
    await writeFile(join(dir, 'real', 'hosts'), 'old\n');
    await symlink('real/hosts', join(dir, 'hosts'));
    await writeFileAtomic(join(dir, 'hosts'), 'new\n');
    assert.ok((await lstat(join(dir, 'hosts'))).isSymbolicLink());
    assert.equal(await readlink(join(dir, 'hosts')), 'real/hosts');
    assert.equal(await readFile(join(dir, 'real', 'hosts'), 'utf8'), 'new\n');
    assert.deepEqual((await readdir(dir)).sort(), ['hosts', 'real']);
    assert.deepEqual(await readdir(join(dir, 'real')), ['hosts']);
  });

  it('creates the target of a dangling link and keeps the link', async (t) => {
    const dir = await folder(t);
    await symlink('elsewhere', join(dir, 'hosts'));
    await writeFileAtomic(join(dir, 'hosts'), 'new\n');
    assert.ok((await lstat(join(dir, 'hosts'))).isSymbolicLink());
    assert.equal(await readFile(join(dir, 'elsewhere'), 'utf8'), 'new\n');
  });
});

describe('writeFilesAtomic', () => {
  it('changes no file when a later one is immutable', async (t) => {
    if (process.getuid?.() !== 0) {
      t.skip('chattr +i needs root');
      return;
    }
    const dir = await folder(t);
    const [first, second] = [join(dir, 'a.service'), join(dir, 'hosts')];
    await writeFile(first, 'old a\n');
    await writeFile(second, 'old hosts\n');
    await promisify(execFile)('chattr', ['+i', second]);
    try {
      await assert.rejects(writeFilesAtomic([
        { path: first, content: 'new a\n' }, { path: second, content: 'new hosts\n' },
      ]), { code: 'ERR_FILE_WRITE', message: /hosts: operation not permitted/ });
      assert.equal(await readFile(first, 'utf8'), 'old a\n');
      assert.deepEqual((await readdir(dir)).sort(), ['a.service', 'hosts']);
    } finally {
      await promisify(execFile)('chattr', ['-i', second]);
    }
  });

  it('says which file is already in place when a later rename fails', async (t) => {
    const dir = await folder(t);
    const [first, second] = [join(dir, 'a.service'), join(dir, 'hosts')];
    // A non-empty folder where the file should be: the temporary file is written, the rename
    // over it fails.
    await mkdir(second);
    await writeFile(join(second, 'x'), 'x');
    await assert.rejects(writeFilesAtomic([
      { path: first, content: 'new a\n' }, { path: second, content: 'new hosts\n' },
    ]), { code: 'ERR_FILE_WRITE', message: /a\.service was already replaced/ });
    assert.equal(await readFile(first, 'utf8'), 'new a\n');
    assert.deepEqual((await readdir(dir)).sort(), ['a.service', 'hosts']);
  });
});

describe('backupFile', () => {
  it('copies the file beside it under a name Avahi does not load', async (t) => {
    const path = join(await folder(t), 'provisioning.service');
    await writeFile(path, 'theirs\n');
    const backup = await backupFile(path, new Date('2026-12-03T16:00:00.123Z'));
    assert.equal(backup, `${path}.20261203T160000Z.bak`);
    assert.equal(await readFile(backup, 'utf8'), 'theirs\n');
  });

  it('never overwrites an earlier backup', async (t) => {
    const path = join(await folder(t), 'hosts');
    await writeFile(path, 'x\n');
    const now = new Date('2026-12-03T16:00:00Z');
    await backupFile(path, now);
    await assert.rejects(backupFile(path, now), { code: 'ERR_FILE_WRITE' });
  });
});
