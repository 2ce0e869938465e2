import { randomInt } from 'node:crypto';
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';

import { NetworkError } from '../errors.js';
import { silentLogger, type Logger } from '../log.js';
import { localIpv4Addresses, requireIpv4Interface, type LocalIpv4 } from './ipv4.js';
import { jitsiDhcpInterface, routeWarnings } from './jitsi-route.js';
import {
  buildInform, JITSI_CLIENT_PORT, JITSI_SERVER_PORT, readProvisioningUri,
} from './option-224.js';
import {
  BOOTREPLY, decodePacket, getOption, OPTION_SERVER_ID, type DhcpPacket,
} from './packet.js';

export interface DhcpDiscoverOptions {
  /** Interface names to ask from; by default every up, non-loopback IPv4 interface. */
  interfaces?: readonly string[] | undefined;
  /** Jitsi waits 10 s. */
  timeoutMs?: number | undefined;
  /** How long to keep listening after the first answer, to catch a second server (1 s). */
  settleMs?: number | undefined;
  logger?: Logger | undefined;
}

/** One server's answer carrying option 224. */
export interface DhcpAnswer {
  /** The server identifier (option 54), or the reply's source address without one. */
  readonly server: string;
  /** Where the reply came from (a relay, or the server itself). */
  readonly from: string;
  readonly interface: string;
  readonly uri: string;
  readonly elapsedMs: number;
}

export interface DhcpDiscovery {
  /** The URI Jitsi takes (the first answer with the right xid and option 224), or null. */
  readonly uri: string | null;
  readonly answers: readonly DhcpAnswer[];
  readonly elapsedMs: number;
  readonly warnings: readonly string[];
}

/**
 * When an unanswered DHCPINFORM goes out again, in ms after the first send. Jitsi retransmits
 * twice, each time after 2 s less a random 0 or 1 s; we take the 2 s every time, so after a lost
 * packet Jitsi may ask again up to a second sooner than we do; which URI is found is the same.
 */
const RETRANSMIT_AFTER_MS = [2000, 4000];

interface Transaction {
  readonly source: LocalIpv4;
  readonly inform: Buffer;
  readonly socket: Socket;
}

/**
 * Jitsi's DHCP step: a DHCPINFORM from port 6768 to 255.255.255.255:6767 from each IPv4 address,
 * then up to `timeoutMs` for a reply with the same xid carrying option 224. Returns what Jitsi
 * would take (the first such answer) and every answer heard, flagging servers that disagree.
 */
export async function discoverDhcp(options: DhcpDiscoverOptions = {}): Promise<DhcpDiscovery> {
  const sources = chooseSources(options.interfaces);
  const run = new DiscoveryRun(options);
  try {
    await run.open(sources);
    return await run.finished();
  } finally {
    run.close();
  }
}

function chooseSources(names: readonly string[] | undefined): LocalIpv4[] {
  const all = localIpv4Addresses();
  for (const name of names ?? []) {
    requireIpv4Interface(name);
  }

  const chosen = names?.length ? all.filter((local) => names.includes(local.interface)) : all;
  if (chosen.length === 0) {
    throw new NetworkError('ERR_NO_INTERFACE', 'no up, non-loopback IPv4 interface to ask from');
  }
  return chosen;
}

class DiscoveryRun {
  private readonly logger: Logger;
  private readonly started = Date.now();
  private readonly sockets: Socket[] = [];
  private readonly transactions = new Map<number, Transaction>();
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly answers: DhcpAnswer[] = [];
  private readonly warnings: string[] = [];
  private done: (() => void) | undefined;
  private readonly outcome: Promise<DhcpDiscovery>;

  constructor(private readonly options: DhcpDiscoverOptions) {
    this.logger = options.logger ?? silentLogger;
    // Made before the first send, so that an answer arriving at once is never missed.
    this.outcome = new Promise((resolve) => (this.done = () => resolve(this.result())));
  }

  async open(sources: readonly LocalIpv4[]): Promise<void> {
    // Replies come unicast to ciaddr (the address-bound sockets) or broadcast (this one).
    this.listen(await bindClientSocket('0.0.0.0', JITSI_CLIENT_PORT));
    for (const source of sources) {
      const socket = await bindClientSocket(source.address, JITSI_CLIENT_PORT);
      this.listen(socket);
      this.startTransaction(source, socket);
    }
  }

  finished(): Promise<DhcpDiscovery> {
    this.timers.push(setTimeout(() => this.finish(), this.options.timeoutMs ?? 10_000));
    return this.outcome;
  }

