import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { SourceConfig } from '../../../../shared/platform/config/schema.js';
import { normalisedItemSchema } from '../../../../shared/platform/model.js';
import { canonicalUrl, LINK_MAX, normaliseEntries, normaliseFeed, plainText } from '../../../../shared/ingest/feeds/normalise.js';
import type { FeedEntry, ParsedFeed } from '../../../../shared/ingest/feeds/parse.js';

const source: SourceConfig = {
  id: 'bbc-london',
  name: 'BBC London',
  kind: 'rss',
  url: 'https://feeds.bbci.co.uk/news/england/london/rss.xml',
  group: 'press',
  outlet: 'national',
};
const now = new Date('2024-10-01T07:00:00.000Z');
const ctx = { source, baseUrl: 'https://feeds.example.org/news/rss.xml', now };

function normaliseOne(entry: Partial<FeedEntry>, feed: Partial<ParsedFeed> = {}) {
  const items = normaliseEntries({ entries: [{ categories: [], ...entry }], ...feed }, ctx);
  for (const item of items) normalisedItemSchema.parse(item);
  return items[0];
}

describe('normaliseEntries: identity', () => {
  it('derives the id from the source and the guid, so an edited headline keeps its id', () => {
    // Prepare
    const before = { guid: 'story-1', title: 'Mayor to resign?', link: 'https://a.example/1' };
    const after = { ...before, title: 'Mayor will not resign' };
    // Act
    const [first, second] = [normaliseOne(before), normaliseOne(after)];
    // Assess
    const expected = createHash('sha256').update('bbc-london\nstory-1').digest('hex').slice(0, 32);
    expect(first?.id).toBe(expected);
    expect(second?.id).toBe(expected);
  });

  it('falls back to the canonical link, so tracking parameters do not create duplicates', () => {
    // Prepare
    const a = { title: 'A', link: 'https://www.bbc.co.uk/news/uk-1?at_medium=RSS&at_campaign=KARANGA' };
    const b = { title: 'A (updated)', link: 'https://WWW.BBC.co.uk/news/uk-1#comments' };
    // Act
    const [first, second] = [normaliseOne(a), normaliseOne(b)];
    // Assess
    expect(first?.id).toBe(second?.id);
    expect(first?.link).toBe('https://www.bbc.co.uk/news/uk-1');
  });

  it('falls back to title and date when there is neither guid nor link', () => {
    // Prepare
    const entry = { title: 'Council tax frozen', published: 'Tue, 01 Oct 2024 06:00:00 GMT' };
    // Act
    const [same, again, otherDay] = [normaliseOne(entry), normaliseOne(entry), normaliseOne({ ...entry, published: 'Wed, 02 Oct 2024 06:00:00 GMT' })];
    // Assess
    expect(same?.id).toBe(again?.id);
    expect(same?.id).not.toBe(otherDay?.id);
    expect(same?.link).toBe('');
  });

  it('gives the same story a different id in another source', () => {
    // Prepare
    const feed: ParsedFeed = { entries: [{ guid: 'x', title: 'Same', categories: [] }] };
    // Act
    const [a] = normaliseEntries(feed, ctx);
    const [b] = normaliseEntries(feed, { ...ctx, source: { ...source, id: 'evening-standard' } });
    // Assess
    expect(a?.id).not.toBe(b?.id);
  });

  it('keeps the first of entries that share an id within one poll', () => {
    // Prepare
    const feed: ParsedFeed = {
      entries: [
        { guid: 'dup', title: 'First', categories: [] },
        { guid: 'dup', title: 'Second', categories: [] },
        { guid: 'other', title: 'Third', categories: [] },
      ],
    };
    // Act
    const items = normaliseEntries(feed, ctx);
    // Assess
    expect(items.map((i) => i.title)).toEqual(['First', 'Third']);
  });

  it('drops an entry with nothing to show (no title, text or link)', () => {
    // Act
    const items = normaliseEntries({ entries: [{ guid: 'tag:github.com,2008:Repository/1/v3.9.0', categories: [] }] }, ctx);
    // Assess
    expect(items).toEqual([]);
  });
});

