import { createSocket } from 'node:dgram';
import { fileURLToPath } from 'node:url';

import dnsPacket from 'dns-packet';
import type { Answer } from 'dns-packet';

import type { Host } from './netns.js';
import type { Running } from './processes.js';

/**
 * A deliberately naive mDNS responder for tests (discover's differential test): it answers any
 * query that names the instance with exactly the records it was given, in the given order, so a
 * test can send data no well-behaved publisher sends (a zero-length TXT string, no address, an
 * AAAA before the A, invalid UTF-8). Run as `node raw-responder.js serve <bind> <base64 packet>`.
 */
export interface RawAnswer {
  readonly answers: readonly Answer[];
  readonly additionals?: readonly Answer[];
}

const MDNS_GROUP = '224.0.0.251';
const MDNS_PORT = 5353;
const SCRIPT = fileURLToPath(import.meta.url);

/** Starts the responder in `host`'s namespace; it answers until stopped. */
export async function startRawResponder(host: Host, instance: string, answer: RawAnswer,
  bind: string = host.ipv4): Promise<Running> {
  const packet = dnsPacket.encode({
    type: 'response',
    flags: dnsPacket.AUTHORITATIVE_ANSWER,
    answers: [...answer.answers],
    additionals: [...(answer.additionals ?? [])],
  });
  return host.spawn(process.execPath, [SCRIPT, 'serve', bind, instance,
    packet.toString('base64')], { ready: /^ready$/m, timeoutMs: 10_000 });
}

function serve(bind: string, instance: string, packet: Buffer): void {
  const socket = createSocket({ type: 'udp4', reuseAddr: true });
  const wanted = instance.toLowerCase();

  socket.on('message', (message) => {
    let query: ReturnType<typeof dnsPacket.decode>;
    try {
      query = dnsPacket.decode(message);
    } catch {
      return;
    }
    const asks = query.type === 'query' &&
      (query.questions ?? []).some((q) => q.name.toLowerCase() === wanted);
    if (asks) {
      socket.send(packet, MDNS_PORT, MDNS_GROUP);
    }
  });
  socket.bind(MDNS_PORT, '0.0.0.0', () => {
    socket.addMembership(MDNS_GROUP, bind);
    socket.setMulticastInterface(bind);
    socket.setMulticastLoopback(true);
    process.stdout.write('ready\n');
  });
}

// Only when run as a program: under `node --test` this module is merely loaded.
if (process.argv[1] === SCRIPT && process.argv[2] === 'serve') {
  const [bind = '', instance = '', base64 = ''] = process.argv.slice(3);
  serve(bind, instance, Buffer.from(base64, 'base64'));
}
