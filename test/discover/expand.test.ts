import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  describePost, expandProvisioningUrl, type MachineValues,
} from '../../src/discover/expand.js';

const MACHINE: MachineValues = {
  env: { HOME: '/home/ada' },
  system: { 'os.name': 'Linux' },
  variables: { hwaddr: '02:00:00:00:00:01', osname: 'Linux' },
  username: 'ada',
  password: 's3cret',
};

test('the POST goes to the URL without its query string', () => {
  const post = expandProvisioningUrl('https://p.example/prov.php?u=${username}', MACHINE);
  assert.equal(post.url, 'https://p.example/prov.php');
});

test('every query parameter becomes a form field with variables substituted', () => {
  const post = expandProvisioningUrl(
    'https://p/x?u=${username}&p=${password}&m=${hwaddr}&h=${env.HOME}&o=${system.os.name}',
    MACHINE);
  assert.deepEqual(post.fields.map((f) => [f.name, f.value]), [
    ['u', 'ada'], ['p', 's3cret'], ['m', '02:00:00:00:00:01'], ['h', '/home/ada'], ['o', 'Linux'],
  ]);
});

test('a password field is marked secret and masked in the description', () => {
  const post = expandProvisioningUrl('https://p/x?p=${password}', MACHINE);
  assert.equal(post.fields[0]?.secret, true);
  assert.ok(!describePost(post).join('\n').includes('s3cret'));
});

test('unknown variables and $name without braces stay literal', () => {
  const post = expandProvisioningUrl('https://p/x?a=${nope}&b=$username&c=${resx}', MACHINE);
  assert.deepEqual(post.fields.map((f) => f.value), ['${nope}', '$username', '${resx}']);
  assert.deepEqual(post.unresolved, ['nope', 'resx']);
});

test('a trailing & adds no empty field', () => {
  assert.equal(expandProvisioningUrl('https://p/x?a=1&', MACHINE).fields.length, 1);
});
