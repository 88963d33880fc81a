/**
 * Feed text → entries, for RSS 2.0, RSS 0.9x, RSS 1.0 / 0.90 (RDF) and Atom (1.0 and 0.3).
 * Flow: find the root (refusing HTML, empty and non-feed documents with a clear reason) → strict
 * parse with rss-parser's `parseString` → if the XML is ill-formed, repair once and parse again →
 * read each entry from the raw elements (custom fields) rather than rss-parser's convenience
 * fields, which lose attributes (Atom text types, isPermaLink) and un-escape snippets.
 *
 * Every failure is a FeedParseError with a plain reason; nothing else escapes.
 */
import Parser from 'rss-parser';
import rssParserUtils from 'rss-parser/lib/utils.js';
import type { ItemDetails, ItemKind } from '../../platform/model.js';
import { BudgetExceeded, checkpoint } from './budget.js';
import { parseFeedDate } from './dates.js';
import { nestsDeeperThan, repairXml, scanProlog } from './xml-text.js';
import { plainText } from './plain-text.js';
import { attribute, escapeHtml, firstText, isNode, ownText, textContent, valuesOf, type XmlNode } from './xml-nodes.js';
import { readXmlTree } from './xml-tree.js';

export interface FeedEntry {
  guid?: string;
  /** Markup is possible here (RSS titles often carry entities or tags); treat as HTML. */
  title?: string;
  link?: string;
  summaryHtml?: string;
  contentHtml?: string;
  author?: string;
  categories: string[];
  /** raw date text */
  published?: string;
  /** False when the publisher says the guid is not a link (RSS isPermaLink="false"). */
  guidIsPermaLink?: boolean;
  /** legislation.gov.uk's ukm: metadata, as written (e.g. "UnitedKingdomStatutoryInstrument", "2026", "1050"). */
  legislation?: { documentMainType?: string; year?: string; number?: string };
  /** Set by readers that know what they read (the Bills API); otherwise worked out in normalising. */
  kind?: ItemKind;
  details?: ItemDetails;
}

export interface ParsedFeed {
  title?: string;
  link?: string;
  entries: FeedEntry[];
  /** Set when the document was ill-formed and was read after repair: what was wrong with it. */
  repaired?: string;
}

export class FeedParseError extends Error {
  readonly reason: string;
  constructor(reason: string, options?: { cause?: unknown }) {
    super(reason, options);
    this.name = 'FeedParseError';
    this.reason = reason;
  }
}

/*
 * rss-parser makes a plain-text "snippet" of every description and content with a lazy regex
 * (/<(?:.|\n)*?>/) that runs to the end of the text from each "<" that has no ">" after it: 22,000
 * "&lt;" in one description took 4 s, growing with the square of its length. Nothing here reads the
 * snippets (entries are read from the raw elements, and text is made by plainText), so the parser's
 * snippet maker is replaced by one that makes none. The parser calls it through this same module
 * object, also when bundled.
 */
rssParserUtils.getSnippet = () => '';

const FEED_ROOTS = new Set(['rss', 'feed', 'rdf:RDF']);
/** Real feeds nest a few dozen elements deep at most (XHTML content included). */
const MAX_DEPTH = 200;
const HTML_ROOTS = new Set(['html', 'head', 'body']);

/** Raw elements we read ourselves; kept as arrays under these names, next to rss-parser's own fields. */
const RAW_FIELDS = [
  'title',
  'dc:title',
  'link',
  'feedburner:origLink',
  'pbl:Document',
  'guid',
  'id',
  'description',
  'summary',
  'dc:description',
  'itunes:summary',
  'itunes:subtitle',
  'media:description',
  'media:group',
  'content',
  'content:encoded',
  'encoded',
  'author',
  'dc:creator',
  'itunes:author',
  'category',
  'dc:subject',
  'pubDate',
  'published',
  'dc:date',
  'dcterms:issued',
  'dcterms:created',
  'a10:updated',
  'updated',
  'dcterms:modified',
  'ukm:DocumentMainType',
  'ukm:Year',
  'ukm:Number',
  // Parliament's bills RSS: <item p4:stage="Report stage">, copied to a child element by shapeGuard.
  'p4:stage',
] as const;
type RawField = (typeof RAW_FIELDS)[number];
const RAW_FIELD_NAMES: ReadonlySet<string> = new Set(RAW_FIELDS);
const raw = (field: RawField): string => `raw:${field}`;

