import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import type { Answer } from 'dns-packet';

import { compareProbes, findConflict, sameRecordData } from '../../src/advertise/conflict.js';
import { announcedRecords } from '../../src/advertise/announcer.js';
import { addressRecord, serviceRecords } from '../../src/dns/records.js';
import { describeService } from '../../src/provisioning/service-description.js';

const ours = serviceRecords(describeService('https://198.51.100.7/p.php'), ['198.51.100.7']);
const theirs = serviceRecords(describeService('https://198.51.100.9/q.php'), ['198.51.100.9']);
const mine = announcedRecords(ours);

describe('findConflict', () => {
  it('finds none in our own records coming back', () => {
    assert.equal(findConflict(mine, mine), null);
  });

  it('finds another TXT for our instance name', () => {
    assert.equal(findConflict([theirs.txt], mine)?.theirs, theirs.txt);
  });

  it('says a rival TXT conflicts on the instance', () => {
    assert.equal(findConflict([theirs.txt], mine)?.on, 'instance');
  });

  it('says a rival address conflicts on the host name', () => {
    const other = addressRecord('provisioning.local', '198.51.100.9');
    assert.equal(findConflict([other], mine)?.on, 'host');
  });

  it('finds another address for our host name', () => {
    const other = addressRecord('PROVISIONING.local', '198.51.100.9');
    assert.equal(findConflict([other], mine)?.ours, 'PROVISIONING.local');
  });

  it('finds an AAAA for our host name when we publish only A', () => {
    const other = addressRecord('provisioning.local', '2001:db8::9');
    assert.notEqual(findConflict([other], mine), null);
  });

  it('ignores a goodbye (TTL 0) with other data', () => {
    assert.equal(findConflict([{ ...theirs.txt, ttl: 0 } as Answer], mine), null);
  });

  it('ignores shared PTR records of the same type from other services', () => {
    const ptr = { ...theirs.typePtr, data: 'Printer._https._tcp.local' } as Answer;
    assert.equal(findConflict([ptr], mine), null);
  });

  it('ignores records of names that are not ours', () => {
    assert.equal(findConflict([addressRecord('other.local', '198.51.100.9')], mine), null);
  });
});

describe('sameRecordData', () => {
  it('compares SRV targets case-insensitively', () => {
    const upper = { ...ours.srv, data: { ...(ours.srv as { data: object }).data,
      target: 'PROVISIONING.LOCAL' } } as Answer;
    assert.ok(sameRecordData(ours.srv, upper));
  });
});

describe('compareProbes (RFC 6762 §8.2)', () => {
  it('calls identical record sets a tie', () => {
    assert.equal(compareProbes([ours.srv, ours.txt], [ours.txt, ours.srv]), 0);
  });

  it('lets the lexicographically later address win', () => {
    const low = [addressRecord('provisioning.local', '198.51.100.7')];
    const high = [addressRecord('provisioning.local', '198.51.100.9')];
    assert.ok(compareProbes(high, low) > 0);
    assert.ok(compareProbes(low, high) < 0);
  });

  it('lets the side with more records win when the shared ones are equal', () => {
    const one = [addressRecord('provisioning.local', '198.51.100.7')];
    const two = [...one, addressRecord('provisioning.local', '198.51.100.8')];
    assert.ok(compareProbes(two, one) > 0);
  });
});
