import type { TestContext } from 'node:test';

import type { Host } from './netns.js';
import { cliCommand, type Running } from './processes.js';

/**
 * Runs `jitsi-provisioning --verbose advertise <args>` on a namespace host and waits until it
 * has probed and announced; stopped (SIGTERM) when the test ends.
 */
export async function startAdvertise(t: TestContext, host: Host, ...args: string[]):
Promise<Running> {
  const [cmd, argv] = cliCommand('--verbose', 'advertise', ...args);
  const running = await host.spawn(cmd, argv, { ready: /advertising on/, timeoutMs: 20_000 });
  t.after(() => running.stop());
  return running;
}

/** Runs `advertise` to its end (expected: an error exit) and returns code and stderr. */
export async function advertiseUntilExit(host: Host, timeoutMs: number, ...args: string[]):
Promise<{ code: number | null; stderr: string }> {
  const [cmd, argv] = cliCommand('advertise', ...args);
  const result = await host.exec(cmd, argv, { timeoutMs });
  return { code: result.code, stderr: result.stderr };
}

/** The URL's base and its query parameters as a sorted list (JmDNS's order is a hash order). */
export function splitUrl(url: string | null): { base: string; params: string[] } {
  const [base = '', query = ''] = (url ?? '').split('?');
  return { base, params: query.split('&').filter(Boolean).sort() };
}
