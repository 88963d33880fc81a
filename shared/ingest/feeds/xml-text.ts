/**
 * Text-level work on a feed before and after the XML parser sees it:
 * - `scanProlog` finds the root element and drops everything before it (XML declaration, comments,
 *   processing instructions, and the DOCTYPE — so no entity defined there can ever expand: no
 *   billion laughs, no external entities);
 * - `repairXml` is the second chance for an ill-formed document: escape stray `&` and `<`, turn
 *   HTML entities into character references, close a document cut off part-way, and fix nesting.
 *
 * Every regular expression here is linear in the input (no nested quantifiers that can backtrack),
 * so a hostile document cannot make the poller hang.
 */
import { load as loadMarkup } from 'cheerio/slim';
import { checkpoint } from './budget.js';

export type Prolog = { kind: 'empty' } | { kind: 'not-xml'; reason: string } | { kind: 'document'; rootName: string; document: string };

/** Characters XML 1.0 forbids; some feeds carry them (form feeds, NULs from broken CMS exports). */
const FORBIDDEN_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
/** The same class without the g flag: a scan that copies nothing, for the usual document that has none. */
const ANY_FORBIDDEN_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/** Finds the root element; the returned document starts at it. */
export function scanProlog(text: string): Prolog {
  if (/^\uFEFF?\u001F[\u008B\u2039\uFFFD]/.test(text)) {
    return { kind: 'not-xml', reason: 'the document is gzip-compressed data, not XML (the server did not say it was compressed)' };
  }
  const clean = ANY_FORBIDDEN_CHAR.test(text) ? text.replace(FORBIDDEN_CHARS, '') : text;
  const start = skipProlog(clean);
  if (start === undefined) return { kind: 'empty' };
  const rootName = /^<([A-Za-z_][\w.:-]*)/.exec(clean.slice(start, start + 256))?.[1];
  if (!rootName) return { kind: 'not-xml', reason: 'the document is not XML (it does not start with markup)' };
  return { kind: 'document', rootName, document: clean.slice(start) };
}

/** Index of the root element's "<", skipping BOM, whitespace, comments, PIs and DOCTYPE; undefined if none. */
function skipProlog(text: string): number | undefined {
  let i = 0;
  for (;;) {
    while (i < text.length && /[\s\uFEFF]/.test(text[i] ?? '')) i += 1;
    if (i >= text.length) return undefined;
    const next = skipPrologItem(text, i);
    if (next === 'end') return undefined;
    if (next === i) return i;
    i = next;
  }
}

function skipPrologItem(text: string, i: number): number | 'end' {
  if (text.startsWith('<!--', i)) return after(text, '-->', i + 4);
  if (text.startsWith('<?', i)) return after(text, '?>', i + 2);
  if (text.slice(i, i + 9).toUpperCase() === '<!DOCTYPE') return doctypeEnd(text, i + 9);
  return i;
}

function after(text: string, terminator: string, from: number): number | 'end' {
  const at = text.indexOf(terminator, from);
  return at < 0 ? 'end' : at + terminator.length;
}

/** A DOCTYPE ends at the first ">" outside quotes and outside its [internal subset]. */
function doctypeEnd(text: string, from: number): number | 'end' {
  let depth = 0;
  let quote = '';
  for (let i = from; i < text.length; i += 1) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[') depth += 1;
    else if (c === ']') depth = Math.max(0, depth - 1);
    else if (c === '>' && depth === 0) return i + 1;
  }
  return 'end';
}

/** HTML elements that have no end tag, so unescaped HTML inside a feed does not look deeper than it is. */
const VOID_ELEMENTS = new Set(['br', 'img', 'hr', 'input', 'meta', 'area', 'base', 'col', 'embed', 'param', 'source', 'track', 'wbr']);
/** HTML elements whose end tag may be left out (a list of 300 unclosed <li> is not 300 deep). */
const OPTIONAL_END_ELEMENTS = new Set([
  'p',
  'li',
  'dt',
  'dd',
  'option',
  'optgroup',
  'tr',
  'td',
  'th',
  'thead',
  'tbody',
  'tfoot',
  'colgroup',
  'rt',
  'rp',
  'caption',
]);
const NO_ELEMENTS = new Set<string>();
/** One tag at a given position (sticky): `[^<>]*` stops at the next "<", so a failed match costs no rescan. */
const TAG_AT = /<(\/?)([A-Za-z_][\w.:-]*)[^<>]*>/y;

