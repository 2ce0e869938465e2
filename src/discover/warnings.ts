import { isIP } from 'node:net';

/** Something the operator should fix or know about; `code` is stable for scripts. */
export interface DiscoveryWarning {
  readonly code: string;
  readonly message: string;
}

/** The `${…}` names Jitsi substitutes (its provisioning code); any other stays literal. */
export const JITSI_VARIABLES: readonly string[] = [
  'home.location', 'home.name', 'uuid', 'osname', 'arch', 'resx', 'resy', 'build', 'locale',
  'ipaddr', 'hostname', 'hwaddr', 'username', 'password',
];

export function isJitsiVariable(name: string): boolean {
  return JITSI_VARIABLES.includes(name) || /^(env|system)\.[^}]+$/.test(name);
}

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

/** `$name` without braces reaches the script literally; an unknown `${name}` does too. */
export function variableWarnings(url: string): DiscoveryWarning[] {
  const warnings: DiscoveryWarning[] = [];
  for (const match of url.matchAll(/\$([A-Za-z_][\w.]*)/g)) {
    warnings.push({ code: 'DOLLAR_WITHOUT_BRACES', message: `"$${match[1] ?? ''}" has no braces: ` +
      `Jitsi sends it literally; write \${${match[1] ?? ''}}` });
  }
  for (const match of url.matchAll(/\$\{([^}]*)\}/g)) {
    const name = match[1] ?? '';
    if (!isJitsiVariable(name)) {
      warnings.push({ code: 'UNKNOWN_VARIABLE', message: `"\${${name}}" is not a variable Jitsi ` +
        `substitutes; the script receives it literally` });
    }
  }
  return warnings;
}

/** The host of an absolute URL, without brackets; null when the URL has none. */
function urlHost(url: string): string | null {
  const match = /^[a-z]+:\/\/(\[[^\]]*\]|[^/:?#]*)/i.exec(url);
  if (!match?.[1]) {
    return null;
  }
  return match[1].replace(/^\[|\]$/g, '');
}