describe('normaliseEntries: links', () => {
  it('resolves a relative link against the feed link', () => {
    // Act
    const item = normaliseOne({ title: 'T', link: '/en/news/10743874' }, { link: 'https://www.arcgames.com/en/games/neverwinter/news' });
    // Assess
    expect(item?.link).toBe('https://www.arcgames.com/en/news/10743874');
  });

  it('resolves a relative link against the fetched URL when the feed gives no link', () => {
    // Act
    const item = normaliseOne({ title: 'T', link: 'item/7' });
    // Assess
    expect(item?.link).toBe('https://feeds.example.org/news/item/7');
  });

  it('empties a javascript: link rather than pass it on', () => {
    // Act
    const item = normaliseOne({ title: 'T', link: 'javascript:alert(document.cookie)' });
    // Assess
    expect(item?.link).toBe('');
  });

  it('uses a guid that is a permalink when there is no link', () => {
    // Act
    const permalink = normaliseOne({ title: 'T', guid: 'http://www.braingle.com/50366.html' });
    const notPermalink = normaliseOne({ title: 'T', guid: 'https://a.example/x', guidIsPermaLink: false });
    const notUrl = normaliseOne({ title: 'T', guid: '0c8bd8a2-6e2f-4b45-9a43-8a4a6b2f1a11' });
    // Assess
    expect(permalink?.link).toBe('http://www.braingle.com/50366.html');
    expect(notPermalink?.link).toBe('');
    expect(notUrl?.link).toBe('');
  });

  it('unwraps Google Alerts redirect links', () => {
    // Act
    const item = normaliseOne({ title: 'T', link: 'https://www.google.com/url?rct=j&sa=t&url=https://www.localnews.example/story%3Fid%3D5&ct=ga' });
    // Assess
    expect(item?.link).toBe('https://www.localnews.example/story?id=5');
  });
});

describe('canonicalUrl', () => {
  it.each([
    ['https://WWW.Example.ORG/News/?utm_source=rss&utm_medium=feed&id=5#top', 'https://www.example.org/News/?id=5'],
    ['https://example.org/a/b/', 'https://example.org/a/b'],
    ['https://example.org/', 'https://example.org/'],
    ['https://example.org/a?fbclid=x&gclid=y&mc_cid=1&mc_eid=2', 'https://example.org/a'],
    ['https://www.bbc.co.uk/news/uk-1?at_medium=RSS&at_campaign=KARANGA', 'https://www.bbc.co.uk/news/uk-1'],
    ['https://example.org/search?q=a%20b&page=2', 'https://example.org/search?page=2&q=a%20b'],
    ['https://example.org/a?x=1&amp;y=2', 'https://example.org/a?x=1&y=2'],
    ['  http://example.org/padded  ', 'http://example.org/padded'],
    ['https://user:secret@example.org/p', 'https://example.org/p'],
  ])('canonicalises %s', (raw, expected) => {
    // Act
    const url = canonicalUrl(raw);
    // Assess
    expect(url).toBe(expected);
  });

  it.each(['javascript:alert(1)', 'mailto:press@example.gov.uk', 'ftp://example.org/x', 'data:text/html,x', '', 'not a url'])('refuses %j', (raw) => {
    // Act
    const url = canonicalUrl(raw);
    // Assess
    expect(url).toBeUndefined();
  });

  it.each([
    [
      'https://hansard.parliament.uk/Commons/2026-11-26/debates/ABCDEF01-2345/TemporaryAccommodation#contribution-7A1B2C3D-0000',
      'https://hansard.parliament.uk/Commons/2026-11-26/debates/ABCDEF01-2345/TemporaryAccommodation#contribution-7A1B2C3D-0000',
    ],
    ['https://www.theyworkforyou.com/debates/?id=2026-11-26a.430.0#g430.1', 'https://www.theyworkforyou.com/debates/?id=2026-11-26a.430.0#g430.1'],
    ['https://committees.parliament.uk/work/123/#', 'https://committees.parliament.uk/work/123'],
  ])("keeps the fragment on Parliament's hosts, where it points inside the page: %s", (raw, expected) => {
    // Act
    const url = canonicalUrl(raw);
    // Assess
    expect(url).toBe(expected);
  });

  it('still drops the fragment on press links, so one story under #comments and #top is one item', () => {
    // Act
    const urls = [
      'https://www.newsshopper.co.uk/news/1234.story/#comments',
      'https://www.newsshopper.co.uk/news/1234.story/#top',
      'https://www.newsshopper.co.uk/news/1234.story/',
    ].map((u) => canonicalUrl(u));
    // Assess
    expect(new Set(urls)).toEqual(new Set(['https://www.newsshopper.co.uk/news/1234.story']));
  });

  it('resolves against a base', () => {
    // Act
    const url = canonicalUrl('../b?utm_campaign=x', 'https://example.org/a/c/feed.xml');
    // Assess
    expect(url).toBe('https://example.org/a/b');
  });
});

