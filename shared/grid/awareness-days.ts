/**
 * The UK awareness calendar the grid draws on, kept as data: fixed dates, whole months, and the
 * movable ones with the rule that places them each year. Check the movable ones against the
 * organisers' announcements each year; `overrides` holds the years a rule does not fit.
 * Browser-safe.
 */
import { addDays, weekdayOf } from './calendar.js';
import type { Weekday } from '../platform/config/schema.js';

/** How a post should sound: a commemoration is never "celebrated". */
export type AwarenessTone = 'commemoration' | 'celebration' | 'awareness';

export interface FixedDay {
  readonly month: number;
  readonly day: number;
  readonly name: string;
  readonly hashtag: string;
  readonly tone: AwarenessTone;
}

export interface AwarenessMonth {
  readonly month: number;
  readonly name: string;
  readonly hashtag: string;
}

export type MovableRule =
  /** The nth given weekday of a month; n = -1 for the last. */
  | { readonly kind: 'nth-weekday'; readonly month: number; readonly weekday: Weekday; readonly n: number }
  /** A Monday-to-Sunday week starting on the nth Monday of a month. */
  | { readonly kind: 'week-from-nth-monday'; readonly month: number; readonly n: number }
  /** The Monday-to-Sunday week containing a date. */
  | { readonly kind: 'week-containing'; readonly month: number; readonly day: number };

export interface MovableDay {
  readonly name: string;
  readonly hashtag: string;
  readonly tone: AwarenessTone;
  readonly rule: MovableRule;
  /** First day in years the rule does not fit, as the organisers announced them. */
  readonly overrides?: Readonly<Record<number, string>>;
}

export const FIXED_DAYS: readonly FixedDay[] = [
  { month: 1, day: 27, name: 'Holocaust Memorial Day', hashtag: '#HolocaustMemorialDay', tone: 'commemoration' },
  { month: 2, day: 4, name: 'World Cancer Day', hashtag: '#WorldCancerDay', tone: 'awareness' },
  { month: 3, day: 1, name: "St David's Day", hashtag: '#StDavidsDay', tone: 'celebration' },
  { month: 3, day: 8, name: "International Women's Day", hashtag: '#IWD', tone: 'celebration' },
  { month: 3, day: 17, name: "St Patrick's Day", hashtag: '#StPatricksDay', tone: 'celebration' },
  { month: 3, day: 21, name: 'International Day for the Elimination of Racial Discrimination', hashtag: '#FightRacism', tone: 'awareness' },
  { month: 4, day: 2, name: 'World Autism Awareness Day', hashtag: '#WorldAutismAwarenessDay', tone: 'awareness' },
  { month: 4, day: 7, name: 'World Health Day', hashtag: '#WorldHealthDay', tone: 'awareness' },
  { month: 4, day: 22, name: 'Stephen Lawrence Day', hashtag: '#StephenLawrenceDay', tone: 'commemoration' },
  { month: 4, day: 23, name: "St George's Day", hashtag: '#StGeorgesDay', tone: 'celebration' },
  { month: 5, day: 8, name: 'VE Day', hashtag: '#VEDay', tone: 'commemoration' },
  { month: 5, day: 17, name: 'International Day Against Homophobia, Biphobia and Transphobia', hashtag: '#IDAHOBIT', tone: 'awareness' },
  { month: 6, day: 5, name: 'World Environment Day', hashtag: '#WorldEnvironmentDay', tone: 'awareness' },
  { month: 6, day: 20, name: 'World Refugee Day', hashtag: '#WorldRefugeeDay', tone: 'awareness' },
  { month: 6, day: 22, name: 'Windrush Day', hashtag: '#WindrushDay', tone: 'celebration' },
  { month: 7, day: 5, name: 'the NHS birthday', hashtag: '#NHSBirthday', tone: 'celebration' },
  { month: 7, day: 11, name: 'Srebrenica Memorial Day', hashtag: '#RememberingSrebrenica', tone: 'commemoration' },
  { month: 8, day: 12, name: 'International Youth Day', hashtag: '#InternationalYouthDay', tone: 'celebration' },
  { month: 8, day: 15, name: 'VJ Day', hashtag: '#VJDay', tone: 'commemoration' },
  { month: 9, day: 10, name: 'World Suicide Prevention Day', hashtag: '#WorldSuicidePreventionDay', tone: 'awareness' },
  { month: 9, day: 21, name: 'International Day of Peace', hashtag: '#PeaceDay', tone: 'awareness' },
  { month: 10, day: 1, name: 'International Day of Older Persons', hashtag: '#InternationalDayOfOlderPersons', tone: 'celebration' },
  { month: 10, day: 10, name: 'World Mental Health Day', hashtag: '#WorldMentalHealthDay', tone: 'awareness' },
  { month: 11, day: 11, name: 'Armistice Day', hashtag: '#ArmisticeDay', tone: 'commemoration' },
  { month: 11, day: 20, name: 'Transgender Day of Remembrance', hashtag: '#TDOR', tone: 'commemoration' },
  { month: 11, day: 25, name: 'International Day for the Elimination of Violence against Women', hashtag: '#OrangeTheWorld', tone: 'awareness' },
  { month: 11, day: 30, name: "St Andrew's Day", hashtag: '#StAndrewsDay', tone: 'celebration' },
  { month: 12, day: 1, name: 'World AIDS Day', hashtag: '#WorldAIDSDay', tone: 'awareness' },
  { month: 12, day: 3, name: 'International Day of Persons with Disabilities', hashtag: '#IDPWD', tone: 'awareness' },
  { month: 12, day: 10, name: 'Human Rights Day', hashtag: '#HumanRightsDay', tone: 'awareness' },
];

