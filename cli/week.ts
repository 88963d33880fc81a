/**
 * `--week` as the office says it: "this", "next", any date in the week ("2026-12-07"), or the ISO
 * week the planner stores ("2026-W49"). Weeks run Monday to Sunday, London time.
 */
import { isoWeekOf, isValidWeek, weekDates } from '../shared/grid/calendar.js';
import { londonDate } from '../shared/platform/time.js';
import { followingWeek } from '../shared/grid/plan-week.js';
import { UsageError } from './args.js';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The ISO week `value` names; a UsageError in the office's words when it names none. */
export function parseWeekOption(value: string | undefined, now: Date): string {
  const text = (value ?? 'next').trim().toLowerCase();
  if (text === 'next') return followingWeek(now);
  if (text === 'this') return isoWeekOf(londonDate(now));
  const date = DATE.exec(text);
  if (date) {
    const [, y, m, d] = date.map(Number) as [number, number, number, number];
    const asDate = new Date(Date.UTC(y, m - 1, d));
    // 2026-02-30 would roll over into March: refuse it rather than plan a week nobody asked for.
    if (asDate.getUTCFullYear() === y && asDate.getUTCMonth() === m - 1 && asDate.getUTCDate() === d) return isoWeekOf(text);
  }
  const upper = text.toUpperCase();
  if (isValidWeek(upper)) return upper;
  throw new UsageError(`--week "${value ?? ''}" is not a week: write "this", "next", a date in the week such as 2026-12-07, or a week number such as 2026-W49`);
}

/** "Monday 7 December to Sunday 13 December 2026 (week 2026-W50)": the week as a person reads it. */
export function describeWeek(week: string): string {
  const dates = weekDates(week);
  const first = dates[0] as string;
  const last = dates[6] as string;
  const format = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long' });
  const year = last.slice(0, 4);
  return `${format.format(new Date(`${first}T00:00:00Z`))} to ${format.format(new Date(`${last}T00:00:00Z`))} ${year}`;
}
