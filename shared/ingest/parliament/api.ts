/**
 * What the Parliament API readers (written questions, written statements, Hansard) share: one
 * polite GET of JSON (the fetcher's identifying User-Agent, its size and time limits), paging
 * followed to a cap, the "since" date a poll asks from, the watched terms and members, per-record
 * validation (a malformed record is counted and named, the rest kept), and London dates.
 *
 * Unlike a feed, these sources ask several questions per poll (one per term and per member), so a
 * query that fails (the Written Questions API answers HTTP 500 for some terms) is a warning on the
 * source, not its failure, unless every query failed.
 */
import type * as z from 'zod';
import { DEFAULT_MAX_AGE_DAYS, type Config, type SourceConfig } from '../../platform/config/schema.js';
import { londonDate, londonWallTimeToInstant } from '../../platform/time.js';
import type { FeedEntry, ParsedFeed } from '../feeds/parse.js';
import { plainText } from '../feeds/plain-text.js';
import type { ResolvedMembers, WatchedMember } from './members.js';

export class ParliamentApiError extends Error {
  readonly reason: string;
  constructor(reason: string, options?: { cause?: unknown }) {
    super(reason, options);
    this.name = 'ParliamentApiError';
    this.reason = reason;
  }
}

/** GETs a URL and gives the decoded body; the caller's fetcher carries the User-Agent and limits. */
export type GetText = (url: string) => Promise<string>;

/** What a source watches for when it names no terms or members of its own (see parliamentWatch). */
export interface ParliamentWatch {
  terms: string[];
  members: number[];
  /** The watched members as the Members API describes them: an item by one of them that lacks the party gets it. */
  people?: readonly WatchedMember[];
  /** A member id for an entry given by name or constituency (a source's own `members`); undefined when unresolved. */
  idOf?: (given: number | string) => number | undefined;
}

/**
 * The default watch from the configuration: the council's names, its places and the Mayor's names
 * (what the office is asked about), and `parliament.members` (the borough's MPs and peers): ids as
 * given, names and constituencies as the Members API resolved them (`resolved`; left out without it).
 */
export function parliamentWatch(
  config: Pick<Config, 'council' | 'places' | 'mayor'> & { parliament?: { members: readonly (number | string)[] } | undefined },
  resolved?: Pick<ResolvedMembers, 'members' | 'idOf'>,
): ParliamentWatch {
  const terms = [config.council.name, config.council.short, ...config.places, config.mayor.name, ...config.mayor.aliases];
  const idOf = resolved?.idOf ?? ((given: number | string) => (typeof given === 'number' ? given : undefined));
  return { terms: unique(terms), members: memberIds(config.parliament?.members ?? [], idOf), people: resolved?.members ?? [], idOf };
}

/** The source's own terms and members, else the defaults; an empty list given on the source means none. */
export function watchFor(source: Pick<SourceConfig, 'terms' | 'members'>, defaults: ParliamentWatch | undefined): ParliamentWatch {
  const idOf = defaults?.idOf ?? ((given: number | string) => (typeof given === 'number' ? given : undefined));
  return {
    terms: unique(source.terms ?? defaults?.terms ?? []),
    members: source.members ? memberIds(source.members, idOf) : [...new Set(defaults?.members ?? [])],
    people: defaults?.people ?? [],
    idOf,
  };
}

/** Every entry given that names someone found, as ids, once each (unresolved names are reported by the resolver). */
function memberIds(given: readonly (number | string)[], idOf: (given: number | string) => number | undefined): number[] {
  return [...new Set(given.map(idOf).filter((id): id is number => id !== undefined))];
}

/** Every entry of parliament.members and of the sources' own `members`: what the resolver is asked for. */
export function watchedEntries(config: {
  sources: readonly { members?: readonly (number | string)[] | undefined }[];
  parliament?: { members: readonly (number | string)[] } | undefined;
}): (number | string)[] {
  return [...new Set([...(config.parliament?.members ?? []), ...config.sources.flatMap((s) => s.members ?? [])])];
}

function unique(terms: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const term of terms.map((t) => t.trim()).filter(Boolean)) {
    const key = term.toLowerCase();
    if (!seen.has(key)) out.push(term);
    seen.add(key);
  }
  return out;
}

const DAY_MS = 86_400_000;