export const AWARENESS_MONTHS: readonly AwarenessMonth[] = [
  { month: 2, name: 'LGBT+ History Month', hashtag: '#LGBTHistoryMonth' },
  { month: 6, name: 'Pride Month', hashtag: '#Pride' },
  { month: 10, name: 'Black History Month', hashtag: '#BlackHistoryMonth' },
];

export const MOVABLE_DAYS: readonly MovableDay[] = [
  { name: 'Remembrance Sunday', hashtag: '#RemembranceSunday', tone: 'commemoration', rule: { kind: 'nth-weekday', month: 11, weekday: 'sun', n: 2 } },
  { name: 'Armed Forces Day', hashtag: '#ArmedForcesDay', tone: 'celebration', rule: { kind: 'nth-weekday', month: 6, weekday: 'sat', n: -1 } },
  {
    name: 'Mental Health Awareness Week',
    hashtag: '#MentalHealthAwarenessWeek',
    tone: 'awareness',
    // The Mental Health Foundation usually starts it on the second Monday of May; in 2023 it
    // began a week later, after the coronation bank holiday.
    rule: { kind: 'week-from-nth-monday', month: 5, n: 2 },
    overrides: { 2023: '2023-05-15' },
  },
  {
    name: 'Local Democracy Week',
    hashtag: '#LocalDemocracyWeek',
    tone: 'awareness',
    // The Council of Europe's European Local Democracy Week: the week around 15 October, the day
    // the European Charter of Local Self-Government opened for signature in 1985.
    rule: { kind: 'week-containing', month: 10, day: 15 },
  },
];

/** One occurrence in a given year: a day, a week or a month. */
export interface AwarenessOccurrence {
  readonly name: string;
  readonly hashtag: string;
  readonly tone: AwarenessTone;
  readonly span: 'day' | 'week' | 'month';
  /** First and last date it covers (the same for a day). */
  readonly from: string;
  readonly to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const dateOf = (year: number, month: number, day: number) => `${year}-${pad(month)}-${pad(day)}`;

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The nth `weekday` of a month (n = -1: the last). */
export function nthWeekday(year: number, month: number, weekday: Weekday, n: number): string {
  if (n > 0) {
    let date = dateOf(year, month, 1);
    while (weekdayOf(date) !== weekday) date = addDays(date, 1);
    return addDays(date, (n - 1) * 7);
  }
  let date = dateOf(year, month, lastDayOfMonth(year, month));
  while (weekdayOf(date) !== weekday) date = addDays(date, -1);
  return addDays(date, (n + 1) * 7);
}

function mondayOnOrBefore(date: string): string {
  let d = date;
  while (weekdayOf(d) !== 'mon') d = addDays(d, -1);
  return d;
}

/** Where a movable day falls in a year: its first and last date. */
export function placeMovable(day: MovableDay, year: number): { from: string; to: string; span: 'day' | 'week' } {
  const override = day.overrides?.[year];
  const rule = day.rule;
  switch (rule.kind) {
    case 'nth-weekday': {
      const date = override ?? nthWeekday(year, rule.month, rule.weekday, rule.n);
      return { from: date, to: date, span: 'day' };
    }
    case 'week-from-nth-monday': {
      const from = override ?? nthWeekday(year, rule.month, 'mon', rule.n);
      return { from, to: addDays(from, 6), span: 'week' };
    }
    case 'week-containing': {
      const from = override ?? mondayOnOrBefore(dateOf(year, rule.month, rule.day));
      return { from, to: addDays(from, 6), span: 'week' };
    }
  }
}

/** Every awareness day, week and month of a year, in date order. */
export function awarenessCalendar(year: number): AwarenessOccurrence[] {
  const all: AwarenessOccurrence[] = [
    ...FIXED_DAYS.map((d) => {
      const date = dateOf(year, d.month, d.day);
      return { name: d.name, hashtag: d.hashtag, tone: d.tone, span: 'day' as const, from: date, to: date };
    }),
    ...AWARENESS_MONTHS.map((m) => ({
      name: m.name,
      hashtag: m.hashtag,
      tone: 'celebration' as const,
      span: 'month' as const,
      from: dateOf(year, m.month, 1),
      to: dateOf(year, m.month, lastDayOfMonth(year, m.month)),
    })),
    ...MOVABLE_DAYS.map((d) => ({ name: d.name, hashtag: d.hashtag, tone: d.tone, ...placeMovable(d, year) })),
  ];
  return all.sort((a, b) => a.from.localeCompare(b.from) || a.name.localeCompare(b.name));
}

/** Occurrences that overlap [from, to] (dates, inclusive), across a year boundary if need be. */
export function awarenessBetween(from: string, to: string): AwarenessOccurrence[] {
  const years = new Set([Number(from.slice(0, 4)), Number(to.slice(0, 4))]);
  return [...years].flatMap((y) => awarenessCalendar(y)).filter((o) => o.from <= to && o.to >= from);
}
