import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { parseProvisioningUri } from '../../src/provisioning/provisioning-uri.js';

describe('parseProvisioningUri hosts', () => {
  it('refuses an all-numeric host that is not a valid IPv4 address, saying so', () =>
    assert.throws(() => parseProvisioningUri('https://999.1.1.1/p'),
      { code: 'ERR_INVALID_URI', message: /"999\.1\.1\.1" looks like an IPv4 address/ }));

  it('refuses an IPv4 address with a part missing', () =>
    assert.throws(() => parseProvisioningUri('https://198.51.100/p'),
      { code: 'ERR_INVALID_URI', message: /looks like an IPv4 address/ }));

  it('refuses an all-numeric host with a trailing dot', () =>
    assert.throws(() => parseProvisioningUri('https://198.51.100.300./p'),
      { code: 'ERR_INVALID_URI', message: /looks like an IPv4 address/ }));

  it('accepts a valid IPv4 address as an IPv4 host', () =>
    assert.equal(parseProvisioningUri('https://198.51.100.7/p').hostIpVersion, 4));

  it('accepts a DNS name with numeric labels that is not all numeric', () =>
    assert.equal(parseProvisioningUri('https://1.2.3.example/p').hostIpVersion, 0));
});
