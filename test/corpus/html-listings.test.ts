/**
 * Real listing pages from ../shared/corpus/html, read in place and served on loopback to
 * fetchSource with selectors written for them, as an office would configure them: council news
 * listings give their stories; a bot-check page and a section hub page fail with a reason.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceConfig } from '../../shared/platform/config/schema.js';
import { fetchSource, type SourceFetchDeps } from '../../shared/ingest/fetch-source.js';
import { ListingError } from '../../shared/ingest/feeds/html-listing.js';
import { normalisedItemSchema, type NormalisedItem } from '../../shared/platform/model.js';
import { startFeedServer, type FeedServer } from '../support/feed-server.js';
import { available } from '../support/required.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const htmlDir = path.resolve(repoRoot, '..', 'shared', 'corpus', 'html');
const present = available(
  'corpus',
  fs.existsSync(htmlDir),
  `[corpus] ${htmlDir} is missing: the HTML listing corpus tests are skipped (a fresh clone has no ../shared).`,
);

const network: SourceFetchDeps['network'] = { allowPrivateHosts: true, contact: 'tests@example.gov.uk', timeoutSeconds: 5, maxBodyBytes: 5 * 1024 * 1024 };
const now = new Date('2025-12-03T07:00:00.000Z');

let server: FeedServer | undefined;

beforeAll(async () => {
  if (!present) return;
  const routes = Object.fromEntries(
    fs.readdirSync(htmlDir).map((name) => [`/${name}`, { headers: { 'Content-Type': 'text/html' }, body: fs.readFileSync(path.join(htmlDir, name)) }]),
  );
  server = await startFeedServer(routes);
});
afterAll(async () => {
  await server?.close();
});

function source(file: string, selectors: NonNullable<SourceConfig['selectors']>): SourceConfig {
  return { id: 'listing', name: file, kind: 'html', url: `${server?.baseUrl ?? ''}/${file}`, group: 'council', outlet: 'official', selectors };
}

async function read(file: string, selectors: NonNullable<SourceConfig['selectors']>): Promise<NormalisedItem[]> {
  const outcome = await fetchSource(source(file, selectors), {}, { network, now });
  if (outcome.kind !== 'ok') throw new Error('expected items');
  for (const item of outcome.items) normalisedItemSchema.parse(item);
  return outcome.items;
}

async function failure(file: string, selectors: NonNullable<SourceConfig['selectors']>): Promise<ListingError> {
  const error = await fetchSource(source(file, selectors), {}, { network, now }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ListingError);
  return error as ListingError;
}

describe.skipIf(!present)('corpus: council news listings', () => {
  it('Rockhampton Latest News: 10 stories with their dates and teasers', async () => {
    // Act
    const items = await read('rockhampton-council-latest-news.html', {
      item: '.news-list-container article',
      title: 'h2.list-item-title',
      link: 'a',
      date: '.published-on',
      summary: 'a > p:not([class])',
    });
    // Assess
    expect(items).toHaveLength(10);
    expect(items[0]).toMatchObject({
      title: 'Council thanks community for feedback on Rockhaven proposal',
      link: 'https://www.rockhamptonregion.qld.gov.au/AboutCouncil/News-and-announcements/Latest-News/Council-thanks-community-for-feedback-on-Rockhaven-proposal',
      publishedAt: '2025-12-02T00:00:00.000Z',
    });
    expect(items[0]?.summary).toMatch(/^Rockhampton Regional Council thanks the community/);
    for (const item of items) expect(item.dateFlag).toBeUndefined();
  });

  it('Dorset Council media releases: dates written both "1 Dec 2025" and "01 December 2025"', async () => {
    // Act
    const items = await read('dorset-council-tas-media-releases.html', {
      item: 'article.blog-listing',
      title: 'h3',
      link: 'a.btn',
      date: '.posted',
      summary: '.introtext',
    });
    // Assess
    expect(items.length).toBeGreaterThanOrEqual(15);
    expect(items.find((i) => i.title === 'Christmas Closure')).toMatchObject({
      link: 'https://www.dorset.tas.gov.au/news/christmas-closure',
      publishedAt: '2025-12-01T00:00:00.000Z',
    });
    for (const item of items) {
      expect(item.link).toMatch(/^https:\/\/www\.dorset\.tas\.gov\.au\//);
      expect(item.dateFlag).toBeUndefined();
    }
  });

  it('Townsville media releases: the story link, not the search engine redirect; the machine date', async () => {
    // Act
    const items = await read('townsville-council-media-releases.html', {
      item: 'li.result',
      title: '.media-release__title',
      link: 'a.media-release',
      date: 'time',
      summary: '.media-release__summary',
    });
    // Assess
    expect(items).toHaveLength(10);
    expect(items[0]).toMatchObject({
      title: 'Drains cleared ahead of high-risk weather season',
      link: 'https://www.townsville.qld.gov.au/about-council/news-and-publications/media-releases/2025/december/drains-cleared-ahead-of-high-risk-weather-season',
      publishedAt: '2025-12-02T01:44:24.000Z',
    });
  });

  it('London Assembly committee meetings (2009): relative links resolve against the page', async () => {
    // Act
    const items = await read('london-assembly-budget-committee-meetings-2009.html', { item: 'li', title: 'a', link: 'a' });
    // Assess
    const base = `${server?.baseUrl ?? ''}/`;
    const relative = items.filter((i) => i.link.startsWith(base));
    expect(relative.length).toBeGreaterThan(0);
    for (const item of items) expect(item.link).toMatch(/^https?:\/\//);
  });

  it('a Cloudflare "Just a moment..." page fails as a bot check, not as "no news"', async () => {
    // Act
    const error = await failure('cloudflare-challenge-instead-of-news.html', { item: '.news-list article', title: 'h2', link: 'a' });
    // Assess
    expect(error.reason).toBe(
      'the site answered with a bot check ("Just a moment...") instead of the page: it blocks automatic readers, so ask the publisher for a feed or try another address',
    );
  });

  it('a section hub page (Darebin "News and Media") gives no menu links as news', async () => {
    // Act
    const error = await failure('darebin-council-news-and-media.html', { item: '.news-list-container article', title: 'h2', link: 'a' });
    // Assess
    expect(error.reason).toMatch(/^no items found with the item selector "\.news-list-container article" on the page titled "News and Media City of Darebin"/);
  });
});
