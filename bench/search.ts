/**
 * `npm run bench:search [-- --days 400 --per-day 3000 --runs 20]`: archive search at reference load.
 *
 * Builds a synthetic archive (400 days × 3,000 items = 1.2 million by default) in a temporary data
 * dir, then times the queries offices write through the same function GET /api/search and
 * `despatch search` call (searchResponse), over the whole archive and over its last 30 days, and
 * checks every result count against what the generator planted.
 *
 * The build writes each past day's open day file (one JSON item per line, the format append()
 * writes) in one go, then lets the real archive seal every day (gzip blocks, term index) exactly as
 * the running stack does when the day changes: append() itself fsyncs every item, which for 1.2
 * million items would measure the disk, not search.
 *
 * Titles and summaries are filler from a fixed vocabulary that never contains a query's words,
 * plus planted phrases on fixed item numbers, so each query's hit count is known: the phrase and
 * NEAR queries also have near misses (the words apart, or too far apart) that only the matcher can
 * reject, and the scope query has its word in the summary of as many items again.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createFileArchive } from '../shared/adapters/local/file-archive.js';
import type { ClassifiedItem } from '../shared/platform/model.js';
import { londonDate } from '../shared/platform/time.js';
import { searchResponse, type SearchApiDeps } from '../shared/workspace/search-api.js';

const DAY_MS = 86_400_000;

const FILLER = `tenants police school library market route cycle lane park estate budget funding homes landlord licence traders
station bridge river flood tree festival museum theatre youth club nursery hospital clinic pharmacy pool gym football stadium
allotment recycling bins parking permit camera crossing pavement lighting broadband jobs grant charity volunteers heating
insulation solar roof lift inspection audit scrutiny cabinet consultation petition protest strike workers unions contract tender
developer tower planning appeal inquiry heritage church carnival memorial street road borough ward councillor officer report
plan scheme programme project service services residents families children parents pupils teachers nurses doctors drivers
buses trains trams cars vans lorries shops pubs cafes restaurants markets offices flats houses gardens parks playgrounds week
month year today yesterday tomorrow morning evening night new old big small local national regional public private open closed
says said warns warned calls called plans planned opens opened closes closed wins won loses lost backs backed rejects rejected
the a of to in on for with at by from after before over under about against between during`.split(/\s+/);

/** Each query, and how many of every `period` items on a day it matches (the planted ones). */
export const QUERIES: readonly { name: string; q: string; perPeriod: number; period: number }[] = [
  { name: 'phrase', q: '"temporary accommodation"', perPeriod: 1, period: 100 },
  { name: 'OR-group', q: '(cladding OR "fire safety" OR sprinklers)', perPeriod: 3, period: 250 },
  { name: 'NEAR', q: 'mayor NEAR/3 resign', perPeriod: 1, period: 500 },
  { name: 'scope', q: 'title:ombudsman', perPeriod: 1, period: 300 },
  { name: 'NOT', q: 'housing NOT repairs', perPeriod: 1, period: 40 },
];

/** The planted text of item `i`, if any: [title words, summary words]. */
function planted(i: number): [string, string] {
  if (i % 100 === 0) return ['temporary accommodation', ''];
  if (i % 100 === 50) return ['accommodation', 'temporary'];
  if (i % 250 === 1) return ['cladding', ''];
  if (i % 250 === 2) return ['', 'fire safety'];
  if (i % 250 === 3) return ['sprinklers', ''];
  if (i % 250 === 4) return ['fire', 'safety']; // apart: not the phrase
  if (i % 500 === 5) return ['mayor urged to resign', ''];
  if (i % 500 === 6) return ['mayor', 'resign']; // in other fields, far apart
  if (i % 300 === 7) return ['ombudsman', ''];
  if (i % 300 === 8) return ['', 'ombudsman']; // the summary: not title:
  if (i % 40 === 9) return ['housing', ''];
  if (i % 40 === 29) return ['housing', 'repairs'];
  return ['', ''];
}

/** A deterministic filler sentence: `n` words chosen from the seed. */
function filler(seed: number, n: number): string {
  const words: string[] = [];
  let s = seed >>> 0 || 1;
  for (let k = 0; k < n; k++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    words.push(FILLER[(s >>> 0) % FILLER.length]!);
  }
  return words.join(' ');
}

function syntheticItem(day: string, i: number): ClassifiedItem {
  const [titleWords, summaryWords] = planted(i);
  const seed = Math.imul(Number(day.replace(/-/g, '')), 2654435761) ^ i;
  const title = `${filler(seed, 4)} ${titleWords} ${filler(seed + 1, 5)}`.replace(/\s+/g, ' ').trim();
  const summary = `${filler(seed + 2, 14)} ${summaryWords} ${filler(seed + 3, 16)}`.replace(/\s+/g, ' ').trim();
  // Spread over 01:00–22:59 UTC: the same London date in winter and summer.
  const at = new Date(Date.parse(`${day}T01:00:00Z`) + Math.floor((i / 3000) * 22 * 3_600_000)).toISOString();
  const sourceId = `source-${i % 40}`;
  return {
    id: `${day.replace(/-/g, '')}${i.toString(16).padStart(8, '0')}`.padEnd(32, '0'),
    sourceId,
    sourceName: `Source ${i % 40}`,
    group: 'press',
    title,
    link: `https://${sourceId}.example/${day}/${i}`,
    summary,
    categories: [],
    publishedAt: at,
    seenAt: at,
    kind: 'article',
    priorities: i % 7 === 0 ? [{ id: 'housing', name: 'Housing', query: 'housing', spans: [] }] : [],
    sensitivity: { sensitive: false, level: 'none', score: 0, reasons: [], spans: [] },
    classifiedAt: at,
  };
}

