/**
 * Archive search returns exactly what the matcher selects from every item in range: generated
 * archives (written through the real file archive, days sealed and indexed as the day changes,
 * items changed into new versions) and generated queries of every shape the language has.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileQuery, compileSearchableQuery, prepareText, QuerySyntaxError } from '../../../shared/classify/rules/index.js';
import type { ClassifiedItem } from '../../../shared/platform/model.js';
import { createFileArchive } from '../../../shared/adapters/local/file-archive.js';
import { levelOf, searchArchive, type SearchFilters } from '../../../shared/workspace/search.js';
import { archivedItemSchema } from '../../../shared/workspace/archive.js';

const WORDS = ['housing', 'houses', 'Homes', 'rent', 'mayor', "Mayor's", 'council', 'temporary', 'accommodation', 'fire', 'safety', 'café', 'budget', 'bus'];
const QUERY_WORDS = ['housing', 'houses', 'homes', 'rent', 'mayor', 'council', 'temporary', 'accommodation', 'fire', 'safety', 'cafe', 'budget', 'bus'];
const SOURCES = ['bbc', 'standard', 'local'];
const LEVELS = ['none', 'watch', 'high', 'critical'] as const;
const DAYS = ['2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05'];

const text = (max: number) => fc.array(fc.constantFrom(...WORDS, 'the', 'of', '—'), { maxLength: max }).map((w) => w.join(' '));

const itemArb = fc.record({
  title: text(7),
  summary: text(12),
  source: fc.constantFrom(...SOURCES),
  day: fc.nat({ max: DAYS.length - 1 }),
  publishedDay: fc.integer({ min: -2, max: 0 }),
  hour: fc.integer({ min: 0, max: 23 }),
  missingDate: fc.boolean(),
  level: fc.constantFrom(...LEVELS),
  priorities: fc.subarray(['housing', 'transport']),
  // A later version of the item, archived on a later day, with other words.
  changed: fc.option(fc.record({ title: text(7), later: fc.integer({ min: 0, max: 2 }) }), { nil: undefined }),
});

const positional: fc.Arbitrary<string> = fc.letrec<{ pos: string }>((tie) => ({
  pos: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...QUERY_WORDS),
    fc.constantFrom(...QUERY_WORDS).chain((w) => fc.integer({ min: 1, max: 5 }).map((n) => `${w.slice(0, n)}*`)),
    fc.array(fc.constantFrom(...QUERY_WORDS), { minLength: 2, maxLength: 3 }).map((w) => `"${w.join(' ')}"`),
    fc.tuple(tie('pos'), tie('pos')).map(([a, b]) => `(${a} OR ${b})`),
    fc.tuple(tie('pos'), tie('pos'), fc.integer({ min: 0, max: 4 }), fc.boolean()).map(([a, b, n, o]) => `(${a} ${o ? 'ONEAR' : 'NEAR'}/${n} ${b})`),
  ),
})).pos;

const queryArb: fc.Arbitrary<string> = fc.letrec<{ q: string }>((tie) => ({
  q: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    positional,
    positional.map((p) => `title:(${p})`),
    positional.map((p) => `summary:${p}`),
    fc.constantFrom(...SOURCES).map((s) => `source:${s}`),
    tie('q').map((q) => `NOT ${q}`),
    fc.tuple(tie('q'), tie('q')).map(([a, b]) => `(${a} AND ${b})`),
    fc.tuple(tie('q'), tie('q')).map(([a, b]) => `(${a} OR ${b})`),
  ),
})).q;

const filtersArb: fc.Arbitrary<SearchFilters> = fc.record(
  {
    from: fc.constantFrom('2026-11-01', '2026-11-03', '2026-11-04'),
    to: fc.constantFrom('2026-11-03', '2026-11-05'),
    source: fc.constantFrom(...SOURCES),
    level: fc.constantFrom(...LEVELS),
    priority: fc.constantFrom('housing', 'transport'),
  },
  { requiredKeys: [] },
);

function at(day: string, offsetDays: number, hour: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + offsetDays);
  date.setUTCHours(hour);
  return date.toISOString();
}

function item(i: number, g: GeneratedItem): ClassifiedItem {
  const day = DAYS[g.day]!;
  const seenAt = at(day, 0, g.hour);
  return {
    id: i.toString(16).padStart(32, '0'),
    sourceId: g.source,
    sourceName: g.source.toUpperCase(),
    group: 'news',
    title: g.title,
    link: `https://${g.source}.example/${i}`,
    summary: g.summary,
    categories: [],
    publishedAt: g.missingDate ? seenAt : at(day, g.publishedDay, g.hour),
    seenAt,
    ...(g.missingDate ? { dateFlag: 'missing' as const } : {}),
    kind: 'article',
    priorities: g.priorities.map((id) => ({ id, name: id, query: id, spans: [] })),
    sensitivity: { sensitive: g.level === 'high' || g.level === 'critical', level: g.level, score: 0, reasons: [], spans: [] },
    classifiedAt: seenAt,
  };
}

interface GeneratedItem {
  title: string;
  summary: string;
  source: string;
  day: number;
  publishedDay: number;
  hour: number;
  missingDate: boolean;
  level: (typeof LEVELS)[number];
  priorities: string[];
  changed: { title: string; later: number } | undefined;
}

/** What the matcher alone selects: every latest version, filtered, matched one by one. */
function expected(items: readonly ClassifiedItem[], query: string, filters: SearchFilters): string[] {
  const latest = new Map<string, ClassifiedItem>();
  for (const it of items) if ((latest.get(it.id)?.version ?? 1) <= (it.version ?? 1)) latest.set(it.id, it);
  const compiled = compileQuery(query);
  const from = filters.from ? Date.parse(`${filters.from}T00:00:00Z`) : -Infinity;
  const to = filters.to ? Date.parse(`${filters.to}T00:00:00Z`) + 86_400_000 : Infinity;
  return [...latest.values()]
    .filter((it) => {
      // November: London is on GMT, so London midnight is UTC midnight.
      const t = Date.parse(it.dateFlag ? it.seenAt : it.publishedAt);
      if (!(t >= from && t < to)) return false;
      if (filters.source && it.sourceId !== filters.source) return false;
      if (filters.level && levelOf(archivedItemSchema.parse(it)) !== filters.level) return false;
      if (filters.priority && !it.priorities.some((p) => p.id === filters.priority)) return false;
      return compiled.match(prepareText({ title: it.title, summary: it.summary, sourceId: it.sourceId, link: it.link })) !== null;
    })
    .map((it) => it.id)
    .sort();
}

