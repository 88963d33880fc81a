/**
 * The review API as the page uses it: the real review-api and planner handlers on the local stack
 * (dynalite), behind the loopback server that stands in for API Gateway and its JWT authorizer.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoWeekOf } from '../../shared/grid/calendar.js';
import { londonDate } from '../../shared/platform/time.js';
import { gridStore } from '../../shared/runtime/container.js';
import { provideWebAssets } from '../../shared/runtime/web-assets.js';
import { conflictBodySchema, weekViewSchema, type Slot } from '../../shared/grid/model.js';
import { meSchema } from '../../shared/workspace/me-api.js';
import { store } from '../../shared/runtime/container.js';
import { newLocalToken, startReviewServer, type ReviewServer } from '../../infra/local/http-adapter.js';
import { LocalStack } from '../../infra/local/runtime.js';
import { gridConfig, item, MAYOR, SOURCES } from '../unit/grid/fixtures.js';

/** This week, planned again with stories from the last few hours (news is posted within 3 days of publication). */
const WEEK = isoWeekOf(londonDate(new Date()));
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
const APPROVER = newLocalToken();
const EDITOR = newLocalToken();
const READER_WITHOUT_GROUP = newLocalToken();
const READER = newLocalToken();

let stack: LocalStack;
const dataDir = mkdtempSync(join(tmpdir(), 'despatch-grid-api-'));
let server: ReviewServer;

const call = (path: string, token?: string, init: RequestInit = {}) =>
  fetch(`${server.url}${path}`, { ...init, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) } });

async function weekView(token = APPROVER) {
  return weekViewSchema.parse(await (await call(`/api/weeks/${WEEK}`, token)).json());
}

async function slotOn(channel: string): Promise<Slot> {
  const slot = (await weekView()).grid?.slots.find((s) => s.channel === channel && s.status !== 'approved');
  if (!slot) throw new Error(`no ${channel} slot`);
  return slot;
}

beforeAll(async () => {
  // Prepare: a stack with a grid, a few stories, the week planned.
  const config = gridConfig({
    channels: [
      { id: 'x', days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], times: ['08:30', '17:30'], maxPerDay: 2 },
      { id: 'instagram', days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], times: ['12:00'] },
    ],
  });
  stack = await LocalStack.start({ config, dataDir, inMemory: true });
  provideWebAssets({
    'index.html': '<!doctype html><title>grid</title><script type="module" src="/app.js"></script>',
    'app.js': 'export {};',
    'style.css': '',
  });
  for (const i of [
    item({ title: '240 new council homes approved', priority: { id: 'housing', name: 'Housing' }, sourceId: SOURCES.council, seenAt: hoursAgo(30) }),
    item({ title: `${MAYOR} faces calls to resign`, priority: { id: 'housing', name: 'Housing' }, sensitive: true, seenAt: hoursAgo(20) }),
    item({ title: 'Bus route 47 extended', priority: { id: 'transport', name: 'Transport' }, sourceId: SOURCES.council, seenAt: hoursAgo(3) }),
  ]) {
    await store().putItemIfAbsent({ item: i });
  }
  await stack.invoke('planner', { v: 1, week: WEEK });
  server = await startReviewServer({
    invoke: (event) => stack.invoke('review-api', event),
    users: new Map([
      [APPROVER, { id: 'head@hartwell.example', groups: ['approvers', 'editors'] }],
      [EDITOR, { id: 'pa@hartwell.example', groups: ['editors'] }],
      [READER_WITHOUT_GROUP, { id: 'visitor@hartwell.example', groups: [] }],
      [READER, { id: 'intern@hartwell.example', groups: ['readers'] }],
    ]),
  });
});

