import { isIPv4 } from 'node:net';

import { ProvisioningError } from '../errors.js';

/**
 * A strict BOOTP/DHCP message codec (RFC 2131 §2, RFC 2132). It keeps what it reads exactly, so
 * encode → decode → encode gives the same bytes, and refuses anything it cannot read whole.
 */

export const BOOTREQUEST = 1;
export const BOOTREPLY = 2;

/** RFC 2132 §9.6 message types used here. */
export const DHCPACK = 5;
export const DHCPINFORM = 8;

export const OPTION_PAD = 0;
export const OPTION_MESSAGE_TYPE = 53;
export const OPTION_SERVER_ID = 54;
export const OPTION_PARAMETER_LIST = 55;
export const OPTION_END = 255;

/** RFC 2131 §2: the fixed BOOTP header before the options field. */
export const HEADER_BYTES = 236;
const MAGIC_COOKIE = 0x63825363;
const OPTIONS_START = HEADER_BYTES + 4;
/** RFC 1542 §2.1: relays and old servers may drop a BOOTP message shorter than 300 bytes. */
const MIN_MESSAGE_BYTES = 300;

export interface DhcpOption {
  readonly code: number;
  readonly data: Buffer;
}

export interface DhcpPacket {
  readonly op: number;
  readonly htype: number;
  readonly hlen: number;
  readonly hops: number;
  readonly xid: number;
  readonly secs: number;
  readonly flags: number;
  readonly ciaddr: string;
  readonly yiaddr: string;
  readonly siaddr: string;
  readonly giaddr: string;
  /** All 16 bytes of the field; the hardware address is the first `hlen` of them. */
  readonly chaddr: Buffer;
  readonly sname: Buffer;
  readonly file: Buffer;
  /** In wire order, without pad and end. */
  readonly options: readonly DhcpOption[];
}

/** A datagram that is not a DHCP message we can read whole. */
export class MalformedPacketError extends ProvisioningError {
  constructor(reason: string) {
    super('ERR_DHCP', `malformed DHCP packet: ${reason}`);
  }
}

/** Reads one DHCP message; throws {@link MalformedPacketError} on anything short or broken. */
export function decodePacket(bytes: Buffer): DhcpPacket {
  checkHeader(bytes);

  return {
    op: bytes.readUInt8(0),
    htype: bytes.readUInt8(1),
    hlen: bytes.readUInt8(2),
    hops: bytes.readUInt8(3),
    xid: bytes.readUInt32BE(4),
    secs: bytes.readUInt16BE(8),
    flags: bytes.readUInt16BE(10),
    ciaddr: readAddress(bytes, 12),
    yiaddr: readAddress(bytes, 16),
    siaddr: readAddress(bytes, 20),
    giaddr: readAddress(bytes, 24),
    chaddr: Buffer.from(bytes.subarray(28, 44)),
    sname: Buffer.from(bytes.subarray(44, 108)),
    file: Buffer.from(bytes.subarray(108, 236)),
    options: decodeOptions(bytes),
  };
}

function checkHeader(bytes: Buffer): void {
  if (bytes.length < OPTIONS_START) {
    throw new MalformedPacketError(`${bytes.length} bytes, under the ${OPTIONS_START} minimum`);
  }
  if (bytes.readUInt32BE(HEADER_BYTES) !== MAGIC_COOKIE) {
    throw new MalformedPacketError('no DHCP magic cookie (RFC 2131 §3)');
  }

  const op = bytes.readUInt8(0);
  const hlen = bytes.readUInt8(2);
  if (op !== BOOTREQUEST && op !== BOOTREPLY) {
    throw new MalformedPacketError(`op ${op} is neither BOOTREQUEST nor BOOTREPLY`);
  }
  if (hlen > 16) {
    throw new MalformedPacketError(`hlen ${hlen} is over the 16-byte chaddr field`);
  }
}

/** RFC 2132 §2: code, length, data; pad (0) has no length; end (255) closes the field. */
function decodeOptions(bytes: Buffer): DhcpOption[] {
  const options: DhcpOption[] = [];
  let at = OPTIONS_START;

  while (at < bytes.length) {
    const code = bytes.readUInt8(at);
    if (code === OPTION_END) {
      return options;
    }
    if (code === OPTION_PAD) {
      at += 1;
      continue;
    }
    if (at + 2 > bytes.length) {
      throw new MalformedPacketError(`option ${code} has no length byte`);
    }

    const length = bytes.readUInt8(at + 1);
    const end = at + 2 + length;
    if (end > bytes.length) {
      throw new MalformedPacketError(`option ${code} runs past the end of the packet`);
    }
    options.push({ code, data: Buffer.from(bytes.subarray(at + 2, end)) });
    at = end;
  }
  throw new MalformedPacketError('the options field has no end option (truncated?)');
}

