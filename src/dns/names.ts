/** DNS names as mDNS uses them: `.local` names without the trailing dot. */

/** `_https._tcp` → `_https._tcp.local`. */
export function serviceTypeFqdn(serviceType: string): string {
  return `${serviceType}.local`;
}

/**
 * `Provisioning URL` of `_https._tcp` → `Provisioning URL._https._tcp.local`. The instance label
 * may hold spaces (RFC 6763 §4.3); a dot in it would need escaping, which dns-packet's encoder
 * does not do, so the label is refused rather than silently split (bonjour #19).
 */
export function instanceFqdn(instanceName: string, serviceType: string): string {
  if (instanceName.includes('.')) {
    throw new RangeError(`instance name "${instanceName}" holds a dot`);
  }
  return `${instanceName}.${serviceTypeFqdn(serviceType)}`;
}

/** DNS names compare case-insensitively (RFC 1035 §2.3.3, RFC 6762 §16); ASCII only folds. */
export function sameName(a: string, b: string): boolean {
  return foldName(a) === foldName(b);
}

export function foldName(name: string): string {
  return name.replace(/\.$/, '').replace(/[A-Z]/g, (c) => c.toLowerCase());
}
