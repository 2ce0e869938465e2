import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { NetworkInterfaceInfo } from 'node:os';

import {
  checkInterfaceNames, isOnLink, selectLinks, type Link,
} from '../../src/advertise/interface-watch.js';

const v4 = (address: string, internal = false): NetworkInterfaceInfo => ({
  address, netmask: internal ? '255.0.0.0' : '255.255.255.0', family: 'IPv4',
  mac: '00:00:00:00:00:00', internal, cidr: null,
});
const v6 = (address: string, internal = false): NetworkInterfaceInfo => ({
  address, netmask: 'ffff:ffff:ffff:ffff::', family: 'IPv6', mac: '00:00:00:00:00:00',
  internal, cidr: null, scopeid: 0,
});

const UP_MULTICAST = 0x1003;
const snapshot = {
  lo: [v4('127.0.0.1', true), v6('::1', true)],
  lan0: [v4('198.51.100.10'), v6('2001:db8::10'), v6('fe80::1')],
  docker0: [v4('172.17.0.1')],
  down0: [v4('198.51.100.20')],
  v6only: [v6('2001:db8::30')],
};
const flags = (name: string): number => (name === 'lo' ? 0x49 : name === 'down0' ? 0x1002
  : UP_MULTICAST);
const names = (links: Link[]): string[] => links.map((l) => l.name);

describe('selectLinks', () => {
  it('takes by default only up, multicast, non-loopback, non-container interfaces', () => {
    assert.deepEqual(names(selectLinks(snapshot, null, flags)), ['lan0']);
  });

  it('takes loopback when it is named', () => {
    assert.deepEqual(names(selectLinks(snapshot, ['lo'], flags)), ['lo']);
  });

  it('leaves out a named interface that is down', () => {
    assert.deepEqual(names(selectLinks(snapshot, ['down0'], flags)), []);
  });

  it('keeps only the link\'s own addresses, without IPv6 link-local ones', () => {
    const [lan] = selectLinks(snapshot, ['lan0'], flags);
    assert.deepEqual(lan?.ipv4.map((a) => a.address), ['198.51.100.10']);
    assert.deepEqual(lan?.ipv6, ['2001:db8::10']);
  });

  it('skips an interface that lost its IPv4 address instead of failing', () => {
    assert.deepEqual(names(selectLinks({ lan0: [v6('2001:db8::10')] }, null, flags)), []);
  });
});

describe('isOnLink', () => {
  const [lan] = selectLinks(snapshot, ['lan0'], flags) as [Link];

  it('accepts a source inside the link\'s subnet', () => {
    assert.ok(isOnLink('198.51.100.77', lan));
  });

  it('refuses an off-link source (RFC 6762 §11)', () => {
    assert.equal(isOnLink('203.0.113.5', lan), false);
  });

  it('accepts the link\'s own IPv6 address', () => {
    assert.ok(isOnLink('2001:db8::10', lan));
  });
});

describe('checkInterfaceNames', () => {
  it('refuses a name this machine does not have', () => {
    assert.throws(() => checkInterfaceNames(['nosuch-if9']), { code: 'ERR_UNKNOWN_INTERFACE' });
  });

  it('accepts lo', () => {
    assert.doesNotThrow(() => checkInterfaceNames(['lo']));
  });
});
