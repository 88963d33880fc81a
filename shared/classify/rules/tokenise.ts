/**
 * Turns an item's title and summary into tokens once, so that hundreds of compiled queries can be
 * answered from position lists instead of each re-reading the text. Only tokens that some query
 * mentions (see vocabulary.ts) are indexed up front; anything else is derived lazily on request.
 */
import { CAPITALS, NON_ASCII, TokenBuffer, normaliseWord, prefixKey, scanTokens } from './normalise.js';
import { vocabulary, type VocabularyEntry } from './vocabulary.js';

export interface TextFields {
  title: string;
  summary: string;
  /** The configured id of the item's source, for `source:` (optional: texts without one never match it). */
  sourceId?: string | undefined;
  /** The item's link, whose host `site:` looks at (optional, likewise). */
  link?: string | undefined;
}

export type FieldName = 'title' | 'summary';

/**
 * A text tokenised once and reused by every query. Positions are token indexes across both
 * fields: the title's tokens come first (0 … titleCount-1), then the summary's.
 */
export interface PreparedText {
  readonly fields: Readonly<{ title: string; summary: string }>;
  /** Lower-cased source id, or '' when the text has none. */
  readonly sourceId: string;
  /** Lower-cased host of the link (punycode for international names), or '' when there is no usable link. */
  readonly host: string;
  /** Positions below this are in the title, the rest in the summary. */
  readonly titleCount: number;
  /** Number of tokens in both fields. */
  readonly tokenCount: number;
  /** UTF-16 offsets of each token in its original field string, by position (computed on first use). */
  readonly starts: readonly number[];
  readonly ends: readonly number[];
  /** `starts[position]` and `ends[position]`, cheap for tokens that are a query word (all a span needs). */
  startOf(position: number): number;
  endOf(position: number): number;
  /** Vocabulary size when prepared: ids from here on are looked up the slow way. */
  readonly known: number;
  /** The distinct vocabulary ids below `known` that occur, in no particular order. */
  readonly presentIds: readonly number[];
  /** Whether the entry's word (or a word with its prefix) occurs anywhere: one bit test. */
  contains(entry: VocabularyEntry): boolean;
  /** `contains` by vocabulary id, saving a pointer chase in the hottest loop. */
  containsId(id: number): boolean;
  /** Ascending positions of the entry's word, or of every word starting with its prefix. */
  positionsOf(entry: VocabularyEntry): readonly number[];
  /** Whether the token at `position` is the entry's word (or starts with its prefix). */
  isAt(position: number, entry: VocabularyEntry): boolean;
  /** Normalised form of the token at `position`. */
  wordAt(position: number): string;
}

const NONE: readonly number[] = [];

/** Reused by every prepareText call; each call copies out what it keeps before returning. */
const scratch = new TokenBuffer();

/**
 * Per vocabulary id, shared by all texts: the serial of the last text that found the id, and
 * where that text keeps its positions. The latest text (the one being matched, nearly always)
 * answers `contains` and `positionsOf` with two array reads, and no text allocates anything
 * sized by the vocabulary (which grows with the number of queries: 30,000 queries made that a
 * 100 KB array per item). Older texts fall back to a map built on first use.
 */
let ownerOf = new Int32Array(1024);
let slotOf = new Int32Array(1024);
let latest = 0;

function nextSerial(size: number): number {
  if (size > ownerOf.length) {
    const length = Math.max(size, ownerOf.length * 2);
    const owners = new Int32Array(length);
    owners.set(ownerOf);
    ownerOf = owners;
    slotOf = new Int32Array(length);
  }
  if (latest === 0x7fffffff) {
    // After 2^31 texts: forget every owner, so no old serial can be mistaken for a new one.
    ownerOf.fill(0);
    latest = 0;
  }
  return ++latest;
}

/** ASCII `word` equals `field[start, end)` lower-cased (the token is ASCII): no string made. */
function equalsLowered(field: string, start: number, end: number, word: string): boolean {
  if (word.length !== end - start) return false;
  for (let k = 0; k < word.length; k++) {
    let code = field.charCodeAt(start + k);
    if (code >= 0x41 && code <= 0x5a) code |= 0x20;
    if (code !== word.charCodeAt(k)) return false;
  }
  return true;
}

