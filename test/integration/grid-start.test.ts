/**
 * `despatch start` plans only the weeks that have no plan yet: a week already planned (and perhaps
 * half-reviewed) is left exactly as it is stored, however often Despatch is started.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planMissingWeeks } from '../../cli/start.js';
import { isoWeekOf } from '../../shared/grid/calendar.js';
import { followingWeek, planWeek } from '../../shared/grid/plan-week.js';
import { londonDate } from '../../shared/platform/time.js';
import { gridStore, store } from '../../shared/runtime/container.js';
import { LocalStack } from '../../infra/local/runtime.js';
import { gridConfig, item } from '../unit/grid/fixtures.js';

const config = gridConfig({ channels: [{ id: 'x', days: ['mon', 'tue', 'wed', 'thu', 'fri'], times: ['08:30', '17:30'], maxPerDay: 2 }] });
const dataDir = mkdtempSync(join(tmpdir(), 'despatch-grid-start-'));
let stack: LocalStack;

beforeAll(async () => {
  stack = await LocalStack.start({ config, dataDir, inMemory: true });
});
afterAll(async () => {
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('despatch start and the grid', () => {
  it('leaves a week already planned as it is stored, and plans a week that has none', async () => {
    // Prepare: this week planned from one story; then more news arrives that a re-plan would use
    const now = new Date('2026-12-07T10:00:00Z');
    const thisWeek = isoWeekOf(londonDate(now));
    await store().putItemIfAbsent({
      item: item({
        title: 'Council homes approved',
        priority: { id: 'housing', name: 'Housing' },
        seenAt: '2026-12-06T09:00:00.000Z',
        publishedAt: '2026-12-06T09:00:00.000Z',
      }),
    });
    await planWeek(thisWeek, { config, items: store(), grid: gridStore(), now: () => now });
    const before = JSON.stringify(await gridStore().getWeek(thisWeek));
    await store().putItemIfAbsent({
      item: item({
        title: 'New library opens in Riverside',
        priority: { id: 'housing', name: 'Housing' },
        seenAt: '2026-12-07T08:00:00.000Z',
        publishedAt: '2026-12-07T08:00:00.000Z',
      }),
    });
    const lines: string[] = [];
    // Act: started twice
    await planMissingWeeks(stack, new Date('2026-12-07T10:30:00Z'), (line) => lines.push(line));
    await planMissingWeeks(stack, new Date('2026-12-07T11:00:00Z'), (line) => lines.push(line));
    // Assess
    expect(JSON.stringify(await gridStore().getWeek(thisWeek))).toBe(before);
    expect(await gridStore().getWeek(followingWeek(now))).toBeDefined();
    expect(lines).toHaveLength(4);
  }, 60_000);
});
