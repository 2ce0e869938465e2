import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import type { Packet } from 'dns-packet';

import { probePacket, tieBreak } from '../../src/advertise/prober.js';
import { serviceRecords } from '../../src/dns/records.js';
import { describeService } from '../../src/provisioning/service-description.js';

const description = describeService('https://198.51.100.7/p.php');
const ours = serviceRecords(description, ['198.51.100.7']);

describe('probePacket', () => {
  it('asks ANY for the instance name and the host name, once each', () => {
    const packet = probePacket(ours);
    assert.deepEqual(packet.questions?.map((q) => `${q.type} ${q.name}`), [
      'ANY Provisioning URL._https._tcp.local', 'ANY provisioning.local',
    ]);
  });

  it('carries the records we intend to own in the Authority section', () => {
    assert.deepEqual(probePacket(ours).authorities?.map((r) => r.type), ['SRV', 'TXT', 'A']);
  });
});

describe('tieBreak', () => {
  it('sees our own probe coming back as no contest', () => {
    assert.equal(tieBreak(probePacket(ours), ours), 'none');
  });

  it('loses to a probe with a later address for our host name', () => {
    const later = serviceRecords(description, ['198.51.100.9']);
    assert.equal(tieBreak(probePacket(later), ours), 'lost');
  });

  it('wins against a probe with an earlier address for our host name', () => {
    const earlier = serviceRecords(description, ['198.51.100.1']);
    assert.equal(tieBreak(probePacket(earlier), ours), 'won');
  });

  it('ignores a query without Authority records', () => {
    const plain: Packet = { type: 'query', questions: probePacket(ours).questions ?? [] };
    assert.equal(tieBreak(plain, ours), 'none');
  });
});
