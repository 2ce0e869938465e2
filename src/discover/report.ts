import { sameName, serviceTypeFqdn } from '../dns/names.js';
import { INSTANCE_NAME, type ServiceType } from '../provisioning/service-description.js';
import type { InstanceCollector, Responder } from './collector.js';
import type { JitsiUrls, ResolvedInstance } from './jitsi-url.js';
import { readJmdnsProperties } from './jmdns-properties.js';
import type { DiscoveryResult, DiscoveryStep, ResponderReport } from './result.js';
import { urlWarnings, type DiscoveryWarning } from './warnings.js';

/** What JmDNS held at the moment it would have handed the instance to Jitsi. */
export interface FoundSnapshot extends JitsiUrls {
  readonly type: ServiceType;
  readonly target: string;
  readonly instance: ResolvedInstance;
}

export interface ReportInput {
  readonly snapshot: FoundSnapshot | null;
  readonly collector: InstanceCollector | null;
  readonly steps: readonly DiscoveryStep[];
  readonly elapsedMs: number;
  readonly setupMs: number;
  readonly ifaceOf: ReadonlyMap<string, string>;
}

/** Turns what discovery gathered into the result the CLI prints and selftest checks. */
export function buildReport(input: ReportInput): DiscoveryResult {
  const { snapshot, collector } = input;
  const target = snapshot?.target ?? collector?.srv?.target ?? '';
  const responders = collector === null ? [] : responderReports(collector, target, input.ifaceOf);

  return {
    url: snapshot?.url ?? null,
    urls: snapshot?.urls ?? [],
    method: 'mdns',
    service: snapshot === null ? null : {
      name: INSTANCE_NAME,
      type: serviceTypeFqdn(snapshot.type),
      host: snapshot.target,
      port: snapshot.instance.port,
      addresses: snapshot.instance.addresses,
      txt: (snapshot.instance.txt ?? []).map((s) => s.toString('utf8')),
    },
    responders,
    steps: input.steps,
    elapsedMs: input.elapsedMs,
    setupMs: input.setupMs,
    warnings: snapshot === null ? notFoundWarnings(collector) : foundWarnings(snapshot, responders),
  };
}

/** Only the records about the instance and its target; two differing responders are flagged. */
function responderReports(
  collector: InstanceCollector,
  target: string,
  ifaceOf: ReadonlyMap<string, string>,
): ResponderReport[] {
  const relevant = [...collector.responders.values()].map((responder): Responder => ({
    ...responder,
    records: responder.records.filter((r) =>
      r.type === 'SRV' || r.type === 'TXT' || sameName(r.name, target)),
  })).filter((responder) => responder.records.length > 0);

  const fingerprints = new Set(relevant.map(fingerprint));
  return relevant.map((responder) => ({
    ...responder,
    interface: ifaceOf.get(responder.address) ?? '',
    conflicting: fingerprints.size > 1,
  }));
}

function fingerprint(responder: Responder): string {
  const lines = responder.records.map((r) => `${r.type} ${r.name.toLowerCase()} ${r.data}`);
  return lines.sort().join('\n');
}

function foundWarnings(snapshot: FoundSnapshot, responders: ResponderReport[]): DiscoveryWarning[] {
  const { instance } = snapshot;
  const warnings = snapshot.url === null ? [] : urlWarnings(snapshot.url, instance.scheme);
  const add = (code: string, message: string): number => warnings.push({ code, message });

  if (responders.some((r) => r.conflicting)) {
    add('CONFLICTING_RESPONDERS', `${responders.length} responders answer for "${INSTANCE_NAME}" ` +
      `with different data (${responders.map((r) => r.address).join(', ')}): a rogue or stale ` +
      'advertiser; Jitsi takes whichever answer it handles last');
  }
  if (snapshot.urls.length > 1) {
    add('TIMING_DEPENDENT', 'the host has IPv4 and IPv6 addresses and an AAAA record comes ' +
      'first: Jitsi most likely uses the IPv6 one, but may use any of ' +
      `${snapshot.urls.join(' , ')}` +
      '; publish the A record first (or IPv4 only) to make it certain');
  }
  if (instance.txt === null) {
    add('NO_TXT', 'no TXT record arrived with the SRV and address: Jitsi gets no path and no ' +
      'parameters');
  } else if (readJmdnsProperties(instance.txt).droppedAll) {
    add('TXT_DROPPED', 'the TXT record holds a zero-length string, so JmDNS drops every TXT ' +
      'entry (path and parameters); remove the empty string');
  }
  if (snapshot.url !== null && /[?&]$/.test(snapshot.url)) {
    add('TRAILING_SEPARATOR', `the URL ends in "${snapshot.url.slice(-1)}" because JmDNS ` +
      'enumerates the TXT path last; harmless for most scripts');
  }
  return warnings;
}

/** Why JmDNS reported nothing although a responder answered. */
function notFoundWarnings(collector: InstanceCollector | null): DiscoveryWarning[] {
  if (collector === null) {
    return [];
  }
  if (collector.srv === null) {
    return [{ code: 'NO_SRV', message: `responders answered but sent no SRV record for ` +
      `"${collector.instance}": JmDNS cannot resolve the instance without it` }];
  }
  return [{ code: 'NO_ADDRESS', message: `an SRV record names ${collector.srv.target}, but no ` +
    'usable A or AAAA record for that name arrived (an IPv4-mapped AAAA does not count): ' +
    'JmDNS never reports the service; publish the address records with the SRV' }];
}
