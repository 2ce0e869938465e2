import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import Handlebars from 'handlebars';

/**
 * The Handlebars sources live in `templates/` at the top of the package. Compiled code sits in
 * `dist/src/avahi/`, sources in `src/avahi/`; both are three levels below the package root.
 */
const TEMPLATE_DIR = fileURLToPath(new URL('../../../templates/', import.meta.url));

/** Escapes the five characters XML reserves; Avahi skips a whole file on one raw `&`. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => XML_ENTITIES[c] ?? c);
}

const XML_ENTITIES: Record<string, string> = {
  '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;',
};

/**
 * One Handlebars environment of our own. HTML escaping is off (`noEscape`) because it also
 * rewrites `=` and backquotes; every value in an XML template goes through `{{xml …}}` instead.
 */
const handlebars = Handlebars.create();
handlebars.registerHelper('xml', (value: unknown) => escapeXml(String(value)));

const cache = new Map<string, Handlebars.TemplateDelegate>();

/** Renders `templates/<name>.hbs`; `strict` makes a missing value an error, never an empty tag. */
export function renderTemplate(name: string, context: object): string {
  let template = cache.get(name);
  if (template === undefined) {
    const source = readFileSync(`${TEMPLATE_DIR}${name}.hbs`, 'utf8');
    template = handlebars.compile(source, { noEscape: true, strict: true });
    cache.set(name, template);
  }
  return template(context);
}
