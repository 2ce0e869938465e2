import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';

import { NetworkError } from '../errors.js';
import { silentLogger, type Logger } from '../log.js';
import {
  localIpv4Addresses, requireIpv4Interface, subnetContains, type LocalIpv4,
} from './ipv4.js';
import {
  asksForProvisioningUri, JITSI_CLIENT_PORT, JITSI_SERVER_PORT, PROVISIONING_URI_OPTION,
  provisioningUriOption,
} from './option-224.js';
import {
  BOOTREPLY, BOOTREQUEST, decodePacket, DHCPACK, DHCPINFORM, encodePacket, getOption,
  hardwareAddress, messageType, OPTION_MESSAGE_TYPE, OPTION_PARAMETER_LIST, OPTION_SERVER_ID,
  type DhcpPacket,
} from './packet.js';

const BROADCAST_FLAG = 0x8000;
const ZERO = '0.0.0.0';

export interface DhcpResponderOptions {
  uri: string;
  /** Answer only clients on this interface's subnets (see {@link servesClient}). */
  interface?: string | undefined;
  logger?: Logger | undefined;
}

export interface DhcpResponder {
  readonly uri: string;
  close(): Promise<void>;
}

/**
 * Answers DHCPINFORM requests that ask for option 224, and nothing else: it never hands out an
 * address, so it can run beside the site's DHCP server. Validates the URI before binding.
 */
export async function startDhcpResponder(options: DhcpResponderOptions): Promise<DhcpResponder> {
  const { uri, bytes } = provisioningUriOption(options.uri);
  const logger = options.logger ?? silentLogger;
  checkInterface(options.interface);

  const context: ReplyContext = {
    uriBytes: bytes, logger, interfaceName: options.interface, locals: recentLocalAddresses(),
  };
  const socket = await bindServerSocket(JITSI_SERVER_PORT);
  socket.on('message', (message, from) => handleMessage(socket, message, from, context));
  socket.on('error', (error) => logger.log('error', `DHCP socket error: ${error.message}`));
  logger.log('info', `answering DHCPINFORM for option 224 on UDP port ${JITSI_SERVER_PORT}` +
    (options.interface ? ` for clients on ${options.interface}` : ''), { uri });

  return { uri, close: () => new Promise((resolve) => socket.close(() => resolve())) };
}

interface ReplyContext {
  readonly uriBytes: Buffer;
  readonly logger: Logger;
  readonly interfaceName: string | undefined;
  readonly locals: () => LocalIpv4[];
}

/**
 * Our addresses, read at most once a second: reading them costs about as much as the rest of an
 * answer, and an address that changed is noticed within the second (a removed one makes the
 * send fail and get logged, never a crash).
 */
function recentLocalAddresses(): () => LocalIpv4[] {
  let readAt = 0;
  let locals: LocalIpv4[] = [];
  return () => {
    if (Date.now() - readAt >= 1000) {
      locals = localIpv4Addresses();
      readAt = Date.now();
    }
    return locals;
  };
}

function checkInterface(name: string | undefined): void {
  if (name !== undefined) {
    requireIpv4Interface(name);
  }
}

/** Binds 0.0.0.0: Jitsi broadcasts to 255.255.255.255, which an address-bound socket misses. */
async function bindServerSocket(port: number): Promise<Socket> {
  const socket = createSocket({ type: 'udp4', reuseAddr: false });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', (error) => reject(new NetworkError('ERR_SOCKET',
      `cannot listen on UDP port ${port}: ${error.message} (another DHCP server on it? root?)`,
      { cause: error })));
    socket.bind(port, ZERO, () => resolve());
  });
  socket.setBroadcast(true);
  return socket;
}

/** Never throws: a packet from the network must not be able to stop the responder. */
function handleMessage(socket: Socket, message: Buffer, from: RemoteInfo, context: ReplyContext) {
  const { logger } = context;
  try {
    const request = decodePacket(message);
    const reason = ignoreReason(request, from, context);
    if (reason !== null) {
      logger.log('debug', `ignored a packet from ${from.address}: ${reason}`);
      return;
    }
    reply(socket, request, context);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    logger.log('warn', `ignored a packet from ${from.address}:${from.port}: ${reason}`,
      { packet: message.subarray(0, 600).toString('base64') });
  }
}

