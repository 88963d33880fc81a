/**
 * Plans a week and stores it: the weekly schedule's use case (the following week) and the
 * on-demand one (`despatch grid --week`, the page's "Plan again"). Reads the items and the grid as
 * stored, runs the planner, writes the result; a slot someone edited while it ran is left as theirs.
 */
import * as z from 'zod';
import type { Config } from '../platform/config/schema.js';
import type { GridSideConfig } from '../platform/config/projections.js';
import type { ItemStore } from '../classify/ports.js';
import { londonDate } from '../platform/time.js';
import { MEETING_LOOKBACK_DAYS } from '../platform/model.js';
import { addDays, isoWeekOf, ISO_WEEK_PATTERN, weekDates } from './calendar.js';
import { meetingsFrom, type GridRules } from './hooks.js';
import type { GridWeek } from './model.js';
import { planGrid, requireGrid } from './planner.js';
import type { GridStore, SavePlanOutcome } from './ports.js';

/** What the weekly schedule (or an operator) sends the planner. */
export const planEventSchema = z.strictObject({
  v: z.literal(1),
  /** The week to plan; the week after `now` when left out. */
  week: z.string().regex(ISO_WEEK_PATTERN, 'must be an ISO week such as 2026-W49').optional(),
  now: z.iso.datetime({ offset: true }).optional(),
  /** Leave a week that has been planned before as it is (the local stack's start-up plan). */
  onlyIfNew: z.boolean().optional(),
});
type PlanEvent = z.infer<typeof planEventSchema>;

export interface PlanWeekDeps {
  readonly config: GridSideConfig;
  readonly items: Pick<ItemStore, 'itemsSeenBetween'>;
  readonly grid: GridStore;
  readonly now: () => Date;
  readonly rules?: GridRules;
}

export interface PlanWeekOutcome extends SavePlanOutcome {
  readonly grid: GridWeek;
}

/** The ISO week after the one `now` falls in (London). */
export function followingWeek(now: Date): string {
  return isoWeekOf(addDays(londonDate(now), 7));
}

export async function planWeek(week: string | undefined, deps: PlanWeekDeps, options: { onlyIfNew?: boolean } = {}): Promise<PlanWeekOutcome> {
  const grid = requireGrid(deps.config);
  const now = deps.now();
  const target = week ?? followingWeek(now);
  const monday = weekDates(target)[0] as string;
  const lookback = Math.max(grid.lookbackDays, MEETING_LOOKBACK_DAYS);
  const from = new Date(`${addDays(monday, -lookback - 1)}T00:00:00Z`);
  const items = from < now ? await deps.items.itemsSeenBetween(from, now) : [];
  const existing = await deps.grid.getWeek(target);
  if (existing && options.onlyIfNew) return { grid: existing, written: 0, raced: 0 };
  const planned = planGrid({
    config: deps.config,
    week: target,
    items,
    meetings: meetingsFrom(items),
    existing,
    now,
    ...(deps.rules ? { rules: deps.rules } : {}),
  });
  const outcome = await deps.grid.savePlan(planned, existing);
  const stored = outcome.raced > 0 ? await deps.grid.getWeek(target) : undefined;
  return { ...outcome, grid: stored ?? planned };
}
