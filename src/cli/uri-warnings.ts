import type { Logger } from '../log.js';
import type { ProvisioningUri } from '../provisioning/provisioning-uri.js';
import { uriWarnings } from '../provisioning/uri-warnings.js';

/** Logs, before anything is published, what in the URI is most likely a mistake. */
export function logUriWarnings(logger: Logger, uri: ProvisioningUri): void {
  for (const warning of uriWarnings(uri)) {
    logger.log('warn', warning.message, { code: warning.code });
  }
}
