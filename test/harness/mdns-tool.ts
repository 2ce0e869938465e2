import { createSocket } from 'node:dgram';

import dnsPacket from 'dns-packet';
import type { Answer, Packet, Question } from 'dns-packet';
import { Bonjour } from 'bonjour-service';

/**
 * A small mDNS peer for tests, run inside a namespace host as
 * `node dist/test/harness/mdns-tool.js <command> ...` (see mdns-peers.ts). It prints one JSON
 * line per event. Without a known command (as when `node --test` loads it) it does nothing.
 */
const GROUP = '224.0.0.251';
const [command, ...args] = process.argv.slice(2);

/** A record as the tests compare it: name, type, TTL, flush bit and data as text. */
function summary(record: Answer): Record<string, unknown> {
  const r = record as { name: string; type: string; ttl?: number; flush?: boolean; data?: unknown };
  const data = Array.isArray(r.data)
    ? r.data.map((b) => Buffer.from(b as Buffer).toString('utf8'))
    : r.data;
  return { name: r.name, type: r.type, ttl: r.ttl, flush: r.flush ?? false, data };
}

function print(object: unknown): void {
  process.stdout.write(`${JSON.stringify(object)}\n`);
}

/** capture <bind ip> <ms>: prints every mDNS packet seen on the group, with its records. */
function capture(bind: string, ms: number): void {
  const socket = createSocket({ type: 'udp4', reuseAddr: true });
  socket.on('message', (message, rinfo) => {
    let packet: Packet;
    try {
      packet = dnsPacket.decode(message);
    } catch {
      return;
    }
    const answers = [...packet.answers ?? [], ...packet.additionals ?? []].map(summary);
    print({ at: Date.now(), from: rinfo.address, type: packet.type, answers });
  });
  socket.bind(5353, '0.0.0.0', () => {
    socket.addMembership(GROUP, bind);
    print({ listening: true });
  });
  setTimeout(() => socket.close(), ms);
}

/** send <bind ip> <hex packet> <dest> <port>: sends raw bytes from <bind ip>:5353. */
function send(bind: string, hex: string, dest: string, port: number): void {
  const socket = createSocket({ type: 'udp4', reuseAddr: true });
  socket.bind(5353, bind, () => {
    socket.setMulticastInterface(bind);
    socket.send(Buffer.from(hex, 'hex'), port, dest, () => {
      print({ sent: true });
      socket.close();
    });
  });
}

/** legacy <bind ip> <dest> <name> <ms> [types]: one query from an ephemeral port. */
function legacy(bind: string, dest: string, name: string, ms: number, types: string): void {
  const socket = createSocket('udp4');
  const id = 1 + Math.floor(Math.random() * 65534);
  const questions = types.split(',').map((type) => ({ name, type }) as Question);
  const finish = (reply: unknown): void => {
    clearTimeout(timer);
    print({ reply });
    socket.close();
  };
  const timer = setTimeout(() => finish(null), ms);

  socket.on('message', (message) => {
    const packet = dnsPacket.decode(message);
    if (packet.id !== id) {
      return;
    }
    finish({
      id: packet.id,
      questions: packet.questions,
      answers: (packet.answers ?? []).map(summary),
      additionals: (packet.additionals ?? []).map(summary),
    });
  });
  socket.bind(0, bind, () => {
    socket.send(dnsPacket.encode({ type: 'query', id, questions }), 5353, dest);
  });
}

/**
 * legacy-bench <bind ip> <dest> <name> <count>: SRV+TXT legacy queries one at a time; prints
 * each round-trip in milliseconds (a query unanswered within 1 s counts as lost).
 */
function legacyBench(bind: string, dest: string, name: string, count: number): void {
  const socket = createSocket('udp4');
  const latencies: number[] = [];
  let lost = 0;
  let id = 0;
  let sentAt = 0n;
  let timer: NodeJS.Timeout | undefined;

  const next = (): void => {
    clearTimeout(timer);
    if (latencies.length + lost >= count) {
      print({ latenciesMs: latencies, lost });
      socket.close();
      return;
    }
    id = (id % 65535) + 1;
    const questions = ['SRV', 'TXT'].map((type) => ({ name, type }) as Question);
    const query = dnsPacket.encode({ type: 'query', id, questions });
    timer = setTimeout(() => { lost += 1; next(); }, 1000);
    sentAt = process.hrtime.bigint();
    socket.send(query, 5353, dest);
  };
  socket.on('message', (message) => {
    const elapsed = Number(process.hrtime.bigint() - sentAt) / 1e6;
    if (message.readUInt16BE(0) !== id) {
      return;
    }
    latencies.push(elapsed);
    next();
  });
  socket.bind(0, bind, next);
}

/** browse <bind ip> <type> <ms>: bonjour-service's browser; prints the first service found. */
function browse(bind: string, type: string, ms: number): void {
  const bonjour = new Bonjour({ interface: bind, bind: '0.0.0.0' } as never);
  const done = (found: unknown): void => {
    clearTimeout(timer);
    print({ found });
    bonjour.destroy();
  };
  const timer = setTimeout(() => done(null), ms);
  bonjour.find({ type }, (service) => done({
    name: service.name, host: service.host, port: service.port,
    addresses: service.addresses, txt: service.txt,
  }));
}

switch (command) {
  case 'capture':
    capture(args[0] ?? '', Number(args[1]));
    break;
  case 'send':
    send(args[0] ?? '', args[1] ?? '', args[2] ?? GROUP, Number(args[3] ?? 5353));
    break;
  case 'legacy':
    legacy(args[0] ?? '', args[1] ?? '', args[2] ?? '', Number(args[3]), args[4] ?? 'SRV,TXT');
    break;
  case 'legacy-bench':
    legacyBench(args[0] ?? '', args[1] ?? '', args[2] ?? '', Number(args[3]));
    break;
  case 'browse':
    browse(args[0] ?? '', args[1] ?? '', Number(args[2]));
    break;
  default:
    break;
}