describe('plainText', () => {
  it('strips tags and scripts and decodes entities exactly once', () => {
    // Act
    const text = plainText('<p>Safe <b>text</b></p><script>alert(1)</script><style>p{}</style> &amp;amp; &lt;script&gt;');
    // Assess
    expect(text).toBe('Safe text &amp; <script>');
  });

  it('separates block elements and line breaks with a space', () => {
    // Act
    const text = plainText('<p>One</p><p>Two</p>Three<br/>Four<li>Five</li>');
    // Assess
    expect(text).toBe('One Two Three Four Five');
  });

  it('keeps "&copy=2" in a URL-like title literally', () => {
    // Act
    const text = plainText('?page=1&copy=2;mode=x & done');
    // Assess
    expect(text).toBe('?page=1&copy=2;mode=x & done');
  });

  it('reads windows-1252 character references as HTML does (&#146; is an apostrophe)', () => {
    // Act
    const text = plainText('don\u0092t');
    // Assess
    expect(text).toBe('don’t');
  });

  it('repairs UTF-8 that was decoded as windows-1252 and encoded again', () => {
    // Act
    const fixed = plainText('The Mayorâ€™s â€œplanâ€\u009D costs 5â‚¬');
    const untouched = plainText('Café crème, 5 €, “quoted”');
    // Assess
    expect(fixed).toBe('The Mayor’s “plan” costs 5€');
    expect(untouched).toBe('Café crème, 5 €, “quoted”');
  });

  it('cuts long text at a word boundary with an ellipsis', () => {
    // Act
    const text = plainText('word '.repeat(200), 50);
    // Assess
    expect(text.length).toBeLessThanOrEqual(50);
    expect(text.endsWith('word…')).toBe(true);
  });
});

describe('normaliseEntries: text fields', () => {
  it('takes the summary from the description, else from the content, as plain text of at most 400 characters', () => {
    // Prepare
    const long = `<p>${'Lorem ipsum dolor sit amet. '.repeat(40)}</p>`;
    // Act
    const fromDescription = normaliseOne({ title: 'T', summaryHtml: '<p>Short <i>summary</i></p>', contentHtml: long });
    const fromContent = normaliseOne({ title: 'T', contentHtml: long });
    // Assess
    expect(fromDescription?.summary).toBe('Short summary');
    expect(fromContent?.summary.length).toBeLessThanOrEqual(400);
    expect(fromContent?.summary.endsWith('…')).toBe(true);
  });

  it('makes the title plain text, trimmed, at most 300 characters', () => {
    // Act
    const item = normaliseOne({ title: `  <b>Breaking:</b>\n  ${'x'.repeat(400)} ` });
    // Assess
    expect(item?.title.startsWith('Breaking: ')).toBe(true);
    expect(item?.title.length).toBeLessThanOrEqual(300);
  });

  it('makes a title from the text when the publisher gave none', () => {
    // Act
    const item = normaliseOne({ summaryHtml: 'Road closures on the High Street this weekend for resurfacing works.' });
    // Assess
    expect(item?.title).toBe('Road closures on the High Street this weekend for resurfacing works.');
  });

  it('keeps the author and unique, plain categories', () => {
    // Act
    const item = normaliseOne({ title: 'T', author: ' Jane <b>Reporter</b> ', categories: ['Politics', 'Politics', ' ', 'Housing &amp; planning'] });
    // Assess
    expect(item?.author).toBe('Jane Reporter');
    expect(item?.categories).toEqual(['Politics', 'Housing & planning']);
  });

  it('fills in the source fields and seenAt', () => {
    // Act
    const item = normaliseOne({ title: 'T', guid: 'g' });
    // Assess
    expect(item).toMatchObject({ sourceId: 'bbc-london', sourceName: 'BBC London', group: 'press', seenAt: '2024-10-01T07:00:00.000Z' });
  });
});

