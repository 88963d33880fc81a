import { describe, expect, it } from 'vitest';
import { FeedParseError, parseFeedText, type ParsedFeed } from '../../../../shared/ingest/feeds/parse.js';

async function parseError(xml: string): Promise<FeedParseError> {
  const error = await parseFeedText(xml).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FeedParseError);
  return error as FeedParseError;
}

const rss2 = (items: string, channel = '<title>Borough News</title><link>https://news.example.gov.uk/</link>'): string =>
  `<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>${channel}${items}</channel></rss>`;

describe('parseFeedText: formats', () => {
  it('reads an RSS 2.0 item with its guid, link, HTML fields, author, categories and date', async () => {
    // Prepare
    const xml = rss2(`<item>
      <title>Mayor opens &lt;b&gt;new&lt;/b&gt; library</title>
      <link>https://news.example.gov.uk/library?utm_source=rss</link>
      <guid isPermaLink="false">lib-2024-10</guid>
      <description>&lt;p&gt;The &lt;em&gt;Mayor&lt;/em&gt; opened it.&lt;/p&gt;</description>
      <content:encoded><![CDATA[<p>Full text</p>]]></content:encoded>
      <dc:creator>Press Office</dc:creator>
      <category>Libraries</category><category domain="x">Culture</category>
      <pubDate>Tue, 01 Oct 2024 07:00:00 BST</pubDate>
    </item>`);
    // Act
    const feed = await parseFeedText(xml);
    // Assess
    expect(feed.title).toBe('Borough News');
    expect(feed.link).toBe('https://news.example.gov.uk/');
    expect(feed.entries).toEqual([
      {
        guid: 'lib-2024-10',
        guidIsPermaLink: false,
        title: 'Mayor opens <b>new</b> library',
        link: 'https://news.example.gov.uk/library?utm_source=rss',
        summaryHtml: '<p>The <em>Mayor</em> opened it.</p>',
        contentHtml: '<p>Full text</p>',
        author: 'Press Office',
        categories: ['Libraries', 'Culture'],
        published: 'Tue, 01 Oct 2024 07:00:00 BST',
      },
    ]);
  });

  it('reads RSS 0.91 and an <rss> with no version', async () => {
    // Prepare
    const v091 = '<rss version="0.91"><channel><title>Old</title><item><title>One</title><link>http://a.example/1</link></item></channel></rss>';
    const unversioned = '<rss><channel><item><title>Two</title></item></channel></rss>';
    // Act
    const feeds = await Promise.all([parseFeedText(v091), parseFeedText(unversioned)]);
    // Assess
    expect(feeds.map((f) => f.entries[0]?.title)).toEqual(['One', 'Two']);
  });

  it('reads RSS 1.0 (RDF) with dc:date and rdf:about', async () => {
    // Prepare
    const xml = `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
      <channel rdf:about="http://a.example/"><title>RDF feed</title><link>http://a.example/</link></channel>
      <item rdf:about="http://a.example/item/1"><title>First</title><link>http://a.example/item/1</link><dc:date>2024-10-01T08:00:00+01:00</dc:date></item>
    </rdf:RDF>`;
    // Act
    const feed = await parseFeedText(xml);
    // Assess
    expect(feed.title).toBe('RDF feed');
    expect(feed.entries[0]).toMatchObject({ guid: 'http://a.example/item/1', title: 'First', published: '2024-10-01T08:00:00+01:00' });
  });

  it('reads Atom: the HTML alternate link, escaped text titles, HTML summaries and the author name', async () => {
    // Prepare
    const xml = `<feed xmlns="http://www.w3.org/2005/Atom"><title>GOV.UK</title><link rel="self" href="https://www.gov.uk/x.atom"/><link href="https://www.gov.uk/x"/>
      <entry>
        <id>tag:gov.uk,2024:1</id>
        <title type="text">Fares &lt; inflation &amp; rising</title>
        <link rel="alternate" type="application/pdf" href="https://www.gov.uk/x.pdf"/>
        <link rel="alternate" type="text/html" href="https://www.gov.uk/government/news/fares"/>
        <link rel="enclosure" href="https://www.gov.uk/audio.mp3"/>
        <summary type="html">&lt;p&gt;Fares &amp;amp; more&lt;/p&gt;</summary>
        <author><name>Department for Transport</name></author>
        <category term="transport" label="Transport"/>
        <updated>2024-10-01T09:30:00+01:00</updated>
      </entry></feed>`;
    // Act
    const feed = await parseFeedText(xml);
    // Assess
    expect(feed.link).toBe('https://www.gov.uk/x');
    expect(feed.entries[0]).toEqual({
      guid: 'tag:gov.uk,2024:1',
      guidIsPermaLink: true,
      title: 'Fares &lt; inflation &amp; rising',
      link: 'https://www.gov.uk/government/news/fares',
      summaryHtml: '<p>Fares &amp; more</p>',
      author: 'Department for Transport',
      categories: ['Transport'],
      published: '2024-10-01T09:30:00+01:00',
    });
  });

  it('keeps an Atom entry whose date cannot be read, with the raw text', async () => {
    // Prepare
    const xml =
      '<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>Odd date</title><published>yesterday</published><link>http://a.example/odd</link></entry></feed>';
    // Act
    const feed = await parseFeedText(xml);
    // Assess
    expect(feed.entries[0]).toMatchObject({ title: 'Odd date', published: 'yesterday', link: 'http://a.example/odd' });
  });

  it('prefers feedburner:origLink over the redirecting <link>, and reads legislation.gov.uk pbl:Document', async () => {
    // Prepare
    const burner = rss2(
      '<item xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0"><title>T</title><link>http://feeds.feedburner.com/~r/x/1</link><feedburner:origLink>https://real.example/story</feedburner:origLink></item>',
    );
    const legislation =
      '<feed xmlns="http://www.w3.org/2005/Atom" xmlns:pbl="p"><entry><id>http://www.legislation.gov.uk/uksi/2026/1/pdfs/x.pdf/published/2026</id><title>The Example Regulations 2026</title><pbl:Document>http://www.legislation.gov.uk/uksi/2026/1/made</pbl:Document></entry></feed>';
    // Act
    const [a, b] = await Promise.all([parseFeedText(burner), parseFeedText(legislation)]);
    // Assess
    expect(a.entries[0]?.link).toBe('https://real.example/story');
    expect(b.entries[0]?.link).toBe('http://www.legislation.gov.uk/uksi/2026/1/made');
  });

  it('reads items placed straight under <rss> with no <channel>', async () => {
    // Act
    const feed = await parseFeedText('<rss><item><title>Loose item</title></item></rss>');
    // Assess
    expect(feed.entries.map((e) => e.title)).toEqual(['Loose item']);
  });

  it('parses many documents at once without mixing them up', async () => {
    // Prepare
    const documents = Array.from({ length: 20 }, (_, i) => rss2(`<item><title>Item ${i}</title></item>`));
    // Act
    const feeds = await Promise.all(documents.map((d) => parseFeedText(d)));
    // Assess
    expect(feeds.map((f) => f.entries[0]?.title)).toEqual(documents.map((_, i) => `Item ${i}`));
  });
});

