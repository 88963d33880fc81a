/**
 * The one definition of "a word" and "the same word", shared by texts and queries so the two can
 * never drift apart: a word is a run of letters, digits and combining marks; two words are the
 * same when they agree after lower-casing, compatibility decomposition and dropping accents.
 *
 * This runs on every item, so the scanner walks char codes with a table for ASCII, hashes each
 * word as it goes (so most words are rejected without ever becoming a string) and only asks
 * Unicode property questions (cached per BMP character) for non-ASCII characters.
 */

/** Letters, digits and combining marks (marks so that a decomposed "cafe\u0301" stays one word). */
const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;
const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]/gu;
const ASCII_ONLY = /^[\x00-\x7f]*$/;

/** ASCII classes: 0 separator, 1 lower-case letter or digit, 2 capital (the word needs lower-casing). */
const ASCII_CLASS = new Uint8Array(128);
for (let code = 0; code < 128; code++) {
  const ch = String.fromCharCode(code);
  ASCII_CLASS[code] = /[a-z0-9]/.test(ch) ? 1 : /[A-Z]/.test(ch) ? 2 : 0;
}
/** BMP answers, 0 = not yet asked, 1 = word character, 2 = not: texts reuse few distinct characters. */
const BMP_WORD = new Uint8Array(0x10000);

/** FNV-1a over UTF-16 units of the normalised word; the scanner computes the same value inline. */
const FNV_OFFSET = 0x811c9dc5 | 0; // kept signed so hash variables stay small integers in V8
const FNV_PRIME = 0x01000193;

/**
 * Normalised form of one word. Lower-case first so "İ" becomes "i" + dot (a mark we then strip);
 * lower-case again because compatibility forms such as "ℌ" decompose to capitals.
 */
export function normaliseWord(word: string): string {
  if (ASCII_ONLY.test(word)) return word.toLowerCase();
  return word.toLowerCase().normalize('NFKD').replace(NOT_LETTER_OR_DIGIT, '').toLowerCase();
}

/**
 * Hash of a normalised word, or of its first `length` UTF-16 units, as the scanner computes it
 * (a signed 32-bit integer).
 */
export function hashWord(normalised: string, length = normalised.length): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < length; i++) hash = Math.imul(hash ^ normalised.charCodeAt(i), FNV_PRIME);
  return hash;
}

/** Prefixes of different lengths share one table, so the length is mixed into the key. */
export function prefixKey(headHash: number, length: number): number {
  return Math.imul(headHash ^ length, 0x9e3779b1);
}

/**
 * Bit filters (one bit per low 16 bits of a key) of the words and prefixes anyone asked about,
 * and which prefix lengths exist (bit L-1 for length L). A scan given one keeps only tokens that
 * pass, so the tokens no query mentions (nearly all of them) are never written out or probed.
 */
export interface ScanFilter {
  readonly words: Int32Array;
  readonly prefixes: Int32Array;
  readonly lengthMask: number;
}

/** UTF-16 width (1 or 2) of the word character starting at `index`, or 0 if it is not one. */
function wordCharWidth(text: string, index: number): number {
  if (index >= text.length) return 0;
  const code = text.charCodeAt(index);
  if (code < 0x80) return ASCII_CLASS[code] ? 1 : 0;
  if (code < 0xd800 || code > 0xdfff) {
    let known = BMP_WORD[code] ?? 2;
    if (known === 0) {
      known = WORD_CHAR.test(String.fromCharCode(code)) ? 1 : 2;
      BMP_WORD[code] = known;
    }
    return known === 1 ? 1 : 0;
  }
  // A surrogate: only a full astral code point can be a word character.
  const point = text.codePointAt(index) ?? 0;
  return point > 0xffff && WORD_CHAR.test(String.fromCodePoint(point)) ? 2 : 0;
}

/** Whether the character starting at `index` can be part of a word. */
export function isWordCharAt(text: string, index: number): boolean {
  return index >= 0 && index < text.length && wordCharWidth(text, index) > 0;
}

