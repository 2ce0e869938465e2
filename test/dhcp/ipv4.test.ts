import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import type { NetworkInterfaceInfo } from 'node:os';

import { parseSubnet, requireIpv4Interface, subnetContains } from '../../src/dhcp/ipv4.js';

/** One interface-table entry, as os.networkInterfaces() gives it. */
function entry(family: 'IPv4' | 'IPv6', address: string, internal = false): NetworkInterfaceInfo {
  const base = { address, netmask: '', mac: '02:00:5e:00:53:01', internal, cidr: null };
  return family === 'IPv4' ? { ...base, family } : { ...base, family, scopeid: 0 };
}

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

describe('requireIpv4Interface', () => {
  it('says an interface that does not exist does not exist', () =>
    assert.throws(() => requireIpv4Interface('no-such-if0', {}),
      { code: 'ERR_UNKNOWN_INTERFACE', message: /there is no interface "no-such-if0"/ }));

  it('says loopback is refused because Jitsi never asks from it, though it has 127.0.0.1', () =>
    assert.throws(() => requireIpv4Interface('lo', { lo: [entry('IPv4', '127.0.0.1', true)] }),
      { code: 'ERR_INVALID_OPTION', message: /loopback interface.*Jitsi never asks/ }));

  it('says an interface with only IPv6 has no IPv4 address', () =>
    assert.throws(() => requireIpv4Interface('eth9', { eth9: [entry('IPv6', '2001:db8::1')] }),
      { code: 'ERR_NO_INTERFACE', message: /"eth9" has no IPv4 address/ }));

  it('accepts an interface with an IPv4 address', () =>
    assert.doesNotThrow(() => requireIpv4Interface('eth9', { eth9: [entry('IPv4', '10.0.0.2')] })));
});
