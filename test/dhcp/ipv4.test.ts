import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { parseSubnet, subnetContains } from '../../src/dhcp/ipv4.js';

describe('IPv4 subnets', () => {
  it('derives the netmask from the prefix length', () => {
    assert.deepEqual(parseSubnet('203.0.113.128/25'),
      { network: '203.0.113.128', prefixLength: 25, netmask: '255.255.255.128' });
  });

  it('refuses a CIDR without a prefix length', () =>
    assert.throws(() => parseSubnet('198.51.100.0'), /not an IPv4 CIDR/));

  it('refuses a prefix length over 32', () =>
    assert.throws(() => parseSubnet('198.51.100.0/33'), /not an IPv4 CIDR/));

  it('suggests the network address when host bits are set', () =>
    assert.throws(() => parseSubnet('198.51.100.7/24'), /did you mean 198\.51\.100\.0\/24/));

  it('tells whether an address lies in a subnet', () => {
    const subnet = parseSubnet('198.51.100.0/24');
    assert.equal(subnetContains(subnet, '198.51.100.255'), true);
    assert.equal(subnetContains(subnet, '198.51.101.1'), false);
  });
});
