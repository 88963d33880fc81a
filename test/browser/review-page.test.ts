/**
 * The review page end to end in real headless Chromium (Debian's, installed by .ci/run): open the
 * week, edit a post and watch the counter, approve it, export XLSX and read it back; a headline
 * carrying markup shows as text and runs nothing; axe-core finds no accessibility violations.
 * Skipped, with a note, only where no Chromium binary exists.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoWeekOf } from '../../shared/grid/calendar.js';
import { londonDate } from '../../shared/platform/time.js';
import { store } from '../../shared/runtime/container.js';
import { LocalStack } from '../../infra/local/runtime.js';
import { startLocalReview, type LocalReview } from '../../infra/local/review-page.js';
import { gridConfig, item, MAYOR, SOURCES } from '../unit/grid/fixtures.js';
import { axeViolations, hasChromium, launchBrowser, pageWidth } from '../support/browser.js';

const XSS = '<img src=x onerror=alert(1)>';
// This week: news is posted within 3 days of publication, so the stories of the last hours plan this week.
const WEEK = isoWeekOf(londonDate(new Date()));
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

describe.skipIf(!hasChromium)('review page in Chromium', () => {
  let stack: LocalStack;
  let review: LocalReview;
  let browser: Browser;
  let dir: string;
  const dialogs: string[] = [];
  const cspViolations: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    // Prepare: a stack with stories (one carrying markup, one sensitive), next week planned, the page served.
    dir = mkdtempSync(join(tmpdir(), 'despatch-browser-'));
    const config = gridConfig({
      channels: [
        { id: 'x', days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], times: ['08:30', '17:30'], maxPerDay: 2 },
        { id: 'instagram', days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], times: ['12:00'] },
      ],
      weights: { housing: 5, transport: 1 },
      // One browser plays both people here; the rule that someone else approves a post's writer is in test/unit/grid/review.test.ts.
      fourEyes: false,
    });
    stack = await LocalStack.start({ config, dataDir: join(dir, 'data'), inMemory: true });
    for (const i of [
      item({
        title: `Council homes ${XSS} approved for Riverside`,
        priority: { id: 'housing', name: 'Housing' },
        sourceId: SOURCES.council,
        seenAt: hoursAgo(5),
      }),
      item({ title: `${MAYOR} faces calls to resign`, priority: { id: 'housing', name: 'Housing' }, sensitive: true, seenAt: hoursAgo(4) }),
      item({
        title: 'Bus route 47 extended to the hospital',
        priority: { id: 'transport', name: 'Transport' },
        sourceId: SOURCES.council,
        seenAt: hoursAgo(3),
      }),
    ]) {
      await store().putItemIfAbsent({ item: i });
    }
    await stack.invoke('planner', { v: 1, week: WEEK });
    review = await startLocalReview(stack, { port: 0 });
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await review?.close();
    await stack?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function openWeek(options: { bypassCSP?: boolean } = {}): Promise<Page> {
    const context = await browser.newContext({ acceptDownloads: true, bypassCSP: options.bypassCSP ?? false });
    const page = await context.newPage();
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${review.url}/?week=${WEEK}#token=${review.approverToken}`);
    await page.locator('button.slot').first().waitFor();
    return page;
  }

  it('shows a headline carrying markup as text, and runs nothing', async () => {
    // Act
    const page = await openWeek();
    // Assess
    await expect(page.getByText(`Council homes ${XSS} approved for Riverside`).first().isVisible()).resolves.toBe(true);
    expect(await page.locator('img').count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(cspViolations).toEqual([]);
    // The sensitive story is offered for a response, never as a post.
    await expect(page.locator('#needs-response').textContent()).resolves.toContain(`${MAYOR} faces calls to resign`);
    expect(await page.locator('button.slot', { hasText: 'resign' }).count()).toBe(0);
    await page.context().close();
  });

  it('edits a post with a live count, approves it, and exports XLSX that reads back', async () => {
    // Prepare
    const page = await openWeek();
    const slot = page.locator('button.slot', { hasText: 'Council homes' }).and(page.locator('[data-slot$="_x"]')).first();
    const slotId = await slot.getAttribute('data-slot');
    // Act: open it and type.
    await slot.click();
    const text = page.getByLabel('Post text for X');
    await text.fill('New homes at Riverside: https://www.hartwell.gov.uk/a/very/long/address/for/the/homes/page 🏠');
    // Assess: X counts the link as 23 and the emoji as 2 (24 + 23 + 1 + 2).
    await expect(page.locator('#post-count').textContent()).resolves.toMatch(/^50 of 280/);
    await text.fill('x'.repeat(290));
    await expect(page.locator('#post-count').textContent()).resolves.toMatch(/^290 of 280 .* 10 too many$/);
    // Act: save a good text, then approve.
    await text.fill('New homes at Riverside: 96 for social rent. https://www.hartwell.example/homes');
    await page.getByRole('button', { name: 'Save changes', exact: true }).click();
    await expect.poll(() => page.locator('#slot-status').textContent()).toMatch(/Saving: done/);
    await page.getByRole('button', { name: 'Approve', exact: true }).click();
    await expect.poll(() => page.locator('#slot-status').textContent()).toMatch(/Approving: done/);
    await expect(page.locator('#slot-body .badge').textContent()).resolves.toBe('Approved — locked');
    await page.getByRole('button', { name: 'Close', exact: true }).click();
    // Act: export.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Spreadsheet (XLSX)' }).click()]);
    const file = join(dir, download.suggestedFilename());
    await download.saveAs(file);
    // Assess
    expect(download.suggestedFilename()).toBe(`despatch-grid-${WEEK}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const rows = (workbook.getWorksheet(WEEK)?.getSheetValues() ?? []).filter(Array.isArray).map((r) => r.slice(1).map(String));
    expect(rows[0]).toEqual(['Date', 'Time', 'Channel', 'Text', 'Hook', 'Status', 'Alt text', 'Checks']);
    const [date, hhmm] = (slotId ?? '').split('_');
    expect(rows).toContainEqual([
      date,
      `${hhmm?.slice(0, 2)}:${hhmm?.slice(2)}`,
      'X',
      'New homes at Riverside: 96 for social rent. https://www.hartwell.example/homes',
      `priority story: Council homes ${XSS} approved for Riverside`,
      'Approved',
      '',
      expect.stringContaining('no tragedy terms'),
    ]);
    expect(dialogs).toEqual([]);
    expect(cspViolations).toEqual([]);
    await page.context().close();
  });

  it('takes the sign-in link out of the address, and keeps each week at its own address through Back and reload', async () => {
    // Act
    const page = await openWeek();
    // Assess: the token is gone from the address; the grid is the current view.
    expect(new URL(page.url()).hash).toBe('#/grid');
    await expect(page.locator('nav[aria-label="Workspace"] a[aria-current="page"]').textContent()).resolves.toBe('Grid');
    await expect(page.locator('#week-label').textContent()).resolves.toContain(WEEK);
    // Act: the next week, then a reload of its address.
    await page.getByRole('button', { name: 'Next week →' }).click();
    await expect.poll(() => new URL(page.url()).hash).toMatch(/^#\/grid\?week=\d{4}-W\d{2}$/);
    const next = new URLSearchParams(new URL(page.url()).hash.split('?')[1]).get('week') ?? '';
    await expect.poll(() => page.locator('#week-label').textContent()).toContain(next);
    await page.reload();
    await expect.poll(() => page.locator('#week-label').textContent()).toContain(next);
    // Act: Back returns to the first week.
    await page.goBack();
    await expect.poll(() => page.locator('#week-label').textContent()).toContain(WEEK);
    await page.context().close();
  });

  it('has no accessibility violations (axe-core) on the grid, the post editor and the coverage view', async () => {
    // Prepare: axe is injected as a script tag, which this page's CSP would rightly refuse.
    const page = await openWeek({ bypassCSP: true });
    const violations = () => axeViolations(page);
    // Act / Assess
    expect(await violations()).toEqual([]);
    await page.locator('button.slot').first().click();
    await page.locator('dialog[open]').waitFor();
    expect(await violations()).toEqual([]);
    await page.keyboard.press('Escape');
    await page.getByRole('link', { name: 'Coverage' }).click();
    await page.locator('#chart-priorities').waitFor();
    expect(await violations()).toEqual([]);
    await page.context().close();
  });

  it('fits a 390 px phone: nothing wider than the screen but the grid, which scrolls inside its box, and the post editor whole on screen', async () => {
    // Prepare
    const page = await openWeek();
    await page.setViewportSize({ width: 390, height: 844 });
    // Assess: the page itself is phone-wide; the grid's own box scrolls sideways.
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
    const box = await page.locator('.grid-scroll').evaluate((el) => ({ client: el.clientWidth, scroll: el.scrollWidth }));
    expect(box.client).toBeLessThanOrEqual(390);
    expect(box.scroll).toBeGreaterThan(box.client);
    // Act: open a post.
    await page.locator('button.slot').first().click();
    const dialog = page.locator('dialog[open]');
    await dialog.waitFor();
    // Assess: the editor is inside the screen, left and right, and its text box too.
    const rect = await dialog.boundingBox();
    expect(rect).not.toBeNull();
    expect(rect?.x ?? -1).toBeGreaterThanOrEqual(0);
    expect((rect?.x ?? 0) + (rect?.width ?? 1000)).toBeLessThanOrEqual(390);
    const text = await page.locator('dialog[open] textarea').first().boundingBox();
    expect((text?.x ?? 0) + (text?.width ?? 1000)).toBeLessThanOrEqual(390);
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
    if (process.env.DESPATCH_SCREENSHOTS) await page.screenshot({ path: join(process.env.DESPATCH_SCREENSHOTS, 'review-phone-editor.png') });
    await page.context().close();
  });
});
