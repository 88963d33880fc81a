/**
 * What an alert says, whatever carries it (email, Teams, Slack, a text message): what appeared,
 * how sensitive and why, who is named, where (every outlet carrying the story, with links), the
 * matched text, and when. Plain text pieces here; each channel escapes for itself.
 */
import type { Config, SensitivityLevel } from '../../platform/config/schema.js';
import type { AlertMessage, ClassifiedItem, StorySummary } from '../../platform/model.js';
import { safeHref } from '../render/escape.js';
import { itemTime, itemWhen, outletName, readerReason, spansFor, strongestReasons } from '../render/item-entry.js';
import { clip, cleanText, highlightPieces, type TextPiece } from '../render/text.js';
import { londonClock, londonDateTime, londonDay } from '../render/time.js';
import { londonParts, londonWallTimeToInstant } from '../../platform/time.js';

export interface CoverageLine {
  readonly outlet: string;
  readonly title: string;
  readonly href: string | undefined;
  readonly when: string;
}

export interface AlertInput {
  config: Pick<Config, 'council' | 'mayor'> & { sensitivity?: { cabinet?: readonly { name: string; role: string; aliases: readonly string[] }[] } };
  item: ClassifiedItem;
  generatedAt: Date;
  /** Why this alert now: a new story, a follow-up as it spreads, or its level rising. */
  reason?: AlertMessage['reason'];
  story?: StorySummary | undefined;
  /** The story's items (this one included), for "where"; without them only this item's outlet is known. */
  coverage?: readonly ClassifiedItem[];
  /** The story's alert emails so far: this alert is a follow-up in that conversation, under its subject. Absent for the first. */
  thread?: { subject: string };
  /** Set when the alert was held in quiet hours and is sent as they end. */
  held?: { heldAt: Date; quietHours: { from: string; to: string } };
}

export interface NamedPerson {
  readonly who: string;
  readonly as: readonly { text: string; where: readonly ('headline' | 'snippet')[] }[];
}

export interface AlertView {
  readonly level: SensitivityLevel;
  /** "Critical", "High", "Watch". */
  readonly levelWord: string;
  readonly subject: string;
  /** The first line of a follow-up, saying what changed ("Now critical: …", "Now carried by 4 outlets …"); absent for the first alert. */
  readonly followUp: string | undefined;
  readonly heldNote: string | undefined;
  readonly headline: readonly TextPiece[];
  readonly headlineText: string;
  readonly outlet: string;
  readonly href: string | undefined;
  readonly when: string;
  readonly snippet: readonly TextPiece[];
  readonly reasons: readonly string[];
  readonly named: readonly NamedPerson[];
  /** Short passages around each matched phrase, the match marked. */
  readonly matchedText: readonly (readonly TextPiece[])[];
  readonly matchedWords: readonly string[];
  readonly priorities: readonly string[];
  /** Every outlet known to carry the story, this item's first. */
  readonly coverage: readonly CoverageLine[];
  /** Outlets the story record names beyond the lines above (their items were not read). */
  readonly otherOutlets: readonly string[];
  readonly timeline: string;
}

/** A subject is one header line: the headline is cut so the outlet still shows on a phone. */
const SUBJECT_HEADLINE_MAX_CHARS = 90;
const MATCH_CONTEXT_CHARS = 60;
const MAX_MATCHED_PASSAGES = 3;
const MAX_COVERAGE_LINES = 12;

export const LEVEL_WORDS: Readonly<Record<SensitivityLevel, string>> = { none: 'Not sensitive', watch: 'Watch', high: 'High', critical: 'Critical' };