/**
 * The first day a poll asks about (YYYY-MM-DD, London): the day of the last successful poll, with
 * `overlapDays` before it (Hansard has no "updated since", so its text is re-read over a trailing
 * window); on a first poll, the source's age limit back, since older items are skipped anyway.
 * Dates are calendar dates in London, so the day of the last success is asked again: an item
 * published later that day is not missed, and one already seen is still on the source's seen list.
 */
export function sinceDate(lastSuccessAt: string | undefined, source: Pick<SourceConfig, 'maxAgeDays'>, now: Date, overlapDays = 0): string {
  const last = lastSuccessAt ? Date.parse(lastSuccessAt) : Number.NaN;
  const from =
    Number.isFinite(last) && last <= now.getTime()
      ? last - overlapDays * DAY_MS
      : now.getTime() - (source.maxAgeDays ?? DEFAULT_MAX_AGE_DAYS.parliament) * DAY_MS;
  return londonDate(new Date(from));
}

/** A term as a phrase: the APIs split words and AND them ("age assurance" matched near everything). */
export function phrase(term: string): string {
  return term.includes(' ') ? `"${term.replace(/"/g, '')}"` : term;
}

/** A base URL (the source's url) with a path and parameters; the base may carry a path prefix of its own. */
export function apiUrl(base: string, path: string, params: Record<string, string | number | boolean | undefined>): string {
  const url = new URL(base);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}${path}`;
  url.search = '';
  for (const [key, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(key, String(value));
  return url.toString();
}

/** Reads JSON, naming the API in the reason when the answer is a web page or not JSON at all. */
export function parseJson(text: string, api: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const looksHtml = /^\s*</.test(text);
    throw new ParliamentApiError(looksHtml ? `the ${api} sent a web page instead of JSON` : `the ${api} sent something that is not JSON`, { cause: error });
  }
}

/** The envelope must have its shape (else the answer is not what we asked for); reason names the field. */
export function parseEnvelope<T extends z.ZodType>(json: unknown, schema: T, api: string): z.infer<T> {
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.map(String).join('.') : 'the answer';
    throw new ParliamentApiError(`the ${api} answered in an unexpected shape (${where}: ${issue?.message ?? 'invalid'})`, { cause: parsed.error });
  }
  return parsed.data;
}

/** Records one at a time: a malformed record is left out and said (its place and the first problem), never fatal. */
export function parseRecords<T extends z.ZodType>(
  records: readonly unknown[],
  schema: T,
  where: (i: number) => string,
): { records: z.infer<T>[]; problems: string[] } {
  const out: z.infer<T>[] = [];
  const problems: string[] = [];
  records.forEach((record, i) => {
    const parsed = schema.safeParse(record);
    if (parsed.success) {
      out.push(parsed.data);
      return;
    }
    const issue = parsed.error.issues[0];
    const path = [where(i), ...(issue?.path ?? []).map(String)].join('.');
    problems.push(`${path}: ${issue?.message ?? 'invalid'}`);
  });
  return { records: out, problems };
}

/** One query's pages, each page's records and problems in order, until a short page, the total, or the cap. */
export interface Paged<R> {
  records: R[];
  problems: string[];
  /** Set when the cap stopped paging before the API's total. */
  truncated?: boolean;
}

export interface PageRequest {
  skip: number;
  take: number;
}

/**
 * Follows skip/take paging: `page` fetches one page and says its records (raw), the total the API
 * reports, and how to read each record. Stops on an empty or short page, at the total, or after
 * `maxPages` (a loose search can match tens of thousands; the newest come first).
 */
export async function followPages<R>(
  page: (
    request: PageRequest,
  ) => Promise<{ raw: readonly unknown[]; total?: number | null; read: (raw: readonly unknown[], skip: number) => { records: R[]; problems: string[] } }>,
  take: number,
  maxPages: number,
): Promise<Paged<R>> {
  const records: R[] = [];
  const problems: string[] = [];
  for (let n = 0; n < maxPages; n++) {
    const skip = n * take;
    const answer = await page({ skip, take });
    const read = answer.read(answer.raw, skip);
    records.push(...read.records);
    problems.push(...read.problems);
    const total = answer.total ?? undefined;
    if (answer.raw.length < take || (total !== undefined && skip + answer.raw.length >= total)) return { records, problems };
  }
  return { records, problems, truncated: true };
}

/**
 * Runs each query, keeping what the others found when one fails: a failed query is a warning that
 * names it ('searching "Deptford": HTTP 500'); when every query fails, the source fails with the first reason.
 */
export async function runQueries<R>(
  queries: readonly { label: string; run: () => Promise<Paged<R>> }[],
  reasonOf: (error: unknown) => string,
): Promise<{ records: R[]; warnings: string[] }> {
  const records: R[] = [];
  const warnings: string[] = [];
  const failures: unknown[] = [];
  const problems: string[] = [];
  for (const query of queries) {
    try {
      const paged = await query.run();
      records.push(...paged.records);
      problems.push(...paged.problems);
      if (paged.truncated) warnings.push(`${query.label}: more results than one poll reads; the newest were taken`);
    } catch (error) {
      failures.push(error);
      warnings.push(`${query.label} failed: ${reasonOf(error)}`);
    }
  }
  if (queries.length > 0 && failures.length === queries.length) throw failures[0];
  if (problems.length > 0)
    warnings.unshift(
      `${problems.length} malformed record${problems.length === 1 ? '' : 's'} left out (${problems.slice(0, 3).join('; ')}${problems.length > 3 ? '; …' : ''})`,
    );
  return { records, warnings };
}

/**
 * The APIs write times without a zone ("2026-11-18T00:00:00"); Parliament keeps London time, so a
 * zone-less time is read on London's clock and a date is midnight in London, never UTC's.
 */
export function londonInstant(text: string | null | undefined): string | undefined {
  const trimmed = text?.trim();
  if (!trimmed) return undefined;
  if (/(Z|[+-]\d{2}:?\d{2})$/i.test(trimmed)) {
    const time = Date.parse(trimmed);
    return Number.isFinite(time) ? new Date(time).toISOString() : undefined;
  }
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/.exec(trimmed);
  if (!match) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = match;
  const at = londonWallTimeToInstant(Number(y), Number(mo), Number(d), Number(h), Number(mi));
  return new Date(at.getTime() + Number(s) * 1000).toISOString();
}

/** The calendar day a zone-less date names ("2026-11-18T00:00:00" → "2026-11-18"), as written, never through UTC. */
export function dayOf(text: string | null | undefined): string | undefined {
  const match = /^\s*(\d{4}-\d{2}-\d{2})/.exec(text ?? '');
  return match?.[1];
}

/** Plain text from the APIs' HTML or text, bounded: entities decoded once, tags stripped, whitespace collapsed. */
export function plain(text: string | null | undefined, max: number): string {
  return plainText(text ?? '', max);
}

/** A local check that a phrase really is in the text (the APIs' search splits phrases into words). */
export function mentions(text: string, term: string): boolean {
  const escaped = term
    .trim()
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/\s+/g, '\\s+');
  return new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}($|[^\\p{L}\\p{N}])`, 'iu').test(text);
}

