import type { RemoteInfo } from 'node:dgram';

import dnsPacket from 'dns-packet';
import type { Answer, Packet } from 'dns-packet';

import { serviceRecords, type ServiceRecords } from '../dns/records.js';
import { NameConflictError } from '../errors.js';
import type { Logger } from '../log.js';
import type { ServiceDescription } from '../provisioning/service-description.js';
import { answerQuery, MDNS_PORT, questionSummary, type Reply } from './answer.js';
import {
  ANNOUNCE_COUNT, ANNOUNCE_INTERVAL_MS, announcedRecords, announcementPacket,
  describeAnnouncement, goodbyePacket,
} from './announcer.js';
import { dataText, findConflict } from './conflict.js';
import type { Link } from './interface-watch.js';
import { answerFor, LegacyAnswerCache, legacyQueryKey } from './legacy-cache.js';
import { MulticastPace } from './multicast-pace.js';
import { openLinkSocket, type LinkSocket } from './mdns-socket.js';
import {
  PROBE_COUNT, PROBE_INTERVAL_MS, probePacket, tieBreak, TIE_BREAK_BACKOFF_MS,
} from './prober.js';

export interface LinkContext {
  readonly description: ServiceDescription;
  readonly logger: Logger;
  readonly port: number;
  /** Every record we publish on any link: a packet holding only these is ours, not a rival's. */
  ownRecords(): Answer[];
  onConflict(error: NameConflictError): void;
}

/** The addresses the host name has on one link: fixed ones, or the link's own. */
export function linkAddresses(description: ServiceDescription, link: Link): string[] {
  const plan = description.addresses;
  if (plan.kind === 'fixed') {
    return [...plan.addresses];
  }
  const ipv4 = link.ipv4.map((a) => a.address);
  return plan.ipv6 ? [...ipv4, ...link.ipv6] : ipv4;
}

/**
 * The advertisement on one link: probe (RFC 6762 §8.1), announce (§8.3), then answer queries
 * and watch for rivals (§9) until closed, which says goodbye (§10.1) before the socket closes.
 */
export class LinkAdvertiser {
  state: 'probing' | 'announced' | 'closed' = 'probing';
  records: ServiceRecords;
  private socket: LinkSocket | null = null;
  private lostTieBreak = false;
  private readonly legacyCache = new LegacyAnswerCache();
  private readonly pace = new MulticastPace();
  /** The cache key of the legacy query being decoded right now, to store its answer under. */
  private pendingKey: string | null = null;
  private readonly timers = new Set<{ timer: NodeJS.Timeout; wake: () => void }>();

  constructor(
    public link: Link,
    private readonly context: LinkContext,
  ) {
    this.records = serviceRecords(context.description, linkAddresses(context.description, link));
  }

  /** Opens the socket, probes and sends the first announcement; the second follows later. */
  async start(): Promise<void> {
    const onPacket = (packet: Packet, source: RemoteInfo): void => this.safely(packet, source);
    const onRaw = (message: Buffer, source: RemoteInfo): boolean =>
      this.fastAnswer(message, source);
    this.socket = await openLinkSocket(this.link, { onPacket, onRaw }, this.context.logger,
      this.context.port);
    await this.probe();
    if (this.state === 'closed') {
      return;
    }

    this.state = 'announced';
    this.context.logger.log('info', describeAnnouncement(
      this.context.description, this.records, this.link.name), {
      interface: this.link.name, instance: this.records.srv.name,
      addresses: this.records.addresses.map(dataText),
    });
    await this.announce(announcedRecords(this.records));
    void this.repeatAnnouncement();
  }

  /**
   * Publishes new addresses on the same link: goodbye for the old ones, announce the new.
   * Known shortcoming: the host name is not probed again (§8.1 asks for it), so a host that
   * took our name while we had no address is found only by its next answer, then a conflict.
   */
  async update(link: Link): Promise<void> {
    const before = this.records.addresses;
    this.legacyCache.clear();
    this.pace.clear();
    this.link = link;
    this.records = serviceRecords(this.context.description,
      linkAddresses(this.context.description, link));
    if (this.state !== 'announced') {
      return;
    }

    const now = new Set(this.records.addresses.map(dataText));
    const gone = before.filter((r) => !now.has(dataText(r)));
    if (gone.length > 0) {
      await this.trySend(goodbyePacket(gone), 'goodbye for old addresses');
    }
    await this.announce(announcedRecords(this.records));
  }

  /** Says goodbye for every record when it was announced (and `goodbye` is set), then closes. */
  async close(goodbye: boolean): Promise<void> {
    const announced = this.state === 'announced';
    this.state = 'closed';
    for (const entry of this.timers) {
      clearTimeout(entry.timer);
      entry.wake();
    }

    if (goodbye && announced) {
      await this.trySend(goodbyePacket(announcedRecords(this.records)), 'goodbye');
      this.context.logger.log('info', `sent goodbye for every record on ${this.link.name}`);
    }
    await this.socket?.close();
    this.socket = null;
  }

  private async probe(): Promise<void> {
    this.context.logger.log('debug', `probing for "${this.records.srv.name}" and ` +
      `"${this.context.description.hostName}" on ${this.link.name}`);
    await this.sleep(Math.random() * PROBE_INTERVAL_MS);
    for (;;) {
      this.lostTieBreak = false;
      for (let i = 0; i < PROBE_COUNT && this.probing(); i += 1) {
        await this.trySend(probePacket(this.records), 'probe');
        await this.sleep(PROBE_INTERVAL_MS);
      }
      if (!this.lostTieBreak || this.state === 'closed') {
        return;
      }

      this.context.logger.log('info', `lost a simultaneous probe on ${this.link.name}; ` +
        'probing again in 1 s (RFC 6762 §8.2)');
      await this.sleep(TIE_BREAK_BACKOFF_MS);
    }
  }