export function buildAlertView(input: AlertInput): AlertView {
  const { config, item, story } = input;
  const level: SensitivityLevel = story?.level ?? (item.sensitivity.level === 'none' ? 'high' : item.sensitivity.level);
  const levelWord = LEVEL_WORDS[level];
  const headlineText = clip(item.title, SUBJECT_HEADLINE_MAX_CHARS) || '(no headline)';
  const outlet = outletName(item);
  // One story is one email conversation: the subject is fixed by its first alert and kept by every
  // follow-up (clients thread by References, Gmail by subject too), and what changed is the body's
  // first line. An alert with no earlier one in the thread reads as new, whatever step it is.
  const followUp = input.thread ? followUpLine(input.reason, story) : undefined;
  const subject = input.thread?.subject ?? `${level === 'critical' ? 'Critical' : 'Sensitive'} coverage: ${headlineText} — ${clip(outlet, 60)}`;

  const coverage = coverageLines(item, input.coverage ?? [], input.generatedAt);
  const known = new Set(coverage.map((c) => c.outlet.toLowerCase()));
  const otherOutlets = (story?.outlets ?? []).map((o) => clip(o.name, 80)).filter((name) => name !== '' && !known.has(name.toLowerCase()));
  // The outlets listed under "where" are the one count: the story's recorded reason may have been
  // written when fewer carried it, so it is said again from that list.
  const where = [...coverage.map((c) => c.outlet), ...otherOutlets];
  const given = (story?.reasons.length ? story.reasons : item.sensitivity.reasons).map((r) => clip(readerReason(r), 300)).filter((r) => r !== '');
  const reasons = strongestReasons(given).flatMap((r) => (/^\d+ outlets carry the story\b/u.test(r) ? (where.length > 1 ? [spreadReason(where)] : []) : [r]));
  // An item published before today (London) says how long ago, so an old story found late is not read as breaking.
  const today = londonParts(input.generatedAt);
  const clock = { now: input.generatedAt, periodStart: londonWallTimeToInstant(today.year, today.month, today.day, 0, 0) };

  return {
    level,
    levelWord,
    subject,
    followUp,
    heldNote: input.held
      ? `Held during quiet hours (${input.held.quietHours.from}–${input.held.quietHours.to}); flagged at ${londonDateTime(input.held.heldAt, input.generatedAt)}.`
      : undefined,
    headline: nonEmpty(highlightPieces(item.title, spansFor(item, 'title'), 200), '(no headline)'),
    headlineText,
    outlet,
    href: safeHref(item.link),
    when: itemWhen(item, clock),
    snippet: highlightPieces(item.summary, spansFor(item, 'summary'), 200),
    reasons: reasons.length > 0 ? reasons : ['Matched the sensitivity triggers.'],
    named: namedPeople(config, item),
    matchedText: matchedPassages(item),
    matchedWords: distinct(item.sensitivity.spans.map((s) => cleanText(s.text)).filter((t) => t !== '')),
    priorities: distinct(item.priorities.map((p) => cleanText(p.name)).filter((t) => t !== '')),
    coverage,
    otherOutlets,
    timeline: timeline(item, input.generatedAt),
  };
}

function followUpLine(reason: AlertMessage['reason'] | undefined, story: StorySummary | undefined): string | undefined {
  if (!story || !reason || reason === 'new') return undefined;
  if (reason === 'spread') return `Now carried by ${story.outlets.length} outlets (${story.size} items): a follow-up on this story.`;
  return `Now ${LEVEL_WORDS[story.level].toLowerCase()}: this story has risen since the first alert.`;
}

/** "3 outlets carry the story (A, B, C)", from the outlets the alert lists. */
function spreadReason(outlets: readonly string[]): string {
  const listed = outlets.length > 4 ? `${outlets.slice(0, 4).join(', ')} and ${outlets.length - 4} more` : outlets.join(', ');
  return `${outlets.length} outlets carry the story (${listed})`;
}

function nonEmpty(pieces: TextPiece[], fallback: string): TextPiece[] {
  return pieces.length > 0 ? pieces : [{ text: fallback, marked: false }];
}

/** This item first, then the story's other items by time, one line per outlet. */
function coverageLines(item: ClassifiedItem, others: readonly ClassifiedItem[], now: Date): CoverageLine[] {
  const rest = others.filter((o) => o.id !== item.id).sort((a, b) => itemTime(a).getTime() - itemTime(b).getTime());
  const lines: CoverageLine[] = [];
  const outlets = new Set<string>();
  for (const i of [item, ...rest]) {
    const outlet = outletName(i);
    if (outlets.has(outlet.toLowerCase())) continue;
    outlets.add(outlet.toLowerCase());
    lines.push({ outlet, title: clip(i.title, 160) || '(no headline)', href: safeHref(i.link), when: londonDateTime(itemTime(i), now) });
    if (lines.length >= MAX_COVERAGE_LINES) break;
  }
  return lines;
}

/** "published Mon 23 Nov, 18:05 · first seen 18:07 · this alert 18:08": how fresh the story is. */
function timeline(item: ClassifiedItem, generatedAt: Date): string {
  const seen = new Date(item.seenAt);
  const parts: [string, Date][] = item.dateFlag
    ? [['first seen (no reliable publication date)', seen]]
    : [
        ['published', new Date(item.publishedAt)],
        ['first seen', seen],
      ];
  parts.push(['this alert', generatedAt]);
  // The day is said once; later times on the same London day show just the clock.
  let day = '';
  return parts
    .map(([label, when]) => {
      const sameDay = londonDay(when, generatedAt) === day;
      day = londonDay(when, generatedAt);
      return `${label} ${sameDay ? londonClock(when) : londonDateTime(when, generatedAt)}`;
    })
    .join(' · ');
}