/**
 * Whether elements nest deeper than `limit`. Checked before parsing because the XML library's cost
 * per element grows with depth: a document of nothing but nested tags would otherwise stall a poll.
 * One forward scan with indexOf from the current position: an unterminated comment or CDATA section
 * ends the scan (everything after it is its text), instead of being searched for its end again at
 * every later "<!--" (the lazy-regex version took 1 min 40 s on 1 MB of "<!--").
 */
export function nestsDeeperThan(document: string, limit: number, options: { html?: boolean } = {}): boolean {
  const open: string[] = [];
  const skip = options.html ? OPTIONAL_END_ELEMENTS : NO_ELEMENTS;
  let i = document.indexOf('<');
  while (i >= 0) {
    const verbatimEnd = document.startsWith('<![CDATA[', i) ? ']]>' : document.startsWith('<!--', i) ? '-->' : undefined;
    if (verbatimEnd !== undefined) {
      const end = document.indexOf(verbatimEnd, i + 4);
      if (end < 0) return false;
      i = document.indexOf('<', end + 3);
      continue;
    }
    checkpoint();
    TAG_AT.lastIndex = i;
    const match = TAG_AT.exec(document);
    if (match) {
      const name = options.html ? (match[2] ?? '').toLowerCase() : (match[2] ?? '');
      if (!skip.has(name)) trackTag(open, match[1] === '/', name, match[0].endsWith('/>'));
      if (open.length > limit) return true;
    }
    i = document.indexOf('<', match ? i + match[0].length : i + 1);
  }
  return false;
}

/** The open-element stack after one tag; its lastIndexOf is bounded because the stack never exceeds the limit + 1. */
function trackTag(open: string[], closing: boolean, name: string, selfClosing: boolean): void {
  if (selfClosing || VOID_ELEMENTS.has(name.toLowerCase())) return;
  if (!closing) {
    open.push(name);
    return;
  }
  const at = open.lastIndexOf(name);
  if (at >= 0) open.length = at;
}

/**
 * CDATA sections and comments as [start, end) ranges, in one forward scan; an unterminated one runs
 * to the end of the text (the lazy regex that did this rescanned to the end for each unclosed opener).
 */
function verbatimRanges(text: string): [number, number][] {
  const ranges: [number, number][] = [];
  let i = 0;
  for (;;) {
    const at = text.indexOf('<!', i);
    if (at < 0) return ranges;
    const terminator = text.startsWith('<![CDATA[', at) ? ']]>' : text.startsWith('<!--', at) ? '-->' : undefined;
    if (terminator === undefined) {
      i = at + 2;
      continue;
    }
    const end = text.indexOf(terminator, at + 4);
    if (end < 0) {
      ranges.push([at, text.length]);
      return ranges;
    }
    ranges.push([at, end + 3]);
    i = end + 3;
  }
}

export interface Repair {
  text: string;
  /** The document stopped part-way (an open CDATA, comment or tag at the end, or unclosed elements). */
  truncated: boolean;
}

/** Best-effort well-formedness repair for a document the strict parser refused. */
export function repairXml(document: string): Repair {
  const tail = repairTail(document);
  const { text, unclosed } = repairMarkup(tail.text);
  const closing = unclosed
    .reverse()
    .map((name) => `</${name}>`)
    .join('');
  return { text: text + closing, truncated: tail.truncated || unclosed.length > 0 };
}

/** Closes an unterminated CDATA section, drops an unterminated comment or a half-written tag at the end. */
function repairTail(text: string): Repair {
  const open = lastUnterminated(text);
  if (open?.kind === 'cdata') return { text: `${text}]]>`, truncated: true };
  const body = open?.kind === 'comment' ? text.slice(0, open.at) : text;
  const lastLt = body.lastIndexOf('<');
  if (lastLt > body.lastIndexOf('>')) return { text: body.slice(0, lastLt), truncated: true };
  return { text: body, truncated: open !== undefined };
}

