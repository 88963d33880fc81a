/**
 * The per-day term index of the archive: for each word (and each word's first four letters, for
 * wildcards) the lines of the day file whose title or summary contain it. One compact binary file
 * per day, read by positioned reads so a search touches a few kilobytes of each day, not all of it.
 *
 * Keys are the matcher's own word hashes (normalise.ts), so "a word" means exactly what it means
 * to the query language. The index only ever proposes candidates: a hash collision or a word in
 * the other field makes a false candidate, which the exact matcher then rejects; it can never hide
 * a match, because every token of both fields is indexed.
 *
 * Layout (little-endian):
 *   header   48 bytes: magic, lines, keys, blocks, lines per block, posting width, min/max published (ms)
 *   buckets  u32[4097]: first key index whose top 12 bits are ≥ the bucket
 *   keys     u32[keys], ascending
 *   starts   u32[keys + 1]: where each key's postings begin
 *   blocks   u32[blocks + 1]: byte offset of each compressed block of lines in the day file
 *   postings u16 or u32 line numbers, ascending per key
 */
import { hashWord, NON_ASCII, scanTokens, TokenBuffer } from '../classify/rules/normalise.js';
import { prefixKey } from '../classify/rules/normalise.js';

const MAGIC = 0x31585344; // "DSX1"
const HEADER = 48;
const BUCKET_BITS = 12;
const BUCKETS = 1 << BUCKET_BITS;
/** Wildcards are found by their first this-many letters; shorter wildcards scan. */
export const INDEXED_PREFIX = 4;

/** Lines per compressed block of a day file: small enough that a candidate costs a few KB to inflate. */
export const BLOCK_LINES = 32;

const buffer = new TokenBuffer();

function wordKey(hash: number): number {
  return hash >>> 0;
}

function prefixIndexKey(headHash: number): number {
  return prefixKey(headHash, INDEXED_PREFIX) >>> 0;
}

/** The distinct index keys of a text's words and four-letter word prefixes. */
export function termKeys(title: string, summary: string): Set<number> {
  buffer.reset(INDEXED_PREFIX);
  scanTokens(title, buffer);
  scanTokens(summary, buffer);
  const keys = new Set<number>();
  const { count, hashes, heads, starts, ends, flags, normalised } = buffer;
  for (let t = 0; t < count; t++) {
    keys.add(wordKey(hashes[t]!));
    const length = (flags[t]! & NON_ASCII) !== 0 ? (normalised[t]?.length ?? 0) : ends[t]! - starts[t]!;
    if (length >= INDEXED_PREFIX) keys.add(prefixIndexKey(heads[t * INDEXED_PREFIX + INDEXED_PREFIX - 1]!));
  }
  return keys;
}

/**
 * The index keys for a query's requirement lists (each: any of these entries). A list with a
 * wildcard shorter than INDEXED_PREFIX cannot be looked up and is left out, which only widens the
 * candidates; no usable list at all means every line is a candidate.
 */
export function requirementKeys(required: readonly (readonly { text: string; prefix: boolean }[])[]): number[][] {
  const lists: number[][] = [];
  for (const list of required) {
    const keys: number[] = [];
    let usable = list.length > 0;
    for (const entry of list) {
      if (!entry.prefix) keys.push(wordKey(hashWord(entry.text)));
      else if (entry.text.length >= INDEXED_PREFIX) keys.push(prefixIndexKey(hashWord(entry.text, INDEXED_PREFIX)));
      else usable = false;
    }
    if (usable) lists.push([...new Set(keys)]);
  }
  return lists;
}

export interface IndexSummary {
  lines: number;
  /** Earliest and latest publication (or first-seen) time of the day's items, ms: a date range skips days outside it. */
  published: { min: number; max: number } | undefined;
}

/** Builds a day's index from each line's keys, the compressed blocks' offsets and the publication range. */
export function encodeIndex(lineKeys: readonly Iterable<number>[], blockOffsets: readonly number[], published: IndexSummary['published']): Buffer {
  const postings = new Map<number, number[]>();
  lineKeys.forEach((keys, line) => {
    for (const key of keys) {
      const list = postings.get(key);
      if (list) list.push(line);
      else postings.set(key, [line]);
    }
  });
  const keys = [...postings.keys()].sort((a, b) => a - b);
  const width = lineKeys.length > 0xffff ? 4 : 2;
  const total = keys.reduce((sum, key) => sum + postings.get(key)!.length, 0);
  const fixed = HEADER + (BUCKETS + 1) * 4 + keys.length * 4 + (keys.length + 1) * 4 + blockOffsets.length * 4;
  const out = Buffer.alloc(fixed + total * width);
  out.writeUInt32LE(MAGIC, 0);
  out.writeUInt32LE(lineKeys.length, 4);
  out.writeUInt32LE(keys.length, 8);
  out.writeUInt32LE(blockOffsets.length - 1, 12);
  out.writeUInt32LE(BLOCK_LINES, 16);
  out.writeUInt32LE(width, 20);
  out.writeDoubleLE(published?.min ?? Number.NaN, 24);
  out.writeDoubleLE(published?.max ?? Number.NaN, 32);
  let at = HEADER;
  let k = 0;
  for (let bucket = 0; bucket <= BUCKETS; bucket++) {
    while (k < keys.length && keys[k]! >>> (32 - BUCKET_BITS) < bucket) k++;
    out.writeUInt32LE(k, at);
    at += 4;
  }
  for (const key of keys) {
    out.writeUInt32LE(key, at);
    at += 4;
  }
  let start = 0;
  for (const key of keys) {
    out.writeUInt32LE(start, at);
    at += 4;
    start += postings.get(key)!.length;
  }
  out.writeUInt32LE(start, at);
  at += 4;
  for (const offset of blockOffsets) {
    out.writeUInt32LE(offset, at);
    at += 4;
  }
  for (const key of keys) {
    for (const line of postings.get(key)!) {
      if (width === 2) out.writeUInt16LE(line, at);
      else out.writeUInt32LE(line, at);
      at += width;
    }
  }
  return out;
}

