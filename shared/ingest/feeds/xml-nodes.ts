/**
 * Reading the values xml2js (inside rss-parser) produces, without trusting their shape: an element
 * is a string, or an object with its text under "_", its attributes under "$", and one array per
 * child element name. Objects have no prototype, so an element called "__proto__" is just a key.
 */

export type XmlNode = Record<string, unknown>;

/** Deep enough for any real title or summary; stops hostile nesting from exhausting the stack. */
const MAX_DEPTH = 64;
const SKIPPED_ELEMENTS = new Set(['script', 'style', 'noscript', 'template']);

export function isNode(value: unknown): value is XmlNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The values of a repeated element (custom fields are kept as arrays), or a single value as a list. */
export function valuesOf(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

export function attribute(value: unknown, name: string): string | undefined {
  if (!isNode(value)) return undefined;
  const attributes = value['$'];
  if (!isNode(attributes)) return undefined;
  const found = attributes[name];
  return typeof found === 'string' ? found : undefined;
}

/** The element's own text (not its children's): what a plain RSS field holds. */
export function ownText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (isNode(value) && typeof value['_'] === 'string') return value['_'];
  return undefined;
}

/** All text inside the element, children included, for fields that arrived as markup. */
export function textContent(value: unknown, depth = 0): string {
  if (typeof value === 'string') return value;
  if (depth > MAX_DEPTH) return '';
  if (Array.isArray(value)) return value.map((v) => textContent(v, depth + 1)).join(' ');
  if (!isNode(value)) return '';
  const parts: string[] = [];
  for (const key of Object.keys(value)) {
    if (key === '$' || SKIPPED_ELEMENTS.has(localName(key))) continue;
    parts.push(textContent(value[key], depth + 1));
  }
  return parts.join(' ');
}

function localName(name: string): string {
  return name.slice(name.indexOf(':') + 1).toLowerCase();
}

/** First value that yields a non-blank string through `read`. */
export function firstText(values: unknown[], read: (value: unknown) => string | undefined): string | undefined {
  for (const value of values) {
    const text = read(value)?.trim();
    if (text) return text;
  }
  return undefined;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