const DATE_FIELDS: RawField[] = ['pubDate', 'published', 'dc:date', 'dcterms:issued', 'dcterms:created', 'a10:updated', 'updated', 'dcterms:modified'];

type RawItem = Record<string, unknown>;

export interface ParseOptions {
  /**
   * 'fast' (the default) reads a well-formed document with htmlparser2's tokenizer and anything
   * else with xml2js; 'strict' always uses xml2js. Both give the same entries: the tests compare them.
   */
  readonly reader?: 'fast' | 'strict';
}

/** Parses feed text (already decoded) into entries; throws FeedParseError with a plain reason. */
export async function parseFeedText(xml: string, options: ParseOptions = {}): Promise<ParsedFeed> {
  const fast = options.reader !== 'strict';
  const prolog = scanProlog(xml);
  if (prolog.kind === 'empty') throw new FeedParseError('empty document');
  if (prolog.kind === 'not-xml') throw new FeedParseError(`not a feed: ${prolog.reason}`);
  refuseNonFeedRoot(prolog.rootName, prolog.document);
  if (nestsDeeperThan(prolog.document, MAX_DEPTH)) throw new FeedParseError(`not a usable feed: elements are nested more than ${MAX_DEPTH} deep`);
  const atom = prolog.rootName === 'feed';
  const first = await attempt(prolog.document, atom, fast);
  if (first.ok) return first.feed;
  if (!isSyntaxError(first.error)) throw asFeedParseError(first.error);
  const repair = repairXml(prolog.document);
  // A repaired document is rare: the strict parser reads it, as it always has.
  const second = await attempt(repair.text, atom, false);
  if (!second.ok) throw asFeedParseError(first.error);
  if (repair.truncated && second.feed.entries.length === 0) {
    throw new FeedParseError('the document stops part-way through (truncated) and no items could be read');
  }
  return { ...second.feed, repaired: syntaxReason(first.error) };
}

function refuseNonFeedRoot(rootName: string, document: string): void {
  if (HTML_ROOTS.has(rootName.toLowerCase())) {
    const title = /<title[^>]*>([^<]{1,200})</i.exec(document)?.[1]?.replace(/\s+/g, ' ').trim();
    throw new FeedParseError(`HTML served where a feed was expected${title ? ` (the page is titled "${title}")` : ''}`);
  }
  if (!FEED_ROOTS.has(rootName)) {
    throw new FeedParseError(`not a feed: the document is <${rootName.slice(0, 60)}>, not RSS, Atom or RDF`);
  }
}

type Attempt = { ok: true; feed: ParsedFeed } | { ok: false; error: unknown };

async function attempt(document: string, atom: boolean, tryFast: boolean): Promise<Attempt> {
  const fast = tryFast ? readFast(document, atom) : undefined;
  if (fast) return { ok: true, feed: fast };
  const feedLinks: unknown[] = [];
  try {
    const output: unknown = await newParser(feedLinks).parseString(document);
    return { ok: true, feed: toParsedFeed(output, atom ? feedLinks : undefined) };
  } catch (error) {
    if (error instanceof BudgetExceeded) throw error;
    return { ok: false, error };
  }
}

/**
 * The fast path: a well-formed document read by htmlparser2's tokenizer into the tree xml2js
 * would make, then picked apart as rss-parser does (items, title, link), so that the entries are
 * the same; undefined when the document needs the strict parser (see xml-tree.ts).
 */
