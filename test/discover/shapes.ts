import type { AvahiService } from '../harness/avahi.js';
import type { Answer } from 'dns-packet';

/**
 * Advertisement shapes for discover's differential test. Each is published on a namespace LAN
 * and resolved by the real JmDNS program and by `discover`; the expected URL is whatever JmDNS
 * gives in the same run, never written here.
 */
export type Shape =
  | { readonly name: string; readonly publisher: 'avahi'; readonly service: AvahiService;
      readonly hosts?: string }
  | { readonly name: string; readonly publisher: 'raw'; readonly type?: 'https' | 'http';
      readonly records: (target: RawTarget) => { answers: Answer[]; additionals: Answer[] } }
  | { readonly name: string; readonly publisher: 'advertise';
      readonly args: (publisher: RawTarget) => string[] };

export type { AvahiService };

export interface RawTarget {
  readonly instance: string;
  readonly ipv4: string;
  readonly ipv6: string;
}

const many = Array.from({ length: 14 }, (_, i) => `p${i}=v${i}`);
const twenty = Array.from({ length: 20 }, (_, i) => `param${i}=\${env.V${i}}`);

function avahi(name: string, txt: readonly string[], extra: Partial<AvahiService> = {},
  hosts?: string): Shape {
  const service = {
    type: '_https._tcp' as const, port: 443, txt, protocol: 'ipv4' as const, ...extra,
  };
  return hosts === undefined ? { name, publisher: 'avahi', service }
    : { name, publisher: 'avahi', service, hosts };
}

export const AVAHI_SHAPES: readonly Shape[] = [
  avahi('path and two parameters', ['path=/prov.php', 'user=${username}', 'pass=${password}']),
  avahi('many parameters (14) and a path', ['path=/p', ...many]),
  avahi('path only', ['path=/provisioning/jitsi.php']),
  avahi('no path, parameters only', ['user=${username}', 'mac=${hwaddr}']),
  avahi('a relative path', ['path=prov/jitsi.php', 'u=${username}']),
  avahi('an absolute URL in path', ['path=https://prov.example.com:8443/p.php', 'u=${username}']),
  avahi('http only', ['path=/p.php', 'u=${username}'], { type: '_http._tcp', port: 8080 }),
  avahi('IPv6 only', ['path=/p.php'], { hostName: 'v6only.local' }, '2001:db8::99 v6only.local\n'),
  avahi('both address families', ['path=/p.php', 'u=${username}'], { protocol: 'any' }),
  avahi('keys without =', ['path=/p', 'debug', 'verbose']),
  avahi('empty values', ['path=/p', 'a=', 'b=']),
  avahi('non-ASCII values', ['path=/p', 'name=Zoë', 'city=東京', 'ключ=значение']),
  avahi('& and = inside values', ['path=/p', 'q=a&b=c', 'x==y']),
  avahi('$name without braces', ['path=/p', 'user=$username']),
  avahi('a variable Jitsi does not know', ['path=/p', 'user=${user}']),
  avahi('duplicate keys', ['path=/p', 'a=1', 'a=2']),
  avahi('keys differing only in case', ['path=/p', 'User=1', 'user=2']),
  avahi('no TXT entries at all', []),
  avahi('a non-default port', ['path=/p'], { port: 8443 }),
];

function srv(t: RawTarget, port = 443, target = 'rawhost.local'): Answer {
  return { name: t.instance, type: 'SRV', ttl: 120, flush: true,
    data: { priority: 0, weight: 0, port, target } };
}
function txt(t: RawTarget, strings: (string | Buffer)[]): Answer {
  return { name: t.instance, type: 'TXT', ttl: 4500, flush: true,
    data: strings.map((s) => (typeof s === 'string' ? Buffer.from(s, 'utf8') : s)) };
}
function a(address: string, name = 'rawhost.local'): Answer {
  return { name, type: address.includes(':') ? 'AAAA' : 'A', ttl: 120, flush: true, data: address };
}

function raw(name: string, strings: (string | Buffer)[] | null,
  addresses: (t: RawTarget) => string[], type: 'https' | 'http' = 'https'): Shape {
  return {
    name, publisher: 'raw', type,
    records: (t) => ({
      answers: strings === null ? [srv(t)] : [srv(t), txt(t, strings)],
      additionals: addresses(t).map((address) => a(address)),
    }),
  };
}

const v4 = (t: RawTarget): string[] => [t.ipv4];

export const RAW_SHAPES: readonly Shape[] = [
  raw('a zero-length string in the TXT record', ['path=/p', 'a=1', '', 'b=2'], v4),
  raw('no address record at all', ['path=/p'], () => []),
  raw('a TXT string starting with =', ['path=/p', '=orphan'], v4),
  raw('an IPv4-mapped AAAA only', ['path=/p'], () => ['::ffff:198.51.100.77']),
  raw('an AAAA before the A', ['path=/p', 'u=${username}'], (t) => [t.ipv6, t.ipv4]),
  raw('two A records', ['path=/p'], () => ['198.51.100.201', '198.51.100.202']),
  raw('invalid UTF-8 in a value', ['path=/p', Buffer.from([0x76, 0x3d, 0xff, 0xfe, 0x41])], v4),
  raw('twenty parameters', ['path=/p', ...twenty], v4),
  raw('a link-local IPv6 address only', ['path=/p'], () => ['fe80::1234']),
  raw('no TXT record', null, v4),
  raw('an empty TXT record', [], v4),
  raw('spaces in values and path', ['path=/my prov.php', 'a=b c'], v4),
  raw('http only, absolute path', ['path=http://prov.example.com/p'], v4, 'http'),
  {
    name: 'the instance name in other letter case',
    publisher: 'raw',
    records: (t) => ({
      answers: [srv({ ...t, instance: t.instance.toLowerCase() }),
        txt({ ...t, instance: t.instance.toUpperCase() }, ['path=/p'])],
      additionals: [a(t.ipv4)],
    }),
  },
];

function advertise(name: string, args: (p: RawTarget) => string[]): Shape {
  return { name, publisher: 'advertise', args };
}

const twelve = Array.from({ length: 12 }, (_, i) => `k${i}=\${env.K${i}}`).join('&');

export const ADVERTISE_SHAPES: readonly Shape[] = [
  advertise('an IP host with path and parameters',
    (p) => [`https://${p.ipv4}/prov.php?user=\${username}&pass=\${password}&mac=\${hwaddr}`]),
  advertise('a DNS-name host and port (absolute URL in path)',
    () => ['https://prov.example.com:8443/p.php?u=${username}']),
  advertise('http only', (p) => [`http://${p.ipv4}:8080/prov?x=1`]),
  advertise('no path', (p) => [`https://${p.ipv4}`]),
  advertise('many parameters (12)', (p) => [`https://${p.ipv4}/p?${twelve}`]),
  advertise('an IPv6 literal host', (p) => [`https://[${p.ipv6}]/p?u=\${username}`]),
  advertise('both address families (--ipv6)',
    () => ['https://prov.example.com/p?u=${username}', '--ipv6']),
  advertise('a key without = and an empty value', (p) => [`https://${p.ipv4}/p?debug&a=`]),
  advertise('a non-ASCII value', (p) => [`https://${p.ipv4}/p?name=Zoë`]),
];
