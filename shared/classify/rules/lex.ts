/**
 * Splits a query into operators, words, phrases, parentheses and field scopes, and turns each word
 * or phrase into normalised pattern words right away so every later error can point at a column.
 */
import { QuerySyntaxError, columnAt } from './errors.js';
import { isWordCharAt, scanWords } from './normalise.js';
import type { FieldName } from './tokenise.js';

/** Scopes about the item rather than its words: which source it came from, which site it links to. */
export type MetaField = 'source' | 'site';

/** One normalised word of a term or phrase; `prefix` when it was written with a trailing `*`. */
export interface PatternWord {
  readonly text: string;
  readonly prefix: boolean;
}

/** `index` is the UTF-16 offset in the query; errors convert it to a column. */
export type Token =
  | { readonly type: 'words'; readonly index: number; readonly raw: string; readonly phrase: boolean; readonly words: readonly PatternWord[] }
  | { readonly type: 'and' | 'or' | 'not'; readonly index: number; readonly raw: string }
  | { readonly type: 'near'; readonly index: number; readonly raw: string; readonly distance: number; readonly ordered: boolean }
  | { readonly type: 'field'; readonly index: number; readonly raw: string; readonly field: FieldName }
  | { readonly type: 'meta'; readonly index: number; readonly raw: string; readonly field: MetaField; readonly value: string }
  | { readonly type: 'lparen' | 'rparen' | 'end'; readonly index: number; readonly raw: string };

/** What bare NEAR means: the default most monitoring tools use. */
export const DEFAULT_NEAR = 5;
/** Fewer letters than this before `*` would match thousands of words and make queries slow. */
export const WILDCARD_MIN = 3;

/**
 * Deepest nesting of parentheses, NOT and field scopes a query may have. Real queries stay under
 * ten; the parser and the matcher recurse per level, so 5,000 levels would overflow the stack.
 */
export const MAX_DEPTH = 32;
/**
 * Most words and phrases one NEAR expression may join. Evaluation is linear in the text for a fixed
 * query, but its cost grows with each operand's window, so a query cannot chain them without end.
 */
export const MAX_NEAR_OPERANDS = 12;

/** Straight and typographic double quotes: queries are often pasted from Word or email. */
const QUOTES = '"\u201c\u201d\u201e';
const FIELD_PREFIX = /^(title|summary):/i;
const META_PREFIX = /^(source|site):/i;
/** Source ids as the configuration allows them (see config/schema.ts), in any case. */
const SOURCE_ID = /^[a-z0-9][a-z0-9-]*$/i;
/** A host name: dot-separated labels of letters, digits and hyphens (IDN letters allowed). */
const HOST = /^[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)*\.?$/u;
const PROXIMITY = /^(O?NEAR)(?:\/(.*))?$/;
const LOWER_PROXIMITY = /^o?near\/\d+$/i;

export function fail(query: string, index: number, reason: string): never {
  throw new QuerySyntaxError(reason, columnAt(query, index), query, index);
}

export function lex(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const ch = query.charAt(i);
    if (/\s/u.test(ch)) {
      i++;
    } else if (ch === '(' || ch === ')') {
      tokens.push({ type: ch === '(' ? 'lparen' : 'rparen', index: i, raw: ch });
      i++;
    } else if (QUOTES.includes(ch)) {
      i = lexPhrase(query, i, tokens);
    } else {
      let end = i;
      while (end < query.length && !isBoundary(query.charAt(end))) end++;
      lexWord(query, i, query.slice(i, end), tokens);
      i = end;
    }
  }
  tokens.push({ type: 'end', index: query.length, raw: '' });
  return tokens;
}

function isBoundary(ch: string): boolean {
  return ch === '(' || ch === ')' || QUOTES.includes(ch) || /\s/u.test(ch);
}

function lexPhrase(query: string, open: number, tokens: Token[]): number {
  let close = open + 1;
  while (close < query.length && !QUOTES.includes(query.charAt(close))) close++;
  if (close >= query.length) fail(query, open, 'unterminated quote');
  const raw = query.slice(open + 1, close);
  const words = patternWords(query, open + 1, raw);
  if (words.length === 0) fail(query, open, 'empty phrase');
  tokens.push({ type: 'words', index: open, raw: query.slice(open, close + 1), phrase: true, words });
  return close + 1;
}

function lexWord(query: string, start: number, whole: string, tokens: Token[]): void {
  // A loop, not recursion, over field prefixes: "title:title:…" thousands deep must not overflow.
  let index = start;
  let raw = whole;
  for (let depth = 1; ; depth++) {
    if (!lexField(query, index, raw, tokens)) break;
    // Refused here as the parser would, before slicing the rest thousands of times.
    if (depth > MAX_DEPTH) fail(query, index, `nested more than ${MAX_DEPTH} levels deep`);
    const prefix = (FIELD_PREFIX.exec(raw)?.[0] ?? '').length;
    index += prefix;
    raw = raw.slice(prefix);
    if (raw.length === 0) return;
  }
  lexTerm(query, index, raw, tokens);
}