function readFast(document: string, atom: boolean): ParsedFeed | undefined {
  const feedLinks: unknown[] = [];
  const reading = readXmlTree(document, (ancestors, name, value) => {
    const shaped = shapeGuard(ancestors[0] ?? name, name, ancestors.length === 0, value);
    if (ancestors.length === 1 && ancestors[0] === 'feed' && name === 'link') feedLinks.push(shaped);
    return shaped;
  });
  if (!reading.ok) return undefined;
  const output = rssParserOutput(reading.tree);
  return output ? toParsedFeed(output, atom ? feedLinks : undefined) : undefined;
}

/** What rss-parser's parseString gives for the tree, as far as toParsedFeed reads it; undefined where it would refuse the document. */
function rssParserOutput(tree: XmlNode): XmlNode | undefined {
  const output = Object.create(null) as XmlNode;
  const feed = tree['feed'];
  if (feed !== undefined) {
    if (!isNode(feed)) return undefined;
    output['items'] = valuesOf(feed['entry']).map((entry) => rawItem(entry, false));
    if (feed['title'] !== undefined) {
      let title: unknown = valuesOf(feed['title'])[0] || '';
      if (isNode(title) && title['_']) title = title['_'];
      if (title) output['title'] = title;
    }
    return output;
  }
  const rss = tree['rss'] ?? tree['rdf:RDF'];
  if (!isNode(rss)) return undefined;
  const channel = valuesOf(rss['channel'])[0];
  if (!isNode(channel)) return undefined;
  const items = tree['rss'] !== undefined ? channel['item'] : rss['item'];
  output['items'] = valuesOf(items).map((item) => rawItem(item, true));
  // rss-parser copies dc:title, then title over it, each unwrapped from its text node.
  for (const name of ['dc:title', 'title']) if (channel[name] !== undefined) output['title'] = unwrapText(valuesOf(channel[name])[0]);
  if (channel['link'] !== undefined) output['link'] = unwrapText(valuesOf(channel['link'])[0]);
  return output;
}

function unwrapText(value: unknown): unknown {
  return isNode(value) && typeof value['_'] === 'string' ? value['_'] : value;
}

/** The raw fields of one item, under the names the custom fields give them (as rss-parser copies them). */
function rawItem(value: unknown, rss: boolean): RawItem {
  const item: RawItem = {};
  if (!isNode(value)) return item;
  // The item's own children, looked up in the set of raw fields (an item has far fewer than the 33 names).
  for (const name of Object.keys(value)) if (RAW_FIELD_NAMES.has(name)) item[raw(name as RawField)] = value[name];
  const about = rss ? attribute(value, 'rdf:about') : undefined;
  if (about) item['rdf:about'] = about;
  return item;
}

/**
 * A fresh parser per document, because its validator collects this document's Atom feed-level
 * links: rss-parser takes the first <link> when none says rel="alternate" (often the rel="self"
 * one), although in Atom a link without rel IS the alternate.
 */
function newParser(feedLinks: unknown[]): Parser<Record<string, unknown>, RawItem> {
  return new Parser<Record<string, unknown>, RawItem>({
    defaultRSS: 2,
    customFields: { item: RAW_FIELDS.map((field) => [field, raw(field), { keepArray: true }]) },
    xml2js: {
      // A checkpoint per element and attribute name. Not in the validator: xml2js catches what that
      // throws and parses on to the end; what a name processor throws stops the SAX parser's write.
      tagNameProcessors: [budgeted],
      attrNameProcessors: [budgeted],
      validator: (xpath: string, _existing: unknown, value: unknown): unknown => {
        const path = xpath.split('/');
        const shaped = shapeGuard(path[1] ?? '', path[path.length - 1] ?? '', path.length === 2, value);
        if (xpath === '/feed/link') feedLinks.push(shaped);
        return shaped;
      },
    },
  });
}

function budgeted(name: string): string {
  checkpoint();
  return name;
}

