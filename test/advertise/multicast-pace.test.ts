import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { MulticastPace } from '../../src/advertise/multicast-pace.js';
import { serviceRecords } from '../../src/dns/records.js';
import { describeService } from '../../src/provisioning/service-description.js';

const records = serviceRecords(describeService('https://198.51.100.7/p.php'), ['198.51.100.7']);

function paceAt(): { pace: MulticastPace; advance(ms: number): void } {
  let now = 10_000;
  return { pace: new MulticastPace(() => now), advance: (ms) => (now += ms) };
}

describe('MulticastPace (RFC 6762 §6)', () => {
  it('lets a record go to the group once, then holds it for a second', () => {
    const { pace, advance } = paceAt();
    assert.equal(pace.take([records.srv], false).length, 1);
    advance(999);
    assert.equal(pace.take([records.srv], false).length, 0);
    advance(1);
    assert.equal(pace.take([records.srv], false).length, 1);
  });

  it('allows a defence against a probe after 250 ms', () => {
    const { pace, advance } = paceAt();
    pace.take([records.srv], false);
    advance(250);
    assert.equal(pace.take([records.srv], true).length, 1);
  });

  it('counts an announcement as a multicast of its records', () => {
    const { pace } = paceAt();
    pace.mark([records.srv, records.txt]);
    assert.deepEqual(pace.take([records.srv, records.txt, records.typePtr], false),
      [records.typePtr]);
  });

  it('forgets everything when our records change', () => {
    const { pace } = paceAt();
    pace.mark([records.srv]);
    pace.clear();
    assert.equal(pace.take([records.srv], false).length, 1);
  });
});
