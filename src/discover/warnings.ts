import { isIP } from 'node:net';

import {
  variableWarnings, type DiscoveryWarning,
} from '../provisioning/jitsi-variables.js';

export {
  isJitsiVariable, JITSI_VARIABLES, variableWarnings, type DiscoveryWarning,
} from '../provisioning/jitsi-variables.js';

/** Warnings about a URL Jitsi would request, found over the given service type. */
export function urlWarnings(url: string, scheme: 'https' | 'http'): DiscoveryWarning[] {
  const warnings: DiscoveryWarning[] = [];
  const host = urlHost(url);

  if (scheme === 'http') {
    warnings.push({ code: 'HTTP_SERVICE', message: 'found only as _http._tcp: Jitsi waits 2 s ' +
      'for _https._tcp first, and the provisioning answer (with passwords) travels in clear' });
  }
  if (url.toLowerCase().startsWith('http://')) {
    warnings.push({ code: 'HTTP_URL', message: `the URL is plain http; credentials and the ` +
      'provisioned settings cross the network unencrypted' });
  }
  if (url.toLowerCase().startsWith('https://') && host !== null && isIP(host) !== 0) {
    warnings.push({ code: 'HTTPS_IP_HOST', message: `the https URL points at the IP address ` +
      `${host}: the server's certificate must carry that IP, or put an absolute URL with a DNS ` +
      'name in the TXT path' });
  }
  if (host !== null && /^fe[89ab][0-9a-f]:/i.test(host)) {
    warnings.push({ code: 'LINK_LOCAL_IPV6', message: `the URL uses the link-local ${host} ` +
      'without a zone: Jitsi cannot reach it reliably; advertise a global or ULA address' });
  }
  return [...warnings, ...variableWarnings(url)];
}

/** The host of an absolute URL, without brackets; null when the URL has none. */
function urlHost(url: string): string | null {
  const match = /^[a-z]+:\/\/(\[[^\]]*\]|[^/:?#]*)/i.exec(url);
  if (!match?.[1]) {
    return null;
  }
  return match[1].replace(/^\[|\]$/g, '');
}
