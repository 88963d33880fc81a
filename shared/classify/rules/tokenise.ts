/**
 * Turns an item's title and summary into tokens once, so that hundreds of compiled queries can be
 * answered from position lists instead of each re-reading the text. Only tokens that some query
 * mentions (see vocabulary.ts) are indexed up front; anything else is derived lazily on request.
 */
import { CAPITALS, NON_ASCII, TokenBuffer, normaliseWord, scanTokens } from './normalise.js';
import { prefixKey, vocabulary, type VocabularyEntry } from './vocabulary.js';

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
  /** UTF-16 offsets of each token in its original field string, by position. */
  readonly starts: readonly number[];
  readonly ends: readonly number[];
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

class Prepared implements PreparedText {
  readonly starts: number[];
  readonly ends: number[];
  readonly titleCount: number;
  /** Positions by vocabulary id, for ids below `known`. */
  private readonly lists: (number[] | undefined)[];
  /** One bit per vocabulary id present: far smaller than `lists`, so it stays in cache. */
  private readonly present: Int32Array;
  /** Vocabulary size when prepared: later entries go through the slow path. */
  private readonly known: number;
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
    this.lists = new Array<number[] | undefined>(this.known);
    this.present = new Int32Array((this.known + 31) >>> 5);
    const lengths = vocabulary.prefixLengths;
    const tokens = scratch;
    tokens.reset(lengths[lengths.length - 1] ?? 0);
    scanTokens(fields.title, tokens);
    this.titleCount = tokens.count;
    scanTokens(fields.summary, tokens);
    const count = tokens.count;
    // Plain arrays, copied in the loop below: allocating typed arrays per item costs more.
    this.starts = new Array<number>(count);
    this.ends = new Array<number>(count);
    const { starts, ends, hashes, flags, heads, normalised, track } = tokens;
    // Index each token under the query words and wildcard prefixes it is (hash probes first).
    for (let position = 0; position < count; position++) {
      const field = position < this.titleCount ? fields.title : fields.summary;
      const start = starts[position]!;
      const end = ends[position]!;
      this.starts[position] = start;
      this.ends[position] = end;
      const flag = flags[position]!;
      // Compare in place when the token is plain lower-case ASCII; make a string only otherwise.
      let word = flag & NON_ASCII ? normalised[position] : undefined;
      const hash = hashes[position]!;
      for (let slot = vocabulary.nextWordSlot(hash, -1); slot >= 0; slot = vocabulary.nextWordSlot(hash, slot)) {
        const entry = vocabulary.wordAtSlot(slot);
        if (word === undefined && flag & CAPITALS) word = field.slice(start, end).toLowerCase();
        if (word !== undefined ? entry.text === word : entry.text.length === end - start && field.startsWith(entry.text, start)) {
          this.add(entry.id, position);
          break;
        }
      }
      const length = word === undefined ? end - start : word.length;
      for (const prefixLength of lengths) {
        if (prefixLength > length) break;
        const key = prefixKey(heads[position * track + prefixLength - 1] ?? 0, prefixLength);
        for (let slot = vocabulary.nextPrefixSlot(key, -1); slot >= 0; slot = vocabulary.nextPrefixSlot(key, slot)) {
          const entry = vocabulary.prefixAtSlot(slot);
          if (entry.text.length > length) continue;
          if (word === undefined && flag & CAPITALS) word = field.slice(start, end).toLowerCase();
          if (word !== undefined ? word.startsWith(entry.text) : field.startsWith(entry.text, start)) this.add(entry.id, position);
        }
      }
    }
  }

  /** Parsed on first use: most queries never ask, and URL parsing is the costliest thing here. */
  get host(): string {
    this.linkHost ??= hostOf(this.link);
    return this.linkHost;
  }

  private add(id: number, position: number): void {
    const list = this.lists[id];
    if (list) {
      list.push(position);
    } else {
      this.lists[id] = [position];
      this.present[id >>> 5] = (this.present[id >>> 5] ?? 0) | (1 << (id & 31));
    }
  }

  contains(entry: VocabularyEntry): boolean {
    return this.containsId(entry.id);
  }

  containsId(id: number): boolean {
    if (id < this.known) return ((this.present[id >>> 5] ?? 0) & (1 << (id & 31))) !== 0;
    return this.positionsOf(vocabulary.entry(id)).length > 0;
  }

  positionsOf(entry: VocabularyEntry): readonly number[] {
    if (entry.id < this.known) return this.lists[entry.id] ?? NONE;
    this.late ??= new Map();
    let positions = this.late.get(entry.id);
    if (!positions) {
      // A query compiled after this text was prepared: find its word the slow way, once.
      const found: number[] = [];
      for (let p = 0; p < this.starts.length; p++) {
        const word = this.wordAt(p);
        if (entry.prefix ? word.startsWith(entry.text) : word === entry.text) found.push(p);
      }
      positions = found;
      this.late.set(entry.id, positions);
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
