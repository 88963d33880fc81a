/**
 * The archive in the local data dir (`<data-dir>/archive/`):
 *
 *   YYYY-MM-DD.jsonl      today's day file: one item per line, appended and fsynced per item
 *   YYYY-MM-DD.jsonl.gz   a past day, sealed: gzip members of BLOCK_LINES lines each (zcat reads it whole)
 *   YYYY-MM-DD.idx        its term index (shared/workspace/term-index.ts), written after the .gz
 *   versions.log          "ID VERSION" for every item archived at version 2 or later
 *
 * Crash safety: a line is appended and fsynced before append() resolves, and the reader drops a
 * torn last line (no newline yet) and any line that is not JSON. Sealing writes each file to a
 * temporary name, fsyncs and renames it, the index last; a day counts as sealed only when its index
 * exists, and the open file is removed only after that, so a crash at any point leaves either the
 * open file or the sealed pair complete (both, at worst, and then the sealed pair is read).
 *
 * Sealing is done by the writer (the running stack) when the day changes; readers (the CLI while
 * the stack runs) never write, so a search works alongside `despatch start`.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { publishedOrSeenAt, type ClassifiedItem } from '../../platform/model.js';
import { londonDate } from '../../platform/time.js';
import type { ArchiveDay, ArchiveReader, ItemArchive } from '../../workspace/archive.js';
import { BLOCK_LINES, DayIndex, encodeIndex, termKeys } from '../../workspace/term-index.js';

const DAY_FILE = /^(\d{4}-\d{2}-\d{2})\.(jsonl|jsonl\.gz|idx)$/;
const VERSIONS = 'versions.log';
const DAY_MS = 86_400_000;

export interface FileArchiveOptions {
  retentionDays: number;
  now?: () => Date;
}

export type FileArchive = ItemArchive & ArchiveReader;

export function createFileArchive(dir: string, options: FileArchiveOptions): FileArchive {
  const now = options.now ?? (() => new Date());
  const cutoff = (): string => londonDate(new Date(now().getTime() - options.retentionDays * DAY_MS));
  let sealedBefore: string | undefined;

  return {
    async append(item) {
      mkdirSync(dir, { recursive: true });
      const today = londonDate(now());
      if (sealedBefore !== today) {
        sealPastDays(dir, today, cutoff());
        sealedBefore = today;
      }
      // The version first: a crash between the two then hides the older version until the
      // redelivered message archives this one, rather than listing both.
      if (item.version !== undefined && item.version > 1) await appendDurably(join(dir, VERSIONS), `${item.id} ${item.version}\n`);
      await appendDurably(join(dir, `${today}.jsonl`), `${JSON.stringify(item)}\n`);
    },

    async days() {
      const held = listDays(dir);
      const oldest = cutoff();
      const days: ArchiveDay[] = [];
      for (const [day, files] of [...held].sort(([a], [b]) => a.localeCompare(b))) {
        if (day < oldest) continue;
        if (files.has('idx') && files.has('jsonl.gz')) {
          days.push({ day, published: withIndex(join(dir, `${day}.idx`), (index) => index.published) });
        } else if (files.has('jsonl')) {
          days.push({ day, published: undefined });
        }
      }
      return days;
    },

    async candidates(day, keyLists) {
      const index = join(dir, `${day}.idx`);
      if (!existsSync(index)) {
        try {
          return parseLines(readFileSync(join(dir, `${day}.jsonl`), 'utf8'));
        } catch (error) {
          // Sealed between listing and reading: read the sealed pair instead.
          if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || !existsSync(index)) throw error;
        }
      }
      return readSealed(dir, day, keyLists);
    },

    async latestVersions() {
      const versions = new Map<string, number>();
      const path = join(dir, VERSIONS);
      if (!existsSync(path)) return versions;
      for (const line of completeLines(readFileSync(path, 'utf8'))) {
        const [id, version] = line.split(' ');
        const n = Number(version);
        if (id && Number.isInteger(n) && n > (versions.get(id) ?? 0)) versions.set(id, n);
      }
      return versions;
    },
  };
}

async function appendDurably(path: string, text: string): Promise<void> {
  const handle = await open(path, 'a');
  try {
    await handle.write(text);
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

function listDays(dir: string): Map<string, Set<string>> {
  const days = new Map<string, Set<string>>();
  if (!existsSync(dir)) return days;
  for (const name of readdirSync(dir)) {
    const match = DAY_FILE.exec(name);
    if (!match) continue;
    const [, day, kind] = match as unknown as [string, string, string];
    const files = days.get(day) ?? new Set<string>();
    files.add(kind);
    days.set(day, files);
  }
  return days;
}

/** Seals every open day before `today` and removes sealed days before `oldest`. */
function sealPastDays(dir: string, today: string, oldest: string): void {
  for (const [day, files] of listDays(dir)) {
    if (day < oldest) {
      // The index first: without it the day no longer counts, whatever is left.
      for (const kind of ['idx', 'jsonl.gz', 'jsonl']) if (files.has(kind)) unlinkSync(join(dir, `${day}.${kind}`));
      continue;
    }
    if (day >= today || !files.has('jsonl')) continue;
    if (!files.has('idx')) sealLines(dir, day, completeLines(readFileSync(join(dir, `${day}.jsonl`), 'utf8')));
    unlinkSync(join(dir, `${day}.jsonl`));
  }
}

