/**
 * Europe/London wall-clock arithmetic without a date library: Intl knows the clock changes, so we
 * ask it for the offset at an instant and correct for it.
 */
import type { Weekday } from './config/schema.js';
import { TIME_ZONE } from './topology.js';

const partsFormatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  weekday: 'short',
});

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: Weekday;
}

export function londonParts(instant: Date): LocalParts {
  const parts = Object.fromEntries(partsFormatter.formatToParts(instant).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: String(parts.weekday).toLowerCase().slice(0, 3) as Weekday,
  };
}

/** The calendar date in London, as YYYY-MM-DD. */
export function londonDate(instant: Date): string {
  const p = londonParts(instant);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/**
 * The London calendar days from the one `instant` falls on to `days` days on, whole days: from
 * midnight at the start of that day to midnight at the start of the day after the last. A day is
 * 23 or 25 hours when the clocks change, so the end is found on the calendar, not by adding hours.
 */
export function londonWholeDays(instant: Date, days: number): { start: Date; end: Date } {
  const today = londonParts(instant);
  const start = londonWallTimeToInstant(today.year, today.month, today.day, 0, 0);
  // Date.UTC normalises the 35th of a month into the next; noon keeps the reading clear of the clock change.
  const last = londonParts(new Date(Date.UTC(today.year, today.month - 1, today.day + days, 12)));
  return { start, end: londonWallTimeToInstant(last.year, last.month, last.day, 0, 0) };
}

/**
 * The instant at which London's clocks show the given wall time. For a time that occurs twice (the
 * night the clocks go back) this is one of the two; for a time that does not exist (01:00–01:59 the
 * night they go forward) it is an hour earlier in GMT. Briefings at 07:00 meet neither case.
 */
export function londonWallTimeToInstant(year: number, month: number, day: number, hour: number, minute: number): Date {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  let guess = asUtc;
  for (let i = 0; i < 3; i++) {
    const p = londonParts(new Date(guess));
    const shown = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
    const diff = shown - asUtc;
    if (diff === 0) break;
    guess -= diff;
  }
  return new Date(guess);
}

/** The next instant strictly after `after` when London shows hour:minute on one of `days`. */
export function nextWeeklyOccurrence(after: Date, hour: number, minute: number, days: readonly Weekday[]): Date {
  const start = londonParts(after);
  for (let offset = 0; offset <= 8; offset++) {
    const noonUtc = new Date(Date.UTC(start.year, start.month - 1, start.day + offset, 12));
    const local = londonParts(noonUtc);
    if (!days.includes(local.weekday)) continue;
    const candidate = londonWallTimeToInstant(local.year, local.month, local.day, hour, minute);
    if (candidate.getTime() > after.getTime()) return candidate;
  }
  throw new Error(`no weekly occurrence found for days ${days.join(',')}`);
}
