import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  buildInform, provisioningUriOption, readProvisioningUri,
} from '../../src/dhcp/option-224.js';
import { decodePacket } from '../../src/dhcp/packet.js';
import { errorCode } from '../harness/error-code.js';

const code = errorCode;

describe('option 224', () => {
  it('carries the URI exactly as typed, ${…} and all', () => {
    const uri = 'https://prov.example.com/p.php?user=${username}&mac=${hwaddr}';
    assert.equal(provisioningUriOption(` ${uri} `).bytes.toString('utf8'), uri);
  });

  it('accepts a URI of exactly 255 bytes', () => {
    const uri = `https://prov.example.com/${'a'.repeat(255 - 25)}`;
    assert.equal(provisioningUriOption(uri).bytes.length, 255);
  });

  it('refuses a URI of 256 bytes with ERR_URI_TOO_LONG', () => {
    const uri = `https://prov.example.com/${'a'.repeat(256 - 25)}`;
    assert.equal(code(() => provisioningUriOption(uri)), 'ERR_URI_TOO_LONG');
  });

  it('counts bytes, not characters', () => {
    const uri = `https://prov.example.com/${'é'.repeat(116)}`;
    assert.equal(code(() => provisioningUriOption(uri)), 'ERR_URI_TOO_LONG');
  });

  it('refuses what the one model refuses', () => {
    assert.equal(code(() => provisioningUriOption('ftp://h/x')), 'ERR_INVALID_URI');
  });

  it('refuses a literal password, as the one model does', () => {
    const uri = `https://prov.example.com/p.php?pass=hunter2`;
    assert.equal(code(() => provisioningUriOption(uri)), 'ERR_LITERAL_SECRET');
  });

  it('carries a query parameter named "path", which only mDNS cannot carry', () => {
    const uri = 'https://prov.example.com/p.php?path=/etc';
    assert.equal(provisioningUriOption(uri).uri, uri);
  });

  it('carries a repeated query parameter as typed, since the URI is not split into TXT', () => {
    const uri = 'https://prov.example.com/p.php?a=1&a=2';
    assert.equal(provisioningUriOption(uri).uri, uri);
  });

  it('says a literal password would be handed to any machine that asks, not multicast', () => {
    const uri = 'https://prov.example.com/p.php?password=hunter2';
    assert.throws(() => provisioningUriOption(uri), /option 224 to any machine that asks/);
    assert.throws(() => provisioningUriOption(uri), (error: Error) =>
      !/multicast/.test(error.message));
  });

  it('refuses a literal password even when an mDNS-only rule would also object', () => {
    const uri = 'https://prov.example.com/p.php?path=/x&token=abc';
    assert.equal(code(() => provisioningUriOption(uri)), 'ERR_LITERAL_SECRET');
  });

  it('refuses a control character inside the URI', () => {
    assert.equal(code(() => provisioningUriOption('https://h.example/a\nb')), 'ERR_INVALID_URI');
  });

  it('reads null from a packet without option 224', () => {
    const packet = decodePacket(buildInform(1, '198.51.100.11', '02:00:5e:00:53:01'));
    assert.equal(readProvisioningUri(packet), null);
  });
});
