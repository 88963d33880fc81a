/**
 * Every word and wildcard prefix that any compiled query mentions, numbered once per process.
 *
 * Why: with 300 queries per item, the cost that matters is per text token. Knowing the query
 * vocabulary up front lets prepareText check each token with one or two probes of a hash table
 * keyed by the hash the scanner already computed (no string is made for tokens no query mentions),
 * and lets queries find their words by array index. It only ever grows, by the distinct words of
 * the queries compiled (a few thousand at most). Texts prepared before a query was compiled still
 * match it, through a slower path (see tokenise.ts).
 */
import { TRACKED_PREFIX, hashWord, prefixKey, type ScanFilter } from './normalise.js';

/** A word (`prefix` false) or wildcard prefix (`prefix` true) with its number. */
export interface VocabularyEntry {
  readonly id: number;
  readonly text: string;
  readonly prefix: boolean;
}

/** Open-addressing (linear probing) multimap from a 32-bit hash to entry ids; allocates nothing to probe. */
class HashIndex {
  /**
   * One bit per hash (2^16 bits, 8 KB): small enough to stay in L1 cache, so the common answer
   * "no query word hashes like this" costs one read instead of a probe into the larger table.
   */
  private readonly filter = new Int32Array(1 << 11);
  private keys = new Int32Array(64);
  /** id + 1; 0 marks an empty slot. */
  private ids = new Int32Array(64);
  private used = 0;

  add(key: number, id: number): void {
    // At most a quarter full: a token that is no query word (most of them) then finds an empty
    // slot at once, instead of probing a run of neighbours.
    if ((this.used + 1) * 4 > this.keys.length) this.grow();
    const mask = this.keys.length - 1;
    let slot = spread(key) & mask;
    while (this.ids[slot] !== 0) slot = (slot + 1) & mask;
    this.keys[slot] = key;
    this.ids[slot] = id + 1;
    this.used++;
    const bit = key & 0xffff;
    this.filter[bit >>> 5] = (this.filter[bit >>> 5] ?? 0) | (1 << (bit & 31));
  }

  /** The next slot holding `key` after `after` (-1 to start), or -1 when there are no more. */
  next(key: number, after: number): number {
    if (after < 0) {
      const bit = key & 0xffff;
      if (((this.filter[bit >>> 5] ?? 0) & (1 << (bit & 31))) === 0) return -1;
    }
    const mask = this.keys.length - 1;
    let slot = after < 0 ? spread(key) & mask : (after + 1) & mask;
    while (this.ids[slot] !== 0) {
      if (this.keys[slot] === key) return slot;
      slot = (slot + 1) & mask;
    }
    return -1;
  }

  /** The filter's bits: bit (key & 0xffff) is set for every key added. */
  get bits(): Int32Array {
    return this.filter;
  }

  idAt(slot: number): number {
    return (this.ids[slot] ?? 0) - 1;
  }

  private grow(): void {
    const { keys, ids } = this;
    this.keys = new Int32Array(keys.length * 2);
    this.ids = new Int32Array(keys.length * 2);
    this.used = 0;
    for (let slot = 0; slot < keys.length; slot++) {
      const id = ids[slot] ?? 0;
      if (id !== 0) this.add(keys[slot] ?? 0, id - 1);
    }
  }
}

/** FNV's low bits are weak on short inputs; fold the high bits in before masking. */
function spread(hash: number): number {
  return hash ^ (hash >>> 15) ^ (hash >>> 24);
}

export class Vocabulary {
  private readonly byText = new Map<string, VocabularyEntry>();
  private readonly entries: VocabularyEntry[] = [];
  private readonly wordIndex = new HashIndex();
  private readonly prefixIndex = new HashIndex();
  /** Distinct prefix lengths (capped at TRACKED_PREFIX), ascending: the only ones a token is probed at. */
  private readonly lengths: number[] = [];

  /** Number of entries so far; a text prepared now knows ids below this. */
  get size(): number {
    return this.entries.length;
  }

  /** What a text scan may skip: see ScanFilter. */
  scanFilter: ScanFilter = { words: this.wordIndex.bits, prefixes: this.prefixIndex.bits, lengthMask: 0 };

  /** Ascending distinct prefix lengths, each at most TRACKED_PREFIX. */
  get prefixLengths(): readonly number[] {
    return this.lengths;
  }

  entry(id: number): VocabularyEntry {
    const entry = this.entries[id];
    if (!entry) throw new RangeError(`no vocabulary entry ${id}`);
    return entry;
  }

  /** The entry for a normalised word or prefix, adding it if new. */
  intern(text: string, prefix: boolean): VocabularyEntry {
    const key = `${prefix ? '*' : '='}${text}`;
    const existing = this.byText.get(key);
    if (existing) return existing;
    const entry: VocabularyEntry = { id: this.entries.length, text, prefix };
    this.entries.push(entry);
    this.byText.set(key, entry);
    if (prefix) {
      const length = Math.min(text.length, TRACKED_PREFIX);
      this.prefixIndex.add(prefixKey(hashWord(text, length), length), entry.id);
      if (!this.lengths.includes(length)) this.lengths.push(length);
      this.scanFilter = { ...this.scanFilter, lengthMask: this.scanFilter.lengthMask | (1 << (length - 1)) };
      this.lengths.sort((a, b) => a - b);
    } else {
      this.wordIndex.add(hashWord(text), entry.id);
    }
    return entry;
  }

  /** Slots of words whose hash is `hash` (iterate with `after`; confirm the text with `entry`). */
  nextWordSlot(hash: number, after: number): number {
    return this.wordIndex.next(hash, after);
  }

  wordAtSlot(slot: number): VocabularyEntry {
    return this.entry(this.wordIndex.idAt(slot));
  }

  /** Slots of prefixes whose key (see prefixKey) matches. */
  nextPrefixSlot(key: number, after: number): number {
    return this.prefixIndex.next(key, after);
  }

  prefixAtSlot(slot: number): VocabularyEntry {
    return this.entry(this.prefixIndex.idAt(slot));
  }
}

/** The process-wide vocabulary: compileQuery adds to it, prepareText reads it. */
export const vocabulary = new Vocabulary();
