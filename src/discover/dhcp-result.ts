import { discoverDhcp, type DhcpDiscovery } from '../dhcp/discover-dhcp.js';
import { ProvisioningError } from '../errors.js';
import type { Logger } from '../log.js';
import type { DiscoveryResult } from './result.js';
import { variableWarnings } from './warnings.js';

export interface DhcpRunOptions {
  interfaces?: readonly string[] | undefined;
  timeoutMs?: number | undefined;
  logger: Logger;
}

/**
 * Runs the DHCP engineer's `discoverDhcp()` and puts its answer in discover's result shape. Its
 * "not found" (and, until that branch lands, its placeholder error) becomes a result without URL.
 */
export async function discoverDhcpResult(options: DhcpRunOptions): Promise<DiscoveryResult> {
  const started = performance.now();
  try {
    return fromDhcp(await discoverDhcp(options));
  } catch (error) {
    if (!(error instanceof ProvisioningError) || error.code !== 'ERR_NOT_FOUND') {
      throw error;
    }
    const elapsedMs = performance.now() - started;
    return {
      url: null, urls: [], method: 'dhcp', service: null, responders: [],
      steps: [{ type: 'DHCPINFORM option 224', found: false, elapsedMs }],
      elapsedMs, warnings: [{ code: 'DHCP_NOT_FOUND', message: error.message }],
    };
  }
}

function fromDhcp(found: DhcpDiscovery): DiscoveryResult {
  const urlWarnings = found.uri === null ? [] : variableWarnings(found.uri);
  // Jitsi takes the first answer; the wait after it only listens for servers that disagree.
  const toUrl = found.answers[0]?.elapsedMs ?? found.elapsedMs;
  return {
    url: found.uri,
    urls: found.uri === null ? [] : [found.uri],
    method: 'dhcp',
    service: null,
    responders: found.answers.map((answer) => ({
      address: answer.server,
      interface: answer.interface,
      firstSeenMs: answer.elapsedMs,
      records: [{ name: 'option 224', type: 'DHCP' as const, ttl: 0, data: answer.uri }],
      conflicting: new Set(found.answers.map((a) => a.uri)).size > 1,
    })),
    steps: [
      { type: 'DHCPINFORM option 224', found: found.uri !== null, elapsedMs: toUrl },
    ],
    elapsedMs: toUrl,
    warnings: [...found.warnings.map((message) => ({ code: 'DHCP', message })), ...urlWarnings],
  };
}
