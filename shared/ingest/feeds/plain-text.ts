/**
 * HTML → plain text, with the repairs feeds need: entities decoded exactly once, windows-1252
 * character references read as HTML does, and UTF-8 that was double-encoded undone.
 */
import { Parser, Tokenizer } from 'htmlparser2';
import iconv from 'iconv-lite';
import { checkpoint } from './budget.js';

const REMOVED_ELEMENTS = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'object', 'embed', 'head', 'svg', 'math']);
/** Elements whose edges separate words; br too. */
const BREAKING_ELEMENTS = new Set([
  'br',
  'p',
  'div',
  'li',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'pre',
  'table',
  'tr',
  'td',
  'th',
  'section',
  'article',
  'header',
  'footer',
  'figure',
  'figcaption',
  'hr',
]);
/** Elements with no end tag, as htmlparser2 lists them. */
const VOID_ELEMENTS = new Set([
  'area',
  'base',
  'basefont',
  'br',
  'col',
  'command',
  'embed',
  'frame',
  'hr',
  'img',
  'input',
  'isindex',
  'keygen',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);
/** htmlparser2's table of start tags that close open elements at the top of the stack. */
const OPEN_IMPLIES_CLOSE: ReadonlyMap<string, ReadonlySet<string>> = (() => {
  const p = new Set(['p']);
  const form = new Set(['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea']);
  const table: [string, Set<string>][] = [
    ['tr', new Set(['tr', 'th', 'td'])],
    ['th', new Set(['th'])],
    ['td', new Set(['thead', 'th', 'td'])],
    ['body', new Set(['head', 'link', 'script'])],
    ['li', new Set(['li'])],
    ['option', new Set(['option'])],
    ['optgroup', new Set(['optgroup', 'option'])],
    ['dd', new Set(['dd', 'dt'])],
    ['dt', new Set(['dd', 'dt'])],
    ['rt', new Set(['rt', 'rp'])],
    ['rp', new Set(['rt', 'rp'])],
    ['tbody', new Set(['thead', 'tbody'])],
    ['tfoot', new Set(['thead', 'tbody'])],
  ];
  for (const name of ['select', 'input', 'output', 'button', 'datalist', 'textarea']) table.push([name, form]);
  for (const name of [
    'p',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'address',
    'article',
    'aside',
    'blockquote',
    'details',
    'div',
    'dl',
    'fieldset',
    'figcaption',
    'figure',
    'footer',
    'form',
    'header',
    'hr',
    'main',
    'nav',
    'ol',
    'pre',
    'section',
    'table',
    'ul',
  ])
    table.push([name, p]);
  return new Map(table);
})();
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
/** U+0080–U+009F: what "&#146;" gives; HTML5 reads such references as windows-1252 (&#146; → ’), and so do we. */
const C1_CHARS = /[\u0080-\u009F]/g;
/** A UTF-8 lead byte read as windows-1252 followed by a continuation byte read the same way: "â€™", "Ã©". */
const MOJIBAKE_HINT =
  /[\u00C2-\u00F4][\u0080-\u00BF\u0152\u0153\u0160\u0161\u0178\u017D\u017E\u0192\u02C6\u02DC\u2013\u2014\u2018-\u201E\u2020-\u2022\u2026\u2030\u2039\u203A\u20AC\u2122]/;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
/** An "&" that does not start a complete reference ("&copy=2" in a URL) is a literal "&", not the legacy © entity. */
const LOOSE_AMPERSAND = /&(?![A-Za-z][A-Za-z0-9]*;|#[0-9]+;|#[xX][0-9A-Fa-f]+;)/g;

/** windows-1252 for bytes 0x80–0x9F; its five undefined bytes keep their C1 character, so text round-trips. */
const WINDOWS_1252_HIGH = Array.from({ length: 32 }, (_, i) => {
  const char = iconv.decode(Buffer.from([0x80 + i]), 'windows-1252');
  return char === '\uFFFD' ? String.fromCharCode(0x80 + i) : char;
});
const WINDOWS_1252_BYTE = new Map(WINDOWS_1252_HIGH.map((char, i) => [char, 0x80 + i]));

/**
 * HTML → plain text: scripts and styles dropped, tags stripped, entities decoded once (by the HTML
 * parser, so "&lt;script&gt;" stays the visible text "<script>"), whitespace collapsed. With
 * `maxChars`, cut at a word boundary and marked with "…".
 */
export function plainText(html: string, maxChars?: number): string {
  const decoded = /[<&]/.test(html) ? htmlToText(html) : html;
  const text = repairDoubleEncoding(decoded.replace(C1_CHARS, fromWindows1252)).replace(CONTROL_CHARS, '').replace(/\s+/g, ' ').trim();
  return maxChars === undefined ? text : truncate(text, maxChars);
}

function fromWindows1252(char: string): string {
  return WINDOWS_1252_HIGH[char.charCodeAt(0) - 0x80] ?? '';
}

/** The windows-1252 bytes of `text`, or undefined if it has a character windows-1252 cannot hold. */
function windows1252Bytes(text: string): Buffer | undefined {
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    const high = WINDOWS_1252_BYTE.get(char);
    if (high !== undefined) bytes.push(high);
    else if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) bytes.push(code);
    else return undefined;
  }
  return Buffer.from(bytes);
}

