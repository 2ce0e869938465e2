import { PROVISIONING_URI_OPTION } from './option-224.js';
import {
  BOOTREQUEST, chaddrField, DHCPINFORM, encodePacket, OPTION_MESSAGE_TYPE,
  OPTION_PARAMETER_LIST,
} from './packet.js';

/** The ports Jitsi uses instead of 67/68, so that a site's main DHCP server stays untouched. */
export const JITSI_SERVER_PORT = 6767;
export const JITSI_CLIENT_PORT = 6768;

const ETHERNET = 1;

/**
 * The DHCPINFORM Jitsi sends (RFC 2131 §4.4.3): ciaddr is the address it asks from, chaddr the
 * interface's MAC, and the parameter request list holds only option 224.
 */
export function buildInform(xid: number, ciaddr: string, mac: string): Buffer {
  return encodePacket({
    op: BOOTREQUEST,
    htype: ETHERNET,
    hlen: 6,
    hops: 0,
    xid,
    secs: 0,
    flags: 0,
    ciaddr,
    yiaddr: '0.0.0.0',
    siaddr: '0.0.0.0',
    giaddr: '0.0.0.0',
    chaddr: chaddrField(mac),
    sname: Buffer.alloc(64),
    file: Buffer.alloc(128),
    options: [
      { code: OPTION_MESSAGE_TYPE, data: Buffer.from([DHCPINFORM]) },
      { code: OPTION_PARAMETER_LIST, data: Buffer.from([PROVISIONING_URI_OPTION]) },
    ],
  });
}
