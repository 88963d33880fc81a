/**
 * The workspace's Story and Alerts views in real headless Chromium against the local stack and
 * the local review server, signed in as named local users (an editor, a reader), at desktop and
 * phone widths: a story lists its outlets in the order they carried it; acknowledging and then
 * handling an alert through the page is recorded with the user's name (read back from the store);
 * a reader gets no buttons and the API refuses their POST; feed markup in a headline stays text and
 * runs nothing; axe-core finds no violations and the page never scrolls sideways at 390 px.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storyIdFor, type StoryRecord } from '../../shared/classify/stories/story.js';
import { londonDate } from '../../shared/platform/time.js';
import { alertActionStore, store } from '../../shared/runtime/container.js';
import { LocalStack } from '../../infra/local/runtime.js';
import { startLocalReview, type LocalReview } from '../../infra/local/review-page.js';
import { gridConfig, item, MAYOR, SOURCES } from '../unit/grid/fixtures.js';
import { axeViolations, hasChromium, launchBrowser, openSignedIn, pageWidth } from '../support/browser.js';

// Feed markup that would set a flag on the window if the page ever ran it.
const XSS_IMG = '<img src=x onerror="window.__despatchXss=1">';
const XSS_SCRIPT = '<script>window.__despatchXss=2</script>';
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
const WIDTHS = [
  { width: 1280, height: 900 },
  { width: 390, height: 844 },
] as const;
const EDITOR = 'Priya Shah';
const READER = 'Rob Jones';

const firstItem = item({ title: `${MAYOR} faces calls to resign ${XSS_IMG} ${XSS_SCRIPT}`, sensitive: true, seenAt: hoursAgo(20), sourceId: SOURCES.press });
const STORY_ID = storyIdFor(firstItem.id, new Date(firstItem.seenAt));
// Each item knows its story (the classifier sets clusterId), so Today can link to it.
const first = { ...firstItem, clusterId: STORY_ID };
const second = { ...item({ title: `Calls grow for ${MAYOR} to go`, sensitive: true, seenAt: hoursAgo(18), sourceId: SOURCES.national }), clusterId: STORY_ID };
const third = {
  ...item({ title: 'Council responds to calls for resignation', sensitive: true, seenAt: hoursAgo(16), sourceId: SOURCES.council }),
  clusterId: STORY_ID,
};
const MERGED_ID = storyIdFor(third.id, new Date(third.seenAt));
const NEW_ALERT = `${STORY_ID}.new.high.0`;
const SPREAD_ALERT = `${STORY_ID}.spread.critical.2`;
const ITEM_ALERT = `${second.id}.item`;

function storyRecord(over: Partial<StoryRecord>): StoryRecord {
  return {
    id: STORY_ID,
    firstSeenAt: first.seenAt,
    lastSeenAt: third.seenAt,
    createdAt: first.seenAt,
    size: 3,
    // Joined in a different order from the one they were seen in: the view lists them by time.
    members: [first.id, third.id, second.id],
    outlets: [first, second, third].map((i) => ({ id: i.sourceId, name: i.sourceName })),
    signatures: [],
    priorities: [],
    level: 'critical',
    score: 6,
    alerted: { level: 'critical', spread: 2 },
    alerts: [
      { itemId: first.id, reason: 'new', level: 'high', spread: 0, at: first.seenAt },
      { itemId: second.id, reason: 'spread', level: 'critical', spread: 2, at: second.seenAt },
    ],
    version: 1,
    ...over,
  };
}

const xssFlag = (page: Page) => page.evaluate(() => (globalThis as unknown as { __despatchXss?: number }).__despatchXss);

describe.skipIf(!hasChromium)('Story and Alerts views in Chromium', () => {
  let stack: LocalStack;
  let review: LocalReview;
  let browser: Browser;
  let dir: string;
  const dialogs: string[] = [];
  const pageErrors: string[] = [];
  const tokenOf = (name: string): string => {
    const token = review.users.issued.find((link) => link.name === name)?.token;
    if (!token) throw new Error(`no sign-in link was made for ${name}`);
    return token;
  };

  beforeAll(async () => {
    // Prepare: named local users; a story of three outlets (the first headline carrying markup),
    // two alerts sent for it and one from before stories; a briefing that took in its first item.
    dir = mkdtempSync(join(tmpdir(), 'despatch-story-views-'));
    const config = {
      ...gridConfig({ channels: [{ id: 'x', days: ['mon'], times: ['08:30'] }], fourEyes: false }),
      users: [
        { name: EDITOR, role: 'editor' as const },
        { name: READER, role: 'reader' as const },
      ],
    };
    stack = await LocalStack.start({ config, dataDir: join(dir, 'data'), inMemory: true });
    for (const i of [first, second, third]) await store().putItemIfAbsent({ item: i });
    await store().putStory(storyRecord({}), undefined);
    await store().putStory(
      storyRecord({ id: MERGED_ID, firstSeenAt: third.seenAt, members: [third.id], size: 1, alerts: [], level: 'high', mergedInto: STORY_ID }),
      undefined,
    );
    await store().recordStoryAlertSent(STORY_ID, 'new#high#0', new Date(hoursAgo(19.9)), 'm1');
    await store().recordStoryAlertSent(STORY_ID, 'spread#critical#2', new Date(hoursAgo(17.9)), 'm2');
    await store().recordAlertSent(second.id, new Date(hoursAgo(10)), 'm3');
    await store().recordBriefing({
      localDate: londonDate(new Date(hoursAgo(19))),
      windowFrom: hoursAgo(40),
      windowTo: hoursAgo(19),
      sentAt: hoursAgo(19),
      itemCount: 12,
      sensitiveCount: 1,
      messageId: 'b1',
      subject: 'Morning briefing',
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

  const open = (route: string, as: string = EDITOR, viewport: (typeof WIDTHS)[number] = WIDTHS[0]): Promise<Page> =>
    openSignedIn(browser, review.url, { token: tokenOf(as), route, viewport, incidents: { dialogs, pageErrors } });

  it('lists the story’s outlets in the order they carried it, with its level, alerts and briefing', async () => {
    // Act
    const page = await open(`#/story/${STORY_ID}`);
    await page.locator('#story-outlets').waitFor();
    // Assess: in the order seen, whatever the order they joined; the markup in the first headline is text.
    expect(await page.locator('#story-outlets .outlet-source').allTextContents()).toEqual([first.sourceName, second.sourceName, third.sourceName]);
    const headlines = await page.locator('#story-outlets .outlet-title').allTextContents();
    expect(headlines[0]).toContain(`${XSS_IMG} ${XSS_SCRIPT}`);
    expect(await page.locator('#story-outlets a').first().getAttribute('href')).toBe(first.link);
    expect(await page.locator('#story-levels li').allTextContents()).toEqual([
      expect.stringContaining('High. A new story at High.'),
      expect.stringContaining('Critical. Carried by 2 outlets: a follow-up at Critical.'),
    ]);
    expect(await page.locator('#story-alerts li').count()).toBe(2);
    expect(await page.locator('#story-briefings').textContent()).toContain('Morning briefing (1 of its items)');
    expect(await page.locator('.view img, .view script').count()).toBe(0);
    expect(await xssFlag(page)).toBeUndefined();
    // The story is reached by links, not from the nav.
    expect(await page.locator('nav[aria-label="Workspace"] a').allTextContents()).not.toContain('Story');
    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });

  it('links a merged story to the one it became, and says so for an unknown id', async () => {
    // Act
    const page = await open(`#/story/${MERGED_ID}`);
    await page.locator('#story-merged').waitFor();
    // Assess
    expect(await page.locator('#story-merged a').getAttribute('href')).toBe(`#/story/${STORY_ID}`);
    // Act: an id no story has.
    await page.goto(`${review.url}/#/story/20200101-${'0'.repeat(32)}`);
    // Assess
    await expect.poll(() => page.locator('#story-missing').textContent()).toContain('No story with that id is kept');
    await page.context().close();
  });

  it('opens the story from a Today item', async () => {
    // Act
    const page = await open('#/today');
    const link = page.locator(`#today-items li[data-item="${second.id}"] a.story-link`);
    await link.click();
    // Assess
    await page.locator('#story-outlets').waitFor();
    expect(new URL(page.url()).hash).toBe(`#/story/${STORY_ID}`);
    await page.context().close();
  });

  it('records acknowledging and then handling an alert with the signed-in user, and shows the server’s refusal of an empty note', async () => {
    // Act: acknowledge the new-story alert.
    const page = await open('#/alerts');
    const row = () => page.locator(`li[data-alert="${NEW_ALERT}"]`);
    await row()
      .getByRole('button', { name: /^Acknowledge/ })
      .click();
    // Assess: shown as acknowledged, and so recorded in the store with the user's name.
    await expect.poll(() => row().locator('.alert-state').textContent()).toContain(`Acknowledged by ${EDITOR}`);
    expect(await alertActionStore().alertAction(NEW_ALERT)).toMatchObject({ acknowledgedBy: { name: EDITOR }, acknowledgedVia: 'page' });
    // Act: mark it handled with a note.
    await row()
      .getByLabel(/What was done/)
      .fill('statement issued');
    await row()
      .getByRole('button', { name: /^Mark handled/ })
      .click();
    // Assess
    await expect.poll(() => row().locator('.alert-state').textContent()).toContain(`Handled by ${EDITOR}`);
    expect(await row().getByRole('button').count()).toBe(0);
    expect(await alertActionStore().alertAction(NEW_ALERT)).toMatchObject({ handledBy: { name: EDITOR }, note: 'statement issued' });
    // Act: a note of spaces gets past the input's own check; the server refuses it.
    const other = page.locator(`li[data-alert="${SPREAD_ALERT}"]`);
    await other.getByLabel(/What was done/).fill('   ');
    await other.getByRole('button', { name: /^Mark handled/ }).click();
    // Assess: the server's reason is on the page; nothing is recorded.
    await expect.poll(() => other.locator('.slot-message').textContent()).toContain('say what was done');
    expect((await alertActionStore().alertAction(SPREAD_ALERT))?.handledBy).toBeUndefined();
    // The filter counts follow.
    await expect(page.locator('.state-filter').textContent()).resolves.toContain('Handled (1)');
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });

  it('shows a reader every alert with no buttons, and the API refuses their POST', async () => {
    // Act
    const page = await open('#/alerts', READER);
    await page.locator('#alert-list').waitFor();
    // Assess
    expect(await page.locator('#alert-list li.alert').count()).toBe(3);
    expect(await page.locator('#alert-list button, #alert-list input').count()).toBe(0);
    const refused = await fetch(`${review.url}/api/alerts/${ITEM_ALERT}/acknowledge`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokenOf(READER)}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(refused.status).toBe(403);
    expect(await alertActionStore().alertAction(ITEM_ALERT)).toBeUndefined();
    await page.context().close();
  });

  it('keeps feed markup in alert headlines as text that never runs', async () => {
    // Act
    const page = await open('#/alerts');
    await page.locator('#alert-list').waitFor();
    // Assess
    const title = page.locator(`li[data-alert="${SPREAD_ALERT}"] .item-title`);
    expect(await title.textContent()).toContain(`${XSS_IMG} ${XSS_SCRIPT}`);
    expect(await title.locator('a').getAttribute('href')).toBe(`#/story/${STORY_ID}`);
    expect(await page.locator('.view img, .view script').count()).toBe(0);
    expect(await xssFlag(page)).toBeUndefined();
    expect(dialogs).toEqual([]);
    await page.context().close();
  });

  for (const size of WIDTHS) {
    it(`has no axe violations and no sideways page scroll on Story and Alerts at ${size.width} px`, async () => {
      const page = await open('#/alerts', EDITOR, size);
      for (const [route, ready] of [
        [`#/story/${STORY_ID}`, '#story-outlets'],
        ['#/alerts', '#alert-list'],
        [`#/story/${MERGED_ID}`, '#story-merged'],
      ] as const) {
        // Act
        await page.goto(`${review.url}/${route}`);
        await page.locator(ready).waitFor();
        // Assess
        expect({ route, violations: await axeViolations(page) }).toEqual({ route, violations: [] });
        expect(await pageWidth(page), `${route} lays out wider than the screen`).toBeLessThanOrEqual(size.width);
      }
      expect(await xssFlag(page)).toBeUndefined();
      await page.context().close();
    });
  }
});
