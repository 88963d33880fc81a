/**
 * Named local users through the real review server and review-api on the local stack: each user
 * is who the API sees, links survive a restart, and revoked or expired links are refused.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoWeekOf } from '../../shared/grid/calendar.js';
import { weekViewSchema, type Slot } from '../../shared/grid/model.js';
import { londonDate } from '../../shared/platform/time.js';
import { configSchema, type Config } from '../../shared/platform/config/schema.js';
import { store } from '../../shared/runtime/container.js';
import { meSchema } from '../../shared/workspace/me-api.js';
import { startReviewServer } from '../../infra/local/http-adapter.js';
import { addLocalUser, localUsersAuthenticator, revokeLocalUser } from '../../infra/local/local-users.js';
import { startLocalReview, type LocalReview } from '../../infra/local/review-page.js';
import { revokeLocalTokens } from '../../infra/local/review-tokens.js';
import { LocalStack } from '../../infra/local/runtime.js';
import { gridConfig, item, SOURCES } from '../unit/grid/fixtures.js';

const WEEK = isoWeekOf(londonDate(new Date()));
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
const dataDir = mkdtempSync(join(tmpdir(), 'despatch-local-users-'));
let stack: LocalStack;
let review: LocalReview;
const tokens: Record<string, string> = {};

const call = (path: string, token: string, init: RequestInit = {}, url = review.url) =>
  fetch(`${url}${path}`, { ...init, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } });
const whoAmI = async (token: string, url?: string) => {
  const response = await call('/api/me', token, {}, url);
  return response.status === 200 ? meSchema.parse(await response.json()) : response.status;
};
async function xSlot(): Promise<Slot> {
  const view = weekViewSchema.parse(await (await call(`/api/weeks/${WEEK}`, tokens.head as string)).json());
  const slot = view.grid?.slots.find((s) => s.channel === 'x' && s.status !== 'approved');
  if (!slot) throw new Error('no x slot');
  return slot;
}

beforeAll(async () => {
  const config: Config = {
    ...gridConfig({ channels: [{ id: 'x', days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], times: ['08:30', '17:30'], maxPerDay: 2 }] }),
    users: [
      { name: 'head', role: 'approver' },
      { name: 'Priya Shah', role: 'editor' },
      { name: 'intern', role: 'reader' },
    ],
  };
  stack = await LocalStack.start({ config, dataDir, inMemory: true });
  for (const i of [
    item({ title: '240 new council homes approved', priority: { id: 'housing', name: 'Housing' }, sourceId: SOURCES.council, seenAt: hoursAgo(30) }),
    item({ title: 'Bus route 47 extended', priority: { id: 'transport', name: 'Transport' }, sourceId: SOURCES.council, seenAt: hoursAgo(3) }),
  ]) {
    await store().putItemIfAbsent({ item: i });
  }
  await stack.invoke('planner', { v: 1, week: WEEK });
  review = await startLocalReview(stack, { port: 0 });
  for (const link of review.users.issued) tokens[link.name] = link.token;
}, 120_000);

afterAll(async () => {
  await review?.close();
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('named local users', () => {
  it('makes each declared user a link on the first start, and keeps only hashes, in a file of mode 0600', () => {
    expect(review.users.issued.map((l) => [l.name, l.role])).toEqual([
      ['head', 'approver'],
      ['Priya Shah', 'editor'],
      ['intern', 'reader'],
    ]);
    const file = readFileSync(join(dataDir, 'users.json'), 'utf8');
    for (const token of Object.values(tokens)) expect(file).not.toContain(token);
    expect(statSync(join(dataDir, 'users.json')).mode & 0o777).toBe(0o600);
  });

  it('signs each link in as its own user, with its role', async () => {
    expect(await whoAmI(tokens.head as string)).toEqual({ id: 'head', name: 'head', role: 'approver' });
    expect(await whoAmI(tokens['Priya Shah'] as string)).toEqual({ id: 'Priya Shah', name: 'Priya Shah', role: 'editor' });
    expect(await whoAmI(tokens.intern as string)).toEqual({ id: 'intern', name: 'intern', role: 'reader' });
    expect(await whoAmI('not-a-token')).toBe(401);
  });

  it('refuses approval to a reader, and four-eyes tells two local users apart', async () => {
    // Prepare
    let slot = await xSlot();
    const approve = (token: string, version: number) =>
      call(`/api/weeks/${WEEK}/slots/${slot.id}/approve`, token, { method: 'POST', body: JSON.stringify({ version }) });
    const edit = async (token: string, text: string) => {
      const response = await call(`/api/weeks/${WEEK}/slots/${slot.id}`, token, { method: 'PATCH', body: JSON.stringify({ version: slot.version, text }) });
      expect(response.status).toBe(200);
      slot = ((await response.json()) as { slot: Slot }).slot;
    };
    // Act and assess: a reader cannot approve
    expect((await approve(tokens.intern as string, slot.version)).status).toBe(403);
    // The approver cannot approve their own edit...
    await edit(tokens.head as string, 'New homes at Riverside: 240 of them, approved today.');
    expect((await approve(tokens.head as string, slot.version)).status).toBe(422);
    // ...but can approve the editor's
    await edit(tokens['Priya Shah'] as string, 'New homes at Riverside: 240, approved today.');
    const approved = await approve(tokens.head as string, slot.version);
    expect(approved.status).toBe(200);
    const history = ((await approved.json()) as { slot: Slot }).slot.history;
    expect(history.map((h) => h.by)).toEqual(expect.arrayContaining(['head', 'Priya Shah']));
  });

  it('keeps every link working after a restart, making no new ones', async () => {
    // Act
    await review.close();
    review = await startLocalReview(stack, { port: 0 });
    // Assess
    expect(review.users.issued).toEqual([]);
    expect(review.users.stored.map((u) => u.name)).toEqual(['head', 'Priya Shah', 'intern']);
    expect(await whoAmI(tokens['Priya Shah'] as string)).toMatchObject({ role: 'editor' });
  });

  it('refuses a revoked link from the next request, without a restart, and a replaced one', async () => {
    // Act
    revokeLocalUser(dataDir, 'intern');
    const again = addLocalUser(dataDir, 'Priya Shah', 'editor');
    // Assess
    expect(await whoAmI(tokens.intern as string)).toBe(401);
    expect(await whoAmI(tokens['Priya Shah'] as string)).toBe(401);
    expect(await whoAmI(again.token)).toMatchObject({ name: 'Priya Shah' });
    expect(await whoAmI(tokens.head as string)).toMatchObject({ name: 'head' });
    tokens['Priya Shah'] = again.token;
  });

  it('refuses an expired link', async () => {
    // Prepare: a one-day link, and a server whose clock is two days on
    const short = addLocalUser(dataDir, 'visitor', 'reader', { days: 1 });
    const later = await startReviewServer({
      invoke: (event) => stack.invoke('review-api', event),
      authenticate: localUsersAuthenticator(dataDir, { now: () => Date.now() + 2 * 86_400_000 }),
    });
    try {
      // Act and assess
      expect(await whoAmI(short.token)).toMatchObject({ name: 'visitor' });
      expect(await whoAmI(short.token, later.url)).toBe(401);
      expect(await whoAmI(tokens.head as string, later.url)).toMatchObject({ name: 'head' });
    } finally {
      await later.close();
    }
  });

  it('despatch revoke-tokens refuses every link, and the next start makes new ones (but not for a user revoked one by one)', async () => {
    // Act
    revokeLocalTokens(dataDir);
    const refused = await whoAmI(tokens.head as string);
    await review.close();
    review = await startLocalReview(stack, { port: 0 });
    // Assess
    expect(refused).toBe(401);
    expect(review.users.issued.map((l) => l.name).sort()).toEqual(['Priya Shah', 'head', 'visitor']);
    expect(review.users.revoked.map((u) => u.name)).toEqual(['intern']);
    expect(await whoAmI(review.approverToken as string)).toMatchObject({ name: 'head' });
  });
});

describe('the users configuration', () => {
  it('refuses a bad role, a bad name and a name listed twice, saying which', () => {
    const base = gridConfig({ channels: [{ id: 'x', days: ['mon'], times: ['08:30'] }] });
    const issues = (users: unknown) => {
      const result = configSchema.safeParse({ ...base, users });
      return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    expect(issues([{ name: 'sam', role: 'boss' }])).toEqual(['users.0.role: must be one of approver, editor, reader']);
    expect(issues([{ name: '<b>sam', role: 'reader' }])[0]).toMatch(/^users\.0\.name: must start with a letter or digit/);
    expect(issues([{ name: 'sam', role: 'reader', token: 'x' }])[0]).toMatch(/^users\.0: Unrecognized key/);
    expect(
      issues([
        { name: 'Sam', role: 'reader' },
        { name: 'sam', role: 'editor' },
      ]),
    ).toEqual(['users.1.name: "sam" is listed twice (names are compared ignoring case)']);
  });
});
