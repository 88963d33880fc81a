/**
 * Entries → NormalisedItem: stable ids, clean absolute links, plain text, honest dates.
 * Identity (what makes two polls' items "the same"): the guid, else the canonical link, else the
 * title with the raw date. Text is HTML turned into text exactly once (tags stripped, entities
 * decoded by the HTML parser, whitespace collapsed); it is plain text, to be escaped where shown.
 */
import { createHash } from 'node:crypto';
import type { SourceConfig } from '../../platform/config/schema.js';
import type { NormalisedItem } from '../../platform/model.js';
import { parseFeedDate } from './dates.js';
import { describeEntry } from './item-kinds.js';
import type { FeedEntry, ParsedFeed } from './parse.js';
import { plainText, truncate } from './plain-text.js';
import { canonicalUrl, resolveHttpUrl } from './urls.js';

export { canonicalUrl } from './urls.js';
export { plainText } from './plain-text.js';

export interface NormaliseContext {
  source: SourceConfig;
  /** The URL the feed was fetched from (after redirects): the base for relative links. */
  baseUrl: string;
  now: Date;
}

const TITLE_MAX = 300;
const SUMMARY_MAX = 400;
/** A title made from the text when the publisher gave none (RSS allows items with only a description). */
const DERIVED_TITLE_MAX = 120;
const AUTHOR_MAX = 200;
const CATEGORY_MAX = 100;
const MAX_CATEGORIES = 30;
const FUTURE_TOLERANCE_MS = 10 * 60 * 1000;

/** Turns one poll's entries into items; the first of several entries with the same id wins. */
export function normaliseEntries(feed: ParsedFeed, ctx: NormaliseContext): NormalisedItem[] {
  const base = resolveHttpUrl(feed.link, ctx.baseUrl) ?? ctx.baseUrl;
  const seen = new Set<string>();
  const items: NormalisedItem[] = [];
  for (const entry of feed.entries) {
    const item = normaliseEntry(entry, base, ctx);
    if (!item || seen.has(item.id)) continue;
    seen.add(item.id);
    items.push(item);
  }
  return items;
}

function normaliseEntry(entry: FeedEntry, base: string, ctx: NormaliseContext): NormalisedItem | undefined {
  const summary = plainText(entry.summaryHtml ?? '', SUMMARY_MAX) || plainText(entry.contentHtml ?? '', SUMMARY_MAX);
  const link = linkOf(entry, base);
  const title = plainText(entry.title ?? '', TITLE_MAX) || truncate(summary, DERIVED_TITLE_MAX);
  if (!title && !link) return undefined;
  const item: NormalisedItem = {
    id: itemId(ctx.source.id, identityOf(entry, link, title)),
    sourceId: ctx.source.id,
    sourceName: ctx.source.name,
    group: ctx.source.group,
    title,
    link,
    summary,
    categories: categoriesOf(entry.categories),
    seenAt: ctx.now.toISOString(),
    ...dateOf(entry.published, ctx.now),
    kind: 'article',
  };
  const author = plainText(entry.author ?? '', AUTHOR_MAX);
  if (author) item.author = author;
  const described = entry.kind
    ? { kind: entry.kind, details: entry.details }
    : describeEntry({ entry, link, title, summary, published: item.dateFlag ? undefined : new Date(item.publishedAt), sourceKind: ctx.source.kind });
  item.kind = described.kind;
  if (described.details && Object.keys(described.details).length > 0) item.details = described.details;
  return item;
}

function identityOf(entry: FeedEntry, link: string, title: string): string {
  const guid = entry.guid?.trim();
  if (guid) return guid;
  if (link) return link;
  return `sha256:${createHash('sha256').update(`${title}\n${entry.published ?? ''}`).digest('hex')}`;
}

function itemId(sourceId: string, identity: string): string {
  return createHash('sha256').update(`${sourceId}\n${identity}`).digest('hex').slice(0, 32);
}

/** The entry's link, else its guid when the guid is an absolute permalink; "" when neither is a web link. */
function linkOf(entry: FeedEntry, base: string): string {
  const fromLink = entry.link ? canonicalUrl(entry.link, base) : undefined;
  const guid = entry.guid?.trim();
  const fromGuid = guid && entry.guidIsPermaLink !== false && /^https?:\/\//i.test(guid) ? canonicalUrl(guid) : undefined;
  const found = fromLink ?? fromGuid;
  return found ? unwrapRedirector(found) : '';
}

/**
 * Google Alerts wrap every link as google.com/url?url=<real link>, and council sites searched with
 * Funnelback as …/s/redirect?url=<real link>; the reader wants the real one.
 */
function unwrapRedirector(link: string): string {
  const url = new URL(link);
  const google = /(^|\.)google\.[a-z.]+$/.test(url.hostname) && url.pathname === '/url';
  const funnelback = url.pathname.endsWith('/s/redirect') && url.searchParams.has('url');
  if (!google && !funnelback) return link;
  const target = url.searchParams.get('url') ?? url.searchParams.get('q');
  return (target && /^https?:\/\//i.test(target) ? canonicalUrl(target) : undefined) ?? link;
}

function dateOf(raw: string | undefined, now: Date): Pick<NormalisedItem, 'publishedAt' | 'dateFlag'> {
  const published = parseFeedDate(raw);
  if (!published) return { publishedAt: now.toISOString(), dateFlag: 'missing' };
  if (published.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) return { publishedAt: now.toISOString(), dateFlag: 'future' };
  return { publishedAt: published.toISOString() };
}

function categoriesOf(categories: string[]): string[] {
  const names = categories.map((c) => plainText(c, CATEGORY_MAX)).filter((c) => c !== '');
  return [...new Set(names)].slice(0, MAX_CATEGORIES);
}
