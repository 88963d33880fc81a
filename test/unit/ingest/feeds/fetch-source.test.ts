import zlib from 'node:zlib';
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import type { SourceConfig } from '../../../../shared/platform/config/schema.js';
import { despatchUserAgent, fetchSource, type SourceFetchDeps } from '../../../../shared/ingest/fetch-source.js';
import { FeedParseError } from '../../../../shared/ingest/feeds/parse.js';
import { FetchError, type safeFetch, type SafeFetchOptions } from '../../../../shared/ingest/http/safe-fetch.js';
import { normalisedItemSchema } from '../../../../shared/platform/model.js';
import { startFeedServer, type FeedServer, type Routes } from '../../../support/feed-server.js';

const network: SourceFetchDeps['network'] = { allowPrivateHosts: true, contact: 'mayors.office@example.gov.uk', timeoutSeconds: 5, maxBodyBytes: 1024 * 1024 };
const now = new Date('2024-10-01T07:00:00.000Z');

const feedXml = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Council &amp; Mayor news</title><link>https://www.example.gov.uk/news</link>
  <item><title>Mayor opens library</title><link>/news/library?utm_source=rss</link><guid>lib-1</guid><pubDate>Tue, 01 Oct 2024 06:00:00 GMT</pubDate><description>&lt;p&gt;Opened &lt;b&gt;today&lt;/b&gt;.&lt;/p&gt;</description></item>
  <item><title>Budget consultation</title><link>https://www.example.gov.uk/news/budget</link></item>
