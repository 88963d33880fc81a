/**
 * One source, end to end: conditional GET through the safe fetcher → decode → read (by the source's
 * kind: a feed, a listing page, the Bills API) → normalise. The poller and `despatch fetch` both
 * call this, so what an operator sees from the command line is exactly what the scheduled poll
 * does. Throws FetchError, FeedParseError, ListingError, BillsApiError or BudgetExceeded, each with `.reason`.
 */
import zlib from 'node:zlib';
import { parliamentSearchKinds, type Config, type SourceConfig } from '../platform/config/schema.js';
import type { NormalisedItem } from '../platform/model.js';
import { FetchError, safeFetch } from './http/safe-fetch.js';
import { formatBytes } from './http/fetch-error.js';
import { DEFAULT_PARSE_BUDGET_MS, withCpuBudget } from './feeds/budget.js';
import { decodeFeedBody, decodeHtmlBody, decodeJsonBody } from './feeds/decode.js';
import { ListingError, parseListing } from './feeds/html-listing.js';
import { normaliseFeed, plainText } from './feeds/normalise.js';
import { FeedParseError, parseFeedText, type ParsedFeed } from './feeds/parse.js';
import { parseBillsResponse } from './parliament/bills.js';
import {
  errorReason,
  ParliamentApiError,
  parliamentWatch,
  sinceDate,
  watchedEntries,
  watchFor,
  type ParliamentReadRequest,
  type ParliamentWatch,
} from './parliament/api.js';
import { memberNameKey, resolveMembers, type MemberCache, type ResolvedMembers, type WatchedMember } from './parliament/members.js';
import { DEFAULT_MEMBERS_API } from '../platform/config/schema.js';
import { withStageChanges, type BillStages } from './parliament/bill-stages.js';
import { readWrittenQuestions } from './parliament/written-questions.js';
import { readWrittenStatements } from './parliament/written-statements.js';
import { readHansard } from './parliament/hansard.js';
import { readEarlyDayMotions } from './parliament/edm.js';
import { readCommittees } from './parliament/committees.js';

export interface SourceFetchState {
  etag?: string;
  lastModified?: string;
  /** When the source was last read successfully: the Parliament kinds ask only for what is new since that day. */
  lastSuccessAt?: string;
  /** Bill sources: each bill's stage at the last poll (see withStageChanges). */
  billStages?: BillStages;
}

export type SourceFetchOutcome =
  | { kind: 'not-modified' }
  | {
      kind: 'ok';
      items: NormalisedItem[];
      etag?: string;
      lastModified?: string;
      feedTitle?: string;
      /** What reading the feed had to work around (links left out, ...), in plain words, for the source's health. */
      warnings?: string[];
      /**
       * Set when the document was ill-formed or cut short and was read after repair (what was wrong):
       * its items are kept, but its validators must not be, or the rest stays hidden behind 304s.
       */
      repaired?: string;
      /** Bill sources: each bill's stage now, for the next poll to say from what to what. */
      billStages?: BillStages;
    };

export interface SourceFetchDeps {
  /** The network settings a single fetch needs (the per-host limit is the poller's business). */
  network: Omit<Config['network'], 'perHostConcurrency'>;
  now: Date;
  fetch?: typeof safeFetch;
  /** What the Parliament kinds search for when a source names no terms or members (parliamentWatch(config)). */
  watch?: ParliamentWatch;
}

const FEED_ACCEPT = 'application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.1';
const HTML_ACCEPT = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.1';
const JSON_ACCEPT = 'application/json, */*;q=0.1';
/** A silent server should fail well before the total timeout, so one stuck source is noticed sooner. */
const MAX_IDLE_MS = 10_000;
const GZIP_MAGIC = [0x1f, 0x8b];
const HANSARD_OVERLAP_DAYS = 3;

/** Publishers ask for a way to reach whoever is polling them. */
export function despatchUserAgent(contact: string): string {
  return `Despatch/0.1 (+media monitoring for a council Mayor's office; contact: ${contact})`;
}

