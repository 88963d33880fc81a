/**
 * Calendar arithmetic on plain dates ("2026-12-01") and ISO weeks ("2026-W49"). A grid is about
 * days on the Mayor's calendar, not instants, so these never touch a time zone; the one place an
 * instant becomes a date is `londonDate` (shared/platform/time.ts).
 * Browser-safe: the review page uses these too.
 */
import type { Weekday } from '../platform/config/schema.js';

export const ISO_WEEK_PATTERN = /^(\d{4})-W(0[1-9]|[1-4]\d|5[0-3])$/;

export class InvalidWeekError extends Error {
  constructor(readonly week: string) {
    super(`"${week}" is not an ISO week: write it as year, W and week number, e.g. 2026-W49`);
    this.name = 'InvalidWeekError';
  }
}

const DAY_MS = 86_400_000;
const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

function toUtc(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}

function fromUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The date `days` after `date` (negative for before). */
export function addDays(date: string, days: number): string {
  return fromUtc(toUtc(date) + days * DAY_MS);
}

export function weekdayOf(date: string): Weekday {
  return WEEKDAYS[new Date(toUtc(date)).getUTCDay()] as Weekday;
}

/** Whole days from `a` to `b`. */
export function daysBetween(a: string, b: string): number {
  return Math.round((toUtc(b) - toUtc(a)) / DAY_MS);
}

/** The ISO week a date falls in (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeekOf(date: string): string {
  const ms = toUtc(date);
  const dow = new Date(ms).getUTCDay() || 7;
  const thursday = new Date(ms + (4 - dow) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Monday to Sunday of an ISO week, as dates. Throws InvalidWeekError for "2026-W54" and the like. */
export function weekDates(week: string): string[] {
  const match = ISO_WEEK_PATTERN.exec(week);
  if (!match) throw new InvalidWeekError(week);
  const year = Number(match[1]);
  const n = Number(match[2]);
  const jan4 = Date.UTC(year, 0, 4);
  const mondayOfWeek1 = jan4 - ((new Date(jan4).getUTCDay() || 7) - 1) * DAY_MS;
  const monday = fromUtc(mondayOfWeek1 + (n - 1) * 7 * DAY_MS);
  // Week 53 exists only in some years: it must still be a week of that year.
  if (isoWeekOf(monday) !== week) throw new InvalidWeekError(week);
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

export function isValidWeek(week: string): boolean {
  try {
    weekDates(week);
    return true;
  } catch {
    return false;
  }
}

// Made once: building an Intl formatter costs far more than using one.
const LONG = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long' });
const SHORT = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' });

/** "Tuesday 1 December" — how a date is written in a post. */
export function longDate(date: string): string {
  return LONG.format(new Date(toUtc(date)));
}

/** "Tue 1 Dec" — for the page and exports. */
export function shortDate(date: string): string {
  return SHORT.format(new Date(toUtc(date)));
}

/*
 * `today` (a London date, "2026-12-07") is what "this year" means: a date in another year carries
 * its year ("Fri 1 Jan 2027"), so a week planned across New Year is not misread. Separate functions
 * (not an optional argument) so `dates.map(shortDate)` keeps meaning what it says.
 */
const withYear = (text: string, date: string, today: string) => (today.slice(0, 4) !== date.slice(0, 4) ? `${text} ${date.slice(0, 4)}` : text);

/** "Tuesday 1 December", or "Friday 1 January 2027" when `today` is in another year. */
export function longDateFrom(date: string, today: string): string {
  return withYear(longDate(date), date, today);
}

/** "Tue 1 Dec", or "Fri 1 Jan 2027" when `today` is in another year. */
export function shortDateFrom(date: string, today: string): string {
  return withYear(shortDate(date), date, today);
}
