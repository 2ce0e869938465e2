import { isIP } from 'node:net';

import { InputError } from '../errors.js';
import { sameName } from '../dns/names.js';
import { GENERATED_MARKER, renderHostsLines, type HostEntry } from './service-file.js';

/**
 * `/etc/avahi/hosts`, read the way Avahi reads it: a `#` starts a comment, the rest of a line is
 * blank or exactly "address name" separated by spaces or tabs. Parsing and merging are pure.
 */
export interface HostsLine {
  /** 1-based, for messages. */
  readonly number: number;
  /** The line without its line end, byte for byte. */
  readonly text: string;
  /** `\n`, `\r\n`, or `''` for a last line without a final newline. */
  readonly eol: string;
  readonly entry: HostEntry | null;
  /** The line carries our marker comment. */
  readonly ours: boolean;
  /** Avahi cannot read the line, and stops reading the file there. */
  readonly bad: boolean;
}

export function parseHosts(text: string): HostsLine[] {
  const lines: HostsLine[] = [];
  let start = 0;
  while (start < text.length) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline + 1;
    const raw = text.slice(start, end);
    const eolLength = raw.endsWith('\r\n') ? 2 : raw.endsWith('\n') ? 1 : 0;
    const body = raw.slice(0, raw.length - eolLength);
    lines.push(parseLine(body, raw.slice(raw.length - eolLength), lines.length + 1));
    start = end;
  }
  return lines;
}

function parseLine(text: string, eol: string, number: number): HostsLine {
  const hash = text.indexOf('#');
  const content = hash < 0 ? text : text.slice(0, hash);
  const comment = hash < 0 ? '' : text.slice(hash);
  const fields = content.split(/[ \t\r]+/).filter((field) => field !== '');
  const blank = { number, text, eol, entry: null, ours: false };
  if (fields.length === 0) {
    return { ...blank, bad: false };
  }

  const [address = '', hostName = ''] = fields;
  if (fields.length !== 2 || !isIP(address)) {
    return { ...blank, bad: true };
  }
  const ours = comment.includes(GENERATED_MARKER);
  return { ...blank, entry: { address, hostName }, ours, bad: false };
}

/** One spelling per address, so `2001:DB8:0::7` and `2001:db8::7` compare equal. */
export function canonicalAddress(address: string): string {
  const bare = address.replace(/%.*$/, '');
  return isIP(bare) === 6 ? new URL(`http://[${bare}]/`).hostname.slice(1, -1) : bare;
}

export interface HostsMerge {
  readonly text: string;
  readonly changed: boolean;
  /** Line numbers of earlier entries of ours that were replaced. */
  readonly replaced: readonly number[];
}

export interface MergeOptions {
  /** Addresses of the machine Avahi runs on: it publishes them under its own name already. */
  readonly localAddresses?: readonly string[];
  /** Avahi's own host name, for the fix a refusal suggests. */
  readonly ownHostName?: string;
}

/**
 * Puts `entries` (all for one name) into a hosts file, keeping every other line, comment and
 * blank line byte for byte. We manage exactly one service, so every earlier line of ours is
 * stale, whatever name or address it carries: all are replaced in place of the first one, and
 * a second run with the same entries returns the same text.
 */
export function mergeHosts(
  existing: string,
  entries: readonly HostEntry[],
  options: MergeOptions = {},
): HostsMerge {
  const lines = parseHosts(existing);
  checkReadable(lines);
  checkNotLocal(entries, options);
  checkNoClash(lines, entries);

  const eol = dominantEol(lines);
  const ours = renderHostsLines(entries).map((text) => `${text}${eol}`);
  const isStale = (line: HostsLine): boolean => line.ours;
  const stale = lines.filter(isStale);
  const kept = lines.map((line) => `${line.text}${line.eol}`);

  let out: string[];
  if (stale.length === 0) {
    const last = lines.at(-1);
    if (last !== undefined && last.eol === '' && ours.length > 0) {
      kept[kept.length - 1] = `${last.text}${eol}`;
    }
    out = [...kept, ...ours];
  } else {
    const at = lines.indexOf(stale[0] as HostsLine);
    out = kept.flatMap((text, index) => {
      const line = lines[index] as HostsLine;
      return index === at ? ours : isStale(line) ? [] : [text];
    });
  }

  const text = out.join('');
  return { text, changed: text !== existing, replaced: stale.map((line) => line.number) };
}

