import type { Answer } from 'dns-packet';

import { instanceFqdn, serviceTypeFqdn } from '../dns/names.js';
import { silentLogger, type Logger } from '../log.js';
import { INSTANCE_NAME, type ServiceType } from '../provisioning/service-description.js';
import { InstanceCollector } from './collector.js';
import { jitsiUrls, type ResolvedInstance } from './jitsi-url.js';
import {
  jmdnsQuestions, openQuerySockets, QUERY_SCHEDULE_MS, queryInterfaces, type QuerySockets,
} from './mdns-query.js';
import type { DiscoveryResult, DiscoveryStep } from './result.js';
import { buildReport, type FoundSnapshot } from './report.js';

/** Jitsi waits 2 s for each service type (copied on purpose: the fallback costs the same). */
export const JITSI_TIMEOUT_MS = 2000;
/** Jitsi asks for https first, then http. */
export const JITSI_SERVICE_TYPES: readonly ServiceType[] = ['_https._tcp', '_http._tcp'];

export interface MdnsDiscoverOptions {
  interfaces?: readonly string[] | undefined;
  /** Wait per service type; Jitsi's own is 2000 ms. */
  timeoutMs?: number | undefined;
  /** After the URL, keep listening this long for other responders (default 300 ms). */
  settleMs?: number | undefined;
  logger?: Logger | undefined;
}

/** Asks the way Jitsi does and returns what Jitsi would see; never throws for "not found". */
export async function discoverMdns(options: MdnsDiscoverOptions = {}): Promise<DiscoveryResult> {
  const logger = options.logger ?? silentLogger;
  const timeoutMs = options.timeoutMs ?? JITSI_TIMEOUT_MS;
  const interfaces = queryInterfaces(options.interfaces);
  const started = performance.now();
  const steps: DiscoveryStep[] = [];
  let current: { collector: InstanceCollector; wake: () => void } | null = null;
  const ifaceOf = new Map<string, string>();

  const sockets = await openQuerySockets(interfaces, (records, source, iface) => {
    if (current?.collector.add(records as Answer[], source, performance.now())) {
      ifaceOf.set(source, iface);
      current.wake();
    }
  }, logger);
  logger.log('debug', `asking on ${interfaces.map((i) => `${i.name} (${i.address})`).join(', ')}`);

  try {
    for (const type of JITSI_SERVICE_TYPES) {
      const stepStart = performance.now();
      const collector = new InstanceCollector(instanceFqdn(INSTANCE_NAME, type), started);
      const found = await waitForInstance(sockets, collector, timeoutMs, (wake) => {
        current = { collector, wake };
      });
      const elapsedMs = performance.now() - started;
      steps.push({ type: serviceTypeFqdn(type), found, elapsedMs: performance.now() - stepStart });
      logger.log('debug', `${serviceTypeFqdn(type)}: ${found ? 'found' : 'nothing'} ` +
        `after ${Math.round(performance.now() - stepStart)} ms`);
      if (found) {
        // What JmDNS hands Jitsi is fixed now; later answers only add to the responder report.
        const snapshot = snapshotOf(type, collector);
        await delay(options.settleMs ?? 300);
        return buildReport({ snapshot, collector, steps, elapsedMs, ifaceOf });
      }
    }
    return buildReport({ snapshot: null, collector: null, steps, elapsedMs: performance.now() - started,
      ifaceOf });
  } finally {
    current = null;
    await sockets.close();
  }
}

function snapshotOf(type: ServiceType, collector: InstanceCollector): FoundSnapshot {
  const instance: ResolvedInstance = {
    scheme: type === '_https._tcp' ? 'https' : 'http',
    port: collector.srv?.port ?? 0,
    txt: collector.txt === null ? null : [...collector.txt],
    addresses: collector.targetAddresses(),
  };
  return { type, target: collector.srv?.target ?? '', instance, ...jitsiUrls(instance) };
}

/**
 * Sends JmDNS's questions on its schedule and resolves true as soon as JmDNS would report the
 * instance (an SRV and an address for its target), or false when the wait ends.
 */
function waitForInstance(
  sockets: QuerySockets,
  collector: InstanceCollector,
  timeoutMs: number,
  listen: (wake: () => void) => void,
): Promise<boolean> {
  return new Promise((resolve) => {
    const timers: NodeJS.Timeout[] = [];
    const finish = (found: boolean): void => {
      timers.forEach(clearTimeout);
      listen(() => undefined);
      resolve(found);
    };

    listen(() => {
      if (collector.hasData()) {
        finish(true);
      }
    });
    for (const at of QUERY_SCHEDULE_MS.filter((ms) => ms < timeoutMs)) {
      const ask = (): void => sockets.send(jmdnsQuestions(collector.instance, collector.srv?.target ?? null));
      timers.push(setTimeout(ask, at));
    }
    timers.push(setTimeout(() => finish(false), timeoutMs));
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
