/**
 * The weekly planner, as one plain function: configuration, the week's items and meetings, the
 * grid as it stands and the clock in; the grid out. Nothing here reads a clock, a table or a file.
 *
 * For every day and channel it fills the channel's posting times (at most `maxPerDay`) with the
 * best hook the rules allow:
 * - a hook dated that day (an awareness day, a meeting, a closing consultation) first;
 * - then the priority furthest below its weighted share on that channel, its freshest story first;
 * - never the same story twice on a channel in a day, nor twice on a channel in the week;
 * - never a sensitive story (those never become hooks: see hooks.ts);
 * - on a staff-run channel in a pre-election period, nothing about the Mayor, nothing
 *   controversial, no promotion of the Mayor's priorities; factual posts are drafted neutrally.
 * Slots a person has worked on are kept as they are (approved ones are locked); every other slot
 * is drafted afresh. Every slot says why it was chosen; every empty slot and excluded hook says why.
 */
import { removeInvisible } from '../platform/invisible.js';
import type { GridChannelConfig, GridConfig } from '../platform/config/schema.js';
import type { GridSideConfig } from '../platform/config/projections.js';
import type { ClassifiedItem } from '../platform/model.js';
import { describePeriod, mustBeNeutral, publicityDecision, type PublicityDecision } from './publicity.js';
import { longDate, shortDate, weekDates, weekdayOf } from './calendar.js';
import { CHANNEL_RULES } from './counter.js';
import { draftPost } from './drafts.js';
import { buildHooks, compileGridRules, recencyCheck, type GridRules, type Meeting } from './hooks.js';
import { isKept, slotId, type EmptySlot, type Exclusion, type GridWeek, type Hook, type Slot } from './model.js';

export class GridNotConfiguredError extends Error {
  constructor() {
    super('The configuration has no "grid" section: add the channels to plan for (see README, "Social media grid").');
    this.name = 'GridNotConfiguredError';
  }
}

/** The grid section, or a GridNotConfiguredError saying what to add. */
export function requireGrid(config: GridSideConfig): GridConfig {
  if (!config.grid) throw new GridNotConfiguredError();
  return config.grid;
}

export interface PlanInput {
  readonly config: GridSideConfig;
  /** ISO week, e.g. "2026-W49". */
  readonly week: string;
  /** Items seen recently (the planner looks back `grid.lookbackDays` from the week's Monday). */
  readonly items: readonly ClassifiedItem[];
  readonly meetings: readonly Meeting[];
  /** The grid as stored, if the week was planned before. */
  readonly existing?: GridWeek | undefined;
  readonly now: Date;
  /** Compiled once per container; compiled here if not given. */
  readonly rules?: GridRules;
}

export const PLANNER = 'planner';

/** Enough candidates per priority for any week's grid; the rest (older, less covered) are not weighed. */
const CANDIDATES_PER_PRIORITY = 40;
/** Lists kept short enough to read, and to store (a DynamoDB item holds at most 400 KB). */
const MAX_EXCLUSIONS = 100;
const MAX_NEEDS_RESPONSE = 50;
const MAX_TALKING_POINTS = 30;

interface ChannelState {
  /** Posts per priority id on this channel this week. */
  readonly counts: Map<string, number>;
  /** Hooks already on this channel this week. */
  readonly used: Set<string>;
  /** Story keys on this channel, per date. */
  readonly stories: Map<string, Set<string>>;
}