/** Reads `length` bytes at `offset` of the index file. */
export type ReadAt = (offset: number, length: number) => Buffer;

export class IndexFormatError extends Error {
  override readonly name = 'IndexFormatError';
}

/** A day's index opened for lookups; reads only the header and buckets up front. */
export class DayIndex {
  readonly lines: number;
  readonly published: IndexSummary['published'];
  private readonly keyCount: number;
  private readonly blockCount: number;
  private readonly width: number;
  private readonly buckets: Buffer;
  private readonly keysAt: number;
  private readonly startsAt: number;
  private readonly blocksAt: number;
  private readonly postingsAt: number;

  constructor(private readonly read: ReadAt) {
    const header = read(0, HEADER);
    if (header.length < HEADER || header.readUInt32LE(0) !== MAGIC) throw new IndexFormatError('not a Despatch day index');
    this.lines = header.readUInt32LE(4);
    this.keyCount = header.readUInt32LE(8);
    this.blockCount = header.readUInt32LE(12);
    if (header.readUInt32LE(16) !== BLOCK_LINES) throw new IndexFormatError('index written with another block size');
    this.width = header.readUInt32LE(20);
    const min = header.readDoubleLE(24);
    const max = header.readDoubleLE(32);
    this.published = Number.isNaN(min) ? undefined : { min, max };
    this.buckets = read(HEADER, (BUCKETS + 1) * 4);
    this.keysAt = HEADER + (BUCKETS + 1) * 4;
    this.startsAt = this.keysAt + this.keyCount * 4;
    this.blocksAt = this.startsAt + (this.keyCount + 1) * 4;
    this.postingsAt = this.blocksAt + (this.blockCount + 1) * 4;
  }

  /** Ascending line numbers holding the key. */
  postings(key: number): number[] {
    const bucket = key >>> (32 - BUCKET_BITS);
    const lo = this.buckets.readUInt32LE(bucket * 4);
    const hi = this.buckets.readUInt32LE((bucket + 1) * 4);
    if (hi <= lo) return [];
    const keys = this.read(this.keysAt + lo * 4, (hi - lo) * 4);
    let found = -1;
    for (let i = 0; i < hi - lo; i++) {
      if (keys.readUInt32LE(i * 4) === key) {
        found = lo + i;
        break;
      }
    }
    if (found < 0) return [];
    const bounds = this.read(this.startsAt + found * 4, 8);
    const start = bounds.readUInt32LE(0);
    const end = bounds.readUInt32LE(4);
    const raw = this.read(this.postingsAt + start * this.width, (end - start) * this.width);
    const lines = new Array<number>(end - start);
    for (let i = 0; i < end - start; i++) lines[i] = this.width === 2 ? raw.readUInt16LE(i * 2) : raw.readUInt32LE(i * 4);
    return lines;
  }

  /** Lines that have, for every list, at least one of its keys; every line when there are no lists. */
  candidates(lists: readonly (readonly number[])[]): number[] {
    if (lists.length === 0) return Array.from({ length: this.lines }, (_, i) => i);
    let result: number[] | undefined;
    // Each list is a union; the lists are intersected, smallest first so the work shrinks fast.
    const unions = lists.map((list) => union(list.map((key) => this.postings(key)))).sort((a, b) => a.length - b.length);
    for (const lines of unions) {
      result = result === undefined ? lines : intersectSorted(result, lines);
      if (result.length === 0) break;
    }
    return result ?? [];
  }

  /** Byte offsets [start, end) of each compressed block in the day file. */
  blockOffsets(): number[] {
    const raw = this.read(this.blocksAt, (this.blockCount + 1) * 4);
    return Array.from({ length: this.blockCount + 1 }, (_, i) => raw.readUInt32LE(i * 4));
  }
}

function union(lists: readonly number[][]): number[] {
  if (lists.length === 1) return lists[0]!;
  const all = new Set<number>();
  for (const list of lists) for (const line of list) all.add(line);
  return [...all].sort((a, b) => a - b);
}

function intersectSorted(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let j = 0;
  for (const x of a) {
    while (j < b.length && b[j]! < x) j++;
    if (j < b.length && b[j] === x) out.push(x);
  }
  return out;
}