/** Running hashes are kept for this many leading units: prefixes longer than this are keyed by it. */
export const TRACKED_PREFIX = 32;

/** Token flag: ASCII with capitals, so its normalised form is the lower-cased slice, not the slice. */
export const CAPITALS = 1;
/** Token flag: non-ASCII, so its normalised form was computed and is in `normalised`. */
export const NON_ASCII = 2;

/**
 * The tokens of one or more scans, in reusable typed arrays: writing to buffers instead of calling
 * back per token keeps the scanning loop free of calls (it runs on every token of every item).
 * Contents are valid until the next `reset`.
 */
export class TokenBuffer {
  count = 0;
  /** Words scanned, kept or not: the next word's position. */
  total = 0;
  /** Position of each kept token (its index among all words scanned since `reset`). */
  positions = new Int32Array(512);
  /** When set, only tokens that may be a query word or have a query prefix are kept. */
  filter: ScanFilter | undefined;
  starts = new Int32Array(512);
  ends = new Int32Array(512);
  /** Hash of each token's normalised form (see hashWord). */
  hashes = new Int32Array(512);
  flags = new Uint8Array(512);
  /** Normalised form of NON_ASCII tokens; other entries are stale and must not be read. */
  readonly normalised: string[] = [];
  /** `heads[t * track + k]`: hash of token t's first k+1 normalised units (k below its length). */
  heads = new Int32Array(512);
  /** How many leading hashes are kept per token: the longest wildcard prefix anyone asked about. */
  track = 0;

  reset(track: number, filter?: ScanFilter): void {
    this.count = 0;
    this.total = 0;
    this.track = Math.min(track, TRACKED_PREFIX);
    this.filter = filter;
  }

  /** Room for `more` tokens: a text of n units holds at most ceil(n / 2) words. */
  reserve(more: number): void {
    const needed = this.count + more;
    if (needed > this.starts.length) {
      const size = Math.max(needed, this.starts.length * 2);
      this.starts = grow(this.starts, size);
      this.ends = grow(this.ends, size);
      this.hashes = grow(this.hashes, size);
      this.positions = grow(this.positions, size);
      const flags = new Uint8Array(size);
      flags.set(this.flags);
      this.flags = flags;
    }
    if (needed * this.track > this.heads.length) this.heads = grow(this.heads, Math.max(needed * this.track, this.heads.length * 2));
  }
}

function grow(array: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(size);
  bigger.set(array);
  return bigger;
}

/**
 * Appends the words of `text` to `out`, in order, with UTF-16 offsets into `text`. A trailing
 * possessive ('s or ’s) is skipped so "Mayor's" reads as "Mayor". Words whose normalised form is
 * empty (a lone combining mark) are dropped.
 */
