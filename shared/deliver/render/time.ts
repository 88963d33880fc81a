/**
 * Times as the Mayor's office reads them: Europe/London wall-clock time, right on either side of
 * the clock changes. Built from formatToParts so the layout does not depend on the ICU version's
 * punctuation (only its month abbreviations, e.g. "Sept").
 */
import { londonDate } from '../../platform/time.js';
import { TIME_ZONE } from '../../platform/topology.js';

const PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

interface LondonParts {
  weekday: string;
  day: string;
  month: string;
  year: string;
  hour: string;
  minute: string;
}

function londonParts(at: Date): LondonParts {
  const parts: LondonParts = { weekday: '', day: '', month: '', year: '', hour: '', minute: '' };
  for (const part of PARTS.formatToParts(at)) {
    if (part.type === 'weekday' || part.type === 'day' || part.type === 'month' || part.type === 'year' || part.type === 'hour' || part.type === 'minute') {
      parts[part.type] = part.value;
    }
  }
  return parts;
}

/*
 * `now` is what "this year" means: a date in another year (London's calendar) carries its year, so
 * a release of last December does not read like this week's. Renderers pass the time they render
 * for (the briefing's generatedAt, the alert's), so an email reads the same whenever it is rendered;
 * the default, the clock, is for command-line output.
 */

/** "Tue 24 Nov" this year, "Mon 1 Dec 2025" in another. */
export function londonDay(at: Date, now: Date = new Date()): string {
  const p = londonParts(at);
  const year = p.year === londonParts(now).year ? '' : ` ${p.year}`;
  return `${p.weekday} ${p.day} ${p.month}${year}`;
}

/** "18:05" */
export function londonClock(at: Date): string {
  const p = londonParts(at);
  return `${p.hour}:${p.minute}`;
}

/** "Mon 23 Nov, 18:05": when an item appeared ("Mon 1 Dec 2025, 18:05" in another year). */
export function londonDateTime(at: Date, now: Date = new Date()): string {
  return `${londonDay(at, now)}, ${londonClock(at)}`;
}

/** "Mon 23 Nov 07:00": the start of the period a briefing covers. */
export function londonSince(at: Date, now: Date = new Date()): string {
  return `${londonDay(at, now)} ${londonClock(at)}`;
}

const DAY_MS = 86_400_000;

/** Whole London calendar days from `at` to `now` (clock changes make some days 23 or 25 hours). */
function calendarDaysBetween(at: Date, now: Date): number {
  return Math.round((Date.parse(londonDate(now)) - Date.parse(londonDate(at))) / DAY_MS);
}

/**
 * "published 3 days ago", counted in London calendar days ("yesterday" is the day before today,
 * whatever the hour), then weeks, months and years: said beside an item whose publication is older
 * than the period being reported, so an old story found late is not read as new.
 */
export function publishedAgo(at: Date, now: Date): string {
  const days = Math.max(0, calendarDaysBetween(at, now));
  if (days === 0) return 'published today';
  if (days === 1) return 'published yesterday';
  if (days < 14) return `published ${days} days ago`;
  if (days < 60) return `published ${Math.floor(days / 7)} weeks ago`;
  if (days < 365) return `published ${Math.floor(days / 30.44)} months ago`;
  const years = Math.floor(days / 365.25);
  return `published ${years === 1 ? 'a year' : `${years} years`} ago`;
}
