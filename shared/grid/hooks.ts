/**
 * Candidates for posts ("hooks") from what Despatch already knows: the awareness calendar, council
 * meetings in the week, the Mayor's priorities with recent coverage or announcements, legislation
 * and bill stages that touch a priority, and consultations closing. Sensitive stories never become
 * hooks: they go to the "needs a response?" list instead.
 *
 * Items may carry fields other engineers are adding (`kind`, `details.meetingDate`, a story
 * `clusterId`, a sensitivity `level`); they are read here through a tolerant schema, so the grid
 * works with items that have them and items that do not.
 */
import { z } from 'zod';
import type { Config, GridConfig } from '../platform/config/schema.js';
import { publishedOrSeenAt, type ClassifiedItem } from '../platform/model.js';
import { compileQuery, prepareText, type CompiledQuery } from '../classify/rules/index.js';
import { RuleConfigError } from '../classify/compile-rules.js';
import { londonDate, londonParts } from '../platform/time.js';
import { awarenessBetween } from './awareness-days.js';
import { addDays, daysBetween } from './calendar.js';
import type { Hook, HookItem, NeedsResponse } from './model.js';

/** A council meeting, from an item with `kind: 'meeting'`. */
export interface Meeting {
  readonly itemId: string;
  readonly title: string;
  readonly date: string;
  readonly time?: string;
  readonly link: string;
  readonly sourceName: string;
  readonly publishedAt: string;
  readonly priorityId?: string;
  readonly priorityName?: string;
  readonly text: string;
}

const extrasSchema = z.looseObject({
  kind: z.string().optional(),
  clusterId: z.string().optional(),
  details: z
    .looseObject({
      meetingDate: z.string().optional(),
      committee: z.string().optional(),
      closingDate: z.string().optional(),
      closesAt: z.string().optional(),
    })
    .optional(),
  sensitivity: z.looseObject({ clusterId: z.string().optional(), level: z.string().optional() }).optional(),
});
type Extras = z.infer<typeof extrasSchema>;

function extrasOf(item: ClassifiedItem): Extras {
  const parsed = extrasSchema.safeParse(item);
  return parsed.success ? parsed.data : {};
}

/** A date or date-time as a London calendar date and (if it has one) clock time. */
function londonDateTime(value: string): { date: string; time?: string } | undefined {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return { date: value };
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return undefined;
  const instant = new Date(ms);
  const p = londonParts(instant);
  const time = `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
  return { date: londonDate(instant), ...(time === '00:00' ? {} : { time }) };
}

/** Council meetings among the items (items with `kind: 'meeting'` and a meeting date). */
export function meetingsFrom(items: readonly ClassifiedItem[]): Meeting[] {
  return items.flatMap((item) => {
    const extras = extrasOf(item);
    if (extras.kind !== 'meeting' || !extras.details?.meetingDate) return [];
    const when = londonDateTime(extras.details.meetingDate);
    if (!when) return [];
    const priority = item.priorities[0];
    return [
      {
        itemId: item.id,
        title: item.title,
        date: when.date,
        ...(when.time ? { time: when.time } : {}),
        link: item.link,
        sourceName: item.sourceName,
        publishedAt: item.publishedAt,
        ...(priority ? { priorityId: priority.id, priorityName: priority.name } : {}),
        text: `${item.title} ${item.summary}`,
      },
    ];
  });
}

/** The story an item belongs to: its cluster when the classifier gave one, else its headline. */
export function storyKeyOf(item: ClassifiedItem): string {
  const extras = extrasOf(item);
  const cluster = extras.clusterId ?? extras.sensitivity?.clusterId;
  if (cluster) return `cluster:${cluster}`;
  const words = item.title.toLowerCase().normalize('NFKD').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  return `title:${words || item.id}`;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const CLOSING = new RegExp(`\\b(?:clos(?:es|ing)(?: date)?|ends|deadline)\\b[^.\\d]{0,20}(\\d{1,2})(?:st|nd|rd|th)?\\s+(${MONTHS.join('|')})\\s+(\\d{4})`, 'i');

/** When a consultation closes: from `details` if the item carries it, else "closes on 12 January 2027" in its text. */
export function closingDateOf(item: ClassifiedItem): string | undefined {
  const extras = extrasOf(item);
  const given = extras.details?.closingDate ?? extras.details?.closesAt;
  if (given) return londonDateTime(given)?.date;
  const match = CLOSING.exec(`${item.title}. ${item.summary}`);
  if (!match) return undefined;
  const month = MONTHS.indexOf((match[2] ?? '').toLowerCase()) + 1;
  return `${match[3]}-${String(month).padStart(2, '0')}-${String(Number(match[1])).padStart(2, '0')}`;
}

function isConsultation(item: ClassifiedItem): boolean {
  return extrasOf(item).kind === 'consultation' || /\bconsultation\b/i.test(item.title);
}

function isLegislation(item: ClassifiedItem, legislationGroups: ReadonlySet<string>): boolean {
  const kind = extrasOf(item).kind;
  return kind === 'legislation' || kind === 'bill' || legislationGroups.has(item.group);
}

/** The compiled queries the grid needs beyond the classifier's: who the Mayor is, what is controversial. */
export interface GridRules {
  mayor: CompiledQuery[];
  controversial: { term: string; query: CompiledQuery }[];
}

export function compileGridRules(config: Config, grid: GridConfig): GridRules {
  const phrase = (words: string) => `"${words.replace(/"/g, ' ').trim()}"`;
  const compile = (field: string, query: string) => {
    try {
      return compileQuery(query);
    } catch (error) {
      throw new RuleConfigError(field, query, error as Error);
    }
  };
  return {
    mayor: [config.mayor.name, ...config.mayor.aliases].map((name) => compile('mayor', phrase(name))),
    controversial: grid.controversial.map((term, i) => ({ term, query: compile(`grid.controversial[${i}]`, term) })),
  };
}