</channel></rss>`;

let server: FeedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function sourceServing(routes: Routes, path = '/feed.xml'): Promise<SourceConfig> {
  server = await startFeedServer(routes);
  return { id: 'council-news', name: 'Council news', kind: 'rss', url: `${server.baseUrl}${path}`, group: 'council', outlet: 'official' };
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (e: unknown) => e,
  );
}

describe('fetchSource', () => {
  it('fetches, parses and normalises a feed, keeping the validators for next time', async () => {
    // Prepare
    const source = await sourceServing({
      '/feed.xml': { headers: { 'Content-Type': 'application/rss+xml', ETag: '"abc"', 'Last-Modified': 'Tue, 01 Oct 2024 06:30:00 GMT' }, body: feedXml },
    });
    // Act
    const outcome = await fetchSource(source, {}, { network, now });
    // Assess
    expect(outcome.kind).toBe('ok');
    if (outcome.kind !== 'ok') return;
    expect(outcome).toMatchObject({ etag: '"abc"', lastModified: 'Tue, 01 Oct 2024 06:30:00 GMT', feedTitle: 'Council & Mayor news' });
    expect(outcome.items.map((i) => [i.title, i.link, i.summary])).toEqual([
      ['Mayor opens library', 'https://www.example.gov.uk/news/library', 'Opened today.'],
      ['Budget consultation', 'https://www.example.gov.uk/news/budget', ''],
    ]);
    for (const item of outcome.items) expect(() => normalisedItemSchema.parse(item)).not.toThrow();
  });

  it('identifies itself with a contact, as publishers ask', async () => {
    // Prepare
    const source = await sourceServing({ '/feed.xml': { body: feedXml } });
    // Act
    await fetchSource(source, {}, { network, now });
    // Assess
    expect(server?.requests[0]?.headers['user-agent']).toBe(
      "Despatch/0.1 (+media monitoring for a council Mayor's office; contact: mayors.office@example.gov.uk)",
    );
    expect(despatchUserAgent('x@y.z')).toContain('contact: x@y.z');
  });

  it('sends the stored ETag and reports not-modified without parsing', async () => {
    // Prepare
    const source = await sourceServing({
      '/feed.xml': (req, res) => {
        if (req.headers['if-none-match'] === '"abc"') res.writeHead(304).end();
        else res.writeHead(200).end(feedXml);
      },
    });
    // Act
    const outcome = await fetchSource(source, { etag: '"abc"', lastModified: 'Tue, 01 Oct 2024 06:30:00 GMT' }, { network, now });
    // Assess
    expect(outcome).toEqual({ kind: 'not-modified' });
    expect(server?.requests[0]?.headers['if-modified-since']).toBe('Tue, 01 Oct 2024 06:30:00 GMT');
  });

  it('honours the charset in Content-Type', async () => {
    // Prepare
    const body = iconv.encode('<rss version="2.0"><channel><item><title>Caf\u00e9 \u2019s \u00a3</title><guid>1</guid></item></channel></rss>', 'windows-1252');
    const source = await sourceServing({ '/feed.xml': { headers: { 'Content-Type': 'text/xml; charset=windows-1252' }, body } });
    // Act
    const outcome = await fetchSource(source, {}, { network, now });
    // Assess
    expect(outcome.kind === 'ok' && outcome.items[0]?.title).toBe('Café ’s £');
  });

  it('decompresses a gzip file served without Content-Encoding', async () => {
    // Prepare
    const source = await sourceServing(
      { '/feed.xml.gz': { headers: { 'Content-Type': 'application/octet-stream' }, body: zlib.gzipSync(feedXml) } },
      '/feed.xml.gz',
    );
    // Act
    const outcome = await fetchSource(source, {}, { network, now });
    // Assess
    expect(outcome.kind === 'ok' && outcome.items).toHaveLength(2);
  });

  it('fails with a FeedParseError reason when a web page comes back instead of a feed', async () => {
    // Prepare
    const source = await sourceServing({
      '/feed.xml': { headers: { 'Content-Type': 'text/html' }, body: '<html><head><title>Page not found</title></head></html>' },
    });
    // Act
    const error = await failure(fetchSource(source, {}, { network, now }));
    // Assess
    expect(error).toBeInstanceOf(FeedParseError);
    expect((error as FeedParseError).reason).toBe('HTML served where a feed was expected (the page is titled "Page not found")');
  });

  it('fails with a FetchError reason on an HTTP error', async () => {
    // Prepare
    const source = await sourceServing({ '/feed.xml': { status: 410, body: 'gone' } });
    // Act
    const error = await failure(fetchSource(source, {}, { network, now }));
    // Assess
    expect(error).toBeInstanceOf(FetchError);
    expect((error as FetchError).reason).toBe('HTTP 410 Gone');
  });

  it('refuses a loopback feed unless the configuration allows private hosts', async () => {
    // Prepare
    const source = await sourceServing({ '/feed.xml': { body: feedXml } });
    // Act
    const error = await failure(fetchSource(source, {}, { network: { ...network, allowPrivateHosts: false }, now }));
    // Assess
    expect((error as FetchError).reason).toBe('blocked: a loopback address (127.0.0.1)');
    expect(server?.requests).toHaveLength(0);
  });

  it('passes the network settings to the fetcher it is given', async () => {
    // Prepare
    const seen: { url: string; options: SafeFetchOptions }[] = [];
    const fetch: typeof safeFetch = async (url, options) => {
      seen.push({ url, options });
      return { status: 'ok', finalUrl: 'https://feeds.example.org/final.xml', body: Buffer.from(feedXml) };
    };
    const source: SourceConfig = { id: 's', name: 'S', kind: 'rss', url: 'https://feeds.example.org/feed.xml', group: 'press', outlet: 'local' };
    // Act
    const outcome = await fetchSource(source, { etag: '"e"' }, { network: { ...network, allowPrivateHosts: false, timeoutSeconds: 20 }, now, fetch });
    // Assess
    expect(seen[0]?.url).toBe('https://feeds.example.org/feed.xml');
    expect(seen[0]?.options).toMatchObject({ allowPrivateHosts: false, timeoutMs: 20_000, idleTimeoutMs: 10_000, maxBodyBytes: 1024 * 1024, etag: '"e"' });
    expect(outcome.kind === 'ok' && outcome.items).toHaveLength(2);
  });
});
