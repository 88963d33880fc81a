/**
 * Dates and times as British publishers write them in running text: "Wednesday, 12th November,
 * 2025 7.00 pm", "12/11/2026 19:30" (day first), "Published on 02 December 2025", "closes at
 * 11:59pm on 5 January 2027". Found anywhere in a string, checked (no 31 February), and turned
 * into an instant on London's clock, or a bare day when no time is given.
 */
import type { Weekday } from '../../platform/config/schema.js';
import { londonParts, londonWallTimeToInstant } from '../../platform/time.js';

export interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

export interface ClockTime {
  hour: number;
  minute: number;
}

export interface Found<T> {
  value: T;
  /** Where in the text it was found, so the caller can look at what is left. */
  index: number;
  length: number;
}

const MONTH_NUMBERS: Record<string, number> = {
  jan: 1,
  january: 1,
  feb: 2,
  february: 2,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  may: 5,
  jun: 6,
  june: 6,
  jul: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};
const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const WEEKDAYS: Record<string, Weekday> = {
  mon: 'mon',
  monday: 'mon',
  tue: 'tue',
  tues: 'tue',
  tuesday: 'tue',
  wed: 'wed',
  wednesday: 'wed',
  thu: 'thu',
  thur: 'thu',
  thurs: 'thu',
  thursday: 'thu',
  fri: 'fri',
  friday: 'fri',
  sat: 'sat',
  saturday: 'sat',
  sun: 'sun',
  sunday: 'sun',
};
const WEEKDAY_ORDER: Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const DATE_PATTERNS: { pattern: RegExp; read: (m: RegExpExecArray) => CalendarDay | undefined }[] = [
  // 2026-11-12
  { pattern: /\b(\d{4})-(\d{2})-(\d{2})\b/, read: (m) => day(m[1], m[2], m[3]) },
  // 12/11/2026, 12-11-2026, 12.11.2026, 12/11/26: day first, as in Britain
  { pattern: /\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})\b/, read: (m) => day(fullYear(m[3]), m[2], m[1]) },
  // 12th November 2025, 12 Nov, 2025, 12th of November 2025
  { pattern: new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH},?\\s+(\\d{4})\\b`, 'i'), read: (m) => day(m[3], monthNumber(m[2]), m[1]) },
  // November 12th, 2025
  { pattern: new RegExp(`\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'i'), read: (m) => day(m[3], monthNumber(m[1]), m[2]) },
];

/** The first calendar day written in `text`, if any. */
export function findDay(text: string): Found<CalendarDay> | undefined {
  let best: Found<CalendarDay> | undefined;
  for (const { pattern, read } of DATE_PATTERNS) {
    const match = pattern.exec(text);
    const value = match ? read(match) : undefined;
    if (match && value && (!best || match.index < best.index)) best = { value, index: match.index, length: match[0].length };
  }
  return best;
}

/** A time of day: "19:30", "7.00 pm", "10am", "noon". A bare "7.00" is read on the 24-hour clock. */
export function findTime(text: string): Found<ClockTime> | undefined {
  const clock =
    /\b([01]?\d|2[0-3])[:.]([0-5]\d)\s*([ap])\.?\s?m\b\.?|\b([01]?\d|2[0-3])[:.]([0-5]\d)\b|\b(1[0-2]|0?[1-9])\s*([ap])\.?\s?m\b\.?|\b(noon|midday)\b/i.exec(
      text,
    );
  if (!clock) return undefined;
  const [, h12, m12, ap12, h24, m24, hBare, apBare, noon] = clock;
  const found = (hour: number, minute: number): Found<ClockTime> | undefined =>
    hour <= 23 ? { value: { hour, minute }, index: clock.index, length: clock[0].length } : undefined;
  if (noon) return found(12, 0);
  if (h12 !== undefined) return found(to24(Number(h12), ap12), Number(m12));
  if (h24 !== undefined) return found(Number(h24), Number(m24));
  return found(to24(Number(hBare), apBare), 0);
}

export function findWeekday(text: string): Found<Weekday> | undefined {
  const match = /\b(mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)\b/i.exec(text);
  const value = match ? WEEKDAYS[(match[1] ?? '').toLowerCase()] : undefined;
  return match && value ? { value, index: match.index, length: match[0].length } : undefined;
}

/** Does the text start with something a date or time starts with (a weekday, a day number, a month)? */
export function startsWithWhen(text: string): boolean {
  return new RegExp(`^\\s*(?:on\\s+)?(?:\\d|${MONTH}\\b|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\\b|noon\\b|midday\\b)`, 'i').test(text);
}

/** "2026-11-12" for a day alone; with a time, the instant London's clocks show it, in UTC ISO form. */
export function londonIso(date: CalendarDay, time?: ClockTime): string {
  if (!time) return `${date.year}-${pad(date.month)}-${pad(date.day)}`;
  return londonWallTimeToInstant(date.year, date.month, date.day, time.hour, time.minute).toISOString();
}

/** The first day on or after `from` (London's calendar) that falls on `weekday`. */
export function nextWeekdayOnOrAfter(from: Date, weekday: Weekday): CalendarDay {
  const start = londonParts(from);
  const base = Date.UTC(start.year, start.month - 1, start.day, 12);
  const offset = (WEEKDAY_ORDER.indexOf(weekday) - new Date(base).getUTCDay() + 7) % 7;
  const target = new Date(base + offset * 86_400_000);
  return { year: target.getUTCFullYear(), month: target.getUTCMonth() + 1, day: target.getUTCDate() };
}

/**
 * A date as a listing page shows it, to an instant: day-first numeric dates, written-out dates with
 * an optional time, ISO dates; undefined when none is found.
 */
export function readWrittenDate(text: string): Date | undefined {
  const iso = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})\b/i.exec(text);
  if (iso) {
    const time = Date.parse(iso[0]);
    if (Number.isFinite(time)) return new Date(time);
  }
  const found = findDay(text);
  if (!found) return undefined;
  const rest = `${text.slice(0, found.index)} ${text.slice(found.index + found.length)}`;
  const time = findTime(rest)?.value ?? { hour: 0, minute: 0 };
  const { year, month, day: dayOfMonth } = found.value;
  return londonWallTimeToInstant(year, month, dayOfMonth, time.hour, time.minute);
}

function to24(hour: number, meridiem: string | undefined): number {
  const pm = meridiem?.toLowerCase() === 'p';
  if (hour === 12) return pm ? 12 : 0;
  return pm ? hour + 12 : hour;
}

function monthNumber(name: string | undefined): string | undefined {
  const n = MONTH_NUMBERS[(name ?? '').toLowerCase().replace(/\.$/, '')];
  return n === undefined ? undefined : String(n);
}

function fullYear(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  return text.length === 2 ? `20${text}` : text;
}

/** A real calendar day, or undefined (31/02, month 13, a year far from now). */
function day(year: string | undefined, month: string | undefined, dayOfMonth: string | undefined): CalendarDay | undefined {
  const y = Number(year);
  const m = Number(month);
  const d = Number(dayOfMonth);
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return undefined;
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return undefined;
  const check = new Date(Date.UTC(y, m - 1, d));
  if (check.getUTCMonth() !== m - 1) return undefined;
  return { year: y, month: m, day: d };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
