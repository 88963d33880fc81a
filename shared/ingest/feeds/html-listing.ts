/**
 * A listing page without a feed (a council's press releases, a newsroom), read with the CSS
 * selectors from the configuration: `item` finds each story on the page; `title`, `link`, `date`
 * and `summary` are looked for inside it. The result is a ParsedFeed, so identity, links, text and
 * dates are normalised exactly as for feeds. A page where the item selector finds nothing fails
 * with a reason that says why, so a changed layout or a bot check is noticed rather than read as
 * "no news".
 */
// cheerio/slim plus parse5 through its htmlparser2 tree adapter is exactly what cheerio's main entry
// does for a string, without the main entry's fromURL/stream helpers, which pull undici and two more
// copies of the iconv-lite tables into the poller's bundle (about 1.5 MB).
import { load, type Cheerio, type CheerioAPI } from 'cheerio/slim';
import { parse as parseHtml } from 'parse5';
import { adapter as htmlparser2Adapter } from 'parse5-htmlparser2-tree-adapter';
import type { AnyNode } from 'domhandler';
import type { SourceConfig } from '../../platform/config/schema.js';
import type { FeedEntry, ParsedFeed } from './parse.js';
import { checkpoint } from './budget.js';
import { parseFeedDate } from './dates.js';
import { readWrittenDate } from './uk-dates.js';
import { escapeHtml } from './xml-nodes.js';
import { nestsDeeperThan } from './xml-text.js';

export type ListingSelectors = NonNullable<SourceConfig['selectors']>;

export class ListingError extends Error {
  readonly reason: string;
  constructor(reason: string, options?: { cause?: unknown }) {
    super(reason, options);
    this.name = 'ListingError';
    this.reason = reason;
  }
}

/** A page lists a few dozen stories; more than this is a selector matching far too much. */
const MAX_ITEMS = 300;
/**
 * Real pages nest a few dozen elements deep. The HTML parser and the selector engine recurse per
 * level (100k nested <div> took 75 s), so depth is checked first, by a linear scan.
 */
const MAX_HTML_DEPTH = 500;

/** What bot checks look like when they are served instead of the page (Cloudflare, Imperva, DataDome, Akamai). */
const CHALLENGE_TITLES =
  /^(just a moment|attention required|access denied|verifying you are human|checking your browser|please wait|pardon our interruption|one more step)\b/i;
const CHALLENGE_MARKERS = /cf_chl_opt|cf-browser-verification|_Incapsula_Resource|captcha-delivery\.com|Enable JavaScript and cookies to continue/i;

/** Reads the stories on a listing page; throws ListingError with a plain reason when it cannot. */
export function parseListing(html: string, selectors: ListingSelectors): ParsedFeed {
  if (nestsDeeperThan(html, MAX_HTML_DEPTH, { html: true })) {
    throw new ListingError(`the page's elements are nested more than ${MAX_HTML_DEPTH} deep, which no real listing page is: not read`);
  }
  const $ = load(parseHtml(html, { treeAdapter: htmlparser2Adapter }));
  const pageTitle = $('title').first().text().replace(/\s+/g, ' ').trim().slice(0, 120);
  const items = select(() => $(selectors.item), 'item', selectors.item);
  if (items.length === 0) throw new ListingError(nothingFound($, html, pageTitle, selectors.item));

  const entries: FeedEntry[] = [];
  items.slice(0, MAX_ITEMS).each((_, element) => {
    checkpoint();
    const entry = readItem($, $(element), selectors);
    if (entry) entries.push(entry);
  });
  if (entries.length === 0) {
    throw new ListingError(
      `the item selector "${selectors.item}" found ${items.length} element(s), but none had a title or a link: check the title selector "${selectors.title}" and the link selector "${selectors.link}"`,
    );
  }
  const feed: ParsedFeed = { entries };
  if (pageTitle) feed.title = pageTitle;
  const base = $('base[href]').first().attr('href')?.trim();
  if (base) feed.link = base;
  return feed;
}

