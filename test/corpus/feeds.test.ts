/**
 * The feed pipeline (decode → parse → normalise) over real captures and parser-suite edge cases in
 * ../shared/corpus, read in place. Expectations quoted from the corpus MANIFEST are asserted by
 * name; every other file must still give items or a FeedParseError with a reason, promptly.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { SourceConfig } from '../../shared/platform/config/schema.js';
import { decodeFeedBody, detectFeedEncoding } from '../../shared/ingest/feeds/decode.js';
import { canonicalUrl, normaliseEntries } from '../../shared/ingest/feeds/normalise.js';
import { FeedParseError, parseFeedText, type ParsedFeed } from '../../shared/ingest/feeds/parse.js';
import { normalisedItemSchema, type NormalisedItem } from '../../shared/platform/model.js';
import { available } from '../support/required.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const corpus = path.resolve(repoRoot, '..', 'shared', 'corpus');
const realDir = path.join(corpus, 'feeds', 'real');
const edgeDir = path.join(corpus, 'feeds', 'edge');
const present = available(
  'corpus',
  fs.existsSync(realDir) && fs.existsSync(edgeDir),
  `[corpus] ${path.join(corpus, 'feeds')} is missing: the feed corpus tests are skipped (a fresh clone has no ../shared).`,
);

const source: SourceConfig = { id: 'corpus', name: 'Corpus', kind: 'rss', url: 'https://feeds.example.org/feed', group: 'press', outlet: 'local' };
const now = new Date('2026-10-01T07:00:00.000Z');

interface Read {
  feed: ParsedFeed;
  items: NormalisedItem[];
}

function list(dir: string): string[] {
  return present ? fs.readdirSync(dir).sort() : [];
}

/** feedparser's test files name a simulated HTTP header in their leading comment ("Header: Content-type: ..."). */
function simulatedContentType(body: Buffer): string | undefined {
  return /Header:\s*Content-type:\s*([^\r\n]+)/i.exec(body.subarray(0, 800).toString('latin1'))?.[1]?.trim();
}

/** Where a real capture was fetched from, when relative links depend on it. */
const DOCUMENT_URLS: Record<string, string> = {
  'intertwingly-atom.xml': 'http://intertwingly.net/blog/index.atom',
};

/** What the poller does after the HTTP layer: decode, parse, normalise (items are schema-checked). */
async function pipeline(body: Buffer, contentType: string | undefined, name: string): Promise<Read> {
  const feed = await parseFeedText(decodeFeedBody(body, contentType));
  // feedparser's harness serves its files from 127.0.0.1:8097; relative links resolve against the document.
  const baseUrl = DOCUMENT_URLS[name] ?? `http://127.0.0.1:8097/${name}`;
  const items = normaliseEntries(feed, { source, baseUrl, now });
  for (const item of items) normalisedItemSchema.parse(item);
  return { feed, items };
}

async function readFile(dir: string, name: string, contentType?: string): Promise<Read> {
  const body = fs.readFileSync(path.join(dir, name));
  return pipeline(body, contentType ?? simulatedContentType(body), name);
}

const readReal = (name: string, contentType?: string): Promise<Read> => readFile(realDir, name, contentType);
const readEdge = (name: string): Promise<Read> => readFile(edgeDir, name);

async function edgeError(name: string): Promise<FeedParseError> {
  const error = await readEdge(name).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FeedParseError);
  return error as FeedParseError;
}

function isRead(value: unknown): value is Read {
  return typeof value === 'object' && value !== null && 'items' in value && 'feed' in value;
}

const isWebLink = (link: string): boolean => /^https?:\/\/[^/\s]+/.test(link);
const allText = (items: NormalisedItem[]): string => items.map((i) => `${i.title} ${i.summary}`).join(' ');