afterAll(async () => {
  await server?.close();
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('review API: malformed paths', () => {
  it('answers 400, not 500, to a malformed percent-escape', async () => {
    for (const path of [`/api/weeks/%E0%A4%A`, `/api/weeks/${WEEK}/slots/%`]) expect((await call(path, APPROVER)).status).toBe(400);
  });
});

describe('review API: who may do what', () => {
  it('answers 401 without a token or with a wrong one', async () => {
    // Act
    const none = await call(`/api/weeks/${WEEK}`);
    const wrong = await call(`/api/weeks/${WEEK}`, 'not-a-token');
    // Assess
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expect(wrong.status).toBe(401);
  });

  it('answers 403 to someone in neither group', async () => {
    // Act
    const response = await call(`/api/weeks/${WEEK}`, READER_WITHOUT_GROUP);
    // Assess
    expect(response.status).toBe(403);
  });

  it('answers 403 when an editor tries to approve, and approves for an approver', async () => {
    // Prepare
    const slot = await slotOn('x');
    // Act
    const byEditor = await call(`/api/weeks/${WEEK}/slots/${slot.id}/approve`, EDITOR, { method: 'POST', body: JSON.stringify({ version: slot.version }) });
    const byApprover = await call(`/api/weeks/${WEEK}/slots/${slot.id}/approve`, APPROVER, { method: 'POST', body: JSON.stringify({ version: slot.version }) });
    // Assess
    expect(byEditor.status).toBe(403);
    expect(((await byEditor.json()) as { error: string }).error).toMatch(/Only members of the "approvers" group can approve/);
    expect(byApprover.status).toBe(200);
    expect((await slotOn('instagram')).status).toBe('draft');
    expect((await weekView()).grid?.slots.find((s) => s.id === slot.id)?.status).toBe('approved');
  });
});

describe('review API: roles', () => {
  it('says who is signed in and with what role at /api/me', async () => {
    const who = async (token: string) => meSchema.parse(await (await call('/api/me', token)).json());
    expect(await who(APPROVER)).toEqual({ id: 'head@hartwell.example', name: 'head@hartwell.example', role: 'approver' });
    expect(await who(EDITOR)).toMatchObject({ role: 'editor' });
    expect(await who(READER)).toMatchObject({ id: 'intern@hartwell.example', role: 'reader' });
    expect((await call('/api/me', READER_WITHOUT_GROUP)).status).toBe(403);
  });

  it('lets a reader read and export the week, and refuses every change with a 403 that says why', async () => {
    // Prepare
    const slot = await slotOn('x');
    const post = (path: string, body: unknown) => call(path, READER, { method: 'POST', body: JSON.stringify(body) });
    // Act
    const read = await call(`/api/weeks/${WEEK}`, READER);
    const exported = await call(`/api/weeks/${WEEK}/export?format=csv`, READER);
    const refused = [
      await call(`/api/weeks/${WEEK}/slots/${slot.id}`, READER, {
        method: 'PATCH',
        body: JSON.stringify({ version: slot.version, text: 'A reader wrote this' }),
      }),
      await post(`/api/weeks/${WEEK}/slots/${slot.id}/submit`, { version: slot.version }),
      await post(`/api/weeks/${WEEK}/slots/${slot.id}/approve`, { version: slot.version }),
      await post(`/api/weeks/${WEEK}/slots/${slot.id}/comments`, { text: 'hello' }),
      await post(`/api/weeks/${WEEK}/plan`, {}),
    ];
    // Assess
    expect(read.status).toBe(200);
    expect(exported.status).toBe(200);
    expect(refused.map((r) => r.status)).toEqual([403, 403, 403, 403, 403]);
    for (const r of refused) expect(((await r.json()) as { error: string }).error).toMatch(/is a reader, so can read the grid but not/);
    expect((await weekView()).grid?.slots.find((s) => s.id === slot.id)).toMatchObject({ version: slot.version, text: slot.text });
  });
});

describe('review API: two people editing one slot', () => {
  it('gives the second save a 409 with the slot as it now is, and keeps the first', async () => {
    // Prepare: both open the same version.
    const slot = await slotOn('instagram');
    const save = (token: string, text: string) =>
      call(`/api/weeks/${WEEK}/slots/${slot.id}`, token, { method: 'PATCH', body: JSON.stringify({ version: slot.version, text }) });
    // Act
    const first = await save(EDITOR, 'First: new homes at Riverside. Link in bio.');
    const second = await save(APPROVER, 'Second: a different draft.');
    // Assess
    expect(first.status).toBe(200);
    expect(second.status).toBe(409);
    const body = conflictBodySchema.parse(await second.json());
    expect(body.current?.text).toBe('First: new homes at Riverside. Link in bio.');
    expect(body.current?.version).toBe(slot.version + 1);
    expect(body.error).toMatch(
      /^pa@hartwell\.example changed this slot at (Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} [A-Z][a-z]{2}( \d{4})?, \d{2}:\d{2} \(now version \d+\)\. Your text is kept below/,
    );
  });
});

describe('review API: the week', () => {
  it('shows the plan with the sensitive story set aside, and logs who read the drafts', async () => {
    // Act
    const view = await weekView(EDITOR);
    // Assess
    expect(view.user).toEqual({ id: 'pa@hartwell.example', canApprove: false });
    expect(view.grid?.needsResponse.map((n) => n.title)).toEqual([`${MAYOR} faces calls to resign`]);
    expect(view.grid?.slots.some((s) => s.hook.title.includes('resign'))).toBe(false);
    const reads = await gridStore().draftReads(WEEK);
    expect(reads.some((r) => r.who === 'pa@hartwell.example' && r.what === 'week')).toBe(true);
  });

  it('exports the week as XLSX that reads back, one row per post', async () => {
    // Act
    const response = await call(`/api/weeks/${WEEK}/export?format=xlsx`, EDITOR);
    // Assess
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="despatch-grid-${WEEK}.xlsx"`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const view = await weekView();
    expect(workbook.getWorksheet(WEEK)?.rowCount).toBe((view.grid?.slots.length ?? 0) + 1);
    expect((await gridStore().draftReads(WEEK)).some((r) => r.what === 'export xlsx')).toBe(true);
  });

  it('serves the page with a Content-Security-Policy that allows no inline script', async () => {
    // Act
    const page = await call('/');
    // Assess
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'; script-src 'self';/);
    expect(page.headers.get('content-security-policy')).not.toMatch(/unsafe-inline/);
    expect(page.headers.get('x-frame-options')).toBe('DENY');
  });

  it('answers with the coverage numbers for the charts', async () => {
    // Act
    const response = await call(`/api/coverage?week=${WEEK}`, EDITOR);
    // Assess
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      priorities: { id: string; total: number }[];
      sensitive: { stories: unknown[] };
      outlets: { name: string; count: number }[];
    };
    expect(body.priorities.find((p) => p.id === 'housing')?.total).toBe(2);
    expect(body.sensitive.stories).toHaveLength(1);
    expect(body.outlets).toEqual([
      { name: 'Hartwell Council press office', count: 2 },
      { name: 'Hartwell Gazette', count: 1 },
    ]);
  });

  it('answers coverage for a from/to range, and refuses a reversed one', async () => {
    // Prepare: the London day of the transport item (3 hours ago), alone.
    const day = londonDate(new Date(hoursAgo(3)));
    // Act
    const response = await call(`/api/coverage?from=${day}&to=${day}`, READER);
    const reversed = await call(`/api/coverage?from=${day}&to=2020-01-01`, READER);
    // Assess: one day; the transport item is on it, whatever else fell on that day too.
    expect(response.status).toBe(200);
    const body = (await response.json()) as { from: string; to: string; days: string[]; priorities: { id: string; perDay: number[] }[] };
    expect(body).toMatchObject({ from: day, to: day, days: [day] });
    expect(body.priorities.find((p) => p.id === 'transport')?.perDay).toEqual([1]);
    expect(reversed.status).toBe(400);
    expect(await reversed.json()).toEqual({ error: expect.stringContaining('before from') });
  });

  it('refuses a malformed week and a body without a version', async () => {
    // Prepare
    const slot = await slotOn('x');
    // Act
    const badWeek = await call('/api/weeks/2026-49', EDITOR);
    const noVersion = await call(`/api/weeks/${WEEK}/slots/${slot.id}`, EDITOR, { method: 'PATCH', body: JSON.stringify({ text: 'x' }) });
    // Assess
    expect(badWeek.status).toBe(400);
    expect(noVersion.status).toBe(400);
  });
  it('keeps a slot within the 400 KB item limit however often it is edited: oldest history goes, a change too big is 413, and the slot stays readable', async () => {
    // Prepare
    let slot = await slotOn('instagram');
    const patch = async (body: Record<string, unknown>, path = '') =>
      call(`/api/weeks/${WEEK}/slots/${slot.id}${path}`, EDITOR, { method: path ? 'POST' : 'PATCH', body: JSON.stringify({ version: slot.version, ...body }) });
    // Act: a long text (70,000 three-byte characters, 210 KB), then comments of 2,000 three-byte characters until one no longer fits.
    const big = await patch({ text: '€'.repeat(70_000) });
    expect(big.status).toBe(200);
    slot = ((await big.json()) as { slot: Slot }).slot;
    let refused: Response | undefined;
    for (let i = 0; i < 40 && !refused; i++) {
      const res = await patch({ text: `${i}${'€'.repeat(1_990)}` }, '/comments');
      if (res.status === 200) slot = ((await res.json()) as { slot: Slot }).slot;
      else refused = res;
    }
    // Assess: refused with what to do, not a 500; the slot reads and saves again once shortened.
    expect(refused?.status).toBe(413);
    expect(((await refused?.json()) as { error: string }).error).toMatch(/too big to save .* shorten the text/);
    const shortened = await patch({ text: 'New homes at Riverside.' });
    expect(shortened.status).toBe(200);
    slot = ((await shortened.json()) as { slot: Slot }).slot;
    // Act: hundreds of edits, each quoted in the history.
    for (let i = 0; i < 260; i++) {
      const res = await patch({ text: `Edit ${i}: ${'x'.repeat(1_500)}` });
      expect(res.status).toBe(200);
      slot = ((await res.json()) as { slot: Slot }).slot;
    }
    // Assess: the stored slot is readable, under the budget, begins with how it was planned and says history was shortened.
    const stored = (await weekView()).grid?.slots.find((s) => s.id === slot.id);
    expect(stored?.text).toBe(`Edit 259: ${'x'.repeat(1_500)}`);
    expect(Buffer.byteLength(JSON.stringify(stored))).toBeLessThanOrEqual(300_000);
    expect(stored?.history[0]?.action).toBe('planned');
    expect(stored?.history.some((h) => /older history entries were removed/.test(h.detail))).toBe(true);
    expect(stored?.history.at(-1)?.detail.length).toBeLessThanOrEqual(1_001);
  }, 120_000);
});