/**
 * Undoes UTF-8 that was read as windows-1252 and encoded again ("donâ€™t" → "don’t"). Only when
 * the whole text turns back into valid UTF-8: genuine accented text almost never does.
 */
function repairDoubleEncoding(text: string): string {
  if (!MOJIBAKE_HINT.test(text)) return text;
  const bytes = windows1252Bytes(text);
  if (!bytes) return text;
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return text;
  }
}

/**
 * Streams the HTML once (htmlparser2's tokenizer, no DOM): linear in the input and no recursion, so
 * 80k <br> or 100k nested <div> cost what their bytes cost (a DOM and a selector pass per element
 * took 25 s, and deep nesting overflowed the stack). Text inside removed elements is skipped by depth.
 */
function htmlToText(html: string): string {
  const escaped = html.replace(LOOSE_AMPERSAND, '&amp;');
  return startTagCount(escaped) > PARSER_MAX_TAGS ? flatText(escaped) : parsedText(escaped);
}

/*
 * htmlparser2's Parser keeps its open elements in an array it unshifts for every start tag and
 * searches with indexOf for every end tag: each costs the depth, so 200k unclosed <div> in a CDATA
 * summary took 16 s per MB (quadratic). Below this many start tags that cost is bounded (the stack
 * cannot be deeper than the tags there are); above it the text is read by flatText, which is linear.
 */
const PARSER_MAX_TAGS = 500;
const START_TAG = /<[A-Za-z]/g;

function startTagCount(html: string): number {
  START_TAG.lastIndex = 0;
  let count = 0;
  while (START_TAG.exec(html) !== null && count <= PARSER_MAX_TAGS) count += 1;
  return count;
}

function parsedText(html: string): string {
  const parts: string[] = [];
  let removedDepth = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        checkpoint();
        if (REMOVED_ELEMENTS.has(name)) removedDepth += 1;
        else if (BREAKING_ELEMENTS.has(name)) parts.push(' ');
      },
      onclosetag(name) {
        if (REMOVED_ELEMENTS.has(name)) removedDepth = Math.max(0, removedDepth - 1);
        else if (BREAKING_ELEMENTS.has(name)) parts.push(' ');
      },
      ontext(text) {
        checkpoint();
        if (removedDepth === 0) parts.push(text);
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.end(html);
  return parts.join('');
}

