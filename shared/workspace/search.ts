/**
 * Archive search: the query language over every archived item, giving exactly what the matcher
 * would select if it were run on every item in the range.
 *
 * Two steps: the per-day term index proposes candidates (the lines holding the words any match
 * must contain, from the compiled query's own requirements), then each candidate is checked by
 * the real matcher, so NEAR, scopes, wildcards and NOT mean what they mean in a priority. A query
 * with nothing required (a top-level NOT, `source:` alone, a one-letter wildcard) reads every line.
 * Items the archive may not have yet (stored since its last line) come from the item store.
 */
import type { MatchSpan } from '../platform/model.js';
import type { ItemKind } from '../platform/model.js';
import type { SensitivityLevel } from '../platform/config/schema.js';
import { londonDate, londonWallTimeToInstant } from '../platform/time.js';
import { prepareText, type SearchableQuery } from '../classify/rules/index.js';
import { archivedItemSchema, type ArchivedItem, type ArchiveReader } from './archive.js';
import { requirementKeys } from './term-index.js';

export interface SearchFilters {
  /** London dates, inclusive, of publication (first-seen time for items without a usable date). */
  from?: string | undefined;
  to?: string | undefined;
  priority?: string | undefined;
  source?: string | undefined;
  kind?: ItemKind | undefined;
  level?: SensitivityLevel | undefined;
}

export type SearchSort = 'newest' | 'relevance';

export interface SearchRequest extends SearchFilters {
  query: SearchableQuery;
  sort: SearchSort;
  limit: number;
  offset: number;
}

export interface SearchHit {
  item: ArchivedItem;
  /** Where the query matched (title and summary offsets). */
  spans: MatchSpan[];
  /** Publication (or first-seen) time, ms. */
  at: number;
  score: number;
}

export interface SearchResult {
  total: number;
  hits: SearchHit[];
  counts: { byPriority: Record<string, number>; byWeek: Record<string, number> };
}

export interface SearchDeps {
  archive: ArchiveReader;
  /** Items stored since the archive's last line (raw, validated here); none when the archive is current. */
  recent?: () => Promise<readonly unknown[]>;
}

export async function searchArchive(request: SearchRequest, deps: SearchDeps): Promise<SearchResult> {
  const keyLists = requirementKeys(request.query.required);
  const range = dateRange(request);
  const [days, latest] = await Promise.all([deps.archive.days(), deps.archive.latestVersions()]);
  const found = new Map<string, SearchHit & { version: number }>();
  // Versions seen here beyond the log: a newer version only the store has yet supersedes an archived one.
  const newest = new Map<string, number>(latest);
  const consider = (raw: unknown): void => {
    const parsed = archivedItemSchema.safeParse(raw);
    if (!parsed.success) return; // a damaged line: skipped, never shown half-read
    const item = parsed.data;
    const version = item.version ?? 1;
    if ((newest.get(item.id) ?? 1) > version) return; // superseded by a later version
    if (version > 1) newest.set(item.id, version);
    const at = Date.parse(item.dateFlag ? item.seenAt : item.publishedAt);
    if (!passesFilters(item, at, request, range)) return;
    const spans = request.query.match(prepareText({ title: item.title, summary: item.summary, sourceId: item.sourceId, link: item.link }));
    if (!spans) return;
    const known = found.get(item.id);
    if (known && known.version > version) return;
    found.set(item.id, { item, spans, at, score: relevance(spans), version });
  };

  for (const day of days) {
    // A sealed day says when its items were published: a range that misses it skips the day.
    if (day.published && (day.published.max < range.from || day.published.min >= range.to)) continue;
    for (const raw of await deps.archive.candidates(day.day, keyLists)) consider(raw);
  }
  if (deps.recent) for (const raw of await deps.recent()) consider(raw);

  const hits = [...found.values()].filter((hit) => hit.version >= (newest.get(hit.item.id) ?? 1)).map(({ version: _version, ...hit }) => hit);
  hits.sort(
    request.sort === 'relevance' ? (a, b) => b.score - a.score || b.at - a.at || cmp(a.item.id, b.item.id) : (a, b) => b.at - a.at || cmp(a.item.id, b.item.id),
  );
  return { total: hits.length, hits: hits.slice(request.offset, request.offset + request.limit), counts: countHits(hits) };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Headline words count three times a snippet's: a headline about it is more about it. */
function relevance(spans: readonly MatchSpan[]): number {
  return spans.reduce((sum, span) => sum + (span.field === 'title' ? 3 : 1), 0);
}

interface Range {
  from: number;
  to: number;
}

/** [from, to) in ms: London midnight at the start of `from` to London midnight after `to`. */
function dateRange(filters: SearchFilters): Range {
  return {
    from: filters.from ? londonMidnight(filters.from, 0) : -Infinity,
    to: filters.to ? londonMidnight(filters.to, 1) : Infinity,
  };
}

function londonMidnight(day: string, plusDays: number): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, m - 1, d + plusDays, 12));
  return londonWallTimeToInstant(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), 0, 0).getTime();
}

function passesFilters(item: ArchivedItem, at: number, filters: SearchFilters, range: Range): boolean {
  if (!(at >= range.from && at < range.to)) return false;
  if (filters.source !== undefined && item.sourceId !== filters.source) return false;
  if (filters.kind !== undefined && item.kind !== filters.kind) return false;
  if (filters.level !== undefined && levelOf(item) !== filters.level) return false;
  if (filters.priority !== undefined && !item.priorities.some((p) => p.id === filters.priority)) return false;
  return true;
}

/** Items stored before levels existed: the old rule, as the model's schema reads them. */
export function levelOf(item: ArchivedItem): SensitivityLevel {
  return item.sensitivity.level ?? (item.sensitivity.sensitive ? 'high' : 'none');
}

function countHits(hits: readonly SearchHit[]): SearchResult['counts'] {
  const byPriority: Record<string, number> = {};
  const byWeek: Record<string, number> = {};
  for (const hit of hits) {
    for (const priority of new Set(hit.item.priorities.map((p) => p.id))) byPriority[priority] = (byPriority[priority] ?? 0) + 1;
    const week = isoMonday(londonDay(hit.at));
    byWeek[week] = (byWeek[week] ?? 0) + 1;
  }
  return { byPriority, byWeek };
}

/**
 * londonDate by the hour: London's offset only changes on the hour, and asking Intl for every one
 * of tens of thousands of hits would cost more than the search.
 */
const dayByHour = new Map<number, string>();
function londonDay(at: number): string {
  const hour = Math.floor(at / 3_600_000);
  let day = dayByHour.get(hour);
  if (day === undefined) {
    day = londonDate(new Date(hour * 3_600_000));
    if (dayByHour.size > 100_000) dayByHour.clear();
    dayByHour.set(hour, day);
  }
  return day;
}

/** The Monday (YYYY-MM-DD) of the ISO week a date is in. */
export function isoMonday(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
  return date.toISOString().slice(0, 10);
}
