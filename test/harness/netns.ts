import type { ChildProcess } from 'node:child_process';
import type { TestContext } from 'node:test';

import { exec, run, start, type ExecOptions, type ExecResult, type Running,
  type StartOptions } from './processes.js';

/**
 * Test hosts made of Linux network namespaces joined by a bridge, with documentation addresses
 * (198.51.100.0/24, 2001:db8::/64). Names carry this process's pid, so parallel runs never meet
 * and a later run can sweep what a crashed one left behind.
 */
export interface Host {
  readonly name: string;
  readonly iface: string;
  readonly ipv4: string;
  readonly ipv6: string;
  exec(cmd: string, args: readonly string[], options?: ExecOptions): Promise<ExecResult>;
  spawn(cmd: string, args: readonly string[], options?: StartOptions): Promise<Running>;
  addAddress(cidr: string): Promise<void>;
  /** A default route out of lan0, as a host on a real LAN has. */
  addDefaultRoute(): Promise<void>;
}

export interface Lan {
  readonly hosts: readonly Host[];
  close(): Promise<void>;
}

const PREFIX = 'jpt';
let lanCounter = 0;

/** Creates `hostCount` hosts on one bridged segment, all links up, addresses usable at once. */
export async function createLan(hostCount: number): Promise<Lan> {
  await sweepOrphans();
  const id = `${PREFIX}-${process.pid}-${++lanCounter}`;
  const switchNs = `${id}-sw`;
  const names: string[] = [switchNs];

  try {
    await ip('netns', 'add', switchNs);
    await ip('-n', switchNs, 'link', 'add', 'br0', 'type', 'bridge', 'mcast_snooping', '0');
    await ip('-n', switchNs, 'link', 'set', 'br0', 'up');
    const hosts: Host[] = [];
    for (let index = 0; index < hostCount; index++) {
      const name = `${id}-h${index}`;
      names.push(name);
      hosts.push(await createHost(name, switchNs, `${lanCounter}${index}`, index));
    }
    return { hosts, close: () => removeNamespaces(names) };
  } catch (error) {
    await removeNamespaces(names);
    throw error;
  }
}

/** {@link createLan}, removed again when the test ends, whether it passed or not. */
export async function withLan(t: TestContext, hostCount: number): Promise<Lan> {
  const lan = await createLan(hostCount);
  t.after(() => lan.close());
  return lan;
}

/**
 * A host with nothing but `lo` up: no other interface, no route. What `npm start` must work in,
 * and proof that a command kept to loopback reaches no network.
 */
export async function withLoopbackOnlyHost(t: TestContext): Promise<Host> {
  await sweepOrphans();
  const name = `${PREFIX}-${process.pid}-${++lanCounter}-lo`;
  await ip('netns', 'add', name);
  t.after(() => removeNamespaces([name]));
  await ip('-n', name, 'link', 'set', 'lo', 'up');
  return hostHandle(name, '127.0.0.1', '::1');
}

async function createHost(name: string, switchNs: string, tag: string, index: number):
Promise<Host> {
  const hostEnd = `jp${process.pid % 100000}h${tag}`.slice(0, 15);
  const switchEnd = `jp${process.pid % 100000}s${tag}`.slice(0, 15);
  const ipv4 = `198.51.100.${10 + index}`;
  const ipv6 = `2001:db8::${10 + index}`;

  await ip('netns', 'add', name);
  await ip('link', 'add', hostEnd, 'type', 'veth', 'peer', 'name', switchEnd);
  await ip('link', 'set', switchEnd, 'netns', switchNs);
  await ip('-n', switchNs, 'link', 'set', switchEnd, 'master', 'br0', 'up');
  await ip('link', 'set', hostEnd, 'netns', name);
  await ip('-n', name, 'link', 'set', hostEnd, 'name', 'lan0');
  // Without duplicate address detection the addresses (link-local too) are usable at once.
  await run('ip', ['netns', 'exec', name, 'sysctl', '-qw', 'net.ipv6.conf.lan0.accept_dad=0']);
  await ip('-n', name, 'link', 'set', 'lo', 'up');
  await ip('-n', name, 'link', 'set', 'lan0', 'up');
  await ip('-n', name, 'addr', 'add', `${ipv4}/24`, 'dev', 'lan0');
  await ip('-n', name, 'addr', 'add', `${ipv6}/64`, 'dev', 'lan0', 'nodad');
  // Programs that do not choose a multicast interface still find the segment. No default
  // route: with one, a name lookup (JmDNS.create() makes one) waits for a DNS server that is
  // not there; a test that needs one (Jitsi's DHCPINFORM leaves by it) adds it.
  await ip('-n', name, 'route', 'add', '224.0.0.0/4', 'dev', 'lan0');
  await waitForLinkLocal(name);

  return hostHandle(name, ipv4, ipv6);
}

function hostHandle(name: string, ipv4: string, ipv6: string): Host {
  const inNs = (cmd: string, args: readonly string[]) => ['netns', 'exec', name, cmd, ...args];
  return {
    name,
    iface: 'lan0',
    ipv4,
    ipv6,
    exec: (cmd, args, options) => exec('ip', inNs(cmd, args), options),
    spawn: (cmd, args, options) => start('ip', inNs(cmd, args), options),
    addDefaultRoute: () => ip('-n', name, 'route', 'add', 'default', 'dev', 'lan0'),
    addAddress: async (cidr) => {
      const flags = cidr.includes(':') ? ['nodad'] : [];
      await ip('-n', name, 'addr', 'add', cidr, 'dev', 'lan0', ...flags);
    },
  };
}

async function waitForLinkLocal(name: string): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const { stdout } = await run('ip', ['-n', name, '-6', 'addr', 'show', 'dev', 'lan0']);
    if (/inet6 fe80::\S+ scope link\s*(\n|$)/.test(stdout) && !/tentative/.test(stdout)) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function removeNamespaces(names: readonly string[]): Promise<void> {
  for (const name of names) {
    const { stdout } = await exec('ip', ['netns', 'pids', name]);
    for (const pid of stdout.split(/\s+/).filter(Boolean)) {
      try {
        process.kill(Number(pid), 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await exec('ip', ['netns', 'del', name]);
  }
}

/** Removes namespaces left by a run whose process no longer exists. */
async function sweepOrphans(): Promise<void> {
  const { stdout } = await exec('ip', ['netns', 'list']);
  const stale = stdout.split('\n').map((line) => line.split(' ')[0] ?? '').filter((name) => {
    const pid = new RegExp(`^${PREFIX}-(\\d+)-`).exec(name)?.[1];
    return pid !== undefined && Number(pid) !== process.pid && !alive(Number(pid));
  });
  await removeNamespaces(stale);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function ip(...args: string[]): Promise<void> {
  await run('ip', args);
}

export type { ChildProcess };