/** Up to three passages of about 120 characters around the sensitivity matches, the matches marked. */
function matchedPassages(item: ClassifiedItem): TextPiece[][] {
  const passages: TextPiece[][] = [];
  for (const [field, raw] of [
    ['title', item.title],
    ['summary', item.summary],
  ] as const) {
    const spans = item.sensitivity.spans.filter((s) => s.field === field && s.end <= raw.length && s.start < s.end).sort((a, b) => a.start - b.start);
    let coveredTo = -1;
    for (const span of spans) {
      if (span.start < coveredTo || passages.length >= MAX_MATCHED_PASSAGES) continue;
      // Widen to whole words, so a passage never starts or ends in the middle of one.
      const start = wordStart(raw, Math.max(0, span.start - MATCH_CONTEXT_CHARS));
      const end = wordEnd(raw, Math.min(raw.length, span.end + MATCH_CONTEXT_CHARS));
      const inside = spans.filter((s) => s.start >= start && s.end <= end).map((s) => ({ ...s, start: s.start - start, end: s.end - start, sensitive: true }));
      const pieces = highlightPieces(raw.slice(start, end), inside, end - start + 1);
      if (pieces.length === 0) continue;
      if (start > 0) pieces.unshift({ text: '…', marked: false });
      if (end < raw.length) pieces.push({ text: '…', marked: false });
      passages.push(pieces);
      coveredTo = end;
    }
  }
  return passages;
}

/**
 * Who is named, as written, and where: the Mayor, the cabinet members the configuration lists, and
 * the council. Longer names win over shorter ones inside them ("Mayor of Exampleton", not also
 * "Exampleton"), and matches are whole words.
 */
function namedPeople(config: AlertInput['config'], item: ClassifiedItem): NamedPerson[] {
  const people: { who: string; names: string[] }[] = [
    { who: `${clip(config.mayor.name, 120)} (the Mayor)`, names: [config.mayor.name, ...config.mayor.aliases] },
    ...(config.sensitivity?.cabinet ?? []).map((c) => ({ who: `${clip(c.name, 120)} (${clip(c.role, 120)})`, names: [c.name, ...c.aliases] })),
    { who: clip(config.council.name, 120), names: [config.council.name, `${config.council.short} Council`] },
  ];
  const all = people
    .flatMap((p, index) =>
      p.names
        .map(cleanText)
        .filter((n) => n !== '')
        .map((name) => ({ name, index })),
    )
    .sort((a, b) => b.name.length - a.name.length);
  const found = new Map<number, Map<string, { text: string; where: ('headline' | 'snippet')[] }>>();
  for (const [where, raw] of [
    ['headline', item.title],
    ['snippet', item.summary],
  ] as const) {
    const text = cleanText(raw);
    const taken: [number, number][] = [];
    for (const { name, index } of all) {
      const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(name)}(?![\\p{L}\\p{N}])`, 'giu');
      for (const match of text.matchAll(pattern)) {
        const start = match.index;
        const end = start + match[0].length;
        if (taken.some(([s, e]) => start < e && end > s)) continue;
        taken.push([start, end]);
        const mentions = found.get(index) ?? new Map<string, { text: string; where: ('headline' | 'snippet')[] }>();
        const key = match[0].toLowerCase();
        const mention = mentions.get(key) ?? { text: match[0], where: [] };
        if (!mention.where.includes(where)) mention.where.push(where);
        mentions.set(key, mention);
        found.set(index, mentions);
      }
    }
  }
  return [...found.entries()].sort((a, b) => a[0] - b[0]).map(([index, mentions]) => ({ who: people[index]?.who ?? '', as: [...mentions.values()] }));
}

/** "Sam Okafor (the Mayor), as “Mayor Okafor” (snippet); …" or a plain statement that no one is. */
export function namedLine(named: readonly NamedPerson[]): string {
  if (named.length === 0) return 'Neither the Mayor nor the council is named in the headline or snippet.';
  return named.map((p) => `${p.who}, as ${p.as.map((m) => `“${m.text}” (${m.where.join(' and ')})`).join(', ')}`).join('; ');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** First occurrence of each, compared without case. */
function distinct(values: readonly string[]): string[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const key = v.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Back from `at` to the start of its word (at most 20 characters). */
function wordStart(s: string, at: number): number {
  let i = at;
  while (i > 0 && at - i < 20 && /\S/.test(s[i - 1] ?? '')) i -= 1;
  return i;
}

/** On from `at` to the end of its word (at most 20 characters). */
function wordEnd(s: string, at: number): number {
  let i = at;
  while (i < s.length && i - at < 20 && /\S/.test(s[i] ?? '')) i += 1;
  return i;
}