function judge(text: { title: string; summary: string }, rules: GridRules): { aboutMayor: boolean; controversial: string[] } {
  const prepared = prepareText(text);
  return {
    aboutMayor: rules.mayor.some((q) => q.match(prepared) !== null),
    controversial: rules.controversial.filter((c) => c.query.match(prepared) !== null).map((c) => c.term),
  };
}

const hookItem = (item: ClassifiedItem): HookItem => ({
  id: item.id,
  title: item.title,
  link: item.link,
  sourceName: item.sourceName,
  publishedAt: item.publishedAt,
});

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

export interface HookInput {
  readonly config: Config;
  readonly grid: GridConfig;
  readonly rules: GridRules;
  /** Monday to Sunday of the week being planned. */
  readonly dates: readonly string[];
  readonly items: readonly ClassifiedItem[];
  readonly meetings: readonly Meeting[];
  readonly now: Date;
}

export interface HookSet {
  readonly hooks: Hook[];
  readonly needsResponse: NeedsResponse[];
}

/** Every candidate for the week, and the sensitive stories that must not become posts. */
export function buildHooks(input: HookInput): HookSet {
  const { config, grid, rules, dates, now } = input;
  const weekStart = dates[0] as string;
  const weekEnd = dates[dates.length - 1] as string;
  const hooks: Hook[] = [];
  const hashtagsOf = (priorityId: string | undefined) => config.priorities.find((p) => p.id === priorityId)?.hashtags ?? [];
  const legislationGroups = new Set(config.groups.map((g) => g.id).filter((id) => /legislat|parliament|bill/i.test(id)));
  const outletOf = new Map(config.sources.map((s) => [s.id, s.outlet]));

  // Awareness days, weeks and months.
  for (const o of awarenessBetween(weekStart, weekEnd)) {
    if (o.span === 'month' && o.from < weekStart) continue; // a month is marked as it begins
    const from = o.from < weekStart ? weekStart : o.from;
    const to = o.span === 'month' ? minDate(addDays(o.from, 2), weekEnd) : o.span === 'week' ? minDate(o.to, weekEnd) : o.to;
    hooks.push({
      id: `awareness:${o.from}:${slug(o.name)}`,
      kind: 'awareness',
      title: o.name,
      summary: '',
      link: '',
      storyKey: `awareness:${o.from}:${slug(o.name)}`,
      date: from,
      windowFrom: from,
      windowTo: to,
      hashtags: [o.hashtag],
      tone: o.tone,
      why: o.span === 'day' ? `${o.name} is on this day (UK awareness calendar).` : `${o.name} ${o.from < weekStart ? 'runs this week' : 'begins this week'} (UK awareness calendar).`,
      items: [],
      aboutMayor: false,
      controversial: [],
      score: o.tone === 'commemoration' ? 90 : o.span === 'day' ? 80 : 60,
    });
  }

  // Council meetings in the week: posted on the day.
  for (const m of input.meetings) {
    if (m.date < weekStart || m.date > weekEnd) continue;
    const judged = judge({ title: m.title, summary: m.text }, rules);
    hooks.push({
      id: `meeting:${m.itemId}`,
      kind: 'meeting',
      title: m.title,
      summary: '',
      link: m.link,
      storyKey: `meeting:${m.itemId}`,
      ...(m.priorityId ? { priorityId: m.priorityId, priorityName: m.priorityName } : {}),
      date: m.date,
      windowFrom: maxDate(addDays(m.date, -2), weekStart),
      windowTo: m.date,
      ...(m.time ? { time: m.time } : {}),
      hashtags: hashtagsOf(m.priorityId),
      why: `${m.sourceName} lists this meeting on ${m.date}${m.time ? ` at ${m.time}` : ''}.`,
      items: [{ id: m.itemId, title: m.title, link: m.link, sourceName: m.sourceName, publishedAt: m.publishedAt }],
      aboutMayor: judged.aboutMayor,
      controversial: judged.controversial,
      score: 50 + (m.priorityId ? 10 : 0),
    });
  }

  // Recent items: sensitive ones to the response list, the rest grouped into stories.
  const from = addDays(weekStart, -grid.lookbackDays);
  const recent = input.items.filter((item) => londonDate(new Date(publishedOrSeenAt(item))) >= from && extrasOf(item).kind !== 'meeting');
  const sensitiveStories = new Map<string, ClassifiedItem[]>();
  const stories = new Map<string, ClassifiedItem[]>();
  for (const item of recent) {
    const key = storyKeyOf(item);
    const target = item.sensitivity.sensitive ? sensitiveStories : stories;
    target.set(key, [...(target.get(key) ?? []), item]);
  }
  // A story that is sensitive in any outlet's telling is sensitive: none of it becomes a post.
  for (const key of sensitiveStories.keys()) stories.delete(key);

  for (const [key, storyItems] of stories) {
    const lead = newestFirst(storyItems)[0] as ClassifiedItem;
    const priority = storyItems.flatMap((i) => i.priorities)[0];
    const judged = judge({ title: storyItems.map((i) => i.title).join(' \u2022 '), summary: storyItems.map((i) => i.summary).join(' \u2022 ') }, rules);
    const outlets = [...new Set(storyItems.map((i) => i.sourceName))];
    // Enough to check the story; the count of outlets is in `why`.
    const items = newestFirst(storyItems).slice(0, MAX_ITEMS_PER_HOOK).map(hookItem);
    const base = {
      title: lead.title,
      summary: lead.summary,
      link: lead.link,
      storyKey: key,
      hashtags: hashtagsOf(priority?.id),
      items,
      aboutMayor: judged.aboutMayor,
      controversial: judged.controversial,
      ...(priority ? { priorityId: priority.id, priorityName: priority.name } : {}),
    };
    if (isConsultation(lead)) {
      const closes = closingDateOf(lead);
      if (!closes || closes < weekStart || closes > addDays(weekEnd, 7)) continue;
      const windowTo = minDate(closes, weekEnd);
      hooks.push({
        ...base,
        id: `consultation:${key}`,
        kind: 'consultation',
        ...(closes <= weekEnd ? { date: closes } : {}),
        windowFrom: maxDate(addDays(windowTo, -6), weekStart),
        windowTo,
        why: `${lead.sourceName}: this consultation closes on ${closes}.`,
        score: 45 + (priority ? 10 : 0),
      });
      continue;
    }
    if (!priority) continue; // coverage that touches no priority is not the Mayor's to post about
    const legislation = storyItems.some((i) => isLegislation(i, legislationGroups));
    const official = storyItems.some((i) => outletOf.get(i.sourceId) === 'official' || extrasOf(i).kind === 'announcement');
    const ageDays = Math.max(0, daysBetween(londonDate(new Date(publishedOrSeenAt(lead))), londonDate(now)));
    const kind = legislation ? 'legislation' : 'priority';
    const what = legislation ? 'legislation or a bill stage' : official ? 'an announcement' : outlets.length > 1 ? `coverage in ${outlets.length} outlets` : 'coverage';
    hooks.push({
      ...base,
      id: `${kind}:${key}`,
      kind,
      windowFrom: weekStart,
      windowTo: weekEnd,
      why: `${priority.name}: ${what} (${outlets.join(', ')}), ${describeAge(ageDays)}.`,
      score: 30 + 5 * Math.min(outlets.length, 4) + Math.max(0, 10 - ageDays) + (official ? 5 : 0) + (legislation ? 10 : 0),
    });
  }

  const needsResponse: NeedsResponse[] = [...sensitiveStories.values()].map((storyItems) => {
    const lead = newestFirst(storyItems)[0] as ClassifiedItem;
    return {
      itemId: lead.id,
      title: lead.title,
      link: lead.link,
      sourceName: [...new Set(storyItems.map((i) => i.sourceName))].join(', '),
      publishedAt: lead.publishedAt,
      reasons: [...new Set(storyItems.flatMap((i) => i.sensitivity.reasons))],
    };
  });
  needsResponse.sort((a, b) => b.publishedAt.localeCompare(a.publishedAt));
  hooks.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
  return { hooks, needsResponse };
}

const MAX_ITEMS_PER_HOOK = 5;
const minDate = (a: string, b: string) => (a < b ? a : b);
const maxDate = (a: string, b: string) => (a > b ? a : b);
const newestFirst = (items: ClassifiedItem[]) => [...items].sort((a, b) => publishedOrSeenAt(b).localeCompare(publishedOrSeenAt(a)));
const describeAge = (days: number) => (days === 0 ? 'today' : days === 1 ? 'yesterday' : `${days} days ago`);