/**
 * Removes every earlier entry of ours, for a run that needs no hosts line any more (a stale
 * line would keep publishing an address nobody asked for). Other lines stay as they are.
 */
export function dropOurEntries(existing: string): HostsMerge {
  const lines = parseHosts(existing);
  const stale = lines.filter((line) => line.ours);
  const text = lines.filter((line) => !stale.includes(line))
    .map((line) => `${line.text}${line.eol}`).join('');
  return { text, changed: text !== existing, replaced: stale.map((line) => line.number) };
}

function isFor(line: HostsLine, entries: readonly HostEntry[]): boolean {
  const name = line.entry?.hostName;
  return name !== undefined && entries.some((entry) => sameName(name, entry.hostName));
}

function checkReadable(lines: readonly HostsLine[]): void {
  const bad = lines.find((line) => line.bad);
  if (bad === undefined) {
    return;
  }
  throw new InputError('ERR_CONFIG_FILE', `hosts line ${bad.number} ("${bad.text.trim()}") is ` +
    `not "address name"${bomNote(bad)}, and Avahi stops reading the file there; fix or remove ` +
    'that line');
}

/**
 * Avahi reads bytes, so a UTF-8 byte-order mark (which some editors add unseen) glues itself to
 * the first address; the line looks right to the operator, so the message must say why.
 */
export function bomNote(line: HostsLine): string {
  return line.number === 1 && line.text.startsWith('\uFEFF')
    ? ' (the file starts with a byte-order mark; save it as UTF-8 without one)'
    : '';
}

function checkNotLocal(entries: readonly HostEntry[], options: MergeOptions): void {
  const local = new Set((options.localAddresses ?? []).map(canonicalAddress));
  const own = options.ownHostName ?? '<this host>.local';
  for (const { address } of entries) {
    if (!local.has(canonicalAddress(address))) {
      continue;
    }
    throw new InputError('ERR_NAME_CONFLICT', `${address} is an address of the Avahi host ` +
      'itself, which Avahi already publishes under its own name, so a hosts line for it fails ' +
      `with "Local name collision"; use --host-name ${own} --no-hosts instead`);
  }
}

function checkNoClash(lines: readonly HostsLine[], entries: readonly HostEntry[]): void {
  const addresses = new Set(entries.map((entry) => canonicalAddress(entry.address)));
  for (const line of lines) {
    if (line.entry === null || line.ours) {
      continue;
    }

    const { address, hostName } = line.entry;
    if (isFor(line, entries)) {
      throw new InputError('ERR_NAME_CONFLICT', `hosts line ${line.number} already gives ` +
        `${hostName} (${address}) and was not written by us; remove that line or choose ` +
        'another --host-name');
    }
    if (addresses.has(canonicalAddress(address))) {
      throw new InputError('ERR_NAME_CONFLICT', `hosts line ${line.number} already gives ` +
        `${address} the name ${hostName}, and Avahi fails on one address with two names ` +
        `("Local name collision"); remove that line, or use --host-name ${hostName} --no-hosts`);
    }
  }
}

/** New lines follow the file's own line ends: CRLF when most of its lines end that way. */
function dominantEol(lines: readonly HostsLine[]): string {
  const crlf = lines.filter((line) => line.eol === '\r\n').length;
  const lf = lines.filter((line) => line.eol === '\n').length;
  return crlf > lf ? '\r\n' : '\n';
}
