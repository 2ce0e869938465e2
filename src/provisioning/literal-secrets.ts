import { InputError } from '../errors.js';
import type { ProvisioningUri } from './provisioning-uri.js';

/** The ways a URI leaves us; each hands a literal secret to a different audience. */
export type SecretMedium = 'mdns' | 'dhcp';

const SECRET_KEY = /(^|[_-])(pass|password|passwd|pwd|secret|token|apikey|api_key)$/i;
const SUBSTITUTED = /^\$\{[^}]+\}$/;

/** Who reads the URI, said in the operator's terms, so the refusal explains the risk. */
const AUDIENCE: Record<SecretMedium, string> = {
  mdns: 'would be multicast to every machine on the LAN',
  dhcp: 'would be handed in option 224 to any machine that asks',
};

/**
 * Refuses a query parameter named like a secret whose value is typed literally: Jitsi
 * substitutes `${password}` itself, so a literal one only ever leaks. The one rule that
 * mDNS and DHCP share; throws {@link InputError} `ERR_LITERAL_SECRET`.
 */
export function checkLiteralSecrets(uri: ProvisioningUri, medium: SecretMedium): void {
  for (const { key, value } of uri.query) {
    if (value === null || value === '' || !SECRET_KEY.test(key) || SUBSTITUTED.test(value)) {
      continue;
    }
    throw new InputError('ERR_LITERAL_SECRET', `parameter "${key}" has a literal value, which ` +
      `${AUDIENCE[medium]}; write ${key}=\${password} instead`);
  }
}