/** Compresses the lines in blocks, indexes them, and renames both into place (index last). */
function sealLines(dir: string, day: string, rawLines: readonly string[]): void {
  const lines: string[] = [];
  const keys: Set<number>[] = [];
  let min = Infinity;
  let max = -Infinity;
  for (const line of rawLines) {
    const item = parseLine(line);
    if (!isIndexable(item)) continue;
    lines.push(line);
    keys.push(termKeys(item.title, item.summary));
    const at = Date.parse(publishedOrSeenAt(item));
    if (at < min) min = at;
    if (at > max) max = at;
  }
  const blocks: Buffer[] = [];
  const offsets = [0];
  for (let start = 0; start < lines.length; start += BLOCK_LINES) {
    const block = gzipSync(`${lines.slice(start, start + BLOCK_LINES).join('\n')}\n`);
    blocks.push(block);
    offsets.push(offsets[offsets.length - 1]! + block.length);
  }
  writeAtomically(join(dir, `${day}.jsonl.gz`), Buffer.concat(blocks));
  writeAtomically(join(dir, `${day}.idx`), encodeIndex(keys, offsets, Number.isFinite(min) ? { min, max } : undefined));
}

function writeAtomically(path: string, data: Buffer): void {
  const temporary = `${path}.tmp-${process.pid}`;
  const fd = openSync(temporary, 'w');
  try {
    writeSync(fd, data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, path);
}

function isIndexable(value: unknown): value is Pick<ClassifiedItem, 'title' | 'summary' | 'publishedAt' | 'seenAt' | 'dateFlag'> {
  if (typeof value !== 'object' || value === null) return false;
  const item = value as Record<string, unknown>;
  return typeof item.title === 'string' && typeof item.summary === 'string' && typeof item.publishedAt === 'string' && typeof item.seenAt === 'string';
}

function parseLine(line: string): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch {
    return undefined;
  }
}

/** Lines ended by a newline: the last one, if the writer was cut off mid-line, is dropped. */
function completeLines(text: string): string[] {
  const lines = text.split('\n');
  lines.pop();
  return lines.filter((line) => line.length > 0);
}

function parseLines(text: string): unknown[] {
  return completeLines(text)
    .map(parseLine)
    .filter((value) => value !== undefined);
}

function withIndex<T>(path: string, use: (index: DayIndex) => T): T {
  const fd = openSync(path, 'r');
  try {
    return use(new DayIndex(readerOf(fd)));
  } finally {
    closeSync(fd);
  }
}

function readerOf(fd: number): (offset: number, length: number) => Buffer {
  return (offset, length) => {
    const out = Buffer.alloc(length);
    let done = 0;
    while (done < length) {
      const n = readSync(fd, out, done, length - done, offset + done);
      if (n === 0) break;
      done += n;
    }
    return done === length ? out : out.subarray(0, done);
  };
}

/** The candidate lines of a sealed day: only the blocks that hold one are read and inflated. */
function readSealed(dir: string, day: string, keyLists: readonly (readonly number[])[]): unknown[] {
  const { lines, offsets } = withIndex(join(dir, `${day}.idx`), (index) => ({ lines: index.candidates(keyLists), offsets: index.blockOffsets() }));
  if (lines.length === 0) return [];
  const fd = openSync(join(dir, `${day}.jsonl.gz`), 'r');
  const read = readerOf(fd);
  const out: unknown[] = [];
  try {
    let i = 0;
    while (i < lines.length) {
      const block = Math.floor(lines[i]! / BLOCK_LINES);
      const start = offsets[block]!;
      const text = gunzipSync(read(start, offsets[block + 1]! - start)).toString('utf8');
      const blockLines = text.split('\n');
      for (; i < lines.length && Math.floor(lines[i]! / BLOCK_LINES) === block; i++) {
        const value = parseLine(blockLines[lines[i]! - block * BLOCK_LINES] ?? '');
        if (value !== undefined) out.push(value);
      }
    }
  } finally {
    closeSync(fd);
  }
  return out;
}
