import assert from 'node:assert/strict';
import { test } from 'node:test';

import { jitsiUrls, type ResolvedInstance } from '../../src/discover/jitsi-url.js';
import { buildReport } from '../../src/discover/report.js';

/** A found instance whose AAAA record came before its A record. */
function reportFor(path: string): ReturnType<typeof buildReport> {
  const instance: ResolvedInstance = {
    scheme: 'https',
    port: 443,
    txt: [Buffer.from(`path=${path}`, 'utf8')],
    addresses: ['2001:db8::a', '198.51.100.7'],
  };
  const snapshot = { type: '_https._tcp' as const, target: 'provisioning.local', instance,
    ...jitsiUrls(instance) };
  return buildReport({ snapshot, collector: null, steps: [], elapsedMs: 0, setupMs: 0,
    ifaceOf: new Map() });
}

const codes = (path: string) => reportFor(path).warnings.map((w) => w.code);

test('an absolute URL in TXT path gives no timing warning, as both orders give one URL', () => {
  assert.ok(!codes('https://prov.example.com/p').includes('TIMING_DEPENDENT'));
  assert.equal(reportFor('https://prov.example.com/p').urls.length, 1);
});

test('a relative TXT path with an AAAA first still warns that the URL depends on timing', () => {
  assert.ok(codes('/p').includes('TIMING_DEPENDENT'));
});