/** How many items of a day of `perDay` match the query (the planted ones). */
function hitsPerDay(query: (typeof QUERIES)[number], perDay: number): number {
  let n = 0;
  for (let i = 0; i < perDay; i++) {
    const [t, s] = planted(i);
    const text = `${t} | ${s}`;
    const hit =
      query.name === 'phrase'
        ? t.includes('temporary accommodation')
        : query.name === 'OR-group'
          ? /cladding|sprinklers/.test(t) || s.includes('fire safety')
          : query.name === 'NEAR'
            ? t.includes('mayor urged to resign')
            : query.name === 'scope'
              ? t.includes('ombudsman')
              : text.includes('housing') && !text.includes('repairs');
    if (hit) n++;
  }
  return n;
}

export interface BuiltArchive {
  dir: string;
  days: string[];
  items: number;
  buildMs: number;
  bytes: number;
}

/** Writes and seals the archive under `dataDir/archive`: the `days` London days before today. */
export async function buildArchive(dataDir: string, days: number, perDay: number, now = new Date()): Promise<BuiltArchive> {
  const dir = join(dataDir, 'archive');
  mkdirSync(dir, { recursive: true });
  const started = performance.now();
  const dates: string[] = [];
  for (let d = days; d >= 1; d--) dates.push(londonDate(new Date(now.getTime() - d * DAY_MS)));
  for (const day of dates) {
    const lines: string[] = [];
    for (let i = 0; i < perDay; i++) lines.push(JSON.stringify(syntheticItem(day, i)));
    writeFileSync(join(dir, `${day}.jsonl`), `${lines.join('\n')}\n`);
  }
  // The first append of a new day seals every day before it, as the running stack does at midnight;
  // the item it appends today is then removed so that the counts stay the planted ones.
  const today = londonDate(now);
  await createFileArchive(dir, { retentionDays: days + 1, now: () => now }).append(syntheticItem(today, 1));
  unlinkSync(join(dir, `${today}.jsonl`));
  const buildMs = performance.now() - started;
  const bytes = readdirSync(dir).reduce((sum, name) => sum + statSync(join(dir, name)).size, 0);
  return { dir, days: dates, items: days * perDay, buildMs, bytes };
}

export interface QueryTiming {
  name: string;
  q: string;
  range: string;
  total: number;
  expected: number;
  p50: number;
  p95: number;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/** Each query `runs` times over the whole archive and over its last 30 days (or fewer, when shorter). */
export async function timeQueries(built: BuiltArchive, perDay: number, runs: number, retentionDays: number): Promise<QueryTiming[]> {
  const deps: SearchApiDeps = { archive: createFileArchive(built.dir, { retentionDays }), recent: async () => [], now: () => new Date() };
  const recentDays = Math.min(30, built.days.length);
  const ranges: { range: string; from: string | undefined; days: number }[] = [
    { range: `all ${built.days.length} days`, from: undefined, days: built.days.length },
    { range: `last ${recentDays} days`, from: built.days[built.days.length - recentDays], days: recentDays },
  ];
  const timings: QueryTiming[] = [];
  for (const range of ranges) {
    for (const query of QUERIES) {
      const params = new URLSearchParams({ q: query.q, ...(range.from ? { from: range.from } : {}) });
      const times: number[] = [];
      let total = 0;
      for (let r = 0; r < runs; r++) {
        const started = performance.now();
        total = (await searchResponse(params, deps)).total;
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      timings.push({
        name: query.name,
        q: query.q,
        range: range.range,
        total,
        expected: hitsPerDay(query, perDay) * range.days,
        p50: percentile(times, 50),
        p95: percentile(times, 95),
      });
    }
  }
  return timings;
}

function report(built: BuiltArchive, timings: readonly QueryTiming[]): string {
  const lines = [
    `archive: ${built.days.length} days × ${(built.items / built.days.length).toLocaleString('en-GB')} items = ${built.items.toLocaleString('en-GB')} items`,
    `build (write day files, seal and index): ${(built.buildMs / 1000).toFixed(1)} s`,
    `disk: ${(built.bytes / 1e6).toFixed(1)} MB`,
    '',
    `${'query'.padEnd(46)} ${'range'.padEnd(14)} ${'hits'.padStart(8)}  ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)}`,
  ];
  for (const t of timings) {
    const check = t.total === t.expected ? '' : `  WRONG: expected ${t.expected}`;
    lines.push(
      `${`${t.name}: ${t.q}`.padEnd(46)} ${t.range.padEnd(14)} ${String(t.total).padStart(8)}  ${t.p50.toFixed(0).padStart(8)} ${t.p95.toFixed(0).padStart(8)}${check}`,
    );
  }
  const full = timings.filter((t) => t.range.startsWith('all'));
  lines.push(
    '',
    `worst over the whole archive: p50 ${Math.max(...full.map((t) => t.p50)).toFixed(0)} ms, p95 ${Math.max(...full.map((t) => t.p95)).toFixed(0)} ms (targets: p50 ≤ 1000 ms, p95 ≤ 3000 ms)`,
  );
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: { days: { type: 'string', default: '400' }, 'per-day': { type: 'string', default: '3000' }, runs: { type: 'string', default: '20' } },
  });
  const days = Number(values.days);
  const perDay = Number(values['per-day']);
  const dataDir = mkdtempSync(join(tmpdir(), 'despatch-bench-search-'));
  try {
    const built = await buildArchive(dataDir, days, perDay);
    console.log(report(built, await timeQueries(built, perDay, Number(values.runs), days + 1)));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
