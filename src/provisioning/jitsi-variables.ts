/**
 * The `${…}` variables Jitsi fills in, and the warnings about a URI or URL that uses them wrong:
 * shared by discover (the URL Jitsi got) and by every command that publishes a URI.
 */

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
