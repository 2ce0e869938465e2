import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { checkLiteralSecrets } from '../../src/provisioning/literal-secrets.js';
import { parseProvisioningUri } from '../../src/provisioning/provisioning-uri.js';
import { describeService } from '../../src/provisioning/service-description.js';

const uri = (text: string) => parseProvisioningUri(text);

describe('checkLiteralSecrets', () => {
  it('accepts a secret parameter that Jitsi substitutes', () => {
    assert.doesNotThrow(() => checkLiteralSecrets(uri('https://h.example/p?pass=${password}'),
      'dhcp'));
  });

  it('accepts an empty secret parameter', () => {
    assert.doesNotThrow(() => checkLiteralSecrets(uri('https://h.example/p?token='), 'mdns'));
  });

  it('refuses a literal token with ERR_LITERAL_SECRET', () => {
    assert.throws(() => checkLiteralSecrets(uri('https://h.example/p?api_key=x'), 'mdns'),
      { code: 'ERR_LITERAL_SECRET' });
  });

  it('names multicast for mDNS', () => {
    assert.throws(() => checkLiteralSecrets(uri('https://h.example/p?pwd=x'), 'mdns'),
      /multicast to every machine on the LAN/);
  });

  it('names option 224 for DHCP', () => {
    assert.throws(() => checkLiteralSecrets(uri('https://h.example/p?pwd=x'), 'dhcp'),
      /option 224 to any machine that asks/);
  });

  it('is the rule describeService applies, with the mDNS wording', () => {
    assert.throws(() => describeService('https://h.example/p?secret=x'),
      /multicast to every machine on the LAN/);
  });
});