/**
 * The same text as parsedText, from htmlparser2's Tokenizer alone (entities, comments, CDATA and
 * script/style raw text read as the Parser reads them) with an open-element stack whose every step
 * is O(1) amortised: pushed and popped at its end, with a count per name, so an end tag without a
 * matching start tag costs nothing instead of a search of the stack. As in the Parser, an end tag
 * closes everything opened after its element, void elements are never open, and a start tag closes
 * the elements it implies closed (a <p> an open <p>, <body> a <head>) as the Parser's table says; text is kept while no removed element is open. Separating spaces where the Parser's events give them.
 */
function flatText(html: string): string {
  const parts: string[] = [];
  const stack: string[] = [];
  const openCount = new Map<string, number>();
  let removedOpen = 0;
  let tagName = '';
  const pop = (): void => {
    const name = stack.pop();
    if (name === undefined) return;
    openCount.set(name, (openCount.get(name) ?? 1) - 1);
    if (REMOVED_ELEMENTS.has(name)) removedOpen -= 1;
    else if (BREAKING_ELEMENTS.has(name)) parts.push(' ');
  };
  const open = (name: string): void => {
    const closes = OPEN_IMPLIES_CLOSE.get(name);
    while (closes && stack.length > 0 && closes.has(stack.at(-1) ?? '')) pop();
    if (BREAKING_ELEMENTS.has(name)) parts.push(' ');
    if (VOID_ELEMENTS.has(name)) return;
    stack.push(name);
    openCount.set(name, (openCount.get(name) ?? 0) + 1);
    if (REMOVED_ELEMENTS.has(name)) removedOpen += 1;
  };
  const close = (name: string): void => {
    if ((openCount.get(name) ?? 0) === 0) {
      // The Parser reads a stray </br> as <br> and a stray </p> as <p></p>; other stray end tags are nothing.
      if (name === 'br' || name === 'p') parts.push(' ');
      return;
    }
    while (stack.length > 0 && stack.at(-1) !== name) pop();
    pop();
  };
  const tokenizer = new Tokenizer(
    { xmlMode: false, decodeEntities: true },
    {
      onattribdata() {},
      onattribentity() {},
      onattribend() {},
      onattribname() {},
      oncdata() {},
      oncomment() {},
      ondeclaration() {},
      onend() {},
      onprocessinginstruction() {},
      onopentagname(start, end) {
        checkpoint();
        tagName = html.slice(start, end).toLowerCase();
        open(tagName);
      },
      onopentagend() {},
      onselfclosingtag() {
        // HTML ignores "/>" except on foreign elements (svg, math), which it closes at once.
        if ((tagName === 'svg' || tagName === 'math') && stack.at(-1) === tagName) pop();
      },
      onclosetag(start, end) {
        close(html.slice(start, end).toLowerCase());
      },
      ontext(start, end) {
        if (removedOpen === 0) parts.push(html.slice(start, end));
      },
      ontextentity(codepoint) {
        checkpoint();
        if (removedOpen === 0) parts.push(String.fromCodePoint(codepoint));
      },
    },
  );
  tokenizer.write(html);
  tokenizer.end();
  return parts.join('');
}

/** Cuts at a word boundary, marking the cut with "…"; never splits a surrogate pair. */
export function truncate(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  let cut = text.slice(0, maxChars - 1);
  const lastSpace = cut.lastIndexOf(' ');
  if (lastSpace > maxChars / 2) cut = cut.slice(0, lastSpace);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut.replace(/[\s,;:.\-–—]+$/, '')}…`;
}

/** A high surrogate not followed by a low one, or a low one not preceded by a high one (code units, no `u` flag). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * The text with each lone UTF-16 surrogate replaced by U+FFFD, as String.prototype.toWellFormed
 * does (not in the ES2023 lib we compile against). A lone surrogate (a feed's "&#xD800;", or a
 * pair cut in two by truncation) cannot be encoded as UTF-8: DynamoDB, JSON consumers and email
 * would each mangle or refuse it differently.
 */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD');
}