/**
 * xml2js calls this as each element closes. It reshapes the few things rss-parser would crash on:
 * Atom dates it cannot read (it calls toISOString on an Invalid Date), Atom links without
 * attributes (it reads link.$.rel), and an <rss> or <rdf:RDF> without a <channel>.
 */
function shapeGuard(root: string, name: string, isRoot: boolean, value: unknown): unknown {
  if (root === 'feed' && (name === 'published' || name === 'updated') && typeof value === 'string') return textNode(value);
  if (root === 'feed' && name === 'link' && !isNode(attributesOf(value))) return linkNode(value);
  if (isRoot && (root === 'rss' || root === 'rdf:RDF')) return withChannel(value);
  if (root === 'rss' && name === 'item') return withStageElement(value);
  return value;
}

/** rss-parser reads an item's child elements only: Parliament's stage attribute is made one, so it is read like them. */
function withStageElement(value: unknown): unknown {
  const stage = attribute(value, 'p4:stage');
  if (!isNode(value) || stage === undefined || value['p4:stage'] !== undefined) return value;
  value['p4:stage'] = [stage];
  return value;
}

function textNode(text: string): XmlNode {
  const node: XmlNode = Object.create(null) as XmlNode;
  node['_'] = text;
  return node;
}

function attributesOf(value: unknown): unknown {
  return isNode(value) ? value['$'] : undefined;
}

function linkNode(value: unknown): XmlNode {
  const node: XmlNode = isNode(value) ? value : textNode(typeof value === 'string' ? value : '');
  const attributes: XmlNode = Object.create(null) as XmlNode;
  const href = ownText(node)?.trim();
  if (href) attributes['href'] = href;
  node['$'] = attributes;
  return node;
}

/** Items placed straight under <rss> (no <channel>) are still read, as a lenient reader would. */
function withChannel(value: unknown): XmlNode {
  const root: XmlNode = isNode(value) ? value : (Object.create(null) as XmlNode);
  const channel = valuesOf(root['channel'])[0];
  if (isNode(channel)) return root;
  const synthetic: XmlNode = Object.create(null) as XmlNode;
  if (root['item'] !== undefined) synthetic['item'] = root['item'];
  root['channel'] = [synthetic];
  return root;
}

/** `atomFeedLinks` is given for Atom documents: the feed-level <link> elements as xml2js read them. */
function toParsedFeed(output: unknown, atomFeedLinks: unknown[] | undefined): ParsedFeed {
  if (!isNode(output)) throw new FeedParseError('not a feed: nothing could be read from the document');
  const atom = atomFeedLinks !== undefined;
  const items = valuesOf(output['items']).filter(isNode);
  const feed: ParsedFeed = { entries: items.map((item) => toEntry(item, atom)) };
  const title = firstText([output['title']], textContent);
  const link = atomFeedLinks ? bestLink(atomFeedLinks) : firstText([output['link']], linkText);
  if (title) feed.title = title;
  if (link) feed.link = link;
  return feed;
}

function toEntry(item: RawItem, atom: boolean): FeedEntry {
  const field = (name: RawField): unknown[] => valuesOf(item[raw(name)]);
  const entry: FeedEntry = { categories: categoriesOf([...field('category'), ...field('dc:subject')]) };
  assign(entry, 'guid', guidOf(item, field));
  assign(entry, 'link', linkOf(field));
  assign(
    entry,
    'title',
    firstText([...field('title'), ...field('dc:title')], (v) => htmlOf(v, atom)),
  );
  assign(entry, 'summaryHtml', summaryOf(field, atom));
  assign(
    entry,
    'contentHtml',
    firstText([...field('content:encoded'), ...field('content'), ...field('encoded')], (v) => htmlOf(v, atom)),
  );
  assign(entry, 'author', firstText([...field('dc:creator'), ...field('author'), ...field('itunes:author')], authorText));
  assign(entry, 'published', publishedOf(field));
  const guid = field('guid')[0];
  if (guid !== undefined) entry.guidIsPermaLink = attribute(guid, 'isPermaLink')?.trim().toLowerCase() !== 'false';
  else if (entry.guid !== undefined) entry.guidIsPermaLink = atom;
  assign(entry, 'legislation', legislationOf(field));
  return billStageOf(entry, field);
}

