import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Host } from './netns.js';
import { cliCommand, type Running } from './processes.js';

/**
 * Starts the DHCP servers the tests and the benchmark answer Jitsi with, each inside a host's
 * network namespace, on Jitsi's ports (6767, replies to 6768), with files in a fresh temp dir.
 */

export type DhcpServerKind = 'isc' | 'kea' | 'dnsmasq';
export const DHCP_SERVER_KINDS: readonly DhcpServerKind[] = ['isc', 'kea', 'dnsmasq'];

export interface DhcpServer {
  readonly kind: DhcpServerKind | 'serve';
  readonly running: Running;
  stop(): Promise<void>;
}

const READY = 20_000;

/** The configuration our CLI writes for `kind`, made inside `host` as an operator would. */
export async function generatedConfig(host: Host, kind: DhcpServerKind, uri: string,
  subnet = '198.51.100.0/24'): Promise<string> {
  const [cmd, args] = cliCommand('dhcp', 'config', uri, '--server', kind, '--subnet', subnet);
  const { stdout, stderr, code } = await host.exec(cmd, args);
  if (code !== 0) {
    throw new Error(`dhcp config --server ${kind} failed (${code}): ${stderr}`);
  }
  return stdout;
}

/** Starts ISC dhcpd, Kea or dnsmasq on `host` with the configuration our CLI generated. */
export async function startDhcpServer(host: Host, kind: DhcpServerKind, uri: string)
  : Promise<DhcpServer> {
  const config = await generatedConfig(host, kind, uri);
  const dir = await mkdtemp(join(tmpdir(), `jp-${kind}-`));
  const file = join(dir, `${kind}.conf`);
  await writeFile(file, config);

  const [cmd, args, ready] = commandFor(kind, dir, file, host.iface);
  const running = await host.spawn(cmd, args, { ready, timeoutMs: READY });
  return {
    kind,
    running,
    async stop() {
      await running.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function commandFor(kind: DhcpServerKind, dir: string, file: string, iface: string)
  : [string, string[], RegExp] {
  switch (kind) {
    case 'isc':
      return ['sh', ['-c', `touch ${dir}/leases && exec dhcpd -4 -f -d -p 6767 -cf ${file} ` +
        `-lf ${dir}/leases -pf ${dir}/dhcpd.pid ${iface}`], /Server starting service/];
    case 'kea':
      // Kea keeps its lock and pid files in these folders; ours must not touch the machine's.
      return ['env', [`KEA_LOCKFILE_DIR=${dir}`, `KEA_PIDFILE_DIR=${dir}`,
        'KEA_LOGGER_DESTINATION=stdout', 'kea-dhcp4', '-c', file, '-p', '6767', '-P', '6768'],
      /DHCP4_STARTED/];
    case 'dnsmasq':
      return ['dnsmasq', ['-d', '-C', file, `--pid-file=${dir}/dnsmasq.pid`],
        /DHCP, static leases only/];
  }
}

/** Our own responder, `jitsi-provisioning dhcp serve`, on `host`. */
export async function startDhcpServe(host: Host, uri: string, ...flags: string[])
  : Promise<DhcpServer> {
  const [cmd, args] = cliCommand('--verbose', 'dhcp', 'serve', uri, ...flags);
  const running = await host.spawn(cmd, args, { ready: /answering DHCPINFORM/, timeoutMs: READY });
  return { kind: 'serve', running, stop: async () => void (await running.stop()) };
}
