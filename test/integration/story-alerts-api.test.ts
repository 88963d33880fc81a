/**
 * The Story and Alerts APIs as the page uses them: the real review-api handler on the local stack
 * (dynalite), behind the loopback server that stands in for API Gateway and its JWT authorizer.
 * The story, its items, its sent alerts and a briefing are written through the real store.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as z from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storyIdFor, type StoryRecord } from '../../shared/classify/stories/story.js';
import { isoWeekOf } from '../../shared/grid/calendar.js';
import { londonDate } from '../../shared/platform/time.js';
import { gridStore, store } from '../../shared/runtime/container.js';
import { signAckToken } from '../../shared/workspace/ack-link.js';
import { provideWebAssets } from '../../shared/runtime/web-assets.js';
import { alertsViewSchema, alertViewSchema, storyViewSchema } from '../../shared/workspace/views.js';
import { newLocalToken, startReviewServer, type ReviewServer } from '../../infra/local/http-adapter.js';
import { LocalStack } from '../../infra/local/runtime.js';
import { gridConfig, item, MAYOR, SOURCES } from '../unit/grid/fixtures.js';

const WEEK = isoWeekOf(londonDate(new Date()));
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
const EDITOR = newLocalToken();
const EDITOR_TWO = newLocalToken();
const READER = newLocalToken();

const first = item({ title: `${MAYOR} faces calls to resign <img src=x onerror=alert(1)>`, sensitive: true, seenAt: hoursAgo(20), sourceId: SOURCES.press });
const second = item({ title: `Calls grow for ${MAYOR} to go`, sensitive: true, seenAt: hoursAgo(18), sourceId: SOURCES.national });
const third = item({ title: '240 new council homes approved', priority: { id: 'housing', name: 'Housing' }, seenAt: hoursAgo(16), sourceId: SOURCES.council });
const STORY_ID = storyIdFor(first.id, new Date(first.seenAt));
const MERGED_ID = storyIdFor(third.id, new Date(third.seenAt));

function storyRecord(over: Partial<StoryRecord>): StoryRecord {
  return {
    id: STORY_ID,
    firstSeenAt: first.seenAt,
    lastSeenAt: third.seenAt,
    createdAt: first.seenAt,
    size: 3,
    // Joined in a different order from the one they were seen in: the view orders by time.
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

let stack: LocalStack;
const dataDir = mkdtempSync(join(tmpdir(), 'despatch-story-alerts-'));
let server: ReviewServer;

const call = (path: string, token?: string, init: RequestInit = {}) =>
  fetch(`${server.url}${path}`, { ...init, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) } });
const post = (path: string, token: string, body: unknown = {}) => call(path, token, { method: 'POST', body: JSON.stringify(body) });

const NEW_ALERT = `${STORY_ID}.new.high.0`;
const SPREAD_ALERT = `${STORY_ID}.spread.critical.2`;
const ITEM_ALERT = `${second.id}.item`;

beforeAll(async () => {
  // Prepare: a stack holding a story of three outlets, two alerts sent for it, one briefing after.
  stack = await LocalStack.start({
    config: gridConfig({ channels: [{ id: 'x', days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], times: ['08:30', '12:00', '17:30'] }] }),
    dataDir,
    inMemory: true,
  });
  provideWebAssets({ 'index.html': '<!doctype html><title>t</title>', 'app.js': 'export {};', 'style.css': '' });
  for (const i of [first, second, third]) await store().putItemIfAbsent({ item: i });
  await store().putStory(storyRecord({}), undefined);
  await store().putStory(storyRecord({ id: MERGED_ID, firstSeenAt: third.seenAt, members: [third.id], size: 1, alerts: [], mergedInto: STORY_ID }), undefined);
  await store().recordStoryAlertSent(STORY_ID, 'new#high#0', new Date(hoursAgo(19.9)), 'm1');
  await store().recordStoryAlertSent(STORY_ID, 'spread#critical#2', new Date(hoursAgo(17.9)), 'm2');
  // An alert from before stories, for the acknowledge link.
  await store().recordAlertSent(second.id, new Date(hoursAgo(10)), 'm3');
  await store().recordBriefing({
    localDate: londonDate(new Date(hoursAgo(1))),
    windowFrom: hoursAgo(30),
    windowTo: hoursAgo(1),
    sentAt: hoursAgo(1),
    itemCount: 12,
    sensitiveCount: 2,
    messageId: 'b1',
    subject: 'Morning briefing',
  });
  await stack.invoke('planner', { v: 1, week: WEEK });
  server = await startReviewServer({
    invoke: (event) => stack.invoke('review-api', event),
    users: new Map([
      [EDITOR, { id: 'pa@hartwell.example', groups: ['editors'] }],
      [EDITOR_TWO, { id: 'press@hartwell.example', groups: ['editors'] }],
      [READER, { id: 'intern@hartwell.example', groups: ['readers'] }],
    ]),
  });
});

afterAll(async () => {
  await server?.close();
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('GET /api/stories/ID', () => {
  it('lists every outlet in the order it carried the story, its level over time, its alerts and briefing', async () => {
    // Act
    const response = await call(`/api/stories/${STORY_ID}`, READER);
    // Assess
    expect(response.status).toBe(200);
    const story = storyViewSchema.parse(await response.json());
    expect(story.items.map((i) => i.sourceName)).toEqual([first.sourceName, second.sourceName, third.sourceName]);
    // Feed markup stays text, in pieces the page puts in as text nodes.
    expect(story.items[0]?.title.map((p) => p.text).join('')).toContain('<img src=x onerror=alert(1)>');
    expect(story.levels.map((l) => [l.level, l.reason])).toEqual([
      ['high', 'A new story at High'],
      ['critical', 'Carried by 2 outlets: a follow-up at Critical'],
    ]);
    expect(story.why).toEqual([`Mayor named ("${MAYOR}") with "resign"`]);
    expect(story.alerts.map((a) => [a.id, a.state, a.reason])).toEqual([
      [NEW_ALERT, 'new', 'a new story at High'],
      [SPREAD_ALERT, 'new', 'a follow-up: carried by 2 outlets'],
    ]);
    expect(story.briefings).toEqual([{ localDate: londonDate(new Date(hoursAgo(1))), subject: 'Morning briefing', items: 3 }]);
    expect(story.mergedInto).toBeNull();
  });

  it('names the grid slots built on its items', async () => {
    // Prepare: the slots of this week the planner hung on the story's council item.
    const planned = (await gridStore().getWeek(WEEK))?.slots.filter((s) => s.hook.items.some((i) => i.id === third.id)) ?? [];
    // Act
    const story = storyViewSchema.parse(await (await call(`/api/stories/${STORY_ID}`, READER)).json());
    // Assess
    expect(planned.length).toBeGreaterThan(0);
    expect(story.grid.map((g) => g.slotId).sort()).toEqual(planned.map((s) => s.id).sort());
  });

  it('points a merged story to the story it was merged into', async () => {
    const story = storyViewSchema.parse(await (await call(`/api/stories/${MERGED_ID}`, READER)).json());
    expect(story.mergedInto).toBe(STORY_ID);
  });

  it('answers 404 for an unknown or malformed story id', async () => {
    expect((await call(`/api/stories/20200101-${'0'.repeat(32)}`, READER)).status).toBe(404);
    expect((await call('/api/stories/..%2Fweeks', READER)).status).toBe(404);
  });
});

describe('alerts: list, acknowledge, handle', () => {
  it('lists the alerts sent, newest first, each new', async () => {
    // Act
    const view = alertsViewSchema.parse(await (await call('/api/alerts', READER)).json());
    // Assess
    expect(view.alerts.map((a) => [a.id, a.state, a.title])).toEqual([
      [ITEM_ALERT, 'new', second.title],
      [SPREAD_ALERT, 'new', first.title],
      [NEW_ALERT, 'new', first.title],
    ]);
  });

  it('refuses a reader who tries to acknowledge, and records nothing', async () => {
    // Act
    const response = await post(`/api/alerts/${NEW_ALERT}/acknowledge`, READER);
    // Assess
    expect(response.status).toBe(403);
    const view = alertsViewSchema.parse(await (await call('/api/alerts', READER)).json());
    expect(view.alerts.find((a) => a.id === NEW_ALERT)?.state).toBe('new');
  });

  it('records the acknowledgement with the user; two at once record one', async () => {
    // Act
    const [a, b] = await Promise.all([post(`/api/alerts/${NEW_ALERT}/acknowledge`, EDITOR), post(`/api/alerts/${NEW_ALERT}/acknowledge`, EDITOR_TWO)]);
    // Assess
    expect([a.status, b.status]).toEqual([200, 200]);
    const answerSchema = z.object({ alert: alertViewSchema });
    const answers = [await a.json(), await b.json()].map((r) => answerSchema.parse(r).alert);
    const by = answers[0]?.acknowledged?.by.id;
    expect(['pa@hartwell.example', 'press@hartwell.example']).toContain(by);
    // Both answers show the one acknowledgement kept.
    expect(answers.map((x) => [x.state, x.acknowledged?.by.id, x.acknowledged?.via])).toEqual([
      ['acknowledged', by, 'page'],
      ['acknowledged', by, 'page'],
    ]);
  });

  it('marks an alert handled with a note, once; a second try is refused and keeps the first', async () => {
    // Act
    const handled = await post(`/api/alerts/${SPREAD_ALERT}/handled`, EDITOR, { note: 'statement issued' });
    const again = await post(`/api/alerts/${SPREAD_ALERT}/handled`, EDITOR_TWO, { note: 'no action' });
    // Assess
    expect(handled.status).toBe(200);
    expect(again.status).toBe(422);
    const alert = alertsViewSchema.parse(await (await call('/api/alerts', READER)).json()).alerts.find((x) => x.id === SPREAD_ALERT);
    expect(alert?.state).toBe('handled');
    expect(alert?.handled).toMatchObject({ by: { id: 'pa@hartwell.example' }, note: 'statement issued' });
    // Handling acknowledges too, by the same person.
    expect(alert?.acknowledged?.by.id).toBe('pa@hartwell.example');
  });

  it('refuses an empty or too long note, and an alert that was never sent', async () => {
    expect((await post(`/api/alerts/${NEW_ALERT}/handled`, EDITOR, { note: ' ' })).status).toBe(400);
    expect((await post(`/api/alerts/${NEW_ALERT}/handled`, EDITOR, { note: 'x'.repeat(201) })).status).toBe(400);
    expect((await post(`/api/alerts/${STORY_ID}.level-rise.critical.0/acknowledge`, EDITOR)).status).toBe(404);
    expect((await post('/api/alerts/not-an-id/acknowledge', EDITOR)).status).toBe(404);
  });

  it('lists a date range, and refuses a malformed one', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const old = alertsViewSchema.parse(await (await call('/api/alerts?from=2020-01-01&to=2020-01-31', READER)).json());
    expect(old.alerts).toEqual([]);
    expect((await call(`/api/alerts?from=${today}&to=2020-01-01`, READER)).status).toBe(400);
    expect((await call('/api/alerts?from=yesterday', READER)).status).toBe(400);
  });
});

describe('the acknowledge link in alert emails', () => {
  const secret = () => Buffer.from(readFileSync(join(dataDir, 'ack-secret'), 'utf8').trim(), 'base64url');
  // What the confirmation page's button sends: a form post from the page's own origin.
  const open = (token: string, method: 'GET' | 'POST' = 'GET') => fetch(`${server.url}/ack/${token}`, { method, headers: { origin: server.url } });
  const itemAlert = async () => alertsViewSchema.parse(await (await call('/api/alerts', READER)).json()).alerts.find((a) => a.id === ITEM_ALERT);

  it('shows a confirmation page on GET and records nothing; the POST records it once, from email by the recipient', async () => {
    // Prepare
    const token = signAckToken(ITEM_ALERT, 'duty@hartwell.example', secret(), new Date());
    // Act
    const shown = await open(token);
    const html = await shown.text();
    const stateAfterGet = (await itemAlert())?.state;
    const used = await open(token, 'POST');
    const again = await open(token, 'POST');
    // Assess
    expect(shown.status).toBe(200);
    expect(shown.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(html).toContain('<form method="post"><button type="submit">Acknowledge this alert</button></form>');
    expect(stateAfterGet).toBe('new');
    expect(used.status).toBe(200);
    expect(await used.text()).toContain('Acknowledged from email by duty@hartwell.example');
    expect(again.status).toBe(409);
    expect(await itemAlert()).toMatchObject({ state: 'acknowledged', acknowledged: { by: { id: 'duty@hartwell.example' }, via: 'email' } });
  });

  it('refuses an expired link and a tampered one, recording nothing', async () => {
    // Prepare
    const expired = signAckToken(NEW_ALERT, 'duty@hartwell.example', secret(), new Date(Date.now() - 73 * 3_600_000));
    const good = signAckToken(SPREAD_ALERT, 'duty@hartwell.example', secret(), new Date());
    const [body = '', signature = ''] = good.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), a: ITEM_ALERT })).toString('base64url');
    const wrongKey = signAckToken(ITEM_ALERT, 'x@example.com', Buffer.alloc(32, 7), new Date());
    // Act
    const statuses = [
      (await open(expired, 'POST')).status,
      (await open(`${forged}.${signature}`, 'POST')).status,
      (await open(wrongKey, 'POST')).status,
      (await open('not-a-token', 'POST')).status,
    ];
    // Assess
    expect(statuses).toEqual([410, 403, 403, 403]);
  });
});
