import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { parseProvisioningUri } from '../../src/provisioning/provisioning-uri.js';
import { uriWarnings } from '../../src/provisioning/uri-warnings.js';

const codes = (uri: string) => uriWarnings(parseProvisioningUri(uri)).map((w) => w.code);

describe('warnings about a URI before it is published', () => {
  it('says nothing of a URI with Jitsi variables only', () => {
    assert.deepEqual(codes('https://h.example/p?u=${username}&p=${password}&m=${hwaddr}'), []);
  });

  it('warns of a misspelt variable, which reaches the script literally', () => {
    assert.deepEqual(codes('https://h.example/p?u=${usrname}'), ['UNKNOWN_VARIABLE']);
  });

  it('warns of $name without braces', () => {
    assert.deepEqual(codes('https://h.example/p?u=$username'), ['DOLLAR_WITHOUT_BRACES']);
  });

  it('warns of empty values, what double quotes in the shell leave of ${…}', () => {
    const [warning] = uriWarnings(parseProvisioningUri('https://h.example/p?user=&pass='));
    assert.equal(warning?.code, 'EMPTY_VALUE');
    assert.match(warning?.message ?? '', /user, pass have empty values.*single quotes/);
  });

  it('warns of white space in the URI', () => {
    assert.deepEqual(codes('https://h.example/p p.php?a=b'), ['WHITE_SPACE']);
  });
});