/** Why a decoded packet gets no answer, or null when it should get one. */
function ignoreReason(request: DhcpPacket, from: RemoteInfo, context: ReplyContext) {
  if (request.op !== BOOTREQUEST) {
    return 'not a BOOTREQUEST';
  }
  const type = messageType(request);
  if (type !== DHCPINFORM) {
    // We hand out no addresses: DISCOVER, REQUEST and the rest belong to the site's server.
    return `DHCP message type ${type ?? 'missing'} is not DHCPINFORM`;
  }
  if (!asksForProvisioningUri(getOption(request, OPTION_PARAMETER_LIST))) {
    return 'the DHCPINFORM does not ask for option 224';
  }
  if (request.ciaddr === ZERO) {
    return 'the DHCPINFORM has no ciaddr (RFC 2131 §4.4.3 requires it)';
  }
  if (!servesClient(request, from, context)) {
    return `${request.ciaddr} is not on a subnet of ${context.interfaceName}`;
  }
  return null;
}

/**
 * Node cannot bind a socket to one device, so `--interface` is a filter: the client (or the
 * relay that forwarded it) must sit on one of that interface's subnets.
 */
function servesClient(request: DhcpPacket, from: RemoteInfo, context: ReplyContext) {
  if (context.interfaceName === undefined) {
    return true;
  }
  return context.locals()
    .filter((local) => local.interface === context.interfaceName)
    .some(({ subnet }) => subnetContains(subnet, request.ciaddr) ||
      subnetContains(subnet, from.address));
}

function reply(socket: Socket, request: DhcpPacket, context: ReplyContext): void {
  const serverId = serverIdentifier(request.ciaddr, context);
  const answer = encodePacket(buildAck(request, serverId, context.uriBytes));
  const { address, port } = replyDestination(request);

  socket.send(answer, port, address, (error) => {
    if (error) {
      context.logger.log('warn', `could not answer ${request.ciaddr}: ${error.message}`);
      return;
    }
    context.logger.log('info', `answered DHCPINFORM from ${request.ciaddr} ` +
      `(${hardwareAddress(request)}) with option 224`, { to: `${address}:${port}` });
  });
}

/** RFC 2131 §4.3.5 and Table 3: a DHCPACK with no address and no lease time. */
function buildAck(request: DhcpPacket, serverId: string, uriBytes: Buffer): DhcpPacket {
  return {
    ...request,
    op: BOOTREPLY,
    hops: 0,
    secs: 0,
    yiaddr: ZERO,
    siaddr: ZERO,
    sname: Buffer.alloc(64),
    file: Buffer.alloc(128),
    options: [
      { code: OPTION_MESSAGE_TYPE, data: Buffer.from([DHCPACK]) },
      { code: OPTION_SERVER_ID, data: Buffer.from(serverId.split('.').map(Number)) },
      { code: PROVISIONING_URI_OPTION, data: uriBytes },
    ],
  };
}

/** RFC 2131 §4.1: to the relay if one forwarded it, else to ciaddr, or broadcast if asked. */
function replyDestination(request: DhcpPacket) {
  if (request.giaddr !== ZERO) {
    return { address: request.giaddr, port: JITSI_SERVER_PORT };
  }
  if ((request.flags & BROADCAST_FLAG) !== 0) {
    return { address: '255.255.255.255', port: JITSI_CLIENT_PORT };
  }
  return { address: request.ciaddr, port: JITSI_CLIENT_PORT };
}

/** Our address on the client's subnet, else on the chosen interface, else any we have. */
function serverIdentifier(clientAddress: string, context: ReplyContext): string {
  const locals = context.locals();
  const sameSubnet = locals.find((local) => subnetContains(local.subnet, clientAddress));
  const onInterface = locals.find((local) => local.interface === context.interfaceName);
  return (sameSubnet ?? onInterface ?? locals[0])?.address ?? ZERO;
}
