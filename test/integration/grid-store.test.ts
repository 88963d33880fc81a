/** The grid in the real table (dynalite): versions, conflicts, and a replan racing a person's edit. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError } from '../../shared/grid/errors.js';
import { planWeek } from '../../shared/grid/plan-week.js';
import { gridStore } from '../../shared/runtime/container.js';
import { store } from '../../shared/runtime/container.js';
import { LocalStack } from '../../infra/local/runtime.js';
import { gridConfig, item } from '../unit/grid/fixtures.js';

const WEEK = '2026-W49';
const config = gridConfig({ channels: [{ id: 'x', days: ['mon', 'tue', 'wed', 'thu', 'fri'], times: ['08:30', '17:30'], maxPerDay: 2 }] });
let stack: LocalStack;
const dataDir = mkdtempSync(join(tmpdir(), 'despatch-grid-store-'));
let clock = Date.parse('2026-11-26T10:00:00Z');
const deps = () => ({ config, items: store(), grid: gridStore(), now: () => new Date((clock += 60_000)) });

beforeAll(async () => {
  stack = await LocalStack.start({ config, dataDir, inMemory: true });
  await store().putItemIfAbsent({
    item: item({ title: 'Council homes approved', priority: { id: 'housing', name: 'Housing' }, seenAt: '2026-11-25T09:00:00.000Z' }),
  });
});
afterAll(async () => {
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('grid store', () => {
  it('stores a planned week and reads it back whole', async () => {
    // Act
    const { grid, written } = await planWeek(WEEK, deps());
    // Assess
    expect(written).toBe(grid.slots.length);
    expect(await gridStore().getWeek(WEEK)).toEqual(grid);
  });

  it('refuses a write against an old version with the slot as it now is', async () => {
    // Prepare
    const slot = (await gridStore().getWeek(WEEK))!.slots[0]!;
    await gridStore().putSlot({ ...slot, text: 'edited', version: slot.version + 1 }, slot.version);
    // Act
    const stale = gridStore().putSlot({ ...slot, text: 'stale', version: slot.version + 1 }, slot.version);
    // Assess
    await expect(stale).rejects.toThrow(ConflictError);
    await stale.catch((error: ConflictError) => expect(error.current?.text).toBe('edited'));
  });

  it("keeps a person's edit made while the planner was running", async () => {
    // Prepare: the planner read the week, then someone edited a draft slot before it wrote.
    const before = (await gridStore().getWeek(WEEK))!;
    const draft = before.slots.find((s) => s.history.every((h) => h.action === 'planned'))!;
    const grid = { ...before, slots: before.slots.map((s) => (s.id === draft.id ? { ...s, text: 'planner text', version: s.version + 1 } : s)) };
    await gridStore().putSlot({ ...draft, text: 'a person\u2019s words', version: draft.version + 1 }, draft.version);
    // Act
    const outcome = await gridStore().savePlan(grid, before);
    // Assess
    expect(outcome.raced).toBe(1);
    expect((await gridStore().getSlot(WEEK, draft.id))?.text).toBe('a person\u2019s words');
  });

  it('replans around approved and edited slots without touching them', async () => {
    // Prepare
    const before = (await gridStore().getWeek(WEEK))!;
    const untouched = before.slots.filter((s) => s.history.every((h) => h.action === 'planned'));
    const worked = before.slots.filter((s) => !untouched.includes(s));
    // Act
    const { grid } = await planWeek(WEEK, deps());
    // Assess
    for (const slot of worked) expect(grid.slots.find((s) => s.id === slot.id)).toEqual(slot);
    for (const slot of untouched) expect(grid.slots.find((s) => s.id === slot.id)?.version).toBe(slot.version + 1);
  });
});