function compiles(query: string): boolean {
  try {
    compileQuery(query);
    return true;
  } catch (error) {
    if (error instanceof QuerySyntaxError) return false;
    throw error;
  }
}

describe('archive search', () => {
  it('returns exactly what the matcher selects from every item in range', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(itemArb, { minLength: 1, maxLength: 40 }),
        fc.array(fc.tuple(queryArb, filtersArb), { minLength: 1, maxLength: 6 }),
        fc.nat({ max: 5 }),
        async (generated, queries, recentCount) => {
          const dir = mkdtempSync(join(tmpdir(), 'despatch-search-'));
          try {
            // Written in day order through the real archive, so each day change seals the one before.
            const writes: { day: number; item: ClassifiedItem }[] = [];
            generated.forEach((g, i) => {
              const first = item(i, g);
              writes.push({ day: g.day, item: first });
              if (g.changed) {
                const day = Math.min(DAYS.length - 1, g.day + g.changed.later);
                writes.push({ day, item: { ...first, title: g.changed.title, version: 2, updatedAt: at(DAYS[day]!, 0, 23) } });
              }
            });
            writes.sort((a, b) => a.day - b.day);
            // The last few items stored are not archived yet: search takes them from the store.
            const archived = writes.slice(0, Math.max(0, writes.length - recentCount));
            const recent = writes.slice(archived.length).map((w) => w.item);
            let today = DAYS[0]!;
            const archive = createFileArchive(dir, { retentionDays: 400, now: () => new Date(`${today}T12:00:00Z`) });
            for (const write of archived) {
              today = DAYS[write.day]!;
              await archive.append(write.item);
            }
            const all = writes.map((w) => w.item);
            for (const [query, filters] of queries) {
              if (!compiles(query)) continue;
              const result = await searchArchive(
                { query: compileSearchableQuery(query), ...filters, sort: 'newest', limit: 1000, offset: 0 },
                { archive, recent: async () => recent },
              );
              const ids = result.hits.map((h) => h.item.id).sort();
              expect({ query, filters, ids }).toEqual({ query, filters, ids: expected(all, query, filters) });
              expect(result.total).toBe(ids.length);
              expect(Object.values(result.counts.byWeek).reduce((a, b) => a + b, 0)).toBe(ids.length);
            }
          } finally {
            rmSync(dir, { recursive: true, force: true });
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