describe.skipIf(!present)('corpus: real feeds', () => {
  const files = list(realDir).filter((name) => name !== 'legislation-search-zero-hits.feed' && !name.startsWith('legislation-publication-log'));

  it.each(files)('%s gives items with a title and a web link', async (name) => {
    // Act
    const { items } = await readReal(name);
    // Assess
    expect(items.length).toBeGreaterThanOrEqual(1);
    for (const item of items) {
      expect(item.title).not.toBe('');
      expect(isWebLink(item.link), `${item.title} → ${item.link}`).toBe(true);
    }
  });

  it('legislation search with no hits gives no items (a valid, empty feed)', async () => {
    // Act
    const { feed, items } = await readReal('legislation-search-zero-hits.feed');
    // Assess
    expect(feed.title).toBe('Search Results');
    expect(items).toEqual([]);
  });

  it('legislation publication log: 7 entries, 6 instruments; with no <link>, the pbl:Document page is the link', async () => {
    // Act
    const { items } = await readReal('legislation-publication-log-2026-09-24.feed');
    // Assess
    expect(items).toHaveLength(6);
    expect(items[0]).toMatchObject({
      title: 'The Firearms (Amendment) Rules 2026',
      link: 'http://www.legislation.gov.uk/uksi/2026/1050/made',
      author: "King's Printer of Acts of Parliament",
    });
    expect(items.map((i) => i.title)).toContain('The Visitor Levy (Miscellaneous Amendment) (Scotland) Regulations 2026');
    for (const item of items) expect(item.link).toMatch(/^http:\/\/www\.legislation\.gov\.uk\/(uksi|ssi)\/2026\//);
    // The PDF and XML publications of SSI 2026/266 are two log entries of one instrument: one item.
    expect(items.filter((i) => i.link.includes('/ssi/2026/266/'))).toHaveLength(1);
  });

  it('legislation publication log: every entry is legislation with its type, year and number from ukm:', async () => {
    // Act
    const { items } = await readReal('legislation-publication-log-2026-09-24.feed');
    // Assess
    expect(items.every((i) => i.kind === 'legislation')).toBe(true);
    expect(items[0]?.details).toEqual({ legislationType: 'uksi', legislationNumber: 1050, year: 2026, documentType: 'UK Statutory Instrument' });
    expect(items.find((i) => i.link.includes('/ssi/2026/267/'))?.details).toEqual({
      legislationType: 'ssi',
      legislationNumber: 267,
      year: 2026,
      documentType: 'Scottish Statutory Instrument',
    });
  });

  it('press feeds stay articles', async () => {
    // Act
    const { items } = await readReal('bbc-news-home-2021.xml');
    // Assess
    expect(new Set(items.map((i) => i.kind))).toEqual(new Set(['article']));
  });

  it('Guardian: feed title, 55 items, the first headline', async () => {
    // Act
    const { feed, items } = await readReal('guardian-us-2018.rss');
    // Assess
    expect(feed.title).toBe('The Guardian');
    expect(items).toHaveLength(55);
    expect(items[0]?.title).toBe('Trump State of the Union address promised unity but emphasized discord');
    expect(items[0]?.author).toBeTruthy();
  });

  it('BBC In Our Time: "Marcus Aurelius"', async () => {
    // Act
    const { feed, items } = await readReal('bbc-in-our-time-podcast.xml');
    // Assess
    expect(feed.title).toBe('In Our Time');
    expect(items.map((i) => i.title)).toEqual(['Marcus Aurelius']);
  });

  it('BBC News: links are the clean guid URLs, without the at_medium tracking of <link>', async () => {
    // Act
    const { feed, items } = await readReal('bbc-news-home-2021.xml');
    // Assess
    expect(items).toHaveLength(69);
    feed.entries.forEach((entry, i) => {
      expect(entry.link).toContain('at_medium=RSS');
      expect(items[i]?.link).toBe(canonicalUrl(entry.guid ?? ''));
      expect(items[i]?.link).not.toContain('at_medium');
    });
  });

  it('BBC Ukrainian: padded CDATA titles are trimmed', async () => {
    // Act
    const { items } = await readReal('bbc-ukrainian-2016.xml');
    // Assess
    expect(items).toHaveLength(20);
    for (const item of items) expect(item.title).toBe(item.title.trim());
    expect(items[0]?.title).toBe('Independent: паролей в інтернеті не буде?');
  });

  it('UK Parliament feeds: every item, and a bare-UUID guid is not taken for a link', async () => {
    // Act
    const [publicBills, bill, privateBills, committee] = await Promise.all([
      readReal('parliament-public-bills-2018.rss'),
      readReal('parliament-bill-ctbs-2018.rss'),
      readReal('parliament-private-bills-2018.rss'),
      readReal('parliament-admin-committee-2019.rss'),
    ]);
    // Assess
    expect([publicBills.items.length, bill.items.length, privateBills.items.length, committee.items.length]).toEqual([309, 129, 6, 15]);
    for (const item of committee.items) expect(item.link).toMatch(/^https?:\/\/www\.parliament\.uk\//);
    // .NET feeds carry <a10:updated> instead of pubDate.
    expect(publicBills.items.every((i) => i.dateFlag === undefined)).toBe(true);
  });

  it.each([
    ['jn-pt-iso-8859-1.rss', 'text/xml; charset=latin1', 'Jornal de Notícias - Últimas Notícias', 'utente'],
    ['uol-noticias-latin1-no-decl.rss', undefined, 'UOL Noticias', 'simulações'],
    ['golem-iso-8859-1.xml', undefined, 'Golem.de', 'wünschen'],
    ['cercle-psy-latin1-no-decl.xml', undefined, 'Flux RSS du magazine de psychologie Le Cercle Psy', 'études'],
    ['inovacao-tecnologica-iso-8859-1.xml', undefined, 'RSS Feed do Site Inovação Tecnológica', 'Revolução'],
    ['ibash-windows-1251.xml', undefined, 'iBash.Org.Ru', 'Цитата'],
    ['oren-ru-windows-1251.xml', undefined, 'Новости Оренбурга и области / Раздел Новости', 'Бузулуке'],
  ])('%s decodes without replacement characters', async (name, contentType, feedTitle, word) => {
    // Act
    const { feed, items } = await readReal(name, contentType);
    // Assess
    expect(feed.title).toBe(feedTitle);
    expect(allText(items)).toContain(word);
    expect(allText(items)).not.toContain('\uFFFD');
  });

  it.each([
    ['spiegel-update-podcast.xml', 'SPIEGEL Update – Die Nachrichten'],
    ['ilgiornale-a10.xml', 'Il Giornale - Cronache'],
    ['nbc-new-york.xml', 'NBC New York'],
    ['wirecutter.xml', 'Wirecutter: Reviews for the Real World'],
    ['biorxiv-genomics-rss1.xml', 'bioRxiv Subject Collection: Genomics'],
    ['welcome-to-night-vale-podcast.xml', 'Welcome to Night Vale'],
  ])('%s has the feed title %j', async (name, title) => {
    // Act
    const { feed } = await readReal(name);
    // Assess
    expect(feed.title).toBe(title);
  });

  it('resolves relative links (no xml:base) against the document URL', async () => {
    // Act
    const [neverwinter, intertwingly] = await Promise.all([readReal('neverwinter-relative-urls.xml'), readReal('intertwingly-atom.xml')]);
    // Assess
    expect(neverwinter.items[0]?.link).toMatch(/^http:\/\/127\.0\.0\.1:8097\/en\/games\/neverwinter\/news\/detail\//);
    expect(intertwingly.items[0]?.link).toBe('http://intertwingly.net/blog/2012/07/16/Inhibiting-Suspend');
  });

  it('Google Alerts links go to the story, not google.com/url', async () => {
    // Act
    const { items } = await readReal('google-alerts-atom.xml');
    // Assess
    for (const item of items) expect(new URL(item.link).hostname).not.toMatch(/google\./);
    expect(items[0]?.title).not.toContain('<b>');
  });

  it('RSS 0.92 items with no dates are kept and flagged "missing"', async () => {
    // Act
    const { items } = await readReal('dailytelegraph-au-rss092-no-dates.xml');
    // Assess
    expect(items).toHaveLength(10);
    for (const item of items) expect(item).toMatchObject({ dateFlag: 'missing', publishedAt: now.toISOString() });
  });
});

describe.skipIf(!present)('corpus: edge cases', () => {
  it.each(list(edgeDir))('%s gives items or a FeedParseError with a reason', async (name) => {
    // Prepare
    // Act
    const outcome: Read | unknown = await readEdge(name).catch((e: unknown) => e);
    // Assess
    if (isRead(outcome)) {
      expect(Array.isArray(outcome.items)).toBe(true);
    } else {
      expect(outcome).toBeInstanceOf(FeedParseError);
      expect((outcome as FeedParseError).reason).not.toBe('');
    }
  });

  it.each([
    ['gofeed-empty-file.xml', 'empty document'],
    ['dailytelegraph-au-empty-body.xml', 'empty document'],
    ['fp-empty-document.xml', 'empty document'],
    ['gofeed-not-a-feed-xml.xml', 'not a feed: the document is <note>, not RSS, Atom or RDF'],
    ['nodefp-html-not-a-feed.html', 'HTML served where a feed was expected (the page is titled "The Is Not The Feed You\'re Looking For")'],
    ['rssparser-html-document-moved.rss', 'HTML served where a feed was expected (the page is titled "Document Moved")'],
    ['reuters-truncated-server-error.xml', 'the document stops part-way through (truncated) and no items could be read'],
    ['nodefp-gzip-binary.xml.gz', 'not a feed: the document is gzip-compressed data, not XML (the server did not say it was compressed)'],
  ])('%s fails with "%s"', async (name, reason) => {
    // Act
    const error = await edgeError(name);
    // Assess
    expect(error.reason).toBe(reason);
  });

  it('the gzip file, decompressed as the HTTP layer would, is a readable feed', async () => {
    // Prepare
    const body = zlib.gunzipSync(fs.readFileSync(path.join(edgeDir, 'nodefp-gzip-binary.xml.gz')));
    // Act
    const { feed, items } = await pipeline(body, undefined, 'nodefp-gzip-binary.xml');
    // Assess
    expect(feed.title).toBe('NSHipster');
    expect(items.length).toBeGreaterThan(0);
  });

  it.each([
    ['fp-utf-16le-bom.xml', 'utf-16le'],
    ['fp-utf-16be-autodetect.xml', 'utf-16be'],
    ['fp-utf-32be-bom.xml', 'utf-32be'],
    ['fp-utf-8-bom.xml', 'utf-8'],
    ['fp-big5.xml', 'big5'],
    ['fp-euc-kr.xml', 'euc-kr'],
    ['fp-http-charset-overrides-decl.xml', 'windows-1252'],
  ])('%s is read as %s and parses', async (name, encoding) => {
    // Prepare
    const body = fs.readFileSync(path.join(edgeDir, name));
    // Act
    const choice = detectFeedEncoding(body, simulatedContentType(body));
    const read = await readEdge(name);
    // Assess
    expect(choice.encoding).toBe(encoding);
    expect(read.feed.repaired).toBeUndefined();
  });

  it.each([
    ['fp-entity-hellip.xml', 'testing … entity'],
    ['fp-doctype-strip.xml', 'found'],
    ['fp-euc-kr.xml', '년'],
    ['gofeed-bom.xml', 'Feed Title'],
    ['gofeed-leading-whitespace.xml', 'Feed Title'],
    ['miniflux-utf8-declared-cp1252.xml', 'Euro €'],
    ['miniflux-invalid-encoding-name.xml', '테스트 피드'],
  ])('%s has the feed title %j', async (name, title) => {
    // Act
    const { feed } = await readEdge(name);
    // Assess
    expect(feed.title).toBe(title);
  });

  it.each([
    ['fp-http-charset-overrides-decl.xml', 'This is a £“test.”'],
    ['fp-demoronize-cp1252.xml', 'don’t'],
    ['fp-double-encoded-html-bozo.xml', '…'],
    ['fp-sanitize-description-script.xml', 'safe description'],
    ['fp-sanitize-description-iframe.xml', 'safe'],
    ['gofeed-mixed-cdata.xml', 'Breaking: Big News today'],
    ['gofeed-encoded-no-namespace.xml', 'hello'],
  ])('%s gives the summary %j', async (name, summary) => {
    // Act
    const { items } = await readEdge(name);
    // Assess
    expect(items[0]?.summary).toBe(summary);
  });

  it('never lets script text through as content', async () => {
    // Act
    const reads = await Promise.all(
      ['fp-sanitize-atom-title-script.xml', 'fp-sanitize-description-script.xml', 'fp-sanitize-content-crazy.xml'].map((name) => readEdge(name)),
    );
    // Assess
    expect(reads[0]?.items[0]?.title).toBe('safe description');
    for (const read of reads) expect(allText(read.items)).not.toMatch(/alert\(|document\.cookie/);
  });

  it.each([
    ['miniflux-utf8-declared-latin1.xml', 'Café'],
    ['miniflux-invalid-encoding-name.xml', 'Café'],
  ])('%s reads UTF-8 bytes correctly despite the declaration', async (name, title) => {
    // Act
    const { items } = await readEdge(name);
    // Assess
    expect(items[0]?.title).toBe(title);
  });

  it('node-feedparser cases: nested items, first duplicate guid, items after a broken one', async () => {
    // Act
    const [nested, dupes, ampersand] = await Promise.all([
      readEdge('pcmag-dvorak-illegally-nested.xml'),
      readEdge('nodefp-guid-dupes.xml'),
      readEdge('nodefp-unescaped-ampersand.xml'),
    ]);
    // Assess
    expect(nested.items).toHaveLength(10);
    expect(dupes.items[0]?.link).toBe('http://www.braingle.com/50366.html');
    expect(ampersand.items.map((i) => i.title)).toEqual(['Good Item', 'Bad Item', 'Item After Error']);
    expect(ampersand.feed.repaired).toMatch(/^not well-formed XML/);
  });

  it('feedjira invalid date: 2 entries, the readable pubDate wins over an epoch dc:date', async () => {
    // Act
    const { feed, items } = await readEdge('feedjira-invalid-date.xml');
    // Assess
    expect(feed.title).toBe('Invalid date format feed');
    expect(items).toHaveLength(2);
    expect(items[0]?.publishedAt).toBe('2017-10-16T15:10:00.000Z');
  });

  it('links: "&amp;" read once, a leading space ignored', async () => {
    // Act
    const [ampersands, space] = await Promise.all([readEdge('fp-corrupted-ampersands.xml'), readEdge('gofeed-atom-link-leading-space.xml')]);
    // Assess
    expect(ampersands.items[0]?.link).toBe('http://link/get?a=1&b=2');
    expect(space.items[0]?.link).toBe('http://example.org/');
  });

  it('"&copy=2" in a title stays literal', async () => {
    // Act
    const { feed } = await readEdge('gofeed-legacy-entity-prefix.xml');
    // Assess
    expect(feed.title).toBe('?page=1&copy=2;mode=x & done');
  });
});

describe.skipIf(!present)('corpus: the fast reader and the strict one agree', () => {
  const files = [...list(realDir).map((name) => path.join(realDir, name)), ...list(edgeDir).map((name) => path.join(edgeDir, name))];

  it('every real and edge-case file gives the same entries, or the same refusal, with either reader', async () => {
    const outcome = async (text: string, reader: 'fast' | 'strict') =>
      parseFeedText(text, { reader }).then(
        (feed) => ({ feed }),
        (error: unknown) => ({ refused: error instanceof FeedParseError ? error.reason : String(error) }),
      );
    for (const file of files) {
      const body = fs.readFileSync(file);
      const text = decodeFeedBody(body, simulatedContentType(body));
      expect(await outcome(text, 'fast'), path.basename(file)).toEqual(await outcome(text, 'strict'));
    }
  });
});