export function scanTokens(text: string, out: TokenBuffer): void {
  // Never read past the end: charCodeAt would return NaN and V8 would de-optimise the loop.
  const length = text.length;
  out.reserve((length + 1) >>> 1);
  const { starts, ends, hashes, flags: tokenFlags, heads, normalised: normalisedWords, track, positions, filter } = out;
  // Without a filter every token is kept (an empty mask and `keepAll` short-circuit the tests).
  const wordBits = filter?.words;
  const prefixBits = filter?.prefixes;
  const lengthMask = filter?.lengthMask ?? 0;
  const keepAll = wordBits === undefined ? 1 : 0;
  let count = out.count;
  let position = out.total;
  let i = 0;
  while (i < length) {
    // Skip ASCII separators in a tight loop; a non-ASCII character goes to the word loop to decide.
    let code = text.charCodeAt(i);
    while (code < 0x80 && ASCII_CLASS[code] === 0) {
      if (++i >= length) {
        out.count = count;
        out.total = position;
        return;
      }
      code = text.charCodeAt(i);
    }
    const start = i;
    const base = count * track;
    // Bits: 2 = ASCII capitals seen (needs lower-casing), 4 = non-ASCII seen (needs normalising).
    let seen = 0;
    let hash = FNV_OFFSET;
    let wanted = keepAll;
    while (i < length) {
      code = text.charCodeAt(i);
      if (code < 0x80) {
        const cls = ASCII_CLASS[code]!;
        if (cls === 0) break;
        seen |= cls;
        // Lower-case a capital by setting bit 5, exactly as toLowerCase does for A-Z.
        hash = Math.imul(hash ^ (code | ((cls & 2) << 4)), FNV_PRIME);
        const k = i - start;
        if (k < track) {
          heads[base + k] = hash;
          if ((lengthMask >>> k) & 1) {
            const bit = prefixKey(hash, k + 1) & 0xffff;
            wanted |= (prefixBits![bit >>> 5]! >>> (bit & 31)) & 1;
          }
        }
        i++;
      } else {
        const width = wordCharWidth(text, i);
        if (width === 0) break;
        seen |= 4;
        i += width;
      }
    }
    if (i === start) {
      i++; // a non-ASCII separator such as an em dash
      continue;
    }
    if ((seen & 4) === 0) {
      if (wordBits !== undefined) {
        const bit = hash & 0xffff;
        wanted |= (wordBits[bit >>> 5]! >>> (bit & 31)) & 1;
      }
      if (wanted) {
        starts[count] = start;
        ends[count] = i;
        hashes[count] = hash;
        tokenFlags[count] = seen & 2 ? CAPITALS : 0;
        positions[count] = position;
        count++;
      }
      position++;
    } else {
      const word = normaliseWord(text.slice(start, i));
      if (word.length > 0) {
        let h = FNV_OFFSET;
        wanted = keepAll;
        for (let k = 0; k < word.length; k++) {
          h = Math.imul(h ^ word.charCodeAt(k), FNV_PRIME);
          if (k < track) {
            heads[base + k] = h;
            if ((lengthMask >>> k) & 1) {
              const bit = prefixKey(h, k + 1) & 0xffff;
              wanted |= (prefixBits![bit >>> 5]! >>> (bit & 31)) & 1;
            }
          }
        }
        if (wordBits !== undefined) {
          const bit = h & 0xffff;
          wanted |= (wordBits[bit >>> 5]! >>> (bit & 31)) & 1;
        }
        if (wanted) {
          starts[count] = start;
          ends[count] = i;
          hashes[count] = h;
          tokenFlags[count] = NON_ASCII;
          normalisedWords[count] = word;
          positions[count] = position;
          count++;
        }
        position++;
      }
    }
    if (i < length && (code === 0x27 || code === 0x2019) && isPossessiveAt(text, i)) i += 2;
  }
  out.count = count;
  out.total = position;
}

const queryBuffer = new TokenBuffer();

/** Each word of `text` with its offsets and normalised form: the simple interface for queries. */
export function scanWords(text: string, onWord: (start: number, end: number, normalised: string) => void): void {
  queryBuffer.reset(0);
  scanTokens(text, queryBuffer);
  // Copy out first: onWord may itself scan (it must not see this scan's buffer change under it).
  const words = Array.from({ length: queryBuffer.count }, (_, t) => ({
    start: queryBuffer.starts[t] ?? 0,
    end: queryBuffer.ends[t] ?? 0,
    word: (queryBuffer.flags[t] ?? 0) & NON_ASCII ? (queryBuffer.normalised[t] ?? '') : text.slice(queryBuffer.starts[t], queryBuffer.ends[t]).toLowerCase(),
  }));
  for (const { start, end, word } of words) onWord(start, end, word);
}

/** An apostrophe then a lone "s" right after a word: "Mayor's", "Mayor’s", but not "Mayor'sa". */
function isPossessiveAt(text: string, index: number): boolean {
  if (index + 1 >= text.length) return false;
  const apostrophe = text.charCodeAt(index);
  if (apostrophe !== 0x27 && apostrophe !== 0x2019) return false;
  const s = text.charCodeAt(index + 1);
  if (s !== 0x73 && s !== 0x53) return false;
  return !isWordCharAt(text, index + 2);
}