/** Writes a DHCP message: header, cookie, options, end, zero padding to 300 bytes. */
export function encodePacket(packet: DhcpPacket): Buffer {
  checkFields(packet);
  const optionBytes = packet.options.reduce((sum, option) => sum + 2 + option.data.length, 0);
  const size = Math.max(MIN_MESSAGE_BYTES, OPTIONS_START + optionBytes + 1);
  const bytes = Buffer.alloc(size);
  writeHeader(bytes, packet);

  let at = OPTIONS_START;
  for (const { code, data } of packet.options) {
    bytes.writeUInt8(code, at);
    bytes.writeUInt8(data.length, at + 1);
    data.copy(bytes, at + 2);
    at += 2 + data.length;
  }
  bytes.writeUInt8(OPTION_END, at);
  return bytes;
}

function writeHeader(bytes: Buffer, packet: DhcpPacket): void {
  bytes.writeUInt8(packet.op, 0);
  bytes.writeUInt8(packet.htype, 1);
  bytes.writeUInt8(packet.hlen, 2);
  bytes.writeUInt8(packet.hops, 3);
  bytes.writeUInt32BE(packet.xid >>> 0, 4);
  bytes.writeUInt16BE(packet.secs, 8);
  bytes.writeUInt16BE(packet.flags, 10);
  writeAddress(bytes, 12, packet.ciaddr);
  writeAddress(bytes, 16, packet.yiaddr);
  writeAddress(bytes, 20, packet.siaddr);
  writeAddress(bytes, 24, packet.giaddr);
  packet.chaddr.copy(bytes, 28, 0, 16);
  packet.sname.copy(bytes, 44, 0, 64);
  packet.file.copy(bytes, 108, 0, 128);
  bytes.writeUInt32BE(MAGIC_COOKIE, HEADER_BYTES);
}

function checkFields(packet: DhcpPacket): void {
  if (packet.chaddr.length > 16 || packet.sname.length > 64 || packet.file.length > 128) {
    throw new MalformedPacketError('chaddr, sname or file is longer than its field');
  }
  for (const { code, data } of packet.options) {
    if (code === OPTION_PAD || code === OPTION_END || code > 255 || code < 0) {
      throw new MalformedPacketError(`option code ${code} cannot carry data`);
    }
    if (data.length > 255) {
      throw new MalformedPacketError(`option ${code} holds ${data.length} bytes, over 255`);
    }
  }
}

/** The data of every instance of `code`, joined (RFC 3396 §7: split options concatenate). */
export function getOption(packet: DhcpPacket, code: number): Buffer | null {
  const parts = packet.options.filter((option) => option.code === code);
  return parts.length === 0 ? null : Buffer.concat(parts.map((option) => option.data));
}

export function messageType(packet: DhcpPacket): number | null {
  const data = getOption(packet, OPTION_MESSAGE_TYPE);
  return data?.length === 1 ? data.readUInt8(0) : null;
}

/** The hardware address as `aa:bb:…`, from the first `hlen` bytes of chaddr. */
export function hardwareAddress(packet: DhcpPacket): string {
  return [...packet.chaddr.subarray(0, packet.hlen)]
    .map((byte) => byte.toString(16).padStart(2, '0'))
    .join(':');
}

/** Parses `aa:bb:cc:dd:ee:ff` into the 16-byte chaddr field. */
export function chaddrField(mac: string): Buffer {
  const field = Buffer.alloc(16);
  const bytes = mac.split(/[:-]/).map((part) => Number.parseInt(part, 16));
  if (bytes.length > 16 || bytes.some((byte) => !(byte >= 0 && byte <= 255))) {
    throw new MalformedPacketError(`"${mac}" is not a hardware address`);
  }
  Buffer.from(bytes).copy(field);
  return field;
}

function readAddress(bytes: Buffer, at: number): string {
  return [...bytes.subarray(at, at + 4)].join('.');
}

function writeAddress(bytes: Buffer, at: number, address: string): void {
  if (!isIPv4(address)) {
    throw new MalformedPacketError(`"${address}" is not an IPv4 address`);
  }
  address.split('.').forEach((part, index) => bytes.writeUInt8(Number(part), at + index));
}
