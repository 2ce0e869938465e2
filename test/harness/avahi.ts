import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Host } from './netns.js';
import type { Running } from './processes.js';

/** An avahi-daemon of the test's own, in a host's network namespace and its own mount one. */
export interface Avahi {
  /** The folder mounted over /etc/avahi (services/, hosts, avahi-daemon.conf). */
  readonly dir: string;
  readonly process: Running;
  log(): string;
  /** SIGHUP: avahi re-reads its service files and hosts file. */
  reload(): Promise<void>;
  stop(): Promise<void>;
}

export interface AvahiOptions {
  /** File name → XML, written to services/. */
  services?: Record<string, string>;
  /** The content of /etc/avahi/hosts. */
  hosts?: string;
  /** Avahi's own host name (without .local); by default unique to the host. */
  hostName?: string;
  /** Extra lines for the [server] section. */
  serverOptions?: string[];
}

/** Starts avahi-daemon without D-Bus on `host` and waits for "Server startup complete". */
export async function startAvahi(host: Host, options: AvahiOptions = {}): Promise<Avahi> {
  const dir = await mkdtemp(join(tmpdir(), 'jitsi-provisioning-avahi-'));
  await mkdir(join(dir, 'services'));
  await writeFile(join(dir, 'avahi-daemon.conf'), config(host, options));
  await writeFile(join(dir, 'hosts'), options.hosts ?? '');
  for (const [name, xml] of Object.entries(options.services ?? {})) {
    await writeFile(join(dir, 'services', name), xml);
  }

  const script = [
    'mkdir -p /run/avahi-daemon',
    `mount --bind ${dir} /etc/avahi`,
    'mount -t tmpfs tmpfs /run/avahi-daemon',
    'exec avahi-daemon --no-drop-root --no-chroot --no-rlimits -f /etc/avahi/avahi-daemon.conf',
  ].join(' && ');
  const process = await host.spawn('unshare', ['--mount', '--propagation', 'private', 'sh', '-c',
    script], { ready: /Server startup complete/, timeoutMs: 20_000 });

  return {
    dir,
    process,
    log: () => process.output(),
    reload: async () => {
      process.child.kill('SIGHUP');
    },
    stop: async () => {
      await process.stop('SIGTERM');
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function config(host: Host, options: AvahiOptions): string {
  const hostName = options.hostName ?? `avahi-${host.name.replace(/[^a-z0-9]/gi, '')}`;
  return [
    '[server]',
    `host-name=${hostName.slice(0, 60)}`,
    'domain-name=local',
    'use-ipv4=yes',
    'use-ipv6=yes',
    `allow-interfaces=${host.iface}`,
    'enable-dbus=no',
    'ratelimit-interval-usec=1000000',
    'ratelimit-burst=1000',
    ...(options.serverOptions ?? []),
    '[wide-area]',
    'enable-wide-area=no',
    '[publish]',
    'publish-hinfo=no',
    'publish-workstation=no',
    '',
  ].join('\n');
}

/** A service file for the tests' own publishers; TXT strings are XML-escaped, nothing else. */
export interface AvahiService {
  readonly name?: string;
  readonly type: string;
  readonly port: number;
  readonly txt?: readonly string[];
  readonly hostName?: string;
  readonly protocol?: 'ipv4' | 'ipv6' | 'any';
}

export function serviceXml(service: AvahiService): string {
  const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return [
    '<?xml version="1.0" standalone=\'no\'?>',
    '<!DOCTYPE service-group SYSTEM "avahi-service.dtd">',
    '<service-group>',
    `<name>${service.name ?? 'Provisioning URL'}</name>`,
    `<service protocol="${service.protocol ?? 'ipv4'}">`,
    `<type>${service.type}</type>`,
    `<port>${service.port}</port>`,
    ...(service.hostName ? [`<host-name>${service.hostName}</host-name>`] : []),
    ...(service.txt ?? []).map((entry) => `<txt-record>${escape(entry)}</txt-record>`),
    '</service>',
    '</service-group>',
    '',
  ].join('\n');
}