export async function fetchSource(source: SourceConfig, state: SourceFetchState, deps: SourceFetchDeps): Promise<SourceFetchOutcome> {
  if (isParliamentSearch(source.kind)) return fetchParliament(source, source.kind, state, deps);
  const fetch = deps.fetch ?? safeFetch;
  const timeoutMs = deps.network.timeoutSeconds * 1000;
  const result = await fetch(source.url, {
    allowPrivateHosts: deps.network.allowPrivateHosts,
    userAgent: despatchUserAgent(deps.network.contact),
    timeoutMs,
    idleTimeoutMs: Math.min(timeoutMs, MAX_IDLE_MS),
    maxBodyBytes: deps.network.maxBodyBytes,
    etag: state.etag,
    lastModified: state.lastModified,
    accept: acceptFor(source.kind),
  });
  if (result.status === 'not-modified') return { kind: 'not-modified' };
  const body = gunzipUndeclared(result.body, deps.network.maxBodyBytes);
  // Within the source's CPU budget: an expensive document throws BudgetExceeded (with a reason) here.
  const { feed, normalised, billStages } = await withCpuBudget(source.parseBudgetMs ?? DEFAULT_PARSE_BUDGET_MS, async () => {
    const parsed = await read(source, body, result.contentType);
    // Bills (the Bills API, Parliament's p4:stage RSS): a stage change says what the bill moved from.
    const bills = parsed.entries.some((e) => e.kind === 'bill') ? withStageChanges(parsed.entries, state.billStages) : undefined;
    const feed = bills ? { ...parsed, entries: bills.entries } : parsed;
    return { feed, normalised: normaliseFeed(feed, { source, baseUrl: result.finalUrl, now: deps.now }), billStages: bills?.stages };
  });
  const outcome: SourceFetchOutcome = { kind: 'ok', items: normalised.items, ...(billStages ? { billStages } : {}) };
  if (normalised.warnings.length > 0) outcome.warnings = normalised.warnings;
  if (feed.repaired) outcome.repaired = feed.repaired;
  const feedTitle = feed.title ? plainText(feed.title, 300) : '';
  if (result.etag) outcome.etag = result.etag;
  if (result.lastModified) outcome.lastModified = result.lastModified;
  if (feedTitle) outcome.feedTitle = feedTitle;
  return outcome;
}

function isParliamentSearch(kind: SourceConfig['kind']): kind is (typeof parliamentSearchKinds)[number] {
  return (parliamentSearchKinds as readonly string[]).includes(kind);
}

/**
 * The Parliament APIs are asked several questions per poll (one per term, member and window), each
 * a plain GET through the same fetcher, User-Agent and limits as a feed. They offer no validators,
 * so nothing is conditional: "since" the last good poll's day is what keeps each poll small.
 */
async function fetchParliament(
  source: SourceConfig,
  kind: (typeof parliamentSearchKinds)[number],
  state: SourceFetchState,
  deps: SourceFetchDeps,
): Promise<SourceFetchOutcome> {
  const get = jsonGetter(deps);
  const watch = watchFor(source, deps.watch);
  if (watch.terms.length === 0 && watch.members.length === 0 && !source.departments?.length)
    throw new ParliamentApiError('this source has no terms or members to search for: give terms or members, or parliament.members in the configuration');
  const request = { source, watch, get, reasonOf: errorReason };
  // Hansard has no "updated since": its text is revised for days, so a trailing window is read again.
  const since = sinceDate(state.lastSuccessAt, source, deps.now, kind === 'hansard' ? HANSARD_OVERLAP_DAYS : 0);
  const read = await PARLIAMENT_READERS[kind]({ ...request, since, now: deps.now });
  const normalised = normaliseFeed(read.feed, { source, baseUrl: source.url, now: deps.now });
  const unresolved = (source.members ?? []).filter((m): m is string => typeof m === 'string' && watch.idOf?.(m) === undefined);
  const warnings = [
    ...(unresolved.length > 0 ? [`not watching ${unresolved.map((m) => `"${m}"`).join(', ')}: not found as a member (see "despatch sources")`] : []),
    ...read.warnings,
    ...normalised.warnings,
  ];
  return {
    kind: 'ok',
    items: withMembersParty(normalised.items, watch.people ?? []),
    ...(warnings.length > 0 ? { warnings } : {}),
    ...(read.feed.title ? { feedTitle: read.feed.title } : {}),
  };
}

/**
 * A plain GET of JSON through the same fetcher, User-Agent and limits as a feed. The Parliament APIs
 * offer no validators, so nothing is conditional.
 */
