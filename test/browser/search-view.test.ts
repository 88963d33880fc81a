/**
 * The workspace's Search view in real headless Chromium against the local stack and its archive, at
 * desktop and phone widths: a phrase with a date range finds exactly the items it should (not the
 * same words apart, not an item outside the range); a query the language refuses shows its reason
 * and column; feed markup in a headline stays text and runs nothing; axe-core finds no violations
 * and the page never scrolls sideways at 390 px.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archive, store } from '../../shared/runtime/container.js';
import { londonDate } from '../../shared/platform/time.js';
import { LocalStack } from '../../infra/local/runtime.js';
import { startLocalReview, type LocalReview } from '../../infra/local/review-page.js';
import { gridConfig, item } from '../unit/grid/fixtures.js';
import { axeViolations, hasChromium, launchBrowser, openSignedIn, pageWidth } from '../support/browser.js';

const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString();
const WIDTHS = [
  { width: 1280, height: 900 },
  { width: 390, height: 844 },
] as const;

const inRange = item({ title: 'Temporary accommodation costs double', summary: 'The council spends more.', seenAt: daysAgo(2), publishedAt: daysAgo(2) });
const hostile = item({
  title: 'Temporary accommodation <img src=x onerror="window.__ran=1"> <script>window.__ran=2</script> review',
  summary: 'Markup in a feed.',
  seenAt: daysAgo(9),
  publishedAt: daysAgo(9),
});
const apart = item({ title: 'Accommodation that is temporary', summary: 'Words apart, not the phrase.', seenAt: daysAgo(3), publishedAt: daysAgo(3) });
const tooOld = item({ title: 'Temporary accommodation last summer', summary: 'Outside the range.', seenAt: daysAgo(40), publishedAt: daysAgo(40) });

describe.skipIf(!hasChromium)('the Search view in Chromium', () => {
  let stack: LocalStack;
  let review: LocalReview;
  let browser: Browser;
  let dir: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    // Prepare: four items in the store and the archive, as the classifier leaves them.
    dir = mkdtempSync(join(tmpdir(), 'despatch-search-view-'));
    const config = gridConfig({ channels: [{ id: 'x', days: ['mon'], times: ['08:30'] }] });
    stack = await LocalStack.start({ config, dataDir: join(dir, 'data'), inMemory: true });
    for (const i of [inRange, hostile, apart, tooOld]) {
      await store().putItemIfAbsent({ item: i });
      await archive()?.append(i);
    }
    review = await startLocalReview(stack, { port: 0 });
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await review?.close();
    await stack?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const open = (route: string, viewport: (typeof WIDTHS)[number] = WIDTHS[0]): Promise<Page> =>
    openSignedIn(browser, review.url, { token: review.approverToken, route, viewport, incidents: { dialogs: [], pageErrors } });

  const range = () => `from=${londonDate(new Date(daysAgo(14)))}&to=${londonDate(new Date())}`;

  it('finds exactly the items with the phrase in the date range, with the markup as text', async () => {
    // Act: the form, as a user fills it in.
    const page = await open('#/search');
    await page.getByLabel('Query', { exact: true }).fill('"temporary accommodation"');
    await page.getByLabel('From', { exact: true }).fill(londonDate(new Date(daysAgo(14))));
    await page.getByLabel('To', { exact: true }).fill(londonDate(new Date()));
    await page.getByRole('button', { name: 'Search' }).click();
    await page.locator('#search-items').waitFor();
    // Assess: newest first; not the words apart, not last summer's; the address bookmarks it.
    const titles = await page.locator('#search-items .item-title').allTextContents();
    expect(titles).toEqual([inRange.title, hostile.title]);
    expect(new URL(page.url()).hash).toContain('q=%22temporary+accommodation%22');
    expect(await page.locator('#search-items img, #search-items script').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as { __ran?: number }).__ran)).toBeUndefined();
    await expect(page.locator('#search-items mark').first().textContent()).resolves.toMatch(/temporary accommodation/i);
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });

  it('shows the reason and the column of a query the language refuses', async () => {
    // Act
    const page = await open(`#/search?q=${encodeURIComponent('housing AND (rent')}`);
    // Assess
    const error = page.locator('#search-error');
    await error.waitFor();
    await expect(error.textContent()).resolves.toMatch(/column \d+/);
    await page.context().close();
  });

  for (const size of WIDTHS) {
    it(`has no axe violations and no sideways page scroll at ${size.width} px`, async () => {
      // Act
      const page = await open(`#/search?q=${encodeURIComponent('"temporary accommodation"')}&${range()}`, size);
      await page.locator('#search-items').waitFor();
      // Assess
      expect(await axeViolations(page)).toEqual([]);
      expect(await pageWidth(page)).toBeLessThanOrEqual(size.width);
      await page.context().close();
    });
  }
});