/** About `radius` characters either side of the first mention of any term, on word boundaries; else the start. */
export function snippetAround(text: string, terms: readonly string[], radius = 140): string {
  let at = -1;
  for (const term of terms) {
    const escaped = term
      .trim()
      .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      .replace(/\s+/g, '\\s+');
    if (!escaped) continue;
    const match = new RegExp(escaped, 'iu').exec(text);
    if (match && (at < 0 || match.index < at)) at = match.index;
  }
  if (at < 0 || text.length <= radius * 2) return text.length <= radius * 2 ? text : `${text.slice(0, radius * 2).replace(/\s+\S*$/, '')} …`;
  let start = Math.max(0, at - radius);
  let end = Math.min(text.length, at + radius);
  if (start > 0) start = text.indexOf(' ', start) + 1 || start;
  if (end < text.length) end = text.lastIndexOf(' ', end) > at ? text.lastIndexOf(' ', end) : end;
  return `${start > 0 ? '… ' : ''}${text.slice(start, end).trim()}${end < text.length ? ' …' : ''}`;
}

/** The plain reason an error carries (FetchError, ParliamentApiError), else its message. */
export function errorReason(error: unknown): string {
  if (error && typeof error === 'object' && 'reason' in error && typeof error.reason === 'string') return error.reason;
  return error instanceof Error ? error.message : String(error);
}

