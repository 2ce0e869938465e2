import { createSocket, type RemoteInfo } from 'node:dgram';

import type { Packet } from 'dns-packet';
import makeMdns from 'multicast-dns';

import { NetworkError } from '../errors.js';
import type { Logger } from '../log.js';
import { isOnLink, type Link } from './interface-watch.js';
import { MDNS_PORT, type Source } from './answer.js';

/** One link's mDNS socket: packets from this link in, packets out through this link only. */
export interface LinkSocket {
  readonly link: Link;
  send(packet: Packet, to: Source | null): Promise<void>;
  /** Sends bytes already encoded, by unicast. */
  sendBytes(bytes: Buffer, to: Source): void;
  close(): Promise<void>;
}

export type PacketHandler = (packet: Packet, source: RemoteInfo) => void;
/** Sees an on-link packet's bytes before decoding; returns true when it answered it itself. */
export type RawHandler = (message: Buffer, source: RemoteInfo) => boolean;

/**
 * Opens the socket for one link. It binds 0.0.0.0:5353, since a socket bound to the interface
 * address receives no multicast (multicast-dns #53), and joins the group and sends on the
 * link's address only, so nothing leaks onto another interface (multicast-dns #43, #68).
 *
 * Known shortcoming: mDNS is spoken over IPv4 only (224.0.0.251). `--ipv6` adds AAAA records
 * to those answers, but a client that asks only over IPv6 (ff02::fb), or a link with no IPv4
 * address, gets nothing. Jitsi's JmDNS asks over IPv4 on a dual-stack LAN, so this works there.
 */
export async function openLinkSocket(
  link: Link,
  handlers: { onPacket: PacketHandler; onRaw: RawHandler },
  logger: Logger,
  port = MDNS_PORT,
): Promise<LinkSocket> {
  // Our listener goes on first, so a cached legacy answer leaves before the decode below; the
  // decode that follows the same message is then skipped (it emits `packet` or `warning`).
  const lookup = literalLookup();
  const socket = createSocket({ type: 'udp4', reuseAddr: true, lookup });
  let answeredRaw = false;
  socket.on('message', (message: Buffer, source: RemoteInfo) => {
    answeredRaw = isOnLink(source.address, link) && handlers.onRaw(message, source);
  });
  const mdns = makeMdns({
    socket, interface: link.primary, bind: '0.0.0.0', loopback: true, port,
  });

  // Linux hands every group packet to every socket on 0.0.0.0:5353 (IP_MULTICAST_ALL), so a
  // packet counts for this link only when it comes from the link itself (RFC 6762 §11).
  mdns.on('packet', (packet: Packet, source: RemoteInfo) => {
    if (answeredRaw) {
      answeredRaw = false;
      return;
    }
    if (!isOnLink(source.address, link)) {
      logger.log('debug', `ignored a packet on ${link.name} from off-link ${source.address}`);
      return;
    }
    handlers.onPacket(packet, source);
  });
  mdns.on('warning', (error: Error & { code?: string }) => {
    answeredRaw = false;
    const why = error.code === undefined ? 'cannot be decoded' : 'socket warning';
    logger.log('debug', `dropped a packet on ${link.name}: ${why}: ${error.message}`);
  });

  await waitReady(mdns, link);
  mdns.on('error', (error: Error) => {
    logger.log('warn', `mDNS socket on ${link.name} failed: ${error.message}`);
  });
  return {
    link,
    send: (packet, to) => sendPacket(mdns, packet, to),
    sendBytes: (bytes, to) => socket.send(bytes, to.port, to.address, (error) => {
      if (error) {
        logger.log('warn', `could not answer ${to.address} on ${link.name}: ${error.message}`);
      }
    }),
    close: () => new Promise<void>((resolve) => mdns.destroy(() => resolve())),
  };
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string, family: number)
  => void;

/**
 * Every address this socket sends to or binds is an IP literal. Node would still pass it
 * through dns.lookup, which answers a tick later; answering at once sends a legacy answer
 * before the rest of the packet's processing instead of after it. The first lookup (bind)
 * stays asynchronous: multicast-dns expects `listening` only after its constructor returns.
 */
function literalLookup(): (address: string, options: unknown, callback: LookupCallback) => void {
  let first = true;
  return (address, _options, callback) => {
    if (first) {
      first = false;
      process.nextTick(callback, null, address, 4);
      return;
    }
    callback(null, address, 4);
  };
}

function waitReady(mdns: makeMdns.MulticastDNS, link: Link): Promise<void> {
  return new Promise((resolve, reject) => {
    mdns.once('ready', () => resolve());
    mdns.once('error', (error: Error) => {
      mdns.destroy();
      reject(new NetworkError('ERR_SOCKET', `cannot open the mDNS socket on ${link.name} ` +
        `(${link.primary}): ${error.message}; is another program holding port 5353 without ` +
        'SO_REUSEADDR?', { cause: error }));
    });
  });
}

/** Sends one packet; a send error (an address that just went away) rejects, never throws. */
interface Sender {
  send(packet: Packet, to: RemoteInfo | ((error?: Error | null) => void),
    done?: (error?: Error | null) => void): void;
}

function sendPacket(
  mdns: makeMdns.MulticastDNS,
  packet: Packet,
  to: Source | null,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (error?: Error | null): void => (error ? reject(error) : resolve());
    const sender = mdns as unknown as Sender;
    try {
      if (to === null) {
        sender.send(packet, done);
      } else {
        sender.send(packet, { address: to.address, port: to.port } as RemoteInfo, done);
      }
    } catch (error) {
      reject(error as Error);
    }
  });
}
