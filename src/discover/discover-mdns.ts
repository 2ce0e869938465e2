import type { Answer } from 'dns-packet';

import { instanceFqdn, serviceTypeFqdn } from '../dns/names.js';
import { silentLogger, type Logger } from '../log.js';
import { INSTANCE_NAME, type ServiceType } from '../provisioning/service-description.js';
import { InstanceCollector } from './collector.js';
import { jitsiUrls, type ResolvedInstance } from './jitsi-url.js';
import {
  jmdnsQuestions, openQuerySockets, QUERY_SCHEDULE_MS, queryInterfaces, type QueryInterface,
  type QuerySockets,
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
  const session = await openSession(queryInterfaces(options.interfaces), logger);
  try {
    return await runSteps(session, options.timeoutMs ?? JITSI_TIMEOUT_MS,
      options.settleMs ?? 300, logger);
  } finally {
    await session.close();
  }
}

/** The sockets of one discovery, feeding whichever collector listens at the moment. */
interface Session {
  readonly sockets: QuerySockets;
  readonly ifaceOf: Map<string, string>;
  readonly setupMs: number;
  /** When the first question went out: JmDNS's figure also starts after JmDNS.create(). */
  readonly started: number;
  listen(collector: InstanceCollector, wake: () => void): void;
  close(): Promise<void>;
}

async function openSession(interfaces: readonly QueryInterface[], logger: Logger):
Promise<Session> {
  const opening = performance.now();
  const ifaceOf = new Map<string, string>();
  let current: { collector: InstanceCollector; wake: () => void } | null = null;

  const sockets = await openQuerySockets(interfaces, (records, source, iface) => {
    if (current?.collector.add(records as Answer[], source, performance.now())) {
      ifaceOf.set(source, iface);
      current.wake();
    }
  }, logger);
  logger.log('debug', `asking on ${interfaces.map((i) => `${i.name} (${i.address})`).join(', ')}`);

  const started = performance.now();
  return {
    sockets, ifaceOf, started, setupMs: started - opening,
    listen: (collector, wake) => void (current = { collector, wake }),
    close: async () => {
      current = null;
      await sockets.close();
    },
  };
}

/** Jitsi's two waits: https, then http; the first instance JmDNS would report ends them. */
async function runSteps(session: Session, timeoutMs: number, settleMs: number, logger: Logger):
Promise<DiscoveryResult> {
  const steps: DiscoveryStep[] = [];
  const common = { steps, setupMs: session.setupMs, ifaceOf: session.ifaceOf };
  let answered: InstanceCollector | null = null;

  for (const type of JITSI_SERVICE_TYPES) {
    const stepStart = performance.now();
    const collector = new InstanceCollector(instanceFqdn(INSTANCE_NAME, type), session.started);
    const found = await waitForInstance(session, collector, timeoutMs);
    const elapsedMs = performance.now() - session.started;
    steps.push({ type: serviceTypeFqdn(type), found, elapsedMs: performance.now() - stepStart });
    logger.log('debug', `${serviceTypeFqdn(type)}: ${found ? 'found' : 'nothing'} ` +
      `after ${Math.round(performance.now() - stepStart)} ms`);

    if (found) {
      // What JmDNS hands Jitsi is fixed now; later answers only add to the responder report.
      const snapshot = snapshotOf(type, collector);
      await delay(settleMs);
      return buildReport({ ...common, snapshot, collector, elapsedMs });
    }
    answered ??= collector.responders.size > 0 ? collector : null;
  }
  const elapsedMs = performance.now() - session.started;
  return buildReport({ ...common, snapshot: null, collector: answered, elapsedMs });
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
function waitForInstance(session: Session, collector: InstanceCollector, timeoutMs: number):
Promise<boolean> {
  return new Promise((resolve) => {
    const timers: NodeJS.Timeout[] = [];
    const finish = (found: boolean): void => {
      timers.forEach(clearTimeout);
      session.listen(collector, () => undefined);
      resolve(found);
    };

    session.listen(collector, () => {
      if (collector.hasData()) {
        finish(true);
      }
    });
    const ask = (): void => session.sockets.send(
      jmdnsQuestions(collector.instance, collector.srv?.target ?? null));
    for (const at of QUERY_SCHEDULE_MS.filter((ms) => ms < timeoutMs)) {
      // The first question goes out now: a timer, even of 0 ms, costs about a millisecond.
      if (at === 0) {
        ask();
      } else {
        timers.push(setTimeout(ask, at));
      }
    }
    timers.push(setTimeout(() => finish(false), timeoutMs));
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