/**
 * Parliament's bills RSS (services.parliament.uk, bills.parliament.uk) gives each bill's stage as
 * <item p4:stage="2nd reading">, the House as a category: read as the Bills API's items are — one
 * item per bill per stage, kind bill — not as an article about the bill.
 */
function billStageOf(entry: FeedEntry, field: (name: RawField) => unknown[]): FeedEntry {
  const stage = firstText(field('p4:stage'), (v) => (typeof v === 'string' ? v : ownText(v)))?.trim();
  if (!stage) return entry;
  const house = entry.categories.map((c) => /^(commons|lords)$/i.exec(c.trim())?.[1]).find(Boolean);
  const houseName = house ? `House of ${house.charAt(0).toUpperCase()}${house.slice(1).toLowerCase()}` : undefined;
  const title = plainText(entry.title ?? '', 300);
  const stageWords = /^royal assent/i.test(stage) ? stage : stage.charAt(0).toLowerCase() + stage.slice(1);
  const details: ItemDetails = { documentType: 'Bill', billStage: stage };
  if (houseName) details.billHouse = houseName;
  const bill: FeedEntry & { billTitle?: string } = {
    ...entry,
    // The feed's guid is the bill's page: one per bill, so the stage makes each stage its own item.
    guid: `${entry.guid ?? entry.link ?? title}#stage:${stage}${houseName ? `:${houseName}` : ''}`,
    guidIsPermaLink: false,
    title: escapeHtml(`${title}: ${[stageWords, houseName].filter(Boolean).join(', ')}`),
    kind: 'bill',
    details,
  };
  if (title) bill.billTitle = title;
  return bill;
}

/** ukm: elements carry their value in a Value attribute (<ukm:Year Value="2026"/>). */
function legislationOf(field: (name: RawField) => unknown[]): FeedEntry['legislation'] {
  const value = (name: RawField): string | undefined => firstText(field(name), (v) => attribute(v, 'Value') ?? ownText(v));
  const found: NonNullable<FeedEntry['legislation']> = {};
  const documentMainType = value('ukm:DocumentMainType');
  const year = value('ukm:Year');
  const number = value('ukm:Number');
  if (documentMainType) found.documentMainType = documentMainType;
  if (year) found.year = year;
  if (number) found.number = number;
  return Object.keys(found).length > 0 ? found : undefined;
}

function assign<K extends keyof FeedEntry>(entry: FeedEntry, key: K, value: FeedEntry[K] | undefined): void {
  if (value !== undefined) entry[key] = value;
}

function guidOf(item: RawItem, field: (name: RawField) => unknown[]): string | undefined {
  const about = typeof item['rdf:about'] === 'string' ? item['rdf:about'] : undefined;
  return firstText([...field('guid'), ...field('id'), about], ownText);
}

/** feedburner:origLink first (the feedburner <link> is a redirect), then <link>, then legislation.gov.uk's pbl:Document. */
function linkOf(field: (name: RawField) => unknown[]): string | undefined {
  return firstText(field('feedburner:origLink'), ownText) ?? bestLink(field('link')) ?? firstText(field('pbl:Document'), ownText);
}

/** Atom offers several <link>s: prefer rel="alternate" (or none) of an HTML type; never self/edit/enclosure. */
function bestLink(values: unknown[]): string | undefined {
  const candidates = values.filter((v) => ['alternate', ''].includes(attribute(v, 'rel')?.trim() ?? ''));
  const html = candidates.filter((v) => /^(text\/html|application\/xhtml\+xml)?$/.test(attribute(v, 'type')?.trim() ?? ''));
  return firstText(html, linkText) ?? firstText(candidates, linkText);
}

