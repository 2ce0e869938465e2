import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { escapeForKea, quoteForConfig, renderServerConfig } from '../../src/dhcp/server-config.js';
import { errorCode } from '../harness/error-code.js';

const URI = 'https://prov.example.com/p.php?u=${username}&mac=${hwaddr}';
const SUBNET = { subnets: ['198.51.100.0/24'] };

/** Kea accepts `//` comments; JSON.parse does not, so they go before parsing. */
function parseKea(text: string): { Dhcp4: Record<string, unknown> } {
  return JSON.parse(text.replace(/^\s*\/\/.*$/gm, '')) as { Dhcp4: Record<string, unknown> };
}

const code = errorCode;

describe('renderServerConfig', () => {
  it('declares a subnet given twice only once, which Kea requires', () => {
    const subnets = ['198.51.100.0/24', '198.51.100.0/24'];
    const config = parseKea(renderServerConfig(URI, { server: 'kea', subnets })).Dhcp4;
    assert.equal((config['subnet4'] as unknown[]).length, 1);
  });

  it('declares a subnet given twice only once for ISC dhcpd', () => {
    const subnets = ['198.51.100.0/24', '198.51.100.0/24'];
    const text = renderServerConfig(URI, { server: 'isc', subnets });
    assert.equal(text.match(/^\s*subnet 198\.51\.100\.0 /gm)?.length, 1);
  });

  it('refuses overlapping distinct subnets, naming both', () => {
    const subnets = ['198.51.100.0/24', '198.51.100.128/25'];
    assert.throws(() => renderServerConfig(URI, { server: 'kea', subnets }),
      /198\.51\.100\.0\/24 and 198\.51\.100\.128\/25 overlap/);
  });

  it('gives ISC dhcpd a text option 224 and an authoritative subnet', () => {
    const text = renderServerConfig(URI, { server: 'isc', ...SUBNET });
    assert.match(text, /^option jitsi-provisioning-uri code 224 = text;$/m);
    assert.ok(text.includes(`option jitsi-provisioning-uri "${URI}";`));
    assert.match(text, /subnet 198\.51\.100\.0 netmask 255\.255\.255\.0 \{\n\s+authoritative;/);
  });

  it('gives Kea an option-def of type string and the URI as subnet option data', () => {
    const config = parseKea(renderServerConfig(URI, { server: 'kea', ...SUBNET })).Dhcp4;
    assert.deepEqual(config['option-def'], [
      { name: 'jitsi-provisioning-uri', code: 224, type: 'string', space: 'dhcp4' },
    ]);
    assert.equal(config['authoritative'], true);
    assert.deepEqual(config['subnet4'], [{
      subnet: '198.51.100.0/24',
      'option-data': [{ name: 'jitsi-provisioning-uri', data: URI }],
    }]);
  });

  it('gives dnsmasq the alternate port, no DNS, a static range and the quoted option', () => {
    const text = renderServerConfig(URI, { server: 'dnsmasq', ...SUBNET });
    assert.match(text, /^dhcp-alternate-port=6767$/m);
    assert.match(text, /^port=0$/m);
    assert.match(text, /^dhcp-range=198\.51\.100\.0,static,255\.255\.255\.0$/m);
    assert.ok(text.includes(`dhcp-option=224,"${URI}"`));
  });

  it('tells in a comment how to run each server beside the main one', () => {
    for (const server of ['isc', 'kea', 'dnsmasq']) {
      assert.match(renderServerConfig(URI, { server, ...SUBNET }), /beside the site's main DHCP/);
    }
  });

  it('lists every subnet given', () => {
    const text = renderServerConfig(URI, { server: 'isc', subnets: ['198.51.100.0/24',
      '203.0.113.128/25'] });
    assert.match(text, /subnet 203\.0\.113\.128 netmask 255\.255\.255\.128/);
  });

  it('escapes a quote and a backslash for dhcpd.conf and dnsmasq', () => {
    assert.equal(quoteForConfig('a"b\\c'), 'a\\"b\\\\c');
  });

  it('escapes a comma and a backslash for Kea option data', () => {
    assert.equal(escapeForKea('a,b\\c'), 'a\\,b\\\\c');
  });

  it('refuses an unknown server', () => {
    assert.equal(code(() => renderServerConfig(URI, { server: 'udhcpd', ...SUBNET })),
      'ERR_INVALID_OPTION');
  });

  it('refuses a subnet with host bits set', () => {
    const options = { server: 'isc', subnets: ['198.51.100.7/24'] };
    assert.equal(code(() => renderServerConfig(URI, options)), 'ERR_INVALID_OPTION');
  });

  it('refuses a URI over 255 bytes', () => {
    const long = `https://prov.example.com/${'a'.repeat(231)}`;
    assert.equal(code(() => renderServerConfig(long, { server: 'dnsmasq', ...SUBNET })),
      'ERR_URI_TOO_LONG');
  });
});