function nothingFound($: CheerioAPI, html: string, pageTitle: string, selector: string): string {
  if (CHALLENGE_TITLES.test(pageTitle) || CHALLENGE_MARKERS.test(html.slice(0, 200_000))) {
    return `the site answered with a bot check${pageTitle ? ` ("${pageTitle}")` : ''} instead of the page: it blocks automatic readers, so ask the publisher for a feed or try another address`;
  }
  if ($('body').text().trim() === '') return 'the page is empty (no text in its body)';
  return `no items found with the item selector "${selector}"${pageTitle ? ` on the page titled "${pageTitle}"` : ''}: the page may have changed its layout, or this is not the listing page`;
}

function readItem($: CheerioAPI, item: Cheerio<AnyNode>, selectors: ListingSelectors): FeedEntry | undefined {
  const titleElement = within(item, selectors.title, 'title');
  const summaryElement = selectors.summary ? within(item, selectors.summary, 'summary') : undefined;
  const title = titleElement ? titleText($, titleElement, selectors.summary) : '';
  const link = linkOf(within(item, selectors.link, 'link'));
  if (!title && !link) return undefined;
  const entry: FeedEntry = { categories: [] };
  // Titles are plain text here; escaped so that normalising (which reads HTML) gives the same text back.
  if (title) entry.title = escapeHtml(title);
  if (link) entry.link = link;
  const summary = summaryElement?.html()?.trim();
  if (summary) entry.summaryHtml = summary;
  const date = selectors.date ? dateOf(within(item, selectors.date, 'date')) : undefined;
  if (date) entry.published = date;
  return entry;
}

/** The first match inside the item, or the item itself when it is what the selector names. */
function within(item: Cheerio<AnyNode>, selector: string, role: string): Cheerio<AnyNode> | undefined {
  const found = select(() => item.find(selector).first(), role, selector);
  if (found.length > 0) return found;
  return select(() => item.is(selector), role, selector) ? item : undefined;
}

/** Cheerio throws on a selector it cannot read; say which one, in words. */
function select<T>(run: () => T, role: string, selector: string): T {
  try {
    return run();
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new ListingError(`the ${role} selector "${selector}" is not a CSS selector that can be used (${detail})`, { cause: error });
  }
}

/** The title's text without the summary, when a page nests the summary inside the title's element. */
function titleText($: CheerioAPI, element: Cheerio<AnyNode>, summarySelector: string | undefined): string {
  const copy = element.clone();
  if (summarySelector) {
    try {
      copy.find(summarySelector).remove();
    } catch {
      // An unusable summary selector is reported where the summary is read.
    }
  }
  copy.find('script, style, noscript, template').remove();
  const text = copy.text().replace(/\s+/g, ' ').trim();
  return text || ($(element).attr('title') ?? '').trim();
}

/** An <a href> is the link; otherwise the first link inside the element, or the link around it. */
function linkOf(element: Cheerio<AnyNode> | undefined): string | undefined {
  if (!element) return undefined;
  const own = element.attr('href');
  if (own?.trim()) return own.trim();
  const inside = element.find('a[href]').first().attr('href') ?? element.closest('a[href]').attr('href');
  return inside?.trim() || undefined;
}

/** A machine date when the page gives one (<time datetime>), else the text as people read it. */
function dateOf(element: Cheerio<AnyNode> | undefined): string | undefined {
  if (!element) return undefined;
  const machine = (element.attr('datetime') ?? element.attr('content') ?? element.find('time[datetime]').first().attr('datetime'))?.trim();
  const text = element.text().replace(/\s+/g, ' ').trim();
  for (const candidate of [machine, text]) {
    if (!candidate) continue;
    const read = readWrittenDate(candidate) ?? parseFeedDate(candidate);
    if (read) return read.toISOString();
  }
  return text || machine || undefined;
}
