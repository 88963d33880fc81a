/**
 * Properties of the planner over generated weeks, channels, weights, stories and pre-election
 * periods: what must hold whatever the news is.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gridChannelIds, weekdays } from '../../../shared/platform/config/schema.js';
import { addDays, isoWeekOf, weekDates, weekdayOf } from '../../../shared/grid/calendar.js';
import type { GridWeek, Slot } from '../../../shared/grid/model.js';
import { planGrid } from '../../../shared/grid/planner.js';
import type { ClassifiedItem } from '../../../shared/platform/model.js';
import { gridConfig, item, MAYOR } from './fixtures.js';

const PRIORITIES = ['housing', 'transport', 'schools', 'safety'].map((id) => ({ id, name: id[0]!.toUpperCase() + id.slice(1) }));

const channelArb = fc.record({
  days: fc.uniqueArray(fc.constantFrom(...weekdays), { minLength: 1, maxLength: 7 }),
  times: fc.uniqueArray(fc.constantFrom('08:00', '09:30', '12:00', '17:30', '19:00'), { minLength: 1, maxLength: 3 }).map((t) => [...t].sort()),
  staffRun: fc.boolean(),
  maxFraction: fc.double({ min: 0, max: 1, noNaN: true }),
});

const scenarioArb = fc.record({
  channels: fc.uniqueArray(fc.constantFrom(...gridChannelIds), { minLength: 1, maxLength: 4 }).chain((ids) =>
    fc.tuple(
      ...ids.map((id) =>
        channelArb.map((c) => ({
          id,
          days: c.days,
          times: c.times,
          staffRun: c.staffRun,
          maxPerDay: Math.max(1, Math.ceil(c.maxFraction * c.times.length)),
        })),
      ),
    ),
  ),
  weights: fc.tuple(...PRIORITIES.map(() => fc.integer({ min: 1, max: 4 }))),
  weekOffset: fc.integer({ min: 0, max: 52 * 6 }),
  stories: fc.array(
    fc.record({
      priority: fc.integer({ min: 0, max: PRIORITIES.length }),
      sensitive: fc.boolean(),
      namesMayor: fc.boolean(),
      daysBefore: fc.integer({ min: 0, max: 13 }),
      outlets: fc.integer({ min: 1, max: 3 }),
    }),
    { maxLength: 40 },
  ),
  period: fc.option(fc.record({ startOffset: fc.integer({ min: -30, max: 6 }), length: fc.integer({ min: 0, max: 40 }) }), { nil: undefined }),
});

type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

function build(s: Scenario) {
  const week = isoWeekOf(addDays('2024-01-01', s.weekOffset));
  const monday = weekDates(week)[0] as string;
  const preElection = s.period
    ? [{ noticeOfElection: addDays(monday, s.period.startOffset), poll: addDays(monday, s.period.startOffset + s.period.length) }]
    : [];
  const config = gridConfig({ channels: s.channels, weights: Object.fromEntries(PRIORITIES.map((p, i) => [p.id, s.weights[i]])), preElection }, PRIORITIES);
  const items: ClassifiedItem[] = s.stories.flatMap((story, n) => {
    const priority = PRIORITIES[story.priority];
    const title = `${story.namesMayor ? `${MAYOR}: ` : ''}${priority?.name ?? 'Other'} story ${n}`;
    const seenAt = `${addDays(monday, -1 - story.daysBefore)}T09:00:00.000Z`;
    // The same story from several outlets; sensitive in one telling makes it sensitive.
    return Array.from({ length: story.outlets }, (_, o) => item({ title, priority, sensitive: story.sensitive && o === 0, seenAt, sourceName: `Outlet ${o}` }));
  });
  const now = new Date(`${addDays(monday, -3)}T10:00:00.000Z`);
  return { config, week, items, now, preElection };
}

const cellKey = (s: { date: string; channel: string }) => `${s.date}|${s.channel}`;

describe('planner properties', () => {
  it('holds every channel to its posting days and its maximum per day', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        // Prepare
        const { config, week, items, now } = build(s);
        // Act
        const grid = planGrid({ config, week, items, meetings: [], now });
        // Assess
        const perCell = new Map<string, number>();
        for (const slot of grid.slots) perCell.set(cellKey(slot), (perCell.get(cellKey(slot)) ?? 0) + 1);
        for (const slot of grid.slots) {
          const channel = config.grid!.channels.find((c) => c.id === slot.channel)!;
          expect(perCell.get(cellKey(slot))).toBeLessThanOrEqual(channel.maxPerDay);
          expect(channel.times).toContain(slot.time);
          expect(channel.days).toContain(weekdayOf(slot.date));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('never puts a sensitive story in any slot, and never the same story twice on a channel in a day', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        // Prepare
        const { config, week, items, now } = build(s);
        const sensitiveTitles = new Set(items.filter((i) => i.sensitivity.sensitive).map((i) => i.title));
        // Act
        const grid = planGrid({ config, week, items, meetings: [], now });
        // Assess
        for (const slot of grid.slots) {
          for (const behind of slot.hook.items) expect(sensitiveTitles.has(behind.title)).toBe(false);
          expect(sensitiveTitles.has(slot.hook.title)).toBe(false);
        }
        const seen = new Set<string>();
        for (const slot of grid.slots) {
          const key = `${cellKey(slot)}|${slot.hook.storyKey}`;
          expect(seen.has(key)).toBe(false);
          seen.add(key);
        }
        expect(grid.needsResponse.length).toBe(new Set([...sensitiveTitles]).size);
      }),
      { numRuns: 150 },
    );
  });

  it('proposes nothing about the Mayor, and no priority campaigning, on staff-run channels in a pre-election period', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        // Prepare
        const { config, week, items, now, preElection } = build(s);
        const inPeriod = (date: string) => preElection.some((p) => p.noticeOfElection <= date && date <= p.poll);
        // Act
        const grid = planGrid({ config, week, items, meetings: [], now });
        // Assess
        for (const slot of grid.slots) {
          const staffRun = config.grid!.channels.find((c) => c.id === slot.channel)!.staffRun;
          if (!staffRun || !inPeriod(slot.date)) continue;
          expect(slot.text).not.toContain(MAYOR);
          expect(slot.hook.items.some((i) => i.title.includes(MAYOR))).toBe(false);
          expect(['priority', 'legislation']).not.toContain(slot.hook.kind);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('keeps approved slots exactly as they were when the week is planned again', () => {
    fc.assert(
      fc.property(scenarioArb, fc.array(fc.boolean(), { maxLength: 60 }), scenarioArb, (s, approve, later) => {
        // Prepare: plan, approve some slots, then replan with different news.
        const { config, week, items, now } = build(s);
        const first = planGrid({ config, week, items, meetings: [], now });
        const approved: Slot[] = first.slots
          .filter((_, i) => approve[i])
          .map((slot) => ({
            ...slot,
            status: 'approved',
            version: slot.version + 1,
            history: [...slot.history, { at: now.toISOString(), by: 'pa@hartwell.example', action: 'approved', detail: 'Approved' }],
          }));
        const stored: GridWeek = { ...first, slots: first.slots.map((slot) => approved.find((a) => a.id === slot.id) ?? slot) };
        const news = build({ ...later, channels: s.channels, weekOffset: s.weekOffset, period: s.period });
        // Act
        const second = planGrid({ config, week, items: news.items, meetings: [], now: new Date(now.getTime() + 86_400_000), existing: stored });
        // Assess
        for (const slot of approved) expect(second.slots.find((x) => x.id === slot.id)).toEqual(slot);
        // and the caps still hold with the locked slots counted
        const perCell = new Map<string, number>();
        for (const slot of second.slots) perCell.set(cellKey(slot), (perCell.get(cellKey(slot)) ?? 0) + 1);
        for (const [key, n] of perCell) {
          const channel = config.grid!.channels.find((c) => c.id === key.split('|')[1])!;
          expect(n).toBeLessThanOrEqual(channel.maxPerDay);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('balances the priorities on each channel within the configured tolerance when there are enough stories', () => {
    fc.assert(
      fc.property(
        fc.tuple(...PRIORITIES.map(() => fc.integer({ min: 1, max: 4 }))),
        fc.uniqueArray(fc.constantFrom(...gridChannelIds), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 0, max: 52 * 6 }),
        (weights, ids, weekOffset) => {
          // Prepare: every channel posts twice a day, every day; plenty of stories for every priority.
          const week = isoWeekOf(addDays('2024-01-01', weekOffset));
          const monday = weekDates(week)[0] as string;
          const tolerance = 0.2;
          const config = gridConfig(
            {
              channels: ids.map((id) => ({ id, days: [...weekdays], times: ['09:00', '17:00'], maxPerDay: 2 })),
              weights: Object.fromEntries(PRIORITIES.map((p, i) => [p.id, weights[i]])),
              tolerance,
            },
            PRIORITIES,
          );
          // The council's own news, published through the week (news is posted within 3 days of publication).
          const items = PRIORITIES.flatMap((priority) =>
            Array.from({ length: 16 }, (_, n) =>
              item({ title: `${priority.name} story ${n}`, priority, sourceId: 'council-news', seenAt: `${addDays(monday, -2 + (n % 8))}T06:00:00.000Z` }),
            ),
          );
          // Act
          const grid = planGrid({ config, week, items, meetings: [], now: new Date(`${addDays(monday, 6)}T05:00:00.000Z`) });
          // Assess
          const total = weights.reduce((a, b) => a + b, 0);
          for (const id of ids) {
            const posts = grid.slots.filter((slot) => slot.channel === id && slot.hook.priorityId);
            expect(posts.length).toBeGreaterThanOrEqual(8);
            PRIORITIES.forEach((p, i) => {
              const share = posts.filter((slot) => slot.hook.priorityId === p.id).length / posts.length;
              expect(Math.abs(share - (weights[i] as number) / total)).toBeLessThanOrEqual(tolerance);
            });
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});
