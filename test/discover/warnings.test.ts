import assert from 'node:assert/strict';
import { test } from 'node:test';

import { urlWarnings } from '../../src/discover/warnings.js';

const codes = (url: string, scheme: 'https' | 'http' = 'https'): string[] =>
  urlWarnings(url, scheme).map((w) => w.code);

test('an https URL at an IP address warns about the certificate', () => {
  assert.deepEqual(codes('https://198.51.100.7:443/p'), ['HTTPS_IP_HOST']);
});

test('an https URL with a DNS name gives no warning', () => {
  assert.deepEqual(codes('https://prov.example.com/p?u=${username}'), []);
});

test('found over _http._tcp warns about the fallback and the clear text', () => {
  assert.deepEqual(codes('http://198.51.100.7:80/p', 'http'), ['HTTP_SERVICE', 'HTTP_URL']);
});

test('a link-local IPv6 host is flagged', () => {
  assert.ok(codes('https://[fe80:0:0:0:0:0:0:1]:443/p').includes('LINK_LOCAL_IPV6'));
});

test('$name without braces is flagged', () => {
  assert.ok(codes('https://p.example/x?u=$username').includes('DOLLAR_WITHOUT_BRACES'));
});

test('a variable Jitsi does not know is flagged', () => {
  assert.ok(codes('https://p.example/x?u=${user}').includes('UNKNOWN_VARIABLE'));
});

test('env and system variables are known', () => {
  assert.deepEqual(codes('https://p.example/x?a=${env.USER}&b=${system.user.name}'), []);
});