/** One question a source asks its API each poll: the label names it in warnings; params are added to the paging. */
export interface ParliamentQuery {
  label: string;
  params: Record<string, string | number | boolean | undefined>;
  /** Another path than the kind's own (committees ask for publications and inquiries). */
  path?: string;
  /** Stop paging once a page has a record this says is past what is wanted (results come sorted). */
  stopAfter?: (record: unknown) => boolean;
}

/** What a Parliament reader is asked to do on one poll. */
export interface ParliamentReadRequest {
  source: Pick<SourceConfig, 'url'> & Partial<Pick<SourceConfig, 'departments' | 'signatures' | 'maxAgeDays'>>;
  watch: ParliamentWatch;
  /** YYYY-MM-DD: the first day to ask about (see sinceDate). */
  since: string;
  get: GetText;
  reasonOf: (error: unknown) => string;
  now?: Date;
}

/**
 * A Parliament source kind, declared: where its API is, how its envelope gives records and a total,
 * how a record is validated, which queries a poll makes, and how a record becomes an entry. The
 * builder owns the rest: paging (skip/take under the API's own parameter names), the per-query
 * warnings, per-record reasons, and one entry per identity (the last found wins unless `prefer` says).
 */
export interface ParliamentKind<R> {
  /** In reasons: "the Hansard API sent a web page instead of JSON". */
  api: string;
  path: string;
  feedTitle: string;
  paging: { skip: string; take: string; size: number; maxPages: number };
  /** The envelope: its records (raw) and the total, else a ParliamentApiError naming the field (see parseEnvelope). */
  envelope: (json: unknown) => { raw: readonly unknown[]; total?: number | null; where: string };
  /** A record; its issues' paths follow `where.i` in reasons. */
  record: z.ZodType<R>;
  queries: (request: ParliamentReadRequest) => ParliamentQuery[];
  /** Work a kind does on the records before entries (fetching full texts); may add warnings. */
  enrich?: (records: R[], request: ParliamentReadRequest, warnings: string[]) => Promise<R[]>;
  /** The entries a record makes (none: left out, e.g. withdrawn or not really mentioning a term). */
  toEntries: (record: R, request: ParliamentReadRequest) => FeedEntry[];
  /** Which of two entries with one guid to keep; default the later. */
  prefer?: (existing: FeedEntry, candidate: FeedEntry) => FeedEntry;
}

/** The reader for a declared kind: every query run and paged, the entries one per guid. */
export function parliamentSource<R>(kind: ParliamentKind<R>): (request: ParliamentReadRequest) => Promise<{ feed: ParsedFeed; warnings: string[] }> {
  return async (request) => {
    const queries = kind.queries(request).map((query) => ({
      label: query.label,
      run: () => followPages((page) => readPage(kind, request, query, page), kind.paging.size, kind.paging.maxPages),
    }));
    const found = await runQueries(queries, request.reasonOf);
    const records = kind.enrich ? await kind.enrich(found.records, request, found.warnings) : found.records;
    const entries = new Map<string, FeedEntry>();
    for (const record of records)
      for (const entry of kind.toEntries(record, request)) {
        const key = entry.guid ?? '';
        const existing = entries.get(key);
        entries.set(key, existing && kind.prefer ? kind.prefer(existing, entry) : entry);
      }
    return { feed: { title: kind.feedTitle, entries: [...entries.values()] }, warnings: found.warnings };
  };
}

async function readPage<R>(kind: ParliamentKind<R>, request: ParliamentReadRequest, query: ParliamentQuery, page: PageRequest) {
  const params = { ...query.params, [kind.paging.skip]: page.skip, [kind.paging.take]: page.take };
  const text = await request.get(apiUrl(request.source.url, query.path ?? kind.path, params));
  const envelope = kind.envelope(parseJson(text, kind.api));
  const stopAt = query.stopAfter ? envelope.raw.findIndex((r) => query.stopAfter?.(r)) : -1;
  // A sorted query that has passed what it wants reads this page up to there and asks for no more.
  const raw = stopAt >= 0 ? envelope.raw.slice(0, stopAt) : envelope.raw;
  return {
    raw,
    total: stopAt >= 0 ? page.skip + stopAt : envelope.total,
    read: (records: readonly unknown[], skip: number) => parseRecords(records, kind.record, (i) => `${envelope.where}.${skip + i}`),
  };
}
