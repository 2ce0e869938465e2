import { join } from 'node:path';

import type { Host } from './netns.js';
import { REPO_ROOT } from './processes.js';

export interface ZeroconfService {
  type: string;
  name: string;
  server: string;
  port: number;
  addresses: string[];
  /** The TXT strings in wire order. */
  txt: string[];
  elapsedMs: number;
}

const SCRIPT = join(REPO_ROOT, 'test/harness/python/zeroconf_resolve.py');
/** Debian's python3-zeroconf belongs to this interpreter; another python3 may come first. */
export const SYSTEM_PYTHON = '/usr/bin/python3';

/** Resolves `<name>.<type>` with python-zeroconf on `host`; null when not found in time. */
export async function zeroconfResolve(
  host: Host,
  type: string,
  name: string,
  timeoutMs: number,
  bind: string = host.ipv4,
): Promise<ZeroconfService | null> {
  const result = await host.exec(SYSTEM_PYTHON, [SCRIPT, bind, type, name, String(timeoutMs)], {
    timeoutMs: timeoutMs + 30_000,
  });
  const line = result.stdout.trim().split('\n').at(-1) ?? '';
  let parsed: ({ found: boolean } & ZeroconfService) | undefined;
  try {
    parsed = JSON.parse(line) as { found: boolean } & ZeroconfService;
  } catch {
    throw new Error(`zeroconf_resolve printed no JSON (exit ${result.code}): ${result.stderr}`);
  }
  return parsed.found ? parsed : null;
}