  private probing(): boolean {
    return this.state === 'probing' && !this.lostTieBreak;
  }

  private async announce(records: Answer[]): Promise<void> {
    this.pace.mark(records);
    await this.trySend(announcementPacket(records), 'announcement');
  }

  private async repeatAnnouncement(): Promise<void> {
    for (let i = 1; i < ANNOUNCE_COUNT; i += 1) {
      await this.sleep(ANNOUNCE_INTERVAL_MS);
      if (this.state !== 'announced') {
        return;
      }
      await this.announce(announcedRecords(this.records));
    }
  }

  /** Answers a legacy query whose answer is stored; otherwise notes its key for the slow path. */
  private fastAnswer(message: Buffer, source: RemoteInfo): boolean {
    this.pendingKey = null;
    if (this.state !== 'announced' || source.port === MDNS_PORT || this.socket === null) {
      return false;
    }
    const key = legacyQueryKey(message);
    const cached = key === null ? undefined : this.legacyCache.get(key);
    if (cached === undefined) {
      this.pendingKey = key;
      return false;
    }

    this.socket.sendBytes(answerFor(message, cached), source);
    this.logAnswer(cached.questions, source, ' (legacy unicast)');
    return true;
  }

  /** A packet we cannot handle is logged and dropped: it must never stop the responder. */
  private safely(packet: Packet, source: RemoteInfo): void {
    try {
      this.handle(packet, source);
    } catch (error) {
      this.context.logger.log('debug', `dropped a packet from ${source.address} on ` +
        `${this.link.name}: ${(error as Error).message}`);
    } finally {
      this.pendingKey = null;
    }
  }

  private handle(packet: Packet, source: RemoteInfo): void {
    if (this.state === 'closed') {
      return;
    }
    if (packet.type === 'response') {
      this.checkConflict([...packet.answers ?? [], ...packet.additionals ?? []], source);
      return;
    }
    if (this.state === 'probing') {
      this.lostTieBreak ||= tieBreak(packet, this.records) === 'lost';
      return;
    }
    const probeDefence = (packet.authorities ?? []).length > 0;
    this.reply(answerQuery(packet, source, this.records), source, probeDefence);
  }

  private checkConflict(records: Answer[], source: RemoteInfo): void {
    const conflict = findConflict(records, this.context.ownRecords());
    if (conflict === null) {
      return;
    }
    this.context.logger.log('debug', `conflict on ${this.link.name}: ${source.address} ` +
      `answers for "${conflict.ours}" with other data`, { responder: source.address });
    this.context.onConflict(new NameConflictError(conflict.ours, source.address, conflict.on));
  }

  private reply(reply: Reply | null, source: RemoteInfo, probeDefence: boolean): void {
    if (reply === null) {
      return;
    }
    if (reply.to === null) {
      this.multicastReply(reply, source, probeDefence);
      return;
    }

    this.logAnswer(reply.questions, source, reply.legacy ? ' (legacy unicast)' : ' (unicast)');
    if (reply.legacy && this.socket !== null) {
      const bytes = dnsPacket.encode(reply.packet);
      if (this.pendingKey !== null) {
        this.legacyCache.set(this.pendingKey, { bytes, questions: reply.questions });
      }
      this.socket.sendBytes(bytes, reply.to);
      return;
    }

    void this.trySend(reply.packet, 'answer', reply.to);
  }

  /**
   * RFC 6762 §6: an answer holding only shared records waits 20–120 ms, so that several
   * responders' answers do not collide, and a record multicast less than a second ago is not
   * multicast again. Such a record goes to the asker alone instead, to its port 5353: a client
   * that started listening after our last multicast (JmDNS asks only within its first 450 ms)
   * would otherwise never hear it.
   */
  private multicastReply(reply: Reply, source: RemoteInfo, probeDefence: boolean): void {
    const send = (): void => {
      if (this.state !== 'announced') {
        return;
      }
      const all = reply.packet.answers ?? [];
      const allowed = this.pace.take(all, probeDefence);
      const held = all.filter((r) => !allowed.includes(r));
      this.logAnswer(reply.questions, source, allowed.length > 0 ? '' : ' (unicast, paced)');
      if (allowed.length > 0) {
        void this.trySend({ ...reply.packet, answers: allowed }, 'answer', null);
      }
      if (held.length > 0) {
        const to = { address: source.address, port: MDNS_PORT };
        void this.trySend({ ...reply.packet, answers: held }, 'answer', to);
      }
    };

    if (!reply.sharedOnly) {
      send();
      return;
    }
    void this.sleep(20 + Math.random() * 100).then(send);
  }

  private logAnswer(questions: readonly string[], source: RemoteInfo, how: string): void {
    this.context.logger.log('info', `answered ${questionSummary(questions)} for ` +
      `${source.address} on ${this.link.name}${how}`, { querier: source.address, questions });
  }

  private async trySend(packet: Packet, what: string, to: Reply['to'] = null): Promise<void> {
    if (this.socket === null) {
      return;
    }
    try {
      await this.socket.send(packet, to);
    } catch (error) {
      this.context.logger.log('warn', `could not send the ${what} on ${this.link.name}: ` +
        `${(error as Error).message}`);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const entry = { timer: setTimeout(() => done(), ms), wake: resolve };
      const done = (): void => {
        this.timers.delete(entry);
        resolve();
      };
      this.timers.add(entry);
    });
  }
}
