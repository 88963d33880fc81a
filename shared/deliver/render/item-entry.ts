/**
 * A classified item as an email shows it: outlet, time, headline with its link, snippet, with
 * the words that made it match highlighted. Shared by the briefing and the alerts so an item
 * reads the same in both.
 */
import { publishedOrSeenAt, type ClassifiedItem, type MatchSpan } from '../../platform/model.js';
import { safeHref } from './escape.js';
import type { Entry } from './layout.js';
import { clip, highlightPieces, type HighlightSpan } from './text.js';
import { londonDateTime, publishedAgo } from './time.js';

export const HEADLINE_MAX_CHARS = 200;
export const SNIPPET_MAX_CHARS = 200;
const OUTLET_MAX_CHARS = 80;

/**
 * The time to sort and show an item by. When the publisher gave no date, or one in the future,
 * publishedAt is not to be trusted, and the time Despatch first saw the item is what is known.
 */
export function itemTime(item: ClassifiedItem): Date {
  return new Date(publishedOrSeenAt(item));
}

/**
 * When the item is shown as of: `now` is what "this year" means (the year is shown otherwise), and
 * an item published before `periodStart` (the briefing's period, the alert's day) says how long ago.
 */
export interface ItemClock {
  readonly now: Date;
  readonly periodStart?: Date | undefined;
}

/**
 * "Mon 23 Nov, 18:05", saying so when that is when Despatch saw it rather than the publisher's
 * date, and "(published 3 days ago)" when the publication is older than the period reported on.
 */
export function itemWhen(item: ClassifiedItem, clock: ItemClock): string {
  const at = itemTime(item);
  const when = londonDateTime(at, clock.now);
  if (item.dateFlag === 'missing') return `${when} (first seen; no date given)`;
  if (item.dateFlag === 'future') return `${when} (first seen; publisher's date was in the future)`;
  if (clock.periodStart && at.getTime() < clock.periodStart.getTime()) return `${when} (${publishedAgo(at, clock.now)})`;
  return when;
}

/** Every span recorded for one field: priorities' and sensitivity's, the latter marked as such so they are shown apart. */
export function spansFor(item: ClassifiedItem, field: MatchSpan['field']): HighlightSpan[] {
  return [...item.priorities.flatMap((p) => p.spans), ...item.sensitivity.spans.map((s) => ({ ...s, sensitive: true }))].filter((s) => s.field === field);
}

export function outletName(item: ClassifiedItem): string {
  return clip(item.sourceName, OUTLET_MAX_CHARS) || 'Unknown outlet';
}

export function itemEntry(item: ClassifiedItem, clock: ItemClock, opts: { notes?: Entry['notes']; accent?: Entry['accent'] } = {}): Entry {
  const headline = highlightPieces(item.title, spansFor(item, 'title'), HEADLINE_MAX_CHARS);
  return {
    outlet: outletName(item),
    when: itemWhen(item, clock),
    headline: headline.length > 0 ? headline : [{ text: '(no headline)', marked: false }],
    href: safeHref(item.link),
    snippet: highlightPieces(item.summary, spansFor(item, 'summary'), SNIPPET_MAX_CHARS),
    notes: opts.notes ?? [],
    accent: opts.accent ?? 'none',
  };
}

/** The reasons an item is sensitive, cleaned for display, in one line. */
export function reasonsLine(item: ClassifiedItem): string {
  const reasons = strongestReasons(item.sensitivity.reasons.map((r) => clip(readerReason(r), 200)).filter((r) => r !== ''));
  return reasons.length > 0 ? reasons.join('; ') : 'matched the sensitivity triggers';
}

/**
 * A reason as the office reads it: the classifier's arithmetic (": score × 1.5", ": score + 2"),
 * which `despatch rules test` shows in full, is left off; the fact it comes from stays.
 */
export function readerReason(reason: string): string {
  return reason.replace(/:\s*score\s*[×x+]\s*[\d.]+\s*$/u, '');
}

const OUTLETS_CARRY = /^(\d+) outlets carry the story\b/u;
const WITHIN_WORDS = /\bwithin (\d+) words? of\b/u;

/**
 * One reason of each kind, the strongest, in the order first given: reasons gathered from several
 * items of a story ("within 4 words of “resign”", "within 2 words of …", "2 outlets carry …",
 * "3 outlets carry …") would otherwise repeat and contradict each other. The closest match wins,
 * and the widest spread; the outlet a match was read in ("… in BBC London") does not make a new kind.
 */
export function strongestReasons(reasons: readonly string[]): string[] {
  const chosen = new Map<string, { reason: string; strength: number }>();
  for (const reason of reasons) {
    const spread = OUTLETS_CARRY.exec(reason);
    const near = WITHIN_WORDS.exec(reason);
    const kind = spread
      ? 'outlets'
      : near
        ? reason
            .replace(WITHIN_WORDS, 'within # words of')
            .replace(/ in [^“”"]+$/u, '')
            .toLowerCase()
        : reason.toLowerCase();
    const strength = spread ? Number(spread[1]) : near ? -Number(near[1]) : 0;
    const held = chosen.get(kind);
    if (!held || strength > held.strength) chosen.set(kind, { reason, strength });
  }
  // A Map keeps the first position of each kind, so the strongest of a kind sits where that kind first appeared.
  return [...chosen.values()].map((c) => c.reason);
}