function jsonGetter(deps: Pick<SourceFetchDeps, 'network' | 'fetch'>): (url: string) => Promise<string> {
  const fetch = deps.fetch ?? safeFetch;
  const timeoutMs = deps.network.timeoutSeconds * 1000;
  return async (url) => {
    const result = await fetch(url, {
      allowPrivateHosts: deps.network.allowPrivateHosts,
      userAgent: despatchUserAgent(deps.network.contact),
      timeoutMs,
      idleTimeoutMs: Math.min(timeoutMs, MAX_IDLE_MS),
      maxBodyBytes: deps.network.maxBodyBytes,
      accept: JSON_ACCEPT,
    });
    // Nothing was sent to make a 304 possible; a server answering one anyway has sent nothing to read.
    return result.status === 'ok' ? decodeJsonBody(gunzipUndeclared(result.body, deps.network.maxBodyBytes)) : '{}';
  };
}

/**
 * The watch every Parliament source of this configuration starts from: its terms, and its members
 * (parliament.members and the sources' own) resolved through the Members API — from the cache when
 * under a week old. Never throws for a name: what each entry came to is in `resolved.lookups`.
 */
export async function watchForConfig(
  config: Pick<Config, 'council' | 'places' | 'mayor' | 'sources' | 'parliament'>,
  deps: Pick<SourceFetchDeps, 'network' | 'fetch' | 'now'> & { cache?: MemberCache },
): Promise<{ watch: ParliamentWatch; resolved: ResolvedMembers }> {
  const resolved = await resolveMembers(watchedEntries(config), {
    baseUrl: config.parliament?.membersApi ?? DEFAULT_MEMBERS_API,
    get: jsonGetter(deps),
    reasonOf: errorReason,
    now: deps.now,
    ...(deps.cache ? { cache: deps.cache } : {}),
  });
  return { watch: parliamentWatch(config, resolved), resolved };
}

/**
 * Hansard names a party only for backbenchers (ministers by role), EDMs and questions only when
 * expanded: an item by a watched member that lacks the party gets it from the Members API.
 */
function withMembersParty(items: NormalisedItem[], people: readonly WatchedMember[]): NormalisedItem[] {
  if (people.length === 0) return items;
  const byName = new Map(people.filter((p) => p.party).map((p) => [memberNameKey(p.name), p.party as string]));
  return items.map((item) => {
    const member = item.details?.member;
    const party = member && !item.details?.party ? byName.get(memberNameKey(member)) : undefined;
    return party ? { ...item, details: { ...item.details, party } } : item;
  });
}

/** Each Parliament search kind's reader (declared with parliamentSource in shared/ingest/parliament/). */
const PARLIAMENT_READERS: Record<
  (typeof parliamentSearchKinds)[number],
  (request: ParliamentReadRequest) => Promise<{ feed: ParsedFeed; warnings: string[] }>
> = {
  'written-questions': readWrittenQuestions,
  'written-statements': readWrittenStatements,
  hansard: readHansard,
  edm: readEarlyDayMotions,
  committees: readCommittees,
};

function acceptFor(kind: SourceConfig['kind']): string {
  if (kind === 'html') return HTML_ACCEPT;
  if (kind === 'parliament-bills') return JSON_ACCEPT;
  return FEED_ACCEPT;
}

/** The body as entries, read the way the source's kind says. Feeds (rss, atom, rdf, moderngov) are told apart by their root element. */
async function read(source: SourceConfig, body: Buffer, contentType: string | undefined): Promise<ParsedFeed> {
  switch (source.kind) {
    case 'html': {
      if (!source.selectors) throw new ListingError('this html source has no selectors in the configuration');
      return parseListing(decodeHtmlBody(body, contentType), source.selectors);
    }
    case 'parliament-bills':
      return parseBillsResponse(decodeJsonBody(body));
    case 'rss':
    case 'atom':
    case 'rdf':
    case 'moderngov':
      return parseFeedText(decodeFeedBody(body, contentType));
    case 'written-questions':
    case 'written-statements':
    case 'hansard':
    case 'edm':
    case 'committees':
      // Read by fetchParliament, query by query; never one document.
      throw new ParliamentApiError(`a ${source.kind} source is read through its API, not as one document`);
  }
}

/**
 * Some servers send a gzip file (feed.xml.gz) without Content-Encoding. The bytes cannot be a feed
 * as they stand (a feed never starts 1F 8B), so decompress them, under the same size cap.
 */
function gunzipUndeclared(body: Buffer, maxBytes: number): Buffer {
  if (!GZIP_MAGIC.every((byte, i) => body[i] === byte)) return body;
  try {
    return zlib.gunzipSync(body, { maxOutputLength: maxBytes });
  } catch (error) {
    if (error instanceof RangeError) throw new FetchError('too-large', `response larger than ${formatBytes(maxBytes)}`, { cause: error });
    throw new FeedParseError('the server sent compressed data that could not be decompressed', { cause: error });
  }
}
