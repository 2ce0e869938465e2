import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { describeService } from '../../src/provisioning/service-description.js';

const fails = (uri: string, code: string, options = {}) =>
  assert.throws(() => describeService(uri, options), (error: { code?: string }) => {
    assert.equal(error.code, code);
    return true;
  });

describe('describeService', () => {
  it('keeps an IP host as the address, the path as TXT path, parameters in URI order', () => {
    const d = describeService('https://198.51.100.7/p.php?user=${username}&mac=${hwaddr}&x');
    assert.equal(d.serviceType, '_https._tcp');
    assert.equal(d.port, 443);
    assert.deepEqual(d.txt, [
      { key: 'path', value: '/p.php' },
      { key: 'user', value: '${username}' },
      { key: 'mac', value: '${hwaddr}' },
      { key: 'x', value: '' },
    ]);
    assert.deepEqual(d.addresses, { kind: 'fixed', addresses: ['198.51.100.7'] });
    assert.equal(d.hostName, 'provisioning.local');
  });

  it('puts the absolute URL in TXT path for a DNS-name host and publishes own addresses', () => {
    const d = describeService('http://Prov.Example.com:8080/a/b.php?u=${username}');
    assert.equal(d.serviceType, '_http._tcp');
    assert.equal(d.port, 8080);
    assert.deepEqual(d.txt[0], { key: 'path', value: 'http://Prov.Example.com:8080/a/b.php' });
    assert.deepEqual(d.addresses, { kind: 'own', ipv6: false });
  });

  it('keeps the query verbatim, without decoding or re-encoding', () => {
    const d = describeService('https://198.51.100.7/?q=a%20b&r=é&s=$username');
    assert.deepEqual(d.txt.slice(1).map((e) => e.value), ['a%20b', 'é', '$username']);
  });

  it('gives / as the path when the URI has none', () => {
    assert.deepEqual(describeService('https://198.51.100.7').txt, [{ key: 'path', value: '/' }]);
  });

  it('refuses a URI that is not http or https', () => fails('ftp://h/x', 'ERR_INVALID_URI'));
  it('refuses a URI without a host', () => fails('https:///p.php', 'ERR_INVALID_URI'));
  it('refuses a TXT entry over 255 bytes', () =>
    fails(`https://198.51.100.7/?a=${'x'.repeat(260)}`, 'ERR_TXT_TOO_LONG'));
  it('refuses a TXT record that does not fit one packet', () => {
    const query = Array.from({ length: 8 }, (_, i) => `k${i}=${'v'.repeat(200)}`).join('&');
    fails(`https://198.51.100.7/?${query}`, 'ERR_TXT_TOO_LONG');
  });
  it('refuses a literal password', () =>
    fails('https://h.example/?pass=hunter2', 'ERR_LITERAL_SECRET'));
  it('accepts ${password} as a password value', () =>
    assert.doesNotThrow(() => describeService('https://h.example/?pass=${password}')));
  it('publishes an --address given twice once', () => {
    const d = describeService('https://h.example/', {
      addresses: ['198.51.100.7', '198.51.100.7', '2001:db8::7', '2001:DB8:0:0::7'],
    });
    assert.deepEqual(d.addresses, { kind: 'fixed', addresses: ['198.51.100.7', '2001:db8::7'] });
  });

  it('refuses a link-local IPv4 --address, saying why', () =>
    assert.throws(() => describeService('https://h.example/', { addresses: ['169.254.3.4'] }),
      { code: 'ERR_INVALID_OPTION', message: /"169\.254\.3\.4" is link-local/ }));

  it('refuses a link-local IPv6 --address, saying why', () =>
    assert.throws(() => describeService('https://h.example/', { addresses: ['FEBF::1'] }),
      { code: 'ERR_INVALID_OPTION', message: /"FEBF::1" is link-local/ }));

  it('accepts an IPv6 --address just outside fe80::/10', () =>
    assert.doesNotThrow(() => describeService('https://h.example/', { addresses: ['fec0::1'] })));

  it('refuses an IPv4-mapped IPv6 address', () =>
    fails('https://h.example/', 'ERR_INVALID_OPTION', { addresses: ['::ffff:198.51.100.7'] }));
  it('refuses a host name outside .local', () =>
    fails('https://h.example/', 'ERR_INVALID_OPTION', { hostName: 'prov.example.com' }));
  it('refuses a query parameter named path', () =>
    fails('https://h.example/?path=x', 'ERR_INVALID_URI'));
  it('refuses a parameter given twice', () =>
    fails('https://h.example/?a=1&A=2', 'ERR_INVALID_URI'));
});
