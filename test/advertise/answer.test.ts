import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import type { Answer, Packet, Question } from 'dns-packet';

import { answerQuery, questionClass, suppressKnown } from '../../src/advertise/answer.js';
import { serviceRecords } from '../../src/dns/records.js';
import { describeService } from '../../src/provisioning/service-description.js';

const description = describeService('https://198.51.100.7/p.php?user=${username}');
const records = serviceRecords(description, ['198.51.100.7']);
const INSTANCE = 'Provisioning URL._https._tcp.local';
const peer = { address: '198.51.100.11', port: 5353 };

const q = (name: string, type: string, klass = 'IN'): Question =>
  ({ name, type, class: klass }) as Question;
const query = (questions: Question[], answers: Answer[] = [], id = 0): Packet =>
  ({ type: 'query', id, flags: 0, questions, answers });
const types = (answers: Answer[] | undefined): string[] => (answers ?? []).map((a) => a.type);

describe('answerQuery', () => {
  it('answers an SRV question with SRV first and the address in Additional', () => {
    const reply = answerQuery(query([q(INSTANCE, 'SRV')]), peer, records);
    assert.deepEqual(types(reply?.packet.answers), ['SRV']);
    assert.deepEqual(types(reply?.packet.additionals), ['A']);
    assert.equal(reply?.to, null);
  });

  it('answers SRV and TXT asked together, SRV first', () => {
    const reply = answerQuery(query([q(INSTANCE, 'TXT'), q(INSTANCE, 'SRV')]), peer, records);
    assert.deepEqual(types(reply?.packet.answers), ['SRV', 'TXT']);
  });

  it('matches names case-insensitively', () => {
    const reply = answerQuery(query([q('provisioning url._HTTPS._tcp.LOCAL', 'SRV')]), peer,
      records);
    assert.deepEqual(types(reply?.packet.answers), ['SRV']);
  });

  it('answers the service-type enumeration with the type PTR', () => {
    const reply = answerQuery(query([q('_services._dns-sd._udp.local', 'PTR')]), peer, records);
    assert.deepEqual(reply?.packet.answers?.map((a) => (a as { data: unknown }).data),
      ['_https._tcp.local']);
  });

  it('brings SRV, TXT and the address along with a PTR answer', () => {
    const reply = answerQuery(query([q('_https._tcp.local', 'PTR')]), peer, records);
    assert.deepEqual(types(reply?.packet.answers), ['PTR']);
    assert.deepEqual(types(reply?.packet.additionals), ['SRV', 'TXT', 'A']);
    assert.equal(reply?.sharedOnly, true);
  });

  it('answers ANY for the instance with SRV and TXT', () => {
    const reply = answerQuery(query([q(INSTANCE, 'ANY')]), peer, records);
    assert.deepEqual(types(reply?.packet.answers), ['SRV', 'TXT']);
  });

  it('gives no reply for names that are not ours', () => {
    assert.equal(answerQuery(query([q('other.local', 'A')]), peer, records), null);
  });

  it('gives no reply for a question of another class', () => {
    assert.equal(answerQuery(query([q(INSTANCE, 'SRV', 'CH')]), peer, records), null);
  });

  it('sends a QU question its answer by unicast to port 5353', () => {
    const reply = answerQuery(query([q(INSTANCE, 'SRV', 'UNKNOWN_32769')]), peer, records);
    assert.deepEqual(reply?.to, peer);
    assert.equal(reply?.legacy, false);
  });

  it('answers a legacy query by unicast with its id and question, no flush bit, TTL ≤ 10', () => {
    const legacy = { address: '198.51.100.11', port: 40000 };
    const reply = answerQuery(query([q(INSTANCE, 'SRV')], [], 4242), legacy, records);
    assert.deepEqual(reply?.to, legacy);
    assert.equal(reply?.packet.id, 4242);
    assert.equal(reply?.packet.questions?.[0]?.name, INSTANCE);
    for (const record of [...reply?.packet.answers ?? [], ...reply?.packet.additionals ?? []]) {
      assert.equal((record as { flush?: boolean }).flush, false);
      assert.ok((record as { ttl: number }).ttl <= 10);
    }
  });

  it('sets the cache-flush bit on unique records in multicast answers', () => {
    const reply = answerQuery(query([q(INSTANCE, 'SRV')]), peer, records);
    assert.equal((reply?.packet.answers?.[0] as { flush?: boolean }).flush, true);
  });

  it('leaves out an answer the querier already knows with at least half the TTL', () => {
    const known = { ...records.srv, name: INSTANCE.toUpperCase(), ttl: 100 } as Answer;
    const reply = answerQuery(query([q(INSTANCE, 'ANY')], [known]), peer, records);
    assert.deepEqual(types(reply?.packet.answers), ['TXT']);
  });

  it('gives no reply when every answer is already known', () => {
    const reply = answerQuery(query([q(INSTANCE, 'SRV')], [records.srv]), peer, records);
    assert.equal(reply, null);
  });
});

describe('suppressKnown', () => {
  it('keeps an answer whose known copy has less than half its TTL left', () => {
    const stale = { ...records.txt, ttl: 100 } as Answer;
    assert.equal(suppressKnown([records.txt], [stale]).length, 1);
  });

  it('keeps an answer whose known copy has other data', () => {
    const other = { ...records.txt, data: [Buffer.from('path=/other')] } as Answer;
    assert.equal(suppressKnown([records.txt], [other]).length, 1);
  });
});

describe('questionClass', () => {
  it('reads the top bit of the class as the unicast-response bit', () => {
    assert.deepEqual(questionClass(q(INSTANCE, 'SRV', 'UNKNOWN_32769')),
      { klass: 'IN', unicast: true });
    assert.deepEqual(questionClass(q(INSTANCE, 'SRV', 'IN')), { klass: 'IN', unicast: false });
  });
});
