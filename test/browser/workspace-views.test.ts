/**
 * The workspace's Today and Sources views in real headless Chromium against the local stack, at
 * desktop and phone widths: Today lists everything since the last briefing, sensitive first, with
 * filters in the address; feed markup in a headline stays text and runs nothing; Sources shows the
 * health table and "retry now" clears a back-off; axe-core finds no violations and the page never
 * scrolls sideways at 390 px.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { store } from '../../shared/runtime/container.js';
import { LocalStack } from '../../infra/local/runtime.js';
import { startLocalReview, type LocalReview } from '../../infra/local/review-page.js';
import { gridConfig, item, MAYOR, SOURCES } from '../unit/grid/fixtures.js';
import { axeViolations, hasChromium, launchBrowser, openSignedIn, pageWidth } from '../support/browser.js';

const XSS_IMG = '<img src=x onerror=alert(1)>';
const XSS_SCRIPT = '<script>alert(2)</script>';
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
const WIDTHS = [
  { width: 1280, height: 900 },
  { width: 390, height: 844 },
] as const;

describe.skipIf(!hasChromium)('workspace views in Chromium', () => {
  let stack: LocalStack;
  let review: LocalReview;
  let browser: Browser;
  let dir: string;
  const dialogs: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    // Prepare: no briefing yet (so Today is the last 24 hours): a housing story carrying markup, a
    // sensitive one published last, a transport one; one source waiting out a back-off.
    dir = mkdtempSync(join(tmpdir(), 'despatch-views-'));
    const config = gridConfig({ channels: [{ id: 'x', days: ['mon'], times: ['08:30'] }], fourEyes: false });
    stack = await LocalStack.start({ config, dataDir: join(dir, 'data'), inMemory: true });
    for (const i of [
      item({
        title: `Council homes ${XSS_IMG} ${XSS_SCRIPT} approved`,
        priority: { id: 'housing', name: 'Housing' },
        sourceId: SOURCES.council,
        seenAt: hoursAgo(5),
      }),
      item({ title: 'Bus route 47 extended to the hospital', priority: { id: 'transport', name: 'Transport' }, seenAt: hoursAgo(2) }),
      item({ title: `${MAYOR} faces calls to resign`, priority: { id: 'housing', name: 'Housing' }, sensitive: true, seenAt: hoursAgo(8) }),
      item({ title: 'Old news from last week', priority: { id: 'housing', name: 'Housing' }, seenAt: hoursAgo(24 * 7) }),
    ]) {
      await store().putItemIfAbsent({ item: i });
    }
    await store().putSourceState({
      sourceId: SOURCES.national,
      seenIds: [],
      consecutiveFailures: 3,
      lastError: { at: hoursAgo(1), reason: 'HTTP 503' },
      notBefore: new Date(Date.now() + 3_600_000).toISOString(),
      notBeforeReason: 'back-off after 3 failures',
    });
    review = await startLocalReview(stack, { port: 0 });
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await review?.close();
    await stack?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  // The markup checks hold under the CSP in review-page.test.ts too.
  const open = (route: string, viewport: (typeof WIDTHS)[number] = WIDTHS[0]): Promise<Page> =>
    openSignedIn(browser, review.url, { token: review.approverToken, route, viewport, incidents: { dialogs, pageErrors } });

  it('lists today sensitive first, then by priority, with the markup in a headline as text', async () => {
    // Act
    const page = await open('#/today');
    await page.locator('#today-items').waitFor();
    // Assess: the period's three items, the sensitive one first though it is the oldest; last week's is not there.
    const titles = await page.locator('#today-items .item-title').allTextContents();
    expect(titles).toEqual([`${MAYOR} faces calls to resign`, `Council homes ${XSS_IMG} ${XSS_SCRIPT} approved`, 'Bus route 47 extended to the hospital']);
    await expect(page.locator('#today-items li').first().getAttribute('class')).resolves.toContain('sensitive');
    expect(await page.locator('#today-items img, #today-items script').count()).toBe(0);
    await expect(page.locator('nav[aria-label="Workspace"] a[aria-current="page"]').textContent()).resolves.toBe('Today');
    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });

  it('filters today by priority through the address', async () => {
    // Act: choose Transport.
    const page = await open('#/today');
    await page.locator('#today-items').waitFor();
    await page.getByLabel('Priority').selectOption('transport');
    // Assess
    await expect.poll(() => new URL(page.url()).hash).toBe('#/today?priority=transport');
    await expect.poll(() => page.locator('#today-items .item-title').allTextContents()).toEqual(['Bus route 47 extended to the hospital']);
    // Act: the address alone, as from a bookmark.
    await page.goto(`${review.url}/#/today?source=${SOURCES.council}`);
    await page.reload();
    await expect.poll(() => page.locator('#today-items .item-title').allTextContents()).toEqual([`Council homes ${XSS_IMG} ${XSS_SCRIPT} approved`]);
    await expect(page.getByLabel('Source').inputValue()).resolves.toBe(SOURCES.council);
    await page.context().close();
  });

  it('shows source health and clears a back-off with "retry now"', async () => {
    // Act
    const page = await open('#/sources');
    const row = page.locator('#sources-table tr', { hasText: 'London Daily' });
    await row.waitFor();
    // Assess
    await expect(row.textContent()).resolves.toContain('HTTP 503');
    await expect(row.textContent()).resolves.toContain('back-off after 3 failures');
    // Act
    await row.getByRole('button', { name: /Retry now/ }).click();
    // Assess: the wait is gone, here and in the store.
    await expect.poll(() => page.locator('#status').textContent()).toContain('will be fetched at the next poll');
    await expect(page.locator('#sources-table tr', { hasText: 'London Daily' }).getByRole('button').count()).resolves.toBe(0);
    expect((await store().getSourceState(SOURCES.national))?.notBefore).toBeUndefined();
    await page.context().close();
  });

  for (const size of WIDTHS) {
    it(`has no axe violations and no sideways page scroll on Today, Sources, Coverage and Grid at ${size.width} px`, async () => {
      const page = await open('#/today', size);
      for (const [route, ready] of [
        ['#/today', '#today-items'],
        ['#/sources', '#sources-table'],
        ['#/coverage', '#chart-priorities'],
        ['#/grid', '#grid caption'],
      ] as const) {
        // Act
        await page.goto(`${review.url}/${route}`);
        await page.locator(ready).waitFor();
        // Assess
        expect({ route, violations: await axeViolations(page) }).toEqual({ route, violations: [] });
        expect(await pageWidth(page), `${route} lays out wider than the screen`).toBeLessThanOrEqual(size.width);
      }
      expect(dialogs).toEqual([]);
      await page.context().close();
    });
  }
});