  close(): void {
    this.timers.forEach(clearTimeout);
    this.sockets.forEach((socket) => socket.close());
  }

  private listen(socket: Socket): void {
    this.sockets.push(socket);
    socket.on('message', (message, from) => this.receive(message, from));
    socket.on('error', (error) => this.logger.log('warn', `DHCP socket error: ${error.message}`));
  }

  /** Binding the source address makes Linux send the broadcast out of that address's link. */
  private startTransaction(source: LocalIpv4, socket: Socket): void {
    const xid = randomInt(1, 0xffffffff);
    const inform = buildInform(xid, source.address, source.mac);
    this.transactions.set(xid, { source, inform, socket });

    this.send(xid, 'sent');
    for (const delay of RETRANSMIT_AFTER_MS) {
      this.timers.push(setTimeout(() => this.answers.length === 0 && this.send(xid, 'resent'),
        delay));
    }
  }

  private send(xid: number, verb: string): void {
    const transaction = this.transactions.get(xid);
    if (transaction === undefined) {
      return;
    }
    const { socket, inform, source } = transaction;
    socket.send(inform, JITSI_SERVER_PORT, '255.255.255.255', (error) => {
      const detail = error ? ` failed: ${error.message}` : '';
      this.logger.log(error ? 'warn' : 'debug', `${verb} DHCPINFORM from ${source.address} ` +
        `(${source.interface}, xid 0x${xid.toString(16)})${detail}`);
    });
  }

  /** Never throws: whatever arrives on port 6768 must not end the discovery. */
  private receive(message: Buffer, from: RemoteInfo): void {
    let reply: DhcpPacket;
    try {
      reply = decodePacket(message);
    } catch (error) {
      this.logger.log('debug', `ignored an unreadable packet from ${from.address}: ${error}`);
      return;
    }

    const transaction = this.transactions.get(reply.xid);
    if (reply.op !== BOOTREPLY || transaction === undefined) {
      return;
    }
    this.record(reply, from, transaction);
  }

  private record(reply: DhcpPacket, from: RemoteInfo, transaction: Transaction): void {
    const uri = readProvisioningUri(reply);
    const serverId = getOption(reply, OPTION_SERVER_ID);
    const server = serverId?.length === 4 ? [...serverId].join('.') : from.address;
    if (uri === null) {
      this.warn(`${server} answered the DHCPINFORM without option 224`);
      return;
    }
    const iface = transaction.source.interface;
    if (this.answers.some((a) => a.server === server && a.interface === iface)) {
      return;
    }

    const answer = { server, from: from.address, interface: iface, uri,
      elapsedMs: Date.now() - this.started };
    this.answers.push(answer);
    this.logger.log('info', `${server} answered on ${iface} with option 224`, { uri });
    if (this.answers.length === 1) {
      this.timers.push(setTimeout(() => this.finish(), this.options.settleMs ?? 1000));
    }
  }

  private warn(message: string): void {
    if (!this.warnings.includes(message)) {
      this.warnings.push(message);
      this.logger.log('warn', message);
    }
  }

  private finish(): void {
    const done = this.done;
    this.done = undefined;
    done?.();
  }

  private result(): DhcpDiscovery {
    const uris = [...new Set(this.answers.map((answer) => answer.uri))];
    const answeredOn = this.answers.map((answer) => answer.interface);
    routeWarnings(jitsiDhcpInterface(), answeredOn).forEach((warning) => this.warn(warning));
    if (uris.length > 1) {
      const who = this.answers.map((a) => `${a.server} says ${a.uri}`).join('; ');
      this.warn(`DHCP servers disagree (${who}); Jitsi takes whichever answers first`);
    }
    const uri = this.answers[0]?.uri ?? null;
    return { uri, answers: this.answers, elapsedMs: Date.now() - this.started,
      warnings: this.warnings };
  }
}

/** SO_REUSEADDR lets the wildcard socket and the address-bound ones share port 6768. */
async function bindClientSocket(address: string, port: number): Promise<Socket> {
  const socket = createSocket({ type: 'udp4', reuseAddr: true });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', (error) => reject(new NetworkError('ERR_SOCKET',
      `cannot bind UDP ${address}:${port}: ${error.message} (is Jitsi running here?)`,
      { cause: error })));
    socket.bind(port, address, () => resolve());
  });
  socket.setBroadcast(true);
  return socket;
}
