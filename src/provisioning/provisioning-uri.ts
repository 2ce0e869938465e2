import { isIP } from 'node:net';

import { InputError } from '../errors.js';

/** One `name=value` pair of the URI's query, exactly as typed (no decoding, `${…}` untouched). */
export interface QueryParameter {
  readonly key: string;
  /** `null` for a parameter written without `=`. */
  readonly value: string | null;
}

/**
 * The provisioning URI as an administrator types it into Jitsi's form. The parts are cut out of
 * the typed string, never re-encoded: Jitsi sends them on as they are, so must we.
 */
export interface ProvisioningUri {
  readonly raw: string;
  readonly scheme: 'http' | 'https';
  /** The host as typed, without brackets for an IPv6 literal. */
  readonly host: string;
  /** 4 or 6 when the host is an IP address literal, 0 for a DNS name. */
  readonly hostIpVersion: 0 | 4 | 6;
  /** The port as typed, or `null` when the URI gives none. */
  readonly explicitPort: number | null;
  /** The effective port: the typed one, or the scheme's default. */
  readonly port: number;
  /** The path as typed, `''` when the URI has none. */
  readonly path: string;
  readonly query: readonly QueryParameter[];
}

const DEFAULT_PORTS = { http: 80, https: 443 } as const;
const SHAPE = /^(https?):\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?(#.*)?$/i;
const HOST_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?$/i;

/** Parses and validates a provisioning URI; every problem is an {@link InputError}. */
export function parseProvisioningUri(raw: string): ProvisioningUri {
  const input = raw.trim();
  const match = SHAPE.exec(input);
  if (!match) {
    throw invalid(`"${raw}" is not an http:// or https:// URI; type it as you would in Jitsi`);
  }

  const [, schemeText = '', authority = '', path = '', queryText, fragment] = match;
  if (fragment !== undefined) {
    throw invalid('the URI has a #fragment, which Jitsi never sends; remove it');
  }

  const scheme = schemeText.toLowerCase() as 'http' | 'https';
  const { host, explicitPort } = parseAuthority(authority);
  const query = queryText === undefined ? [] : parseQuery(queryText);
  const hostIpVersion = isIP(host) as 0 | 4 | 6;
  const port = explicitPort ?? DEFAULT_PORTS[scheme];

  return { raw: input, scheme, host, hostIpVersion, explicitPort, port, path, query };
}

function parseAuthority(authority: string): { host: string; explicitPort: number | null } {
  if (authority.includes('@')) {
    throw invalid('the URI carries user:password@ credentials; use ${username} and ${password}');
  }

  const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(authority);
  const plain = /^([^:]*)(?::(.*))?$/.exec(authority);
  const [, host = '', portText] = bracketed ?? plain ?? [];
  if (host === '') {
    throw invalid('the URI has no host; write it as https://host/path');
  }
  if (bracketed && isIP(host) !== 6) {
    throw invalid(`"[${host}]" is not an IPv6 address`);
  }
  if (!bracketed && !isIP(host) && !HOST_NAME.test(host)) {
    throw invalid(`"${host}" is not a valid host name or IP address`);
  }
  if (!bracketed && !isIP(host) && looksNumeric(host)) {
    throw invalid(`"${host}" looks like an IPv4 address but is not one (four numbers, each ` +
      '0 to 255); correct the address or give a host name');
  }

  return { host, explicitPort: parsePort(portText) };
}

/**
 * A host of numbers only is a mistyped IPv4 address, not a name: URL parsers read a numeric last
 * label as IPv4 (WHATWG URL §3.5), and no top-level domain is numeric (RFC 1123 §2.1).
 */
function looksNumeric(host: string): boolean {
  return host.replace(/\.$/, '').split('.').every((label) => /^\d+$/.test(label));
}

function parsePort(text: string | undefined): number | null {
  if (text === undefined || text === '') {
    return null;
  }

  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(port >= 1 && port <= 65535)) {
    throw invalid(`port "${text}" is not a number from 1 to 65535`);
  }
  return port;
}

function parseQuery(text: string): QueryParameter[] {
  if (text === '') {
    return [];
  }

  return text.split('&').map((part, index) => {
    if (part === '') {
      throw invalid(`query parameter ${index + 1} is empty ("&&" or a trailing "&"); remove it`);
    }

    const equals = part.indexOf('=');
    if (equals === 0) {
      throw invalid(`query parameter "${part}" has no name before "="`);
    }
    return equals < 0
      ? { key: part, value: null }
      : { key: part.slice(0, equals), value: part.slice(equals + 1) };
  });
}

function invalid(message: string): InputError {
  return new InputError('ERR_INVALID_URI', message);
}
