import { EventEmitter } from 'node:events';

import type { Answer } from 'dns-packet';

import { NameConflictError, NetworkError } from '../errors.js';
import { silentLogger, type Logger } from '../log.js';
import type { ServiceDescription } from '../provisioning/service-description.js';
import { MDNS_PORT } from './answer.js';
import { announcedRecords } from './announcer.js';
import { checkInterfaceNames, InterfaceWatch, linkKey, type Link } from './interface-watch.js';
import { LinkAdvertiser, type LinkContext } from './link-advertiser.js';

export interface AdvertiserOptions {
  /** Interfaces to speak on (`--interface`); by default every suitable one, loopback excluded. */
  interfaces?: readonly string[] | undefined;
  logger?: Logger | undefined;
  /** How often to look for interfaces and addresses that came or went. */
  pollMs?: number | undefined;
  /** The UDP port; 5353 except in tests that must not meet another responder. */
  port?: number | undefined;
}

/** A running advertisement on every selected link. */
export interface Advertiser extends EventEmitter<{ conflict: [NameConflictError] }> {
  /** Resolves once every link has probed and announced; rejects on a conflict or socket error. */
  readonly ready: Promise<void>;
  /** Resolves after {@link stop}; rejects with the conflict that ended the advertisement. */
  readonly done: Promise<void>;
  /** Sends a goodbye for every record on every link, then closes the sockets. */
  stop(): Promise<void>;
  links(): Link[];
}

/**
 * Starts advertising. The interface names are checked before anything is sent; an unknown
 * one throws {@link InputError}, and no usable interface throws {@link NetworkError}.
 */
export function startAdvertiser(
  description: ServiceDescription,
  options: AdvertiserOptions = {},
): Advertiser {
  const wanted = options.interfaces?.length ? options.interfaces : null;
  if (wanted !== null) {
    checkInterfaceNames(wanted);
  }

  const watch = new InterfaceWatch(wanted, options.pollMs ?? 1000);
  const links = watch.current();
  if (links.length === 0) {
    throw new NetworkError('ERR_NO_INTERFACE', wanted === null
      ? 'no interface is up, multicast-capable and has an IPv4 address; name one with --interface'
      : `none of ${wanted.join(', ')} is up with an IPv4 address; bring it up or pick another`);
  }
  return new Responder(description, options, watch, links);
}

class Responder extends EventEmitter<{ conflict: [NameConflictError] }> implements Advertiser {
  readonly ready: Promise<void>;
  readonly done: Promise<void>;
  private readonly advertisers = new Map<string, LinkAdvertiser>();
  private readonly context: LinkContext;
  private finish: (error?: Error) => void = () => undefined;
  private stopping: Promise<void> | null = null;
  private failure: Error | null = null;

  constructor(
    description: ServiceDescription,
    options: AdvertiserOptions,
    private readonly watch: InterfaceWatch,
    initial: Link[],
  ) {
    super();
    const logger = options.logger ?? silentLogger;
    this.context = {
      description, logger, port: options.port ?? MDNS_PORT,
      ownRecords: () => this.ownRecords(),
      onConflict: (error) => void this.fail(error),
    };
    this.done = new Promise<void>((resolve, reject) => {
      this.finish = (error) => (error ? reject(error) : resolve());
    });
    this.done.catch(() => undefined);

    this.ready = Promise.all(initial.map((link) => this.addLink(link))).then(() => {
      this.throwIfStopped();
    });
    this.ready.catch((error: Error) => void this.fail(error));
    watch.on('change', (links) => void this.follow(links));
    watch.start();
  }

  links(): Link[] {
    return [...this.advertisers.values()].map((a) => a.link);
  }

  stop(): Promise<void> {
    this.stopping ??= this.closeAll().then(() => this.finish());
    return this.stopping;
  }

  private async fail(error: Error): Promise<void> {
    if (this.stopping !== null) {
      return;
    }
    this.failure = error;
    if (error instanceof NameConflictError) {
      this.emit('conflict', error);
    }
    this.stopping = this.closeAll().then(() => this.finish(error));
    await this.stopping;
  }

  private throwIfStopped(): void {
    if (this.failure !== null) {
      throw this.failure;
    }
    if (this.stopping !== null) {
      throw new NetworkError('ERR_SOCKET', 'the advertisement stopped before it was ready');
    }
  }

  private async closeAll(): Promise<void> {
    this.watch.stop();
    const all = [...this.advertisers.values()];
    this.advertisers.clear();
    await Promise.all(all.map((advertiser) => advertiser.close(true)));
  }

  private ownRecords(): Answer[] {
    return [...this.advertisers.values()].flatMap((a) => announcedRecords(a.records));
  }

  private async addLink(link: Link): Promise<void> {
    const advertiser = new LinkAdvertiser(link, this.context);
    this.advertisers.set(link.name, advertiser);
    try {
      await advertiser.start();
    } catch (error) {
      this.advertisers.delete(link.name);
      throw error;
    }
  }

  /** Reconciles the links with a new poll; a failure on one link is logged, never fatal. */
  private async follow(links: Link[]): Promise<void> {
    const logger = this.context.logger;
    for (const [name, advertiser] of this.advertisers) {
      const now = links.find((l) => l.name === name);
      if (now === undefined || now.primary !== advertiser.link.primary) {
        logger.log('info', `${name} lost ${advertiser.link.primary}; no longer speaking there`);
        this.advertisers.delete(name);
        await advertiser.close(now !== undefined).catch(() => undefined);
      }
    }

    for (const link of links) {
      await this.followLink(link).catch((error: Error) => {
        logger.log('warn', `could not advertise on ${link.name}: ${error.message}`);
      });
    }
  }

  private async followLink(link: Link): Promise<void> {
    if (this.stopping !== null) {
      return;
    }
    const existing = this.advertisers.get(link.name);
    if (existing === undefined) {
      this.context.logger.log('info', `${link.name} is up with ${link.primary}; advertising there`);
      await this.addLink(link);
      return;
    }
    if (linkKey(existing.link) !== linkKey(link)) {
      await existing.update(link);
    }
  }
}
