/**
 * GET /api/search and GET /api/search/export: archive search for the page and its spreadsheets.
 *
 *   /api/search?q=…&from=YYYY-MM-DD&to=YYYY-MM-DD&priority=ID&source=ID&kind=K&level=L&sort=newest|relevance&limit=N&offset=N
 *     200 { total, items: SearchHit[], counts: { byPriority, byWeek } }
 *     400 { error, column? } for a query with a mistake (column 1-based, as `despatch match` reports)
 *   /api/search/export?format=csv|xlsx&<the same filters>   the results as a file (attachment)
 *
 * Marks are UTF-16 offsets into the title and snippet the hit carries: the page renders them as
 * text nodes, so nothing from a feed is ever markup.
 */
import ExcelJS from 'exceljs';
import * as z from 'zod';
import { itemKinds, type MatchSpan } from '../platform/model.js';
import { sensitivityLevels } from '../platform/config/schema.js';
import { removeInvisible } from '../platform/invisible.js';
import { londonDate } from '../platform/time.js';
import { compileSearchableQuery, QuerySyntaxError, type SearchableQuery } from '../classify/rules/index.js';
import { csvCell } from '../grid/export.js';
import type { ItemStore } from '../classify/ports.js';
import type { ArchiveReader } from './archive.js';
import { levelOf, searchArchive, type SearchHit as FoundHit, type SearchRequest } from './search.js';

const markSchema = z.strictObject({ start: z.number().int(), end: z.number().int(), kind: z.enum(['priority', 'sensitive']) });
export type Mark = z.infer<typeof markSchema>;

export const searchHitSchema = z.strictObject({
  id: z.string(),
  title: z.string(),
  url: z.string(),
  sourceId: z.string(),
  sourceName: z.string(),
  publishedAt: z.string(),
  priorities: z.array(z.string()),
  level: z.string().nullable(),
  storyId: z.string().nullable(),
  snippet: z.string(),
  marks: z.strictObject({ title: z.array(markSchema), snippet: z.array(markSchema) }),
});
export type SearchHitView = z.infer<typeof searchHitSchema>;

export const searchResponseSchema = z.strictObject({
  total: z.number().int(),
  items: z.array(searchHitSchema),
  counts: z.strictObject({ byPriority: z.record(z.string(), z.number()), byWeek: z.record(z.string(), z.number()) }),
});
export type SearchResponse = z.infer<typeof searchResponseSchema>;

const day = z.iso.date();
const filterParams = {
  q: z.string().trim().min(1, 'q (the query) is required').max(2_000),
  from: day.optional(),
  to: day.optional(),
  priority: z.string().max(200).optional(),
  source: z.string().max(200).optional(),
  kind: z.enum(itemKinds).optional(),
  level: z.enum(sensitivityLevels).optional(),
  sort: z.enum(['newest', 'relevance']).default('newest'),
};
const searchParams = z.strictObject({
  ...filterParams,
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
const exportParams = z.strictObject({ ...filterParams, format: z.enum(['csv', 'xlsx']) });

/** At most this many rows in an export: a year of a broad word is a download, not a spreadsheet. */
const EXPORT_ROWS = 10_000;
const SNIPPET = 280;

export interface SearchApiDeps {
  archive: ArchiveReader;
  /** Items stored lately, which the archive may not hold yet (the store's recent items). */
  recent: () => Promise<readonly unknown[]>;
  now: () => Date;
}

/** How long after storing an item the archive may not have it yet: those come from the store. */
const RECENT_MS = 15 * 60_000;

/** The search's dependencies from the review API's: the archive, and the store for the last minutes. */
export function searchDepsFrom(archive: ArchiveReader, items: Pick<ItemStore, 'itemsSeenBetween'>, now: () => Date): SearchApiDeps {
  return { archive, now, recent: () => items.itemsSeenBetween(new Date(now().getTime() - RECENT_MS), now()) };
}

/** A request the API refuses with 400: a parameter, or the query's own mistake with its column. */
export class SearchRequestError extends Error {
  override readonly name = 'SearchRequestError';
  constructor(
    message: string,
    readonly column?: number,
  ) {
    super(message);
  }
}

/** Parses a search's parameters; throws SearchRequestError naming the parameter or the query's column. */
function parseParams<S extends z.ZodType>(schema: S, params: URLSearchParams): z.infer<S> {
  const parsed = schema.safeParse(Object.fromEntries(params));
  if (!parsed.success) throw new SearchRequestError(parsed.error.issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`).join('; '));
  return parsed.data;
}

/** The query compiled, or the reason and 1-based column of its mistake. */
export function compileUserQuery(q: string): SearchableQuery {
  try {
    return compileSearchableQuery(q);
  } catch (error) {
    if (error instanceof QuerySyntaxError) throw new SearchRequestError(`The query has a mistake: ${error.message}`, error.column);
    throw error;
  }
}

export async function searchResponse(params: URLSearchParams, deps: SearchApiDeps): Promise<SearchResponse> {
  const { q, ...rest } = parseParams(searchParams, params);
  const result = await searchArchive({ ...rest, query: compileUserQuery(q) }, deps);
  return { total: result.total, items: result.hits.map(hitView), counts: result.counts };
}

export interface SearchExport {
  filename: string;
  contentType: string;
  body: Buffer;
}

export async function searchExport(params: URLSearchParams, deps: SearchApiDeps): Promise<SearchExport> {
  const { q, format, ...filters } = parseParams(exportParams, params);
  const request: SearchRequest = { ...filters, query: compileUserQuery(q), limit: EXPORT_ROWS, offset: 0 };
  const { hits } = await searchArchive(request, deps);
  const rows = hits.map(exportRow);
  const stamp = londonDate(deps.now());
  if (format === 'csv') {
    const lines = [EXPORT_COLUMNS.join(','), ...rows.map((row) => row.map(csvCell).join(','))];
    return { filename: `despatch-search-${stamp}.csv`, contentType: 'text/csv; charset=utf-8', body: Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`, 'utf8') };
  }
  return {
    filename: `despatch-search-${stamp}.xlsx`,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    body: await toXlsx(rows, q),
  };
}

