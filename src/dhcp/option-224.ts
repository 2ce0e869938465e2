import { InputError } from '../errors.js';
import { checkLiteralSecrets } from '../provisioning/literal-secrets.js';
import { parseProvisioningUri } from '../provisioning/provisioning-uri.js';
import {
  BOOTREQUEST, chaddrField, DHCPINFORM, encodePacket, getOption, OPTION_MESSAGE_TYPE,
  OPTION_PARAMETER_LIST, type DhcpPacket,
} from './packet.js';

/** The site-specific option (RFC 2132 §12: codes 128–254) in which Jitsi looks for its URI. */
export const PROVISIONING_URI_OPTION = 224;

/** One DHCP option holds at most 255 bytes (RFC 2132 §2); Jitsi reads a single one. */
export const OPTION_MAX_BYTES = 255;

/** The URI as it goes into option 224: validated by the one model, carried as typed. */
export interface ProvisioningUriOption {
  readonly uri: string;
  readonly bytes: Buffer;
}

/**
 * Validates the URI for option 224, which carries it verbatim: the URI's own syntax, one
 * option's size, no control character, and the literal-secret rule every medium shares. The
 * mDNS-only rules (TXT sizes, a `path` parameter, a repeated parameter) do not apply here.
 * Splitting a long URI across options (RFC 3396) would not help: Jitsi reads one option whole.
 */
export function provisioningUriOption(rawUri: string): ProvisioningUriOption {
  const uri = parseProvisioningUri(rawUri);
  const length = Buffer.byteLength(uri.raw, 'utf8');
  if (length > OPTION_MAX_BYTES) {
    throw new InputError('ERR_URI_TOO_LONG', `the URI is ${length} bytes, over the ` +
      `${OPTION_MAX_BYTES} one DHCP option can hold (RFC 2132 §2); shorten it`);
  }
  if (/[\u0000-\u001f\u007f]/.test(uri.raw)) {
    // A control character would end a line of dhcpd.conf or dnsmasq.conf, and no URL holds one.
    throw new InputError('ERR_INVALID_URI', 'the URI holds a control character (a tab or line ' +
      'break?); remove it');
  }
  checkLiteralSecrets(uri, 'dhcp');
  return { uri: uri.raw, bytes: Buffer.from(uri.raw, 'utf8') };
}

/** The URI a reply carries in option 224, read as text as Jitsi does, or null without one. */
export function readProvisioningUri(packet: DhcpPacket): string | null {
  const data = getOption(packet, PROVISIONING_URI_OPTION);
  return data === null ? null : data.toString('utf8');
}

/** True when the request's parameter request list (RFC 2132 §9.8) asks for option 224. */
export function asksForProvisioningUri(parameterList: Buffer | null): boolean {
  return parameterList !== null && parameterList.includes(PROVISIONING_URI_OPTION);
}

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