function lastUnterminated(text: string): { kind: 'cdata' | 'comment'; at: number } | undefined {
  let i = 0;
  for (;;) {
    const cdata = text.indexOf('<![CDATA[', i);
    const comment = text.indexOf('<!--', i);
    if (cdata < 0 && comment < 0) return undefined;
    const isCdata = cdata >= 0 && (comment < 0 || cdata < comment);
    const at = isCdata ? cdata : comment;
    const end = text.indexOf(isCdata ? ']]>' : '-->', at + (isCdata ? 9 : 4));
    if (end < 0) return { kind: isCdata ? 'cdata' : 'comment', at };
    i = end + 3;
  }
}

/** A tag, or an entity-like "&...", or a "<" that starts no tag. Quoted attribute values may hold ">". */
const MARKUP = /<(\/?)([A-Za-z_][\w.:-]*)((?:[^>"'<]|"[^"<]*"|'[^'<]*')*)>|&(#x[0-9A-Fa-f]+;|#[0-9]+;|[A-Za-z][A-Za-z0-9]*;)?|<(?![A-Za-z_/!?])/g;

/** CDATA sections and comments are copied as they are; markup between them is repaired. */
function repairMarkup(text: string): { text: string; unclosed: string[] } {
  const stack: string[] = [];
  const fixSegment = (segment: string): string =>
    segment.replace(MARKUP, (whole: string, slash?: string, name?: string, rest?: string, ref?: string) => {
      checkpoint();
      if (name !== undefined) return fixTag(stack, whole, slash === '/', name, rest ?? '');
      if (whole === '<') return '&lt;';
      return fixReference(ref);
    });
  let out = '';
  let last = 0;
  for (const [start, end] of verbatimRanges(text)) {
    out += fixSegment(text.slice(last, start)) + text.slice(start, end);
    last = end;
  }
  out += fixSegment(text.slice(last));
  return { text: out, unclosed: stack };
}

/** Keeps elements properly nested: a close tag closes what was left open inside it; a stray one goes; <br> becomes <br/>. */
function fixTag(stack: string[], whole: string, closing: boolean, name: string, rest: string): string {
  const isVoid = VOID_ELEMENTS.has(name.toLowerCase());
  if (!closing) {
    if (rest.trimEnd().endsWith('/')) return whole;
    if (isVoid) return `${whole.slice(0, -1)}/>`;
    stack.push(name);
    return whole;
  }
  if (isVoid) return '';
  const at = stack.lastIndexOf(name);
  if (at < 0) return '';
  const inner = stack.splice(at).slice(1).reverse();
  return inner.map((n) => `</${n}>`).join('') + whole;
}

const XML_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);
const htmlEntityCache = new Map<string, string | undefined>();
/** Bounds the work a document full of invented entity names can cause. */
const MAX_ENTITY_LOOKUPS = 500;

/** "&" alone → "&amp;"; an HTML entity XML does not know → its character reference; an unknown one → literal text. */
function fixReference(ref: string | undefined): string {
  if (ref === undefined) return '&amp;';
  if (ref.startsWith('#')) return isXmlCharReference(ref) ? `&${ref}` : '\uFFFD';
  const name = ref.slice(0, -1);
  if (XML_ENTITIES.has(name)) return `&${ref}`;
  const decoded = htmlEntity(name);
  return decoded === undefined ? `&amp;${ref}` : [...decoded].map((c) => `&#${c.codePointAt(0) ?? 0xfffd};`).join('');
}

function isXmlCharReference(ref: string): boolean {
  const code = ref.startsWith('#x') || ref.startsWith('#X') ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

/** Decodes one HTML named entity with the HTML parser's own table (the entities package, as parse5 uses); undefined if HTML does not know it. */
function htmlEntity(name: string): string | undefined {
  if (htmlEntityCache.has(name)) return htmlEntityCache.get(name);
  if (htmlEntityCache.size >= MAX_ENTITY_LOOKUPS) return undefined;
  const decoded = loadMarkup(`&${name};`, null, false).text();
  const known = decoded !== `&${name};` && [...decoded].length <= 2 ? decoded : undefined;
  htmlEntityCache.set(name, known);
  return known;
}
