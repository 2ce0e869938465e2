import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  javaIpv6, jitsiUrl, jitsiUrls, type ResolvedInstance,
} from '../../src/discover/jitsi-url.js';

function instance(txt: string[] | null, addresses = ['198.51.100.7']): ResolvedInstance {
  return {
    scheme: 'https',
    port: 443,
    txt: txt === null ? null : txt.map((s) => Buffer.from(s, 'utf8')),
    addresses,
  };
}

const HOST = '198.51.100.7';

test('a path without a leading slash gets one', () => {
  assert.equal(jitsiUrl(instance(['path=prov.php']), HOST), 'https://198.51.100.7:443/prov.php?');
});

test('a path holding :// replaces the whole URL', () => {
  assert.equal(jitsiUrl(instance(['path=https://prov.example.com/p']), HOST),
    'https://prov.example.com/p?');
});

test('no TXT record gives the bare address and port', () => {
  assert.equal(jitsiUrl(instance(null), HOST), 'https://198.51.100.7:443');
});

test('a key without = reads as true', () => {
  assert.equal(jitsiUrl(instance(['debug']), HOST), 'https://198.51.100.7:443?debug=true');
});

test('an empty value stays empty, not true', () => {
  assert.equal(jitsiUrl(instance(['debug=']), HOST), 'https://198.51.100.7:443?debug=');
});

test('a zero-length string drops every TXT entry', () => {
  assert.equal(jitsiUrl(instance(['path=/p', 'a=1', '', 'b=2']), HOST), 'https://198.51.100.7:443');
});

test('a string starting with = becomes the empty key', () => {
  assert.equal(jitsiUrl(instance(['=x']), HOST), 'https://198.51.100.7:443?=x');
});

test('a later duplicate key replaces the value', () => {
  assert.equal(jitsiUrl(instance(['a=1', 'a=2']), HOST), 'https://198.51.100.7:443?a=2');
});

test('path enumerated last leaves a trailing &', () => {
  // "a" and "path" hash into buckets 9 and 2 of 11: keys() gives a, path.
  assert.equal(jitsiUrl(instance(['path=/p', 'a=1']), HOST), 'https://198.51.100.7:443/p?a=1&');
});

test('values are not encoded: & and = pass through', () => {
  assert.equal(jitsiUrl(instance(['q=a&b=c']), HOST), 'https://198.51.100.7:443?q=a&b=c');
});

test('IPv6 addresses are bracketed in Java\'s uncompressed form', () => {
  assert.equal(javaIpv6('2001:db8::a'), '2001:db8:0:0:0:0:0:a');
  assert.equal(javaIpv6('fe80::1'), 'fe80:0:0:0:0:0:0:1');
  assert.equal(javaIpv6('::198.51.100.1'), '0:0:0:0:0:0:c633:6401');
  assert.equal(jitsiUrl(instance(null), '2001:db8::a'), 'https://[2001:db8:0:0:0:0:0:a]:443');
});

test('an AAAA first makes the URL timing-dependent, the IPv6 one most likely', () => {
  const both = jitsiUrls(instance(null, ['2001:db8::a', '198.51.100.7']));
  assert.equal(both.url, 'https://[2001:db8:0:0:0:0:0:a]:443');
  assert.deepEqual(both.urls, ['https://[2001:db8:0:0:0:0:0:a]:443', 'https://198.51.100.7:443']);
});

test('an A record first gives one URL only', () => {
  assert.deepEqual(jitsiUrls(instance(null, ['198.51.100.7', '2001:db8::a'])).urls,
    ['https://198.51.100.7:443']);
});

test('an IPv4-mapped AAAA is ignored as JmDNS ignores it', () => {
  assert.deepEqual(jitsiUrls(instance(null, ['::ffff:198.51.100.7'])), { url: null, urls: [] });
});

test('no address at all yields no URL', () => {
  assert.deepEqual(jitsiUrls(instance(['path=/p'], [])), { url: null, urls: [] });
});

test('a path holding an absolute URL gives one URL even when an AAAA comes first', () => {
  const found = jitsiUrls(instance(['path=https://prov.example.com/p'],
    ['2001:db8::a', '198.51.100.7']));
  assert.deepEqual(found.urls, ['https://prov.example.com/p?']);
});
