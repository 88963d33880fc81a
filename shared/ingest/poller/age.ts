/**
 * Is an item still news? An item published longer ago than its source's maxAgeDays is not: the
 * poller remembers it as seen, so it is never queued later, but does not queue it, so it is never
 * stored, briefed, alerted or planned. Without this a first run over real feeds queued years of
 * archive (a BBC feed keeps a fortnight, Parliament's bills feed a whole session).
 *
 * The limit is the source's own `maxAgeDays`, else the configuration's `maxAgeDays` for the kind of
 * news the item is (schema.ts, ageClasses). Meetings are judged by when they take place, not when
 * they were listed; items without a publisher's date count as published when first seen (normalise
 * sets their publishedAt to then and flags them), so they are never too old on the poll that finds them.
 */
import type { AgeClass, Config, SourceConfig } from '../../platform/config/schema.js';
import type { NormalisedItem } from '../../platform/model.js';
import { londonWallTimeToInstant } from '../../platform/time.js';

const DAY_MS = 86_400_000;

/** What kind of news an item is, for its age limit. */
export function ageClassOf(item: Pick<NormalisedItem, 'kind' | 'link'>, source: Pick<SourceConfig, 'kind' | 'outlet'>): AgeClass {
  if (item.kind === 'meeting' || source.kind === 'moderngov') return 'meetings';
  if (item.kind === 'legislation') return 'legislation';
  if (item.kind === 'bill' || source.kind === 'parliament-bills' || isParliamentLink(item.link)) return 'parliament';
  if (source.outlet === 'official' || item.kind === 'announcement' || item.kind === 'consultation') return 'official';
  return 'press';
}

function isParliamentLink(link: string): boolean {
  if (!link) return false;
  try {
    return /(^|\.)parliament\.uk$/i.test(new URL(link).hostname);
  } catch {
    return false;
  }
}

/** The limit in days for this item from this source. */
export function maxAgeDaysFor(item: Pick<NormalisedItem, 'kind' | 'link'>, source: SourceConfig, config: Pick<Config, 'maxAgeDays'>): number {
  return source.maxAgeDays ?? config.maxAgeDays[ageClassOf(item, source)];
}

export interface TooOld {
  /** In plain words, after a count: "older than 3 days", "past meetings (more than 1 day ago)". */
  readonly reason: string;
}

/** Why the item is not news any more, or undefined when it is. */
export function tooOld(item: NormalisedItem, source: SourceConfig, config: Pick<Config, 'maxAgeDays'>, now: Date): TooOld | undefined {
  const days = maxAgeDaysFor(item, source, config);
  const cutoff = now.getTime() - days * DAY_MS;
  if (ageClassOf(item, source) === 'meetings') {
    const when = item.details?.meetingDate;
    // A meeting whose date could not be read is kept: the briefing lists it as "date not given".
    if (!when) return undefined;
    return meetingEnds(when) < cutoff ? { reason: `past meetings (more than ${span(days)} ago)` } : undefined;
  }
  // Undated and future-dated items carry the time they were first seen: news on that poll.
  if (item.dateFlag) return undefined;
  return Date.parse(item.publishedAt) < cutoff ? { reason: `older than ${span(days)}` } : undefined;
}

/** A day-only meeting date lasts until the end of that London day. */
function meetingEnds(when: string): number {
  if (/^\d{4}-\d{2}-\d{2}$/.test(when)) {
    const [y, m, d] = when.split('-').map(Number) as [number, number, number];
    return londonWallTimeToInstant(y, m, d, 23, 59).getTime();
  }
  return Date.parse(when);
}

/** "3 days", "1 day", "12 hours" (limits under a day, or not whole days, in hours). */
export function span(days: number): string {
  if (Number.isInteger(days)) return `${days} day${days === 1 ? '' : 's'}`;
  const hours = Math.round(days * 24);
  return `${hours} hour${hours === 1 ? '' : 's'}`;
}

/** The items that are news, and how many were not, with why. */
export function splitByAge(
  items: readonly NormalisedItem[],
  source: SourceConfig,
  config: Pick<Config, 'maxAgeDays'>,
  now: Date,
): { news: NormalisedItem[]; tooOld: number; reason: string | undefined } {
  const news: NormalisedItem[] = [];
  const reasons = new Map<string, number>();
  for (const item of items) {
    const old = tooOld(item, source, config, now);
    if (old) reasons.set(old.reason, (reasons.get(old.reason) ?? 0) + 1);
    else news.push(item);
  }
  const count = items.length - news.length;
  // One source's items nearly always share one limit; when they do not, each reason says how many.
  const reason = reasons.size === 0 ? undefined : reasons.size === 1 ? [...reasons.keys()][0] : [...reasons].map(([r, n]) => `${n} ${r}`).join('; ');
  return { news, tooOld: count, reason };
}
