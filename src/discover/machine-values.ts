import { createSocket } from 'node:dgram';
import { arch, homedir, hostname, networkInterfaces, platform, userInfo } from 'node:os';

import type { MachineValues } from './expand.js';
import { installationUuid } from './expand.js';

/** Java's `os.name` and `os.arch` for Node's names, as Jitsi's JVM would report them. */
const JAVA_OS_NAMES: Readonly<Record<string, string>> = {
  linux: 'Linux', darwin: 'Mac OS X', win32: 'Windows', freebsd: 'FreeBSD',
};
const JAVA_ARCHES: Readonly<Record<string, string>> = {
  x64: 'amd64', ia32: 'x86', arm64: 'aarch64', arm: 'arm',
};

export interface Credentials {
  readonly username: string | null;
  readonly password: string | null;
}

/**
 * The values Jitsi would substitute on this machine. `${resx}`, `${resy}` and `${build}` have no
 * value here (no screen, no Jitsi build) and stay literal, which the report says.
 */
export async function machineValues(url: string, credentials: Credentials): Promise<MachineValues> {
  const ipaddr = await localAddressFor(url);
  const java = {
    'os.name': JAVA_OS_NAMES[platform()] ?? platform(),
    'os.arch': JAVA_ARCHES[arch()] ?? arch(),
    'user.home': homedir(),
    'user.name': userInfo().username,
  };
  const lang = (process.env['LC_ALL'] || process.env['LANG'] || 'en_US').replace(/[.@].*$/, '');

  return {
    env: process.env,
    system: java,
    variables: {
      'home.location': homedir(),
      'home.name': platform() === 'darwin' ? 'Jitsi' : '.jitsi',
      uuid: installationUuid(),
      osname: java['os.name'],
      arch: java['os.arch'],
      locale: lang === 'C' || lang === 'POSIX' ? 'en_US' : lang,
      hostname: hostname(),
      ...(ipaddr === null ? {} : { ipaddr, hwaddr: macOf(ipaddr) }),
    },
    ...credentials,
  };
}

/** The local address the kernel would use to reach the URL's host (no packet is sent). */
async function localAddressFor(url: string): Promise<string | null> {
  const host = /^[a-z]+:\/\/\[?([^\]/:?#]+)/i.exec(url)?.[1];
  if (host === undefined) {
    return null;
  }
  const socket = createSocket(host.includes(':') ? 'udp6' : 'udp4');
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.connect(9, host, () => resolve());
    });
    return socket.address().address;
  } catch {
    return null;
  } finally {
    socket.close();
  }
}

function macOf(address: string): string | undefined {
  const match = Object.values(networkInterfaces()).flat().find((a) => a?.address === address);
  return match?.mac;
}
