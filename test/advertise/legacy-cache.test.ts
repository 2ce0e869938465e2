import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import dnsPacket from 'dns-packet';
import type { Question } from 'dns-packet';

import { answerFor, legacyQueryKey } from '../../src/advertise/legacy-cache.js';

const NAME = 'Provisioning URL._https._tcp.local';
const srv = { name: NAME, type: 'SRV' } as Question;
const query = (id: number): Buffer => dnsPacket.encode({ type: 'query', id, questions: [srv] });

describe('legacyQueryKey', () => {
  it('gives two queries that differ only by id the same key', () => {
    assert.equal(legacyQueryKey(query(1)), legacyQueryKey(query(2)));
  });

  it('refuses a query carrying known answers, whose answer depends on them', () => {
    const withKnown = dnsPacket.encode({ type: 'query', id: 1, questions: [srv], answers: [
      { name: NAME, type: 'TXT', ttl: 4500, data: ['path=/'] },
    ] });
    assert.equal(legacyQueryKey(withKnown), null);
  });

  it('refuses a response', () => {
    assert.equal(legacyQueryKey(dnsPacket.encode({ type: 'response', id: 1, answers: [] })),
      null);
  });

  it('refuses a packet no longer than a header', () => {
    assert.equal(legacyQueryKey(Buffer.alloc(12)), null);
  });
});

describe('answerFor', () => {
  it('copies the stored answer with the query\'s id, leaving the stored one untouched', () => {
    const stored = { bytes: dnsPacket.encode({ type: 'response', id: 7, answers: [] }),
      questions: [] };
    const answer = answerFor(query(4242), stored);
    assert.equal(answer.readUInt16BE(0), 4242);
    assert.equal(stored.bytes.readUInt16BE(0), 7);
  });
});
