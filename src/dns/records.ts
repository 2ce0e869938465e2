import dnsPacket from 'dns-packet';
import type { Answer } from 'dns-packet';

import { InputError } from '../errors.js';
import type { ServiceDescription } from '../provisioning/service-description.js';
import { encodeTxt } from './txt.js';
import { instanceFqdn, serviceTypeFqdn } from './names.js';

/** RFC 6762 §10: 120 s for records that carry a host name's addresses, 4500 s for the rest. */
export const HOST_RECORD_TTL = 120;
export const OTHER_RECORD_TTL = 4500;
/** RFC 6763 §9: the name that enumerates the service types on the link. */
export const SERVICE_TYPE_ENUMERATION = '_services._dns-sd._udp.local';
/** The packet size the whole SRV+TXT answer must fit in (RFC 6762 §17 leaves room under MTU). */
export const MAX_ANSWER_PACKET_BYTES = 1300;

/** The records of one advertisement as published on one interface. */
export interface ServiceRecords {
  /** Shared records (PTR): never cache-flush (RFC 6762 §10.2). */
  readonly typePtr: Answer;
  readonly enumerationPtr: Answer;
  /** Unique records: cache-flush bit set (RFC 6762 §10.2). */
  readonly srv: Answer;
  readonly txt: Answer;
  readonly addresses: readonly Answer[];
}

/** Builds the records for a description, with the given addresses for its host name. */
export function serviceRecords(
  description: ServiceDescription,
  addresses: readonly string[],
): ServiceRecords {
  const type = serviceTypeFqdn(description.serviceType);
  const instance = instanceFqdn(description.instanceName, description.serviceType);
  const host = description.hostName;

  return {
    typePtr: { name: type, type: 'PTR', ttl: OTHER_RECORD_TTL, data: instance },
    enumerationPtr: {
      name: SERVICE_TYPE_ENUMERATION, type: 'PTR', ttl: OTHER_RECORD_TTL, data: type,
    },
    srv: {
      name: instance, type: 'SRV', ttl: HOST_RECORD_TTL, flush: true,
      data: { priority: 0, weight: 0, port: description.port, target: host },
    },
    txt: {
      name: instance, type: 'TXT', ttl: OTHER_RECORD_TTL, flush: true,
      data: encodeTxt(description.txt),
    },
    addresses: addresses.map((address) => addressRecord(host, address)),
  };
}

export function addressRecord(host: string, address: string): Answer {
  const type = address.includes(':') ? 'AAAA' : 'A';
  return { name: host, type, ttl: HOST_RECORD_TTL, flush: true, data: address };
}

/**
 * Refuses a description whose answer to Jitsi's SRV+TXT question would not fit one packet, with
 * room for two addresses of each family: a truncated answer is one JmDNS may never complete.
 */
export function checkFitsOnePacket(description: ServiceDescription): void {
  const sample = ['198.51.100.1', '198.51.100.2', '2001:db8::1', '2001:db8::2'];
  const records = serviceRecords(description, sample);
  const packet = dnsPacket.encode({
    type: 'response',
    flags: dnsPacket.AUTHORITATIVE_ANSWER,
    answers: [records.srv, records.txt, records.typePtr],
    additionals: [...records.addresses],
  });

  if (packet.length > MAX_ANSWER_PACKET_BYTES) {
    throw new InputError('ERR_TXT_TOO_LONG', `the TXT record makes the answer ${packet.length} ` +
      `bytes, over one ${MAX_ANSWER_PACKET_BYTES}-byte packet; shorten or drop query parameters`);
  }
}