/** `prefix` starts the ASCII token `field[start, end)` lower-cased: no string made. */
function startsLowered(field: string, start: number, end: number, prefix: string): boolean {
  if (prefix.length > end - start) return false;
  for (let k = 0; k < prefix.length; k++) {
    let code = field.charCodeAt(start + k);
    if (code >= 0x41 && code <= 0x5a) code |= 0x20;
    if (code !== prefix.charCodeAt(k)) return false;
  }
  return true;
}

class Prepared implements PreparedText {
  readonly titleCount: number;
  readonly tokenCount: number;
  /** Distinct vocabulary ids found (below `known`), in the order first found. */
  readonly presentIds: number[] = [];
  /** Positions of each id in `presentIds`, ascending. */
  private readonly lists: number[][] = [];
  /**
   * Tokens that are some query word or prefix, ascending, with their offsets: every span starts
   * and ends on one, so the offsets of the other tokens (most of them) are never copied.
   */
  private readonly hitPositions: number[] = [];
  private readonly hitStarts: number[] = [];
  private readonly hitEnds: number[] = [];
  /** Entries found so far, to tell whether a token was a hit. */
  private hitCount = 0;
  /** Vocabulary size when prepared: later entries go through the slow path. */
  readonly known: number;
  private readonly serial: number;
  private byId: Map<number, readonly number[]> | undefined;
  private all: { starts: number[]; ends: number[] } | undefined;
  private normalised: (string | undefined)[] | undefined;
  private late: Map<number, readonly number[]> | undefined;
  private linkHost: string | undefined;
  readonly sourceId: string;

  constructor(
    readonly fields: Readonly<{ title: string; summary: string }>,
    sourceId: string | undefined,
    private readonly link: string | undefined,
  ) {
    this.sourceId = sourceId?.toLowerCase() ?? '';
    this.known = vocabulary.size;
    this.serial = nextSerial(this.known);
    const lengths = vocabulary.prefixLengths;
    const tokens = scratch;
    // One pass: the scan keeps only tokens whose hash passes the vocabulary's bit filters.
    tokens.reset(lengths[lengths.length - 1] ?? 0, vocabulary.scanFilter);
    scanTokens(fields.title, tokens);
    this.titleCount = tokens.total;
    scanTokens(fields.summary, tokens);
    this.tokenCount = tokens.total;
    const { starts, ends, hashes, flags, heads, normalised, track, positions, count } = tokens;
    // Index each kept token under the query words and wildcard prefixes it really is.
    for (let t = 0; t < count; t++) {
      const position = positions[t]!;
      const field = position < this.titleCount ? fields.title : fields.summary;
      const start = starts[t]!;
      const end = ends[t]!;
      const flag = flags[t]!;
      // Compare in place for ASCII tokens (lower-casing as we go); only non-ASCII ones have a string.
      const word = flag & NON_ASCII ? normalised[t] : undefined;
      const hitsBefore = this.hitCount;
      const hash = hashes[t]!;
      for (let slot = vocabulary.nextWordSlot(hash, -1); slot >= 0; slot = vocabulary.nextWordSlot(hash, slot)) {
        const entry = vocabulary.wordAtSlot(slot);
        if (
          word !== undefined
            ? entry.text === word
            : flag & CAPITALS
              ? equalsLowered(field, start, end, entry.text)
              : entry.text.length === end - start && field.startsWith(entry.text, start)
        ) {
          this.add(entry.id, position);
          break;
        }
      }
      const length = word === undefined ? end - start : word.length;
      for (const prefixLength of lengths) {
        if (prefixLength > length) break;
        const key = prefixKey(heads[t * track + prefixLength - 1] ?? 0, prefixLength);
        for (let slot = vocabulary.nextPrefixSlot(key, -1); slot >= 0; slot = vocabulary.nextPrefixSlot(key, slot)) {
          const entry = vocabulary.prefixAtSlot(slot);
          if (entry.text.length > length) continue;
          if (
            word !== undefined
              ? word.startsWith(entry.text)
              : flag & CAPITALS
                ? startsLowered(field, start, end, entry.text)
                : field.startsWith(entry.text, start)
          ) {
            this.add(entry.id, position);
          }
        }
      }
      if (this.hitCount !== hitsBefore) {
        this.hitPositions.push(position);
        this.hitStarts.push(start);
        this.hitEnds.push(end);
      }
    }
  }