describe('normaliseFeed: every field bounded', () => {
  const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');

  it('keeps an item whose link is too long to use, without the link, and says so', () => {
    // Prepare
    const longLink = `https://news.example/story?state=${'x'.repeat(300 * 1024)}`;
    const atLimit = `https://news.example/${'y'.repeat(LINK_MAX - 'https://news.example/'.length)}`;
    // Act
    const { items, warnings } = normaliseFeed(
      {
        entries: [
          { title: 'Huge', link: longLink, categories: [] },
          { title: 'Just fits', link: atLimit, categories: [] },
        ],
      },
      ctx,
    );
    // Assess
    expect(items.map((i) => [i.title, i.link])).toEqual([
      ['Huge', ''],
      ['Just fits', atLimit],
    ]);
    expect(warnings).toEqual(["1 item's link is longer than 2,048 characters and was left out (the item is kept without it)"]);
  });

  it('still identifies a guid-less item with a too-long link by that link, not by its date', () => {
    // Prepare
    const longLink = `https://news.example/story?state=${'x'.repeat(5000)}`;
    // Act
    const first = normaliseOne({ title: 'Huge', link: longLink, published: 'Tue, 01 Oct 2024 06:00:00 GMT' });
    const again = normaliseOne({ title: 'Huge', link: longLink, published: 'Tue, 01 Oct 2024 06:10:00 GMT' });
    // Assess
    expect(first?.id).toBe(again?.id);
  });

  it('cuts headline, summary, author and categories on a word boundary, and keeps at most 20 categories', () => {
    // Act
    const item = normaliseOne({
      title: words(200),
      summaryHtml: words(1000),
      author: words(100),
      categories: [...Array.from({ length: 40 }, (_, i) => `topic ${i}`), words(50)],
    });
    // Assess
    expect(item?.title).toMatch(/^word0 word1 .* word\d+…$/);
    expect(item?.title.length).toBeLessThanOrEqual(300);
    expect(item?.summary).toMatch(/ word\d+…$/);
    expect(item?.summary.length).toBeLessThanOrEqual(400);
    expect(item?.author).toMatch(/ word\d+…$/);
    expect(item?.author?.length).toBeLessThanOrEqual(200);
    expect(item?.categories).toHaveLength(20);
    expect(item?.categories.at(-1)).toBe('topic 19');
  });

  it('bounds the details a reader supplied (a committee name is a label, not a document)', () => {
    // Act
    const item = normaliseOne({ title: 'Planning committee', kind: 'meeting', details: { committee: words(500), billStage: 'Report stage' } });
    // Assess
    expect(item?.details?.committee?.length).toBeLessThanOrEqual(200);
    expect(item?.details?.committee).toMatch(/…$/);
    expect(item?.details?.billStage).toBe('Report stage');
  });
});

describe('normaliseEntries: dates', () => {
  it.each([
    ['Tue, 01 Oct 2024 06:30:00 BST', '2024-10-01T05:30:00.000Z'],
    ['2024-10-01T06:30:00.123456+01:00', '2024-10-01T05:30:00.123Z'],
    ['2024-10-01 06:30:00', '2024-10-01T06:30:00.000Z'],
    ['Sun, 10 Dec 17 10:00:00 GMT', '2017-12-10T10:00:00.000Z'],
    ['Seg, 24 Set 2018 19:42:40 -0300', '2018-09-24T22:42:40.000Z'],
  ])('reads %s', (published, expected) => {
    // Act
    const item = normaliseOne({ title: 'T', published });
    // Assess
    expect(item?.publishedAt).toBe(expected);
    expect(item?.dateFlag).toBeUndefined();
  });

  it.each([undefined, '', 'yesterday', 'Τρί, 29 Ιού 2004 12:53:00 GMT'])('uses now and flags "missing" for %j', (published) => {
    // Act
    const item = normaliseOne({ title: 'T', published });
    // Assess
    expect(item?.publishedAt).toBe('2024-10-01T07:00:00.000Z');
    expect(item?.dateFlag).toBe('missing');
  });

  it('clamps a date more than 10 minutes ahead to now and flags it "future"', () => {
    // Act
    const far = normaliseOne({ title: 'T', published: '2024-10-01T08:00:00Z' });
    const near = normaliseOne({ title: 'T2', published: '2024-10-01T07:05:00Z' });
    // Assess
    expect(far).toMatchObject({ publishedAt: '2024-10-01T07:00:00.000Z', dateFlag: 'future' });
    expect(near).toMatchObject({ publishedAt: '2024-10-01T07:05:00.000Z' });
    expect(near?.dateFlag).toBeUndefined();
  });
});

describe('normaliseEntries: well-formed text', () => {
  const isWellFormed = (s: string) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

  it('replaces lone surrogates with U+FFFD in every text field and keeps real pairs', () => {
    // Act
    const item = normaliseOne({
      guid: 'g\uD800',
      title: 'Mayor \uD83D says \uDE00 yes 😀',
      summaryHtml: '<p>Budget \uDC00 set</p>',
      author: 'Ann \uDBFF',
      categories: ['Housing\uD800'],
      link: 'https://a.example/1',
    });
    // Assess
    expect(item?.title).toBe('Mayor \uFFFD says \uFFFD yes 😀');
    expect(item?.summary).toBe('Budget \uFFFD set');
    expect(item?.author).toBe('Ann \uFFFD');
    expect(item?.categories).toEqual(['Housing\uFFFD']);
    for (const value of Object.values(item ?? {})) if (typeof value === 'string') expect(isWellFormed(value)).toBe(true);
  });

  it('does not leave half a pair where truncation cut one in two', () => {
    // Act
    const item = normaliseOne({ title: `${'a'.repeat(299)}😀😀`, link: 'https://a.example/2' });
    // Assess
    expect(isWellFormed(item?.title ?? '')).toBe(true);
  });
});
