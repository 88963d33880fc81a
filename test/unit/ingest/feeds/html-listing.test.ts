/**
 * Listing pages read with selectors, through fetchSource on loopback: relative links resolved
 * against the page, dates as councils write them, and a page that yields nothing failing with a
 * reason the office can act on.
 */
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import type { SourceConfig } from '../../../../shared/platform/config/schema.js';
import { fetchSource, type SourceFetchDeps } from '../../../../shared/ingest/fetch-source.js';
import { ListingError } from '../../../../shared/ingest/feeds/html-listing.js';
import { normalisedItemSchema, type NormalisedItem } from '../../../../shared/platform/model.js';
import { startFeedServer, type FeedServer } from '../../../support/feed-server.js';

const network: SourceFetchDeps['network'] = { allowPrivateHosts: true, contact: 'tests@example.gov.uk', timeoutSeconds: 5, maxBodyBytes: 1024 * 1024 };
const now = new Date('2026-11-23T07:00:00.000Z');
const selectors = { item: '.news-list li', title: 'h3', link: 'a', date: '.date', summary: 'p.teaser' };

const page = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>News - Hartwell Council</title></head><body>
<nav><a href="/">Home</a><a href="/news">News</a></nav>
<ul class="news-list">
  <li><h3><a href="/news/2026/library-reopens?utm_source=listing">Library reopens after £2m refit</a></h3><span class="date">20/11/2026</span><p class="teaser">The <b>Central Library</b> reopens on Monday &amp; opens late.</p></li>
  <li><h3><a href="2026/budget-consultation">Budget consultation: have your say</a></h3><span class="date">Published on 19 November 2026</span><p class="teaser">Residents are asked…</p></li>
  <li><h3>Road closures this weekend</h3><span class="date">18 Nov 2026</span></li>
  <li><span class="date">17/11/2026</span></li>
</ul></body></html>`;

let server: FeedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serving(body: string | Buffer, sel: SourceConfig['selectors'] = selectors, contentType = 'text/html; charset=utf-8'): Promise<SourceConfig> {
  server = await startFeedServer({ '/news/': { headers: { 'Content-Type': contentType }, body } });
  return { id: 'hartwell-news', name: 'Hartwell news', kind: 'html', url: `${server.baseUrl}/news/`, group: 'council', outlet: 'official', selectors: sel };
}

async function items(source: SourceConfig): Promise<NormalisedItem[]> {
  const outcome = await fetchSource(source, {}, { network, now });
  if (outcome.kind !== 'ok') throw new Error('expected items');
  for (const item of outcome.items) normalisedItemSchema.parse(item);
  return outcome.items;
}

async function failure(source: SourceConfig): Promise<ListingError> {
  const error = await fetchSource(source, {}, { network, now }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ListingError);
  return error as ListingError;
}

describe('html listing pages', () => {
  it('reads each item: title, link resolved against the page, date, summary as plain text', async () => {
    // Prepare
    const source = await serving(page);
    const base = server?.baseUrl ?? '';
    // Act
    const found = await items(source);
    // Assess
    expect(found.map((i) => [i.title, i.link, i.publishedAt, i.summary])).toEqual([
      [
        'Library reopens after £2m refit',
        `${base}/news/2026/library-reopens`,
        '2026-11-20T00:00:00.000Z',
        'The Central Library reopens on Monday & opens late.',
      ],
      ['Budget consultation: have your say', `${base}/news/2026/budget-consultation`, '2026-11-19T00:00:00.000Z', 'Residents are asked…'],
      ['Road closures this weekend', '', '2026-11-18T00:00:00.000Z', ''],
    ]);
    expect(found.every((i) => i.kind === 'article')).toBe(true);
    expect(server?.requests[0]?.headers.accept).toMatch(/^text\/html/);
  });

  it('honours <base href> and a <time datetime>', async () => {
    // Prepare
    const html = `<html><head><base href="https://www.hartwell.gov.uk/news/"><title>News</title></head><body>
      <article><a href="mayor-visits-school"><h2>Mayor visits school</h2></a><time datetime="2026-06-12T10:15:00+01:00">12 June</time></article></body></html>`;
    const source = await serving(html, { item: 'article', title: 'h2', link: 'a', date: 'time' });
    // Act
    const [item] = await items(source);
    // Assess
    expect(item).toMatchObject({
      title: 'Mayor visits school',
      link: 'https://www.hartwell.gov.uk/news/mayor-visits-school',
      publishedAt: '2026-06-12T09:15:00.000Z',
    });
  });

  it('keeps a summary nested in the title element out of the title', async () => {
    // Prepare
    const html = `<ol><li class="r"><a class="m" href="/a"><div class="t">Drains cleared<p class="s">More than 1,225 drains cleared.</p></div></a></li></ol>`;
    const source = await serving(html, { item: 'li.r', title: '.t', link: 'a.m', summary: '.s' });
    // Act
    const [item] = await items(source);
    // Assess
    expect(item).toMatchObject({ title: 'Drains cleared', summary: 'More than 1,225 drains cleared.' });
  });

  it('reads a windows-1252 page declared in a <meta> tag', async () => {
    // Prepare
    const html = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252"></head><body><div class="n"><a href="/x">Mayor’s statement on the café closure</a></div></body></html>`;
    const source = await serving(iconv.encode(html, 'windows-1252'), { item: '.n', title: 'a', link: 'a' }, 'text/html');
    // Act
    const [item] = await items(source);
    // Assess
    expect(item?.title).toBe('Mayor’s statement on the café closure');
  });

  it('fails with the selector and the page title when the item selector finds nothing', async () => {
    // Prepare
    const source = await serving(page, { ...selectors, item: '.press-releases article' });
    // Act
    const error = await failure(source);
    // Assess
    expect(error.reason).toBe(
      'no items found with the item selector ".press-releases article" on the page titled "News - Hartwell Council": the page may have changed its layout, or this is not the listing page',
    );
  });

  it('says when items are found but none has a title or a link', async () => {
    // Prepare
    const source = await serving(page, { ...selectors, title: '.headline', link: '.nowhere' });
    // Act
    const error = await failure(source);
    // Assess
    expect(error.reason).toMatch(/^the item selector ".news-list li" found 4 element\(s\), but none had a title or a link/);
  });

  it('names a selector that is not valid CSS', async () => {
    // Prepare
    const source = await serving(page, { ...selectors, item: 'li[[' });
    // Act
    const error = await failure(source);
    // Assess
    expect(error.reason).toMatch(/^the item selector "li\[\[" is not a CSS selector that can be used/);
  });
});
