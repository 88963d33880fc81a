/**
 * Entries → NormalisedItem: stable ids, clean absolute links, plain text, honest dates.
 * Identity (what makes two polls' items "the same"): the guid, else the canonical link, else the
 * title with the raw date. Text is HTML turned into text exactly once (tags stripped, entities
 * decoded by the HTML parser, whitespace collapsed); it is plain text, to be escaped where shown.
 */
import { createHash } from 'node:crypto';
import type { SourceConfig } from '../../platform/config/schema.js';
import type { ItemDetails, NormalisedItem } from '../../platform/model.js';
import { checkpoint } from './budget.js';
import { parseFeedDate } from './dates.js';
import { describeEntry } from './item-kinds.js';
import type { FeedEntry, ParsedFeed } from './parse.js';
import { plainText, truncate, wellFormed } from './plain-text.js';
import { canonicalUrl, resolveHttpUrl } from './urls.js';

export { canonicalUrl } from './urls.js';
export { plainText } from './plain-text.js';

export interface NormaliseContext {
  source: SourceConfig;
  /** The URL the feed was fetched from (after redirects): the base for relative links. */
  baseUrl: string;
  now: Date;
}

/*
 * Every field is bounded here, once, so that no publisher's item can be too big to queue (SQS takes
 * 256 KiB a message) or to store and show: a 300 KB link once stopped a whole source group.
 */
const TITLE_MAX = 300;
const SUMMARY_MAX = 400;
/** Longer links are not links a reader can use (browsers and servers refuse them around here), only data. */
export const LINK_MAX = 2048;
/** A title made from the text when the publisher gave none (RSS allows items with only a description). */
const DERIVED_TITLE_MAX = 120;
const AUTHOR_MAX = 200;
const CATEGORY_MAX = 100;
const MAX_CATEGORIES = 20;
/** Details are short labels ("Report stage", a committee's name); a longer one is not a label. */
const DETAIL_MAX = 200;
const FUTURE_TOLERANCE_MS = 10 * 60 * 1000;

export interface NormalisedFeed {
  items: NormalisedItem[];
  /** What was changed on the way that the office should know about, in plain words (for the source's health). */
  warnings: string[];
}

/** Turns one poll's entries into items; the first of several entries with the same id wins. */
export function normaliseEntries(feed: ParsedFeed, ctx: NormaliseContext): NormalisedItem[] {
  return normaliseFeed(feed, ctx).items;
}

/** normaliseEntries, also saying what had to be left out. */
export function normaliseFeed(feed: ParsedFeed, ctx: NormaliseContext): NormalisedFeed {
  const base = resolveHttpUrl(feed.link, ctx.baseUrl) ?? ctx.baseUrl;
  const seen = new Set<string>();
  const items: NormalisedItem[] = [];
  let linksLeftOut = 0;
  for (const entry of feed.entries) {
    checkpoint();
    const normalised = normaliseEntry(entry, base, ctx);
    if (!normalised || seen.has(normalised.item.id)) continue;
    seen.add(normalised.item.id);
    items.push(normalised.item);
    if (normalised.linkTooLong) linksLeftOut += 1;
  }
  const warnings =
    linksLeftOut === 0
      ? []
      : [
          linksLeftOut === 1
            ? `1 item's link is longer than ${LINK_MAX.toLocaleString('en-GB')} characters and was left out (the item is kept without it)`
            : `${linksLeftOut} items' links are longer than ${LINK_MAX.toLocaleString('en-GB')} characters and were left out (the items are kept without them)`,
        ];
  return { items, warnings };
}

function normaliseEntry(entry: FeedEntry, base: string, ctx: NormaliseContext): { item: NormalisedItem; linkTooLong: boolean } | undefined {
  const summary = plainText(entry.summaryHtml ?? '', SUMMARY_MAX) || plainText(entry.contentHtml ?? '', SUMMARY_MAX);
  const canonical = linkOf(entry, base);
  // A link too long to use is no link, but the headline is still news: keep the item, without it.
  const linkTooLong = canonical.length > LINK_MAX;
  const link = linkTooLong ? '' : canonical;
  const title = plainText(entry.title ?? '', TITLE_MAX) || truncate(summary, DERIVED_TITLE_MAX);
  if (!title && !link) return undefined;
  const item: NormalisedItem = {
    // Identity from the canonical link even when it is too long to keep: hashed, its length does not matter.
    id: '',
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
  if (described.details && Object.keys(described.details).length > 0) item.details = boundedDetails(described.details);
  item.id = itemId(ctx.source.id, instrumentIdentity(item) ?? identityOf(entry, canonical, title));
  return { item: wellFormedStrings(item), linkTooLong };
}

/** Every string in the item (text, categories, details) well-formed, last, after any truncation could split a pair. */
function wellFormedStrings<T>(value: T): T {
  if (typeof value === 'string') return wellFormed(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => wellFormedStrings(v)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, wellFormedStrings(v)])) as T;
  }
  return value;
}

function boundedDetails(details: ItemDetails): ItemDetails {
  const bounded: ItemDetails = { ...details };
  for (const key of ['legislationType', 'documentType', 'billStage', 'billHouse', 'committee'] as const) {
    const value = bounded[key];
    if (value !== undefined) bounded[key] = truncate(value, DETAIL_MAX);
  }
  return bounded;
}

/**
 * A statutory instrument or Act is one item however many entries the feed gives it:
 * legislation.gov.uk's publication log lists an SSI's PDF and its XML as two entries with two ids.
 */
function instrumentIdentity(item: NormalisedItem): string | undefined {
  const d = item.details;
  if (item.kind !== 'legislation' || !d?.legislationType || d.year === undefined || d.legislationNumber === undefined) return undefined;
  return `legislation:${d.legislationType}/${d.year}/${d.legislationNumber}`;
}

function identityOf(entry: FeedEntry, link: string, title: string): string {
  const guid = entry.guid?.trim();
  if (guid) return guid;
  if (link) return link;
  return `sha256:${createHash('sha256')
    .update(`${title}\n${entry.published ?? ''}`)
    .digest('hex')}`;
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
