import { createHash } from 'node:crypto';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Host } from './netns.js';
import { REPO_ROOT, run } from './processes.js';

/** What our Java program prints after performing Jitsi's discovery step with real JmDNS. */
export interface JmdnsDiscovery {
  /** The URL Jitsi would get, or null. */
  url: string | null;
  /** From JmDNS.create() returning to the service info (or the end of both waits). */
  elapsedMs: number;
  startupMs: number;
  type?: string;
  name?: string;
  server?: string;
  port?: number;
  addresses?: string[];
  /** Property names and getPropertyString values, in JmDNS's enumeration order. */
  properties?: [string, string | null][];
}

const SOURCE = join(REPO_ROOT, 'test/harness/java/JitsiDiscovery.java');
const JARS = ['jmdns.jar', 'slf4j-api.jar', 'slf4j-nop.jar'].map((jar) => `/usr/share/java/${jar}`);
let compiled: Promise<string> | undefined;

/** Compiles the program once per source version (cached under the temp folder). */
export function compileJitsiDiscovery(): Promise<string> {
  compiled ??= compile();
  return compiled;
}

async function compile(): Promise<string> {
  for (const jar of JARS) {
    await stat(jar).catch(() => {
      throw new Error(`${jar} is missing: apt-get install libjmdns-java libslf4j-java`);
    });
  }
  const source = await readFile(SOURCE);
  const digest = createHash('sha256').update(source).digest('hex').slice(0, 12);
  const folder = join(tmpdir(), `jitsi-provisioning-jmdns-${digest}`);
  const done = await stat(join(folder, 'JitsiDiscovery.class')).then(() => true, () => false);
  if (!done) {
    await mkdir(folder, { recursive: true });
    await run('javac', ['-nowarn', '-cp', JARS.join(':'), '-d', folder, SOURCE],
      { timeoutMs: 120_000 });
  }
  return folder;
}

/** Runs Jitsi's discovery step on `host`, bound to its LAN address (or `bind`). */
export async function jitsiMdnsDiscovery(
  host: Host,
  options: { timeoutMs?: number; bind?: string } = {},
): Promise<JmdnsDiscovery> {
  const folder = await compileJitsiDiscovery();
  const classpath = [folder, ...JARS].join(':');
  const args = ['-cp', classpath, 'JitsiDiscovery', options.bind ?? host.ipv4,
    String(options.timeoutMs ?? 2000)];
  const result = await host.exec('java', args, { timeoutMs: 60_000 });
  const line = result.stdout.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(line) as JmdnsDiscovery;
  } catch {
    throw new Error(`JitsiDiscovery printed no JSON (exit ${result.code}): ${result.stderr}`);
  }
}
