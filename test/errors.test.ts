import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { NameConflictError } from '../src/errors.js';

describe('NameConflictError', () => {
  it('for the instance, says to stop or reconfigure the other responder at its address', () => {
    const error = new NameConflictError('Provisioning URL._https._tcp.local', '198.51.100.9',
      'instance');
    assert.match(error.message, /stop or reconfigure the responder at 198\.51\.100\.9/);
    assert.doesNotMatch(error.message, /--host-name/);
  });

  it('for the host name, suggests another --host-name', () => {
    const error = new NameConflictError('provisioning.local', '198.51.100.9', 'host');
    assert.match(error.message, /choose another --host-name/);
    assert.match(error.message, /198\.51\.100\.9/);
  });

  it('exits 4 either way', () => {
    assert.equal(new NameConflictError('x.local', '198.51.100.9', 'host').exitCode, 4);
  });
});