export const EXPORT_COLUMNS = ['Published', 'Title', 'Source', 'Kind', 'Level', 'Priorities', 'Story', 'Link'] as const;

/** One result as a row, clean of invisible and text-direction characters (csvCell defuses formulas). */
function exportRow(hit: FoundHit): string[] {
  const { item } = hit;
  return [
    new Date(hit.at).toISOString(),
    item.title,
    item.sourceName,
    item.kind,
    levelOf(item),
    item.priorities.map((p) => p.name).join('; '),
    item.clusterId ?? '',
    item.link,
  ].map((cell) => removeInvisible(cell).text);
}

async function toXlsx(rows: readonly string[][], query: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Despatch';
  workbook.title = removeInvisible(`Search: ${query}`).text.slice(0, 200);
  const sheet = workbook.addWorksheet('Search', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = EXPORT_COLUMNS.map((header, i) => ({ header, key: String(i), width: [22, 70, 24, 14, 10, 30, 34, 50][i] ?? 20 }));
  sheet.getRow(1).font = { bold: true };
  // Plain strings, never formulas: exceljs writes a string as text whatever it starts with.
  for (const row of rows) sheet.addRow(row).alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function hitView(hit: FoundHit): SearchHitView {
  const { item } = hit;
  const sensitive = item.sensitivity.spans;
  const titleMarks = [
    ...marksIn(hit.spans, 'title', 'priority', 0, item.title.length, 0),
    ...marksIn(sensitive, 'title', 'sensitive', 0, item.title.length, 0),
  ].sort(byStart);
  const { snippet, from, to, shift } = snippetOf(item.summary, hit.spans);
  const snippetMarks = [...marksIn(hit.spans, 'summary', 'priority', from, to, shift), ...marksIn(sensitive, 'summary', 'sensitive', from, to, shift)].sort(
    byStart,
  );
  return {
    id: item.id,
    title: item.title,
    url: item.link,
    sourceId: item.sourceId,
    sourceName: item.sourceName,
    publishedAt: new Date(hit.at).toISOString(),
    priorities: [...new Set(item.priorities.map((p) => p.id))],
    level: levelOf(item),
    storyId: item.clusterId ?? null,
    snippet,
    marks: { title: titleMarks, snippet: snippetMarks },
  };
}

function byStart(a: Mark, b: Mark): number {
  return a.start - b.start || a.end - b.end;
}

/** Spans of one field inside [from, to), moved by `shift` into the snippet's offsets. */
function marksIn(
  spans: readonly Pick<MatchSpan, 'field' | 'start' | 'end'>[],
  field: 'title' | 'summary',
  kind: Mark['kind'],
  from: number,
  to: number,
  shift: number,
): Mark[] {
  return spans
    .filter((s) => s.field === field && s.start >= from && s.end <= to && s.end > s.start)
    .map((s) => ({ start: s.start - from + shift, end: s.end - from + shift, kind }));
}

/**
 * The summary, or SNIPPET characters of it around the first matched words (cut at spaces, never
 * inside a surrogate pair), with an ellipsis where it was cut. `shift` is the ellipsis' length.
 */
function snippetOf(summary: string, spans: readonly MatchSpan[]): { snippet: string; from: number; to: number; shift: number } {
  if (summary.length <= SNIPPET) return { snippet: summary, from: 0, to: summary.length, shift: 0 };
  const first = spans.find((s) => s.field === 'summary');
  let from = first ? Math.max(0, first.start - 80) : 0;
  if (from > 0) {
    const space = summary.indexOf(' ', from);
    from = space >= 0 && space < (first?.start ?? from) ? space + 1 : from;
  }
  let to = Math.min(summary.length, from + SNIPPET);
  if (to < summary.length) {
    const space = summary.lastIndexOf(' ', to);
    if (space > from + SNIPPET / 2) to = space;
  }
  if (isLowSurrogate(summary.charCodeAt(from))) from++;
  if (isLowSurrogate(summary.charCodeAt(to))) to--;
  const lead = from > 0 ? '…' : '';
  const tail = to < summary.length ? '…' : '';
  return { snippet: `${lead}${summary.slice(from, to)}${tail}`, from, to, shift: lead.length };
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