function linkText(value: unknown): string | undefined {
  return attribute(value, 'href') ?? ownText(value);
}

function summaryOf(field: (name: RawField) => unknown[], atom: boolean): string | undefined {
  const mediaGroup = field('media:group').flatMap((group) => (isNode(group) ? valuesOf(group['media:description']) : []));
  const sources = [
    ...field('description'),
    ...field('summary'),
    ...field('dc:description'),
    ...field('itunes:summary'),
    ...field('itunes:subtitle'),
    ...field('media:description'),
    ...mediaGroup,
  ];
  return firstText(sources, (v) => htmlOf(v, atom));
}

/**
 * The field as HTML. Atom says what it holds (type="text" | "html" | "xhtml"); text is escaped so
 * that turning HTML into text later gives back exactly the publisher's text. RSS fields are HTML by
 * convention; markup that arrived unescaped (child elements) is reduced to its text.
 */
function htmlOf(value: unknown, atom: boolean): string | undefined {
  const type = attribute(value, 'type')?.trim().toLowerCase();
  if (atom && (type === 'xhtml' || type === 'application/xhtml+xml')) return escapeHtml(textContent(value));
  if (atom && type !== 'html' && type !== 'text/html') return escapeHtml(ownText(value) ?? textContent(value));
  const text = ownText(value);
  if (text !== undefined && !hasChildElements(value)) return text;
  return escapeHtml(textContent(value));
}

function hasChildElements(value: unknown): boolean {
  return isNode(value) && Object.keys(value).some((key) => key !== '_' && key !== '$');
}

/** RSS <author> is "email (Name)"; Atom <author> holds <name>. */
function authorText(value: unknown): string | undefined {
  if (isNode(value) && value['name'] !== undefined) return firstText(valuesOf(value['name']), ownText);
  const text = ownText(value)?.trim();
  const named = text ? /^\S+@\S+\s*\((.+)\)$/.exec(text)?.[1] : undefined;
  return named ?? text;
}

function categoriesOf(values: unknown[]): string[] {
  const names = values.map((v) => (attribute(v, 'label') ?? attribute(v, 'term') ?? ownText(v) ?? '').trim()).filter((v) => v !== '');
  return [...new Set(names)];
}

/** The first date field that can be read; if none can, the first one given (so "missing" vs "unreadable" stays visible). */
function publishedOf(field: (name: RawField) => unknown[]): string | undefined {
  const texts = DATE_FIELDS.flatMap((name) => field(name).map((v) => ownText(v)?.trim() ?? '')).filter((t) => t !== '');
  return texts.find((t) => parseFeedDate(t) !== undefined) ?? texts[0];
}

function isSyntaxError(error: unknown): boolean {
  return error instanceof Error && /\nLine: \d+\nColumn: \d+/.test(error.message);
}

/** "Unexpected close tag\nLine: 4\nColumn: 9\nChar: >" → "not well-formed XML: unexpected close tag (line 5, column 9)". */
function syntaxReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const match = /^(.*)\nLine: (\d+)\nColumn: (\d+)/.exec(message);
  if (!match) return `not well-formed XML: ${message.split('\n')[0] ?? ''}`;
  const [, what = '', line = '0', column = '0'] = match;
  return `not well-formed XML: ${what.charAt(0).toLowerCase()}${what.slice(1)} (line ${Number(line) + 1}, column ${column})`;
}

function asFeedParseError(error: unknown): FeedParseError {
  if (error instanceof FeedParseError) return error;
  if (isSyntaxError(error)) return new FeedParseError(syntaxReason(error), { cause: error });
  const message = error instanceof Error ? error.message : String(error);
  if (/not recognized as RSS/i.test(message)) return new FeedParseError('not a feed: the document is not RSS, Atom or RDF', { cause: error });
  return new FeedParseError(`the feed's structure could not be read (${message.split('\n')[0]?.slice(0, 120) ?? ''})`, { cause: error });
}