  /** Parsed on first use: most queries never ask, and URL parsing is the costliest thing here. */
  get host(): string {
    this.linkHost ??= hostOf(this.link);
    return this.linkHost;
  }

  /** Every token's offsets, by position: scanned again on first use (sensitivity spans, late queries). */
  get starts(): readonly number[] {
    return this.offsets().starts;
  }

  get ends(): readonly number[] {
    return this.offsets().ends;
  }

  private offsets(): { starts: number[]; ends: number[] } {
    if (!this.all) {
      const tokens = new TokenBuffer();
      tokens.reset(0);
      scanTokens(this.fields.title, tokens);
      scanTokens(this.fields.summary, tokens);
      this.all = { starts: Array.from(tokens.starts.subarray(0, tokens.count)), ends: Array.from(tokens.ends.subarray(0, tokens.count)) };
    }
    return this.all;
  }

  startOf(position: number): number {
    const hit = this.hitIndex(position);
    return hit >= 0 ? this.hitStarts[hit]! : (this.starts[position] ?? 0);
  }

  endOf(position: number): number {
    const hit = this.hitIndex(position);
    return hit >= 0 ? this.hitEnds[hit]! : (this.ends[position] ?? 0);
  }

  private hitIndex(position: number): number {
    const positions = this.hitPositions;
    let lo = 0;
    let hi = positions.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const p = positions[mid]!;
      if (p === position) return mid;
      if (p < position) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  private add(id: number, position: number): void {
    this.hitCount++;
    if (ownerOf[id] === this.serial) {
      this.lists[slotOf[id]!]!.push(position);
    } else {
      ownerOf[id] = this.serial;
      slotOf[id] = this.lists.length;
      this.lists.push([position]);
      this.presentIds.push(id);
    }
  }

  /** Positions by id for a text that is no longer the latest (its entries in ownerOf were overwritten). */
  private listsById(): Map<number, readonly number[]> {
    if (!this.byId) {
      this.byId = new Map();
      for (let i = 0; i < this.presentIds.length; i++) this.byId.set(this.presentIds[i]!, this.lists[i]!);
    }
    return this.byId;
  }

  contains(entry: VocabularyEntry): boolean {
    return this.containsId(entry.id);
  }

  containsId(id: number): boolean {
    if (id >= this.known) return this.positionsOf(vocabulary.entry(id)).length > 0;
    if (this.serial === latest) return ownerOf[id] === this.serial;
    return this.listsById().has(id);
  }

  positionsOf(entry: VocabularyEntry): readonly number[] {
    const id = entry.id;
    if (id < this.known) {
      if (this.serial === latest) return ownerOf[id] === this.serial ? this.lists[slotOf[id]!]! : NONE;
      return this.listsById().get(id) ?? NONE;
    }
    this.late ??= new Map();
    let positions = this.late.get(id);
    if (!positions) {
      // A query compiled after this text was prepared: find its word the slow way, once.
      const found: number[] = [];
      for (let p = 0; p < this.tokenCount; p++) {
        const word = this.wordAt(p);
        if (entry.prefix ? word.startsWith(entry.text) : word === entry.text) found.push(p);
      }
      positions = found;
      this.late.set(id, positions);
    }
    return positions;
  }

  isAt(position: number, entry: VocabularyEntry): boolean {
    // Position lists are short and ascending: a binary search beats keeping a word per token.
    const positions = this.positionsOf(entry);
    let lo = 0;
    let hi = positions.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const p = positions[mid]!;
      if (p === position) return true;
      if (p < position) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }

  wordAt(position: number): string {
    this.normalised ??= [];
    let word = this.normalised[position];
    if (word === undefined) {
      const field = position < this.titleCount ? this.fields.title : this.fields.summary;
      word = normaliseWord(field.slice(this.starts[position] ?? 0, this.ends[position] ?? 0));
      this.normalised[position] = word;
    }
    return word;
  }
}

/** Tokenises an item's title and summary once; pass the result to every compiled query. */
export function prepareText(fields: TextFields): PreparedText {
  return new Prepared({ title: fields.title, summary: fields.summary }, fields.sourceId, fields.link);
}

function hostOf(link: string | undefined): string {
  if (!link) return '';
  try {
    return new URL(link).hostname.replace(/\.$/, '');
  } catch {
    return '';
  }
}
