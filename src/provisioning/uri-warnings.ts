import { variableWarnings, type DiscoveryWarning } from './jitsi-variables.js';
import type { ProvisioningUri } from './provisioning-uri.js';

/**
 * What is legal in a provisioning URI but most likely a mistake, told before it is published:
 * a misspelt variable reaches the script literally, and an empty value is what the shell leaves
 * of `${username}` when the URI was written in double quotes.
 */
export function uriWarnings(uri: ProvisioningUri): DiscoveryWarning[] {
  const warnings = variableWarnings(uri.raw);
  const empty = uri.query.filter((parameter) => parameter.value === '').map((p) => p.key);
  if (empty.length > 0) {
    warnings.push({ code: 'EMPTY_VALUE', message: `${empty.join(', ')} ${empty.length > 1
      ? 'have empty values' : 'has an empty value'}: if the URI was in double quotes, the shell ` +
      "replaced ${…} with nothing; quote it with single quotes ('…')" });
  }
  if (/\s/.test(uri.raw)) {
    warnings.push({ code: 'WHITE_SPACE', message: 'the URI holds white space, which Jitsi sends ' +
      'as it is; most servers expect it encoded as %20' });
  }
  return warnings;
}