/** Pushes a field token when `raw` starts with title: or summary: (and nothing that comes before). */
function lexField(query: string, index: number, raw: string, tokens: Token[]): boolean {
  if (raw === 'AND' || raw === 'OR' || raw === 'NOT' || PROXIMITY.test(raw) || LOWER_PROXIMITY.test(raw) || META_PREFIX.test(raw)) return false;
  const field = FIELD_PREFIX.exec(raw);
  if (!field) return false;
  const name = (field[1] ?? 'title').toLowerCase() === 'title' ? 'title' : 'summary';
  tokens.push({ type: 'field', index, raw: `${name}:`, field: name });
  const rest = raw.slice(field[0].length);
  const next = query.charAt(index + field[0].length);
  // charAt past the end is '', which includes() would find in any string.
  if (rest.length === 0 && (next === '' || (next !== '(' && !QUOTES.includes(next)))) {
    fail(query, index, `${name}: needs a word, phrase or group right after it`);
  }
  return true;
}

function lexTerm(query: string, index: number, raw: string, tokens: Token[]): void {
  if (raw === 'AND' || raw === 'OR' || raw === 'NOT') {
    tokens.push({ type: raw === 'AND' ? 'and' : raw === 'OR' ? 'or' : 'not', index, raw });
    return;
  }
  const proximity = PROXIMITY.exec(raw);
  if (proximity) {
    const name = proximity[1] ?? 'NEAR';
    const n = proximity[2];
    const distance = n === undefined ? DEFAULT_NEAR : /^\d+$/.test(n) ? Number(n) : 0;
    if (distance < 1) fail(query, index, `${name} needs /n with n ≥ 1`);
    tokens.push({ type: 'near', index, raw, distance, ordered: name === 'ONEAR' });
    return;
  }
  // "near/3" is never meant as the two words "near 3": say so rather than search for them.
  if (LOWER_PROXIMITY.test(raw)) fail(query, index, `write ${raw.toUpperCase()} in capitals`);
  const meta = META_PREFIX.exec(raw);
  if (meta) {
    const field: MetaField = (meta[1] ?? '').toLowerCase() === 'site' ? 'site' : 'source';
    const value = metaValue(query, index, meta[0].length, raw, field);
    tokens.push({ type: 'meta', index, raw, field, value });
    return;
  }
  // Talkwalker-style "-sport" means NOT; searching for "sport" instead would invert the intent.
  if (raw.startsWith('-') && isWordCharAt(raw, 1)) fail(query, index, `write NOT ${raw.slice(1)} instead of ${raw}`);
  const words = patternWords(query, index, raw);
  if (words.length === 0) fail(query, index, `nothing to search for in "${raw}"`);
  tokens.push({ type: 'words', index, raw, phrase: false, words });
}

/**
 * The value of `source:` or `site:`, lower-cased, checked so that a value which could never match
 * says so. `prefix` is the length of "source:" or "site:" in `raw`.
 */
function metaValue(query: string, index: number, prefix: number, raw: string, field: MetaField): string {
  const value = raw.slice(prefix);
  const at = index + prefix;
  const example = field === 'source' ? 'source:bbc-london' : 'site:bbc.co.uk';
  if (value === '') {
    const next = query.charAt(at);
    // A group or phrase after the colon: one value per scope, unlike title:(...).
    if (next === '(' || (next !== '' && QUOTES.includes(next)))
      fail(query, index, `${field}: takes one value, not a group or phrase: write ${example} OR ${field}:…`);
    fail(query, index, `${field}: needs a ${field === 'source' ? 'source id' : 'host'} right after it (e.g. ${example})`);
  }
  if (field === 'source') {
    if (!SOURCE_ID.test(value)) fail(query, at, `source: needs a source id from the configuration, such as bbc-london (letters, digits and hyphens)`);
    return value.toLowerCase();
  }
  if (value.includes('://') || value.includes('/')) fail(query, at, 'site: needs a host such as bbc.co.uk, without https:// or a path');
  if (value.startsWith('*')) fail(query, at, 'site: already includes subdomains: write site:bbc.co.uk, not site:*.bbc.co.uk');
  if (!HOST.test(value)) fail(query, at, 'site: needs a host such as bbc.co.uk (letters, digits, hyphens and dots)');
  return hostName(value);
}

/** A host as URL parsing gives it (lower case, international names in punycode), without a final dot. */
function hostName(host: string): string {
  try {
    return new URL(`http://${host}`).hostname.replace(/\.$/, '');
  } catch {
    return host.toLowerCase().replace(/\.$/, '');
  }
}

/**
 * Normalises a term or phrase body into words exactly as texts are tokenised, noting which words
 * end in `*`. `offset` is where `raw` starts in the query, for error columns.
 */
function patternWords(query: string, offset: number, raw: string): PatternWord[] {
  const words: { text: string; end: number; prefix: boolean }[] = [];
  scanWords(raw, (_start, end, text) => words.push({ text, end, prefix: false }));
  const ends = new Map(words.map((word) => [word.end, word]));
  for (let i = 0; i < raw.length; i++) {
    const ch = raw.charAt(i);
    if (ch === '?' && i > 0 && isWordCharAt(raw, i - 1) && isWordCharAt(raw, i + 1)) {
      fail(query, offset + i, 'the ? wildcard is not supported (use * at the end of a word)');
    }
    if (ch !== '*') continue;
    const word = ends.get(i);
    if (!word) fail(query, offset + i, 'stray *');
    if (isWordCharAt(raw, i + 1)) fail(query, offset + i, 'wildcard * must end a word');
    if ([...word.text].length < WILDCARD_MIN) fail(query, offset + i, `wildcard needs ${WILDCARD_MIN} letters before *`);
    word.prefix = true;
  }
  return words.map(({ text, prefix }) => ({ text, prefix }));
}
