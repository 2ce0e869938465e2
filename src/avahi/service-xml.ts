import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * Reads an Avahi `.service` file the way Avahi's loader sees it: well-formed XML or nothing (one
 * XML error makes Avahi skip the whole file), element text kept exactly (Avahi does not trim).
 */
export interface ParsedService {
  readonly protocol: string;
  readonly type: string | null;
  readonly port: string | null;
  readonly hostName: string | null;
  readonly txt: readonly string[];
}

export interface ParsedServiceGroup {
  readonly name: string | null;
  readonly replaceWildcards: boolean;
  readonly services: readonly ParsedService[];
  /** Elements whose text has leading or trailing white space, which Avahi keeps. */
  readonly padded: readonly string[];
}

export type ParseResult =
  | { readonly ok: true; readonly group: ParsedServiceGroup }
  | { readonly ok: false; readonly line: number | null; readonly message: string };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
  isArray: (name) => ['service', 'txt-record'].includes(name),
});

export function parseServiceXml(text: string): ParseResult {
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    return { ok: false, line: valid.err.line, message: valid.err.msg };
  }

  const document = parser.parse(text) as Record<string, unknown>;
  const group = document['service-group'];
  if (!isObject(group)) {
    return { ok: false, line: null, message: 'no <service-group> element' };
  }

  const padded: string[] = [];
  const name = readText(group['name'], 'name', padded);
  const wildcards = isObject(group['name']) && group['name']['@replace-wildcards'] === 'yes';
  const services = asArray(group['service']).filter(isObject).map((service) => ({
    protocol: typeof service['@protocol'] === 'string' ? service['@protocol'] : 'any',
    type: readText(service['type'], 'type', padded),
    port: readText(service['port'], 'port', padded),
    hostName: readText(service['host-name'], 'host-name', padded),
    txt: asArray(service['txt-record']).map((item) => readText(item, 'txt-record', padded) ?? ''),
  }));
  return { ok: true, group: { name, replaceWildcards: wildcards, services, padded } };
}

/** The text of an element (a string, or `#text` beside attributes); records padding. */
function readText(node: unknown, element: string, padded: string[]): string | null {
  const text = isObject(node) ? node['#text'] : node;
  if (text === undefined || text === null) {
    return node === undefined ? null : '';
  }

  const value = String(text);
  if (value !== value.trim() && !padded.includes(element)) {
    padded.push(element);
  }
  return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asArray(value: unknown): unknown[] {
  if (value === undefined) {
    return [];
  }
  return Array.isArray(value) ? value : [value];
}
