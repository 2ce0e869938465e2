import { networkInterfaces } from 'node:os';

import dnsPacket from 'dns-packet';
import makeMdns from 'multicast-dns';
import type { Answer, Question } from 'dns-packet';

import { InputError, NetworkError } from '../errors.js';
import type { Logger } from '../log.js';

/**
 * The questions JmDNS sends for one instance (its ServiceInfoResolver): SRV and TXT of the
 * instance, and A and AAAA of the target once an SRV named it. Like JmDNS it asks at once and
 * again about 225 and 450 ms later, then only listens (RFC 6762 §5.2 lets it stop there).
 */
export const QUERY_SCHEDULE_MS: readonly number[] = [0, 225, 450];

export function jmdnsQuestions(instance: string, target: string | null): Question[] {
  const questions: Question[] = [
    { name: instance, type: 'SRV', class: 'IN' },
    { name: instance, type: 'TXT', class: 'IN' },
  ];
  if (target !== null) {
    questions.push(
      { name: target, type: 'A', class: 'IN' },
      { name: target, type: 'AAAA', class: 'IN' },
    );
  }
  return questions;
}

/** One interface to ask on: its name and the IPv4 address the socket sends from. */
export interface QueryInterface {
  readonly name: string;
  readonly address: string;
}

/**
 * The interfaces to ask on: the named ones, or every up IPv4 interface that is not loopback,
 * or loopback when nothing else is up (a namespace or a machine with only `lo`).
 */
export function queryInterfaces(names: readonly string[] | undefined): QueryInterface[] {
  const all = networkInterfaces();
  if (names !== undefined && names.length > 0) {
    return names.map((name) => namedInterface(name, all[name]));
  }

  const found = Object.entries(all).flatMap(([name, list]) => {
    const v4 = (list ?? []).find((a) => a.family === 'IPv4' && !a.internal);
    return v4 ? [{ name, address: v4.address }] : [];
  });
  if (found.length > 0) {
    return found;
  }
  const loopback = Object.entries(all).find(([, list]) => list?.some((a) => a.internal));
  if (!loopback) {
    throw new NetworkError('ERR_NO_INTERFACE', 'no interface with an IPv4 address is up; ' +
      'bring one up or name one with --interface');
  }
  return [namedInterface(loopback[0], loopback[1])];
}

type AddressList = ReturnType<typeof networkInterfaces>[string];

function namedInterface(name: string, list: AddressList): QueryInterface {
  if (list === undefined) {
    throw new InputError('ERR_UNKNOWN_INTERFACE', `there is no interface "${name}"; ` +
      'see `ip link` for the names on this machine');
  }
  const v4 = list.find((a) => a.family === 'IPv4');
  if (!v4) {
    throw new NetworkError('ERR_NO_INTERFACE', `interface "${name}" has no IPv4 address; ` +
      'Jitsi asks over IPv4 multicast, so give it one or choose another --interface');
  }
  return { name, address: v4.address };
}

export type ResponseHandler = (records: Answer[], source: string, iface: string) => void;

export interface QuerySockets {
  send(questions: Question[]): void;
  close(): Promise<void>;
}

/**
 * Opens one socket per interface. Each binds 0.0.0.0:5353 and joins the group on its interface
 * address: a socket bound to the interface address receives no multicast (multicast-dns #53).
 */
export async function openQuerySockets(
  interfaces: readonly QueryInterface[],
  onResponse: ResponseHandler,
  logger: Logger,
): Promise<QuerySockets> {
  const sockets = await Promise.all(interfaces.map((iface) => openOne(iface, onResponse, logger)));
  warmCodec();
  return {
    send(questions) {
      for (const socket of sockets) {
        socket.query({ questions });
      }
    },
    async close() {
      await Promise.all(sockets.map((s) => new Promise<void>((done) => s.destroy(() => done()))));
    },
  };
}

/**
 * Encodes and decodes one answer-shaped packet: the codec's first run is cold (milliseconds),
 * and it belongs to setting up, before the first question, not to the time to the URL.
 */
function warmCodec(): void {
  const name = 'warm-up._https._tcp.local';
  dnsPacket.decode(dnsPacket.encode({
    type: 'response',
    questions: jmdnsQuestions(name, 'warm-up.local'),
    answers: [
      { name, type: 'SRV', data: { port: 1, target: 'warm-up.local' } },
      { name, type: 'TXT', data: [Buffer.from('path=/')] },
    ],
    additionals: [{ name: 'warm-up.local', type: 'A', data: '192.0.2.1' }],
  }));
}

type Mdns = ReturnType<typeof makeMdns>;

function openOne(iface: QueryInterface, onResponse: ResponseHandler, logger: Logger):
Promise<Mdns> {
  const mdns = makeMdns({
    interface: iface.address, bind: '0.0.0.0', reuseAddr: true, loopback: true,
  });
  mdns.on('response', (packet, rinfo) => {
    const records = [
      ...(packet.answers ?? []), ...(packet.authorities ?? []), ...(packet.additionals ?? []),
    ];
    onResponse(records, rinfo.address, iface.name);
  });
  // A packet the decoder cannot read is a warning, never fatal (multicast-dns #82).
  mdns.on('warning', (error: Error) => {
    logger.log('debug', `mDNS warning on ${iface.name}: ${error.message}`);
  });

  return new Promise((resolve, reject) => {
    mdns.once('ready', () => resolve(mdns));
    mdns.once('error', (error: Error) => {
      reject(new NetworkError('ERR_SOCKET', `cannot open the mDNS socket on ${iface.name} ` +
        `(${iface.address}): ${error.message}`, { cause: error }));
    });
  });
}
