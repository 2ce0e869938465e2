import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { buildInform } from '../../src/dhcp/option-224.js';
import {
  decodePacket, DHCPINFORM, encodePacket, getOption, hardwareAddress, messageType,
  OPTION_PARAMETER_LIST,
} from '../../src/dhcp/packet.js';

const inform = () => buildInform(0x1234abcd, '198.51.100.11', '02:00:5e:00:53:01');

/** A hand-written DHCPACK with a split option (RFC 3396) and pads between options. */
function handWrittenAck(): Buffer {
  const header = Buffer.alloc(236);
  header.writeUInt8(2, 0);
  header.writeUInt8(1, 1);
  header.writeUInt8(6, 2);
  header.writeUInt32BE(0xdeadbeef, 4);
  Buffer.from([198, 51, 100, 11]).copy(header, 12);
  const options = Buffer.from([0x63, 0x82, 0x53, 0x63, 53, 1, 5, 0, 0, 224, 2, 0x61, 0x62,
    224, 1, 0x63, 255, 0, 0]);
  return Buffer.concat([header, options]);
}

describe('DHCP packet codec', () => {
  it('gives the same bytes on encode → decode → encode', () => {
    const bytes = inform();
    assert.deepEqual(encodePacket(decodePacket(bytes)), bytes);
  });

  it('pads a message to the 300 bytes of RFC 1542', () => {
    assert.equal(inform().length, 300);
  });

  it('reads the header fields and options of a Jitsi-style DHCPINFORM', () => {
    const packet = decodePacket(inform());
    assert.equal(packet.xid, 0x1234abcd);
    assert.equal(packet.ciaddr, '198.51.100.11');
    assert.equal(hardwareAddress(packet), '02:00:5e:00:53:01');
    assert.equal(messageType(packet), DHCPINFORM);
    assert.deepEqual([...(getOption(packet, OPTION_PARAMETER_LIST) ?? [])], [224]);
  });

  it('joins the parts of an option split across instances (RFC 3396)', () => {
    assert.equal(getOption(decodePacket(handWrittenAck()), 224)?.toString(), 'abc');
  });

  it('refuses a packet shorter than the BOOTP header and cookie', () => {
    assert.throws(() => decodePacket(inform().subarray(0, 239)), /malformed DHCP packet/);
  });

  it('refuses a packet without the magic cookie', () => {
    const bytes = inform();
    bytes.writeUInt32BE(0, 236);
    assert.throws(() => decodePacket(bytes), /magic cookie/);
  });

  it('refuses an option whose length runs past the end', () => {
    const bytes = handWrittenAck().subarray(0, 251);
    assert.throws(() => decodePacket(bytes), /past the end/);
  });

  it('refuses an options field without an end option', () => {
    const bytes = inform().subarray(0, 246);
    assert.throws(() => decodePacket(bytes), /no end option/);
  });

  it('refuses an op that is neither request nor reply', () => {
    const bytes = inform();
    bytes.writeUInt8(7, 0);
    assert.throws(() => decodePacket(bytes), /op 7/);
  });

  it('refuses a hardware address length over 16', () => {
    const bytes = inform();
    bytes.writeUInt8(17, 2);
    assert.throws(() => decodePacket(bytes), /hlen 17/);
  });

  it('refuses to encode an option over 255 bytes', () => {
    const packet = decodePacket(inform());
    const options = [{ code: 224, data: Buffer.alloc(256) }];
    assert.throws(() => encodePacket({ ...packet, options }), /over 255/);
  });
});