export function planGrid(input: PlanInput): GridWeek {
  const { config, week, now } = input;
  const grid = requireGrid(config);
  const dates = weekDates(week);
  const rules = input.rules ?? compileGridRules(config, grid);
  const built = buildHooks({ config, grid, rules, dates, items: input.items, meetings: input.meetings, now });
  const perPriority = new Map<string, number>();
  const hooks = built.hooks.filter((h) => {
    if (!h.priorityId || h.date) return true;
    const n = (perPriority.get(h.priorityId) ?? 0) + 1;
    perPriority.set(h.priorityId, n);
    return n <= CANDIDATES_PER_PRIORITY;
  });
  const needsResponse = built.needsResponse.slice(0, MAX_NEEDS_RESPONSE);
  const decisions = new Map<string, PublicityDecision>();
  const decide = (hook: Hook, channel: GridChannelConfig, date: string): PublicityDecision => {
    const key = `${hook.id}|${channel.id}|${date}`;
    let decision = decisions.get(key);
    if (!decision) {
      decision = publicityDecision(hook, channel, date, grid);
      decisions.set(key, decision);
    }
    return decision;
  };
  const at = now.toISOString();

  const weightOf = (priorityId: string) => grid.weights[priorityId] ?? 1;
  const totalWeight = config.priorities.reduce((sum, p) => sum + weightOf(p.id), 0);
  const targetShare = (priorityId: string) => (totalWeight > 0 ? weightOf(priorityId) / totalWeight : 0);

  const existing = input.existing?.slots ?? [];
  const kept = existing.filter(isKept);
  const previous = new Map(existing.map((s) => [s.id, s]));
  const states = new Map<string, ChannelState>(grid.channels.map((c) => [c.id, { counts: new Map(), used: new Set(), stories: new Map() }]));
  const record = (state: ChannelState, slot: Pick<Slot, 'date' | 'hook'>) => {
    if (slot.hook.priorityId) state.counts.set(slot.hook.priorityId, (state.counts.get(slot.hook.priorityId) ?? 0) + 1);
    state.used.add(slot.hook.id);
    const day = state.stories.get(slot.date) ?? new Set<string>();
    day.add(slot.hook.storyKey);
    state.stories.set(slot.date, day);
  };
  for (const slot of kept) {
    const state = states.get(slot.channel);
    if (state) record(state, slot);
  }

  const slots: Slot[] = [...kept];
  const empty: EmptySlot[] = [];
  const exclusions = new Map<string, Exclusion>();
  // One line per hook left out: the reason names the channels and period it applies to.
  const exclude = (hook: Hook, reason: string) => {
    if (!exclusions.has(hook.id)) exclusions.set(hook.id, { hookId: hook.id, title: hook.title, kind: hook.kind, reason });
  };
  // Left out on safety grounds (a tragedy, a flagged meeting) before any channel was considered.
  for (const e of built.excluded) if (!exclusions.has(e.hookId)) exclusions.set(e.hookId, e);
  for (const hook of hooks) {
    if (hook.priorityId && weightOf(hook.priorityId) === 0)
      exclude(hook, `The weight for ${hook.priorityName ?? hook.priorityId} is 0 (grid.weights), so it is not planned.`);
  }

  for (const date of dates) {
    const weekday = weekdayOf(date);
    for (const channel of grid.channels) {
      if (!channel.days.includes(weekday)) continue;
      const state = states.get(channel.id) as ChannelState;
      const keptHere = kept.filter((s) => s.date === date && s.channel === channel.id);
      let capacity = channel.maxPerDay - keptHere.length;
      for (const time of channel.times.slice(0, channel.maxPerDay)) {
        if (capacity <= 0) break;
        if (keptHere.some((s) => s.time === time)) continue;
        capacity--;
        const choice = choose(hooks, date, channel, state);
        if (!choice.hook) {
          empty.push({ date, time, channel: channel.id, reason: choice.reason });
          continue;
        }
        const hook = choice.hook;
        const id = slotId(date, time, channel.id);
        const before = previous.get(id);
        const neutral = mustBeNeutral(channel, date, grid);
        const slot: Slot = {
          id,
          week,
          date,
          time,
          channel: channel.id,
          hook,
          why: choice.why,
          text: draftPost({ config, hook, channel, date, variant: 0, neutral }),
          // The recency of news is a matter of the day it is posted on; the rest is the hook's.
          checks: [...(hook.publishedOn ? [recencyCheck(hook.publishedOn, date, grid.recencyDays)] : []), ...hook.checks, ...invisibleChecks(hook)],
          altText: '',
          image: channel.images ?? channel.id === 'instagram',
          templateVariant: 0,
          status: 'draft',
          comments: [],
          history: [
            {
              at,
              by: PLANNER,
              action: 'planned',
              detail: `${before ? 'Replanned' : 'Planned'} from ${KIND_LABEL[hook.kind]}: ${hook.title}${neutral ? ' (written neutrally: pre-election period)' : ''}`,
            },
          ],
          version: before ? before.version + 1 : 1,
          updatedAt: at,
          updatedBy: PLANNER,
        };
        slots.push(slot);
        record(state, slot);
      }
      for (const hook of hooks) {
        if (!fits(hook, date)) continue;
        const decision = decide(hook, channel, date);
        if (!decision.allowed) exclude(hook, decision.reason);
      }
    }
  }

  function choose(candidates: readonly Hook[], date: string, channel: GridChannelConfig, state: ChannelState): { hook?: Hook; why: string; reason: string } {
    const inWindow = candidates.filter((h) => fits(h, date) && !(h.priorityId && weightOf(h.priorityId) === 0));
    const allowed = inWindow.filter((h) => decide(h, channel, date).allowed);
    const fresh = allowed.filter((h) => !state.used.has(h.id) && !state.stories.get(date)?.has(h.storyKey));
    if (fresh.length === 0) {
      if (inWindow.length === 0)
        return {
          why: '',
          reason: `Nothing to post on ${CHANNEL_RULES[channel.id].name} on ${shortDate(date)}: no awareness day, meeting or recent priority story fits this day (news is drafted only up to ${grid.recencyDays} day${grid.recencyDays === 1 ? '' : 's'} after it is published; plan again nearer the day for fresh news).`,
        };
      if (allowed.length === 0) {
        const first = decide(inWindow[0] as Hook, channel, date);
        return { why: '', reason: `Left empty on purpose: ${inWindow.length} possible post(s) excluded. ${first.allowed ? '' : first.reason}` };
      }
      return { why: '', reason: `Everything suitable is already on ${CHANNEL_RULES[channel.id].name} this week or this day.` };
    }
    const priorityTotal = [...state.counts.values()].reduce((a, b) => a + b, 0);
    const deficit = (h: Hook) => (h.priorityId ? targetShare(h.priorityId) * (priorityTotal + 1) - (state.counts.get(h.priorityId) ?? 0) : 0);
    const tier = (h: Hook) => (h.date === date ? (h.kind === 'consultation' ? 2 : 3) : 1);
    const ranked = [...fresh].sort((a, b) => tier(b) - tier(a) || deficit(b) - deficit(a) || b.score - a.score || a.id.localeCompare(b.id));
    const hook = ranked[0] as Hook;
    return { hook, why: whyChosen(hook, date, tier(hook), channel, state, priorityTotal), reason: '' };
  }

  function whyChosen(hook: Hook, date: string, tier: number, channel: GridChannelConfig, state: ChannelState, priorityTotal: number): string {
    if (tier > 1) {
      if (hook.kind === 'meeting') return `Posted on the day of the meeting, ${longDate(date)}.`;
      if (hook.kind === 'consultation') return `Posted on the closing day, ${longDate(date)}.`;
      return 'Posted on the day itself.';
    }
    if (hook.priorityId) {
      const share = Math.round(targetShare(hook.priorityId) * 100);
      const count = state.counts.get(hook.priorityId) ?? 0;
      return `Keeps ${hook.priorityName ?? hook.priorityId} near its share on ${CHANNEL_RULES[channel.id].name} (${share}% by weight; ${count} of ${priorityTotal} priority posts so far this week).`;
    }
    return 'The strongest remaining hook for this day.';
  }

  const notes: string[] = [];
  for (const period of grid.preElection) {
    const days = dates.filter((d) => period.noticeOfElection <= d && d <= period.poll);
    if (days.length === 0) continue;
    const staff = grid.channels.filter((c) => c.staffRun).map((c) => CHANNEL_RULES[c.id].name);
    notes.push(
      `The ${describePeriod(period)} covers ${shortDate(days[0] as string)}${days.length > 1 ? ` to ${shortDate(days[days.length - 1] as string)}` : ''}. ` +
        `On staff-run channels (${staff.join(', ') || 'none'}) Despatch proposes no publicity about the Mayor or politically controversial matters, and writes factual posts neutrally.`,
    );
  }
  for (const priority of config.priorities) {
    if (weightOf(priority.id) === 0) continue;
    if (!hooks.some((h) => h.priorityId === priority.id)) {
      notes.push(`No recent non-sensitive coverage for ${priority.name} in the ${grid.lookbackDays} days before the week: no ${priority.name} posts planned.`);
    }
  }
  if (built.stale > 0) {
    notes.push(
      `${built.stale} stor${built.stale === 1 ? 'y was' : 'ies were'} published too long before the week to be posted (more than ${grid.recencyDays} day${grid.recencyDays === 1 ? '' : 's'} before, grid.recencyDays): not planned.`,
    );
  }
  const talking = built.talkingPoints.length;
  if (talking > 0)
    notes.push(`${talking} press stor${talking === 1 ? 'y is' : 'ies are'} offered as talking points, not drafted in the Mayor's voice: see "Talking points".`);
  if (kept.length > 0) notes.push(`${kept.length} slot(s) kept as they were: approved, or already worked on by someone.`);
  const sensitive = built.needsResponse.length;
  if (sensitive > 0)
    notes.push(
      `${sensitive} sensitive stor${sensitive === 1 ? 'y' : 'ies'} left out of the grid: see "Needs a response?"${sensitive > MAX_NEEDS_RESPONSE ? ` (the ${MAX_NEEDS_RESPONSE} newest are listed)` : ''}.`,
    );
  if (exclusions.size > MAX_EXCLUSIONS)
    notes.push(`${exclusions.size} possible posts were left out; the first ${MAX_EXCLUSIONS} are listed with their reasons.`);

  const order = new Map(grid.channels.map((c, i) => [c.id as string, i]));
  slots.sort((a, b) => a.date.localeCompare(b.date) || a.time.localeCompare(b.time) || (order.get(a.channel) ?? 99) - (order.get(b.channel) ?? 99));
  return {
    week,
    plannedAt: at,
    empty,
    excluded: [...exclusions.values()].slice(0, MAX_EXCLUSIONS),
    needsResponse,
    talkingPoints: built.talkingPoints.slice(0, MAX_TALKING_POINTS),
    notes,
    slots,
  };
}

/** A dated hook (an awareness day, a meeting, a closing date) goes on its day; the rest anywhere in their window. */
function fits(hook: Hook, date: string): boolean {
  return hook.date ? hook.date === date : hook.windowFrom <= date && date <= hook.windowTo;
}

export const KIND_LABEL: Readonly<Record<Hook['kind'], string>> = {
  awareness: 'awareness day',
  meeting: 'council meeting',
  priority: 'priority story',
  legislation: 'legislation',
  consultation: 'consultation closing',
};

/** A warning on the slot when the hook's headline or summary carried invisible characters (removed from the draft). */
function invisibleChecks(hook: Hook): string[] {
  const removed = removeInvisible(hook.title).removed + removeInvisible(hook.summary).removed;
  return removed > 0
    ? [`warning: ${removed} invisible or text-direction character${removed === 1 ? '' : 's'} removed from the headline the draft was written from`]
    : [];
}
