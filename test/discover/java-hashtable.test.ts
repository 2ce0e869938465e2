import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';

import { JavaHashtable, javaStringHash } from '../../src/discover/java-hashtable.js';

const run = promisify(execFile);

// A tiny Java program: puts its arguments into a Hashtable and prints keys() one per line.
const JAVA_SOURCE = `
import java.util.*;
public class HashtableOrder {
  public static void main(String[] args) {
    Hashtable<String, String> table = new Hashtable<>();
    for (String arg : args) { table.put(arg, "v"); }
    for (Enumeration<String> e = table.keys(); e.hasMoreElements();) {
      System.out.println(e.nextElement());
    }
  }
}`;

async function javaOrder(keys: readonly string[]): Promise<string[]> {
  const folder = await mkdtemp(join(tmpdir(), 'hashtable-'));
  try {
    const file = join(folder, 'HashtableOrder.java');
    await writeFile(file, JAVA_SOURCE);
    const { stdout } = await run('java', ['-Dfile.encoding=UTF-8', '-Dstdout.encoding=UTF-8',
      file, ...keys], { encoding: 'utf8' });
    return stdout.split('\n').filter((line) => line !== '');
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

function ourOrder(keys: readonly string[]): string[] {
  const table = new JavaHashtable<string>();
  keys.forEach((key) => table.put(key, 'v'));
  return table.keys();
}

const KEY_SETS: Record<string, readonly string[]> = {
  'a few parameters and path': ['path', 'user', 'pass', 'mac'],
  'more than eight keys, which forces a rehash': ['path', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h',
    'i', 'j', 'k', 'l', 'user', 'password', 'hwaddr'],
  'over 23 keys, which rehashes twice': Array.from({ length: 30 }, (_, i) => `key${i}`),
  'keys that collide in one bucket': ['Aa', 'BB', 'path', 'AaAa', 'BBBB', 'AaBB'],
  'non-ASCII keys': ['clé', 'ключ', '名前', 'path', 'emoji😀'],
  'a key repeated': ['user', 'path', 'user', 'mac'],
};

test('String.hashCode matches Java for known values', () => {
  assert.equal(javaStringHash(''), 0);
  assert.equal(javaStringHash('path'), 3433509);
  assert.equal(javaStringHash('polygenelubricants'), -2147483648);
});

for (const [name, keys] of Object.entries(KEY_SETS)) {
  test(`enumeration order equals java.util.Hashtable's: ${name}`, async () => {
    assert.deepEqual(ourOrder(keys), await javaOrder(keys));
  });
}

test('put on an existing key keeps its place and replaces the value', () => {
  const table = new JavaHashtable<number>();
  ['a', 'b', 'c'].forEach((key, i) => table.put(key, i));
  const before = table.keys();
  table.put('b', 9);
  assert.deepEqual(table.keys(), before);
  assert.equal(table.get('b'), 9);
});

test('clear empties the table', () => {
  const table = new JavaHashtable<number>();
  table.put('a', 1);
  table.clear();
  assert.deepEqual(table.keys(), []);
  assert.equal(table.size, 0);
});
