import { join } from 'node:path';

import type { Host } from './netns.js';
import { REPO_ROOT, type Running } from './processes.js';

/**
 * Wrappers around mdns-tool.ts, which runs inside a namespace host: a passive capture of the
 * group, a raw sender, a legacy unicast querier and bonjour-service's browser.
 */
const TOOL = join(REPO_ROOT, 'dist/test/harness/mdns-tool.js');

export interface CapturedRecord {
  name: string;
  type: string;
  ttl: number;
  flush: boolean;
  data: unknown;
}

export interface CapturedPacket {
  at: number;
  from: string;
  type: 'query' | 'response';
  answers: CapturedRecord[];
}

export interface Capture {
  readonly process: Running;
  packets(): CapturedPacket[];
}

function jsonLines<T>(text: string): T[] {
  return text.split('\n').filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as T);
}

function lastLine<T>(text: string, what: string): T {
  const line = text.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(line) as T;
  } catch {
    throw new Error(`mdns-tool ${what} printed no JSON: ${text}`);
  }
}

/** Listens on the group on `host` for `ms` and keeps every packet it sees. */
export async function startCapture(host: Host, ms = 30_000): Promise<Capture> {
  const running = await host.spawn(process.execPath, [TOOL, 'capture', host.ipv4, String(ms)], {
    ready: /"listening":true/,
  });
  return {
    process: running,
    packets: () => jsonLines<CapturedPacket & { listening?: boolean }>(running.stdout())
      .filter((p) => p.listening === undefined),
  };
}

/** Sends raw bytes from `host`'s port 5353, to the group unless told otherwise. */
export async function sendRaw(host: Host, bytes: Buffer, dest = '224.0.0.251', port = 5353,
  bind = host.ipv4): Promise<void> {
  const result = await host.exec(process.execPath,
    [TOOL, 'send', bind, bytes.toString('hex'), dest, String(port)], { timeoutMs: 10_000 });
  if (!/"sent":true/.test(result.stdout)) {
    throw new Error(`mdns-tool send failed: ${result.stderr}`);
  }
}

export interface LegacyReply {
  id: number;
  questions: { name: string; type: string }[];
  answers: CapturedRecord[];
  additionals: CapturedRecord[];
}

/** One legacy unicast query (from an ephemeral port) from `bind` to `dest`:5353. */
export async function legacyQuery(host: Host, dest: string, name: string, options:
  { timeoutMs?: number; bind?: string; types?: string } = {}): Promise<LegacyReply | null> {
  const args = [TOOL, 'legacy', options.bind ?? host.ipv4, dest, name,
    String(options.timeoutMs ?? 2000), options.types ?? 'SRV,TXT'];
  const result = await host.exec(process.execPath, args, { timeoutMs: 20_000 });
  return lastLine<{ reply: LegacyReply | null }>(result.stdout, 'legacy').reply;
}

export interface BonjourFound {
  name: string;
  host: string;
  port: number;
  addresses: string[];
  txt: Record<string, string>;
}

/** bonjour-service's browser on `host`, looking for services of `type` (e.g. `https`). */
export async function bonjourBrowse(host: Host, type: string, ms = 5000):
Promise<BonjourFound | null> {
  const result = await host.exec(process.execPath, [TOOL, 'browse', host.ipv4, type, String(ms)],
    { timeoutMs: ms + 20_000 });
  return lastLine<{ found: BonjourFound | null }>(result.stdout, 'browse').found;
}

/** Legacy SRV+TXT queries one at a time from `host` to `dest`; round-trips in ms. */
export async function legacyRoundTrips(host: Host, dest: string, name: string, count: number):
Promise<{ latenciesMs: number[]; lost: number }> {
  const result = await host.exec(process.execPath,
    [TOOL, 'legacy-bench', host.ipv4, dest, name, String(count)], { timeoutMs: 120_000 });
  return lastLine(result.stdout, 'legacy-bench');
}