describe('parseFeedText: documents that are not feeds', () => {
  it.each(['', '   \n\t ', '<!-- nothing here -->', '\uFEFF'])('says "empty document" for %j', async (xml) => {
    // Act
    const error = await parseError(xml);
    // Assess
    expect(error.reason).toBe('empty document');
  });

  it('recognises an HTML page served where a feed was expected, and names it', async () => {
    // Prepare
    const html = '<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>Checking your browser</body></html>';
    // Act
    const error = await parseError(html);
    // Assess
    expect(error.reason).toBe('HTML served where a feed was expected (the page is titled "Just a moment...")');
  });

  it('refuses well-formed XML that is not a feed', async () => {
    // Act
    const error = await parseError('<?xml version="1.0"?><note><to>Tove</to></note>');
    // Assess
    expect(error.reason).toBe('not a feed: the document is <note>, not RSS, Atom or RDF');
  });

  it('refuses text that is not XML at all', async () => {
    // Act
    const error = await parseError('{"items": []}');
    // Assess
    expect(error.reason).toBe('not a feed: the document is not XML (it does not start with markup)');
  });
});

describe('parseFeedText: ill-formed documents', () => {
  it('recovers from a bare ampersand and says it repaired the document', async () => {
    // Prepare
    const xml = rss2('<item><title>Fish & chips</title><link>http://a.example/?a=1&b=2</link></item><item><title>After</title></item>');
    // Act
    const feed = await parseFeedText(xml);
    // Assess
    expect(feed.entries.map((e) => e.title)).toEqual(['Fish & chips', 'After']);
    expect(feed.entries[0]?.link).toBe('http://a.example/?a=1&b=2');
    expect(feed.repaired).toMatch(/^not well-formed XML: invalid character in entity name \(line 1, column \d+\)$/);
  });

  it('defines HTML entities XML does not know, and keeps unknown ones as text', async () => {
    // Prepare
    const xml = rss2('<item><title>Wait&hellip;&nbsp;now &euro;5 &notanentity; &amp; done</title></item>');
    // Act
    const feed = await parseFeedText(xml);
    // Assess
    expect(feed.entries[0]?.title).toBe('Wait…\u00a0now €5 &notanentity; & done');
  });

  it('does not read "&copy=2" in a URL as the © entity', async () => {
    // Prepare
    const xml = rss2('<item><title>?page=1&copy=2;mode=x &amp; done</title></item>');
    // Act
    const feed = await parseFeedText(xml);
    // Assess
    expect(feed.entries[0]?.title).toBe('?page=1&copy=2;mode=x & done');
  });

  it('reads the items of a document cut off after them', async () => {
    // Prepare
    const xml = rss2('<item><title>Complete</title></item><item><title>Cut</title><description>half a sen').replace(/<\/channel><\/rss>$/, '');
    // Act
    const feed = await parseFeedText(xml);
    // Assess
    expect(feed.entries.map((e) => e.title)).toEqual(['Complete', 'Cut']);
  });

  it('fails clearly when a document is cut off before any item', async () => {
    // Prepare
    const xml = '<rss version="2.0"><channel><title>Reuters</title><!-- Exception rendering module on server -->';
    // Act
    const error = await parseError(xml);
    // Assess
    expect(error.reason).toBe('the document stops part-way through (truncated) and no items could be read');
  });

  it('repairs unescaped HTML inside a description', async () => {
    // Prepare
    const xml = rss2('<item><title>Budget</title><description>Line one<br>line <b>two</description></item>');
    // Act
    const feed = await parseFeedText(xml);
    // Assess
    expect(feed.entries[0]?.title).toBe('Budget');
    expect(feed.entries[0]?.summaryHtml).toContain('Line one');
  });

  it('explains a document it cannot repair', async () => {
    // Prepare
    const xml = rss2('<item><title a=b c>Broken attributes</title></item>');
    // Act
    const error = await parseError(xml);
    // Assess
    expect(error.reason).toMatch(/^not well-formed XML: .+ \(line \d+, column \d+\)$/);
  });
});

describe('parseFeedText: hostile documents', () => {
  it('expands nothing from a billion-laughs DOCTYPE', async () => {
    // Prepare
    const entities = ['<!ENTITY lol "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`)];
    const xml = `<?xml version="1.0"?><!DOCTYPE rss [${entities.join('')}]><rss version="2.0"><channel><item><title>&lol9;</title></item></channel></rss>`;
    // Act
    const feed = await parseFeedText(xml);
    // Assess
    expect(feed.entries[0]?.title).toBe('&lol9;');
  });

  it('never reads an external entity', async () => {
    // Prepare
    const xml =
      '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel><item><title>&xxe;</title></item></channel></rss>';
    // Act
    const feed = await parseFeedText(xml);
    // Assess
    expect(feed.entries[0]?.title).toBe('&xxe;');
    expect(JSON.stringify(feed)).not.toContain('root:');
  });

  it('leaves Object.prototype alone when elements are called __proto__', async () => {
    // Prepare
    const xml = rss2(
      '<item><title>Safe</title><__proto__><polluted>yes</polluted></__proto__><constructor><prototype><polluted>yes</polluted></prototype></constructor></item><__proto__ polluted="yes"/>',
      '<title>T</title><__proto__><polluted>yes</polluted></__proto__>',
    );
    // Act
    const feed: ParsedFeed = await parseFeedText(xml);
    // Assess
    expect(feed.entries[0]?.title).toBe('Safe');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('refuses absurdly deep nesting at once instead of stalling', async () => {
    // Prepare
    const depth = 20_000;
    const xml = rss2(`<item><title>${'<b>'.repeat(depth)}deep${'</b>'.repeat(depth)}</title></item>`);
    // Act
    const error = await parseError(xml);
    // Assess
    expect(error.reason).toBe('not a usable feed: elements are nested more than 200 deep');
  });

  it('does not count unclosed <br> and <img> in unescaped HTML as nesting', async () => {
    // Prepare
    const xml = rss2(`<item><title>Lines</title><description>${'line<br>'.repeat(500)}<img src="x"></description></item>`);
    // Act
    const feed = await parseFeedText(xml);
    // Assess
    expect(feed.entries[0]?.title).toBe('Lines');
  });
});
