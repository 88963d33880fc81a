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
import * as z from 'zod';
import type { GridConfig } from '../platform/config/schema.js';
import type { GridSideConfig } from '../platform/config/projections.js';
import { publishedOrSeenAt, type ClassifiedItem } from '../platform/model.js';
import { compileQuery, prepareText, type CompiledQuery } from '../classify/rules/index.js';
import { RuleConfigError } from '../classify/compile-rules.js';
import { boroughQuery, ENGLISH_COUNCIL_EXTENTS, namesBorough, withinExtent } from '../classify/relevance.js';
import { londonDate, londonParts } from '../platform/time.js';
import { awarenessBetween } from './awareness-days.js';
import { addDays, daysBetween, longDate, shortDate } from './calendar.js';
import { meetingName } from './meeting-title.js';
import { queryInWords } from './query-words.js';
import { readerReason, strongestReasons } from '../deliver/render/item-entry.js';
import type { Exclusion, Hook, HookItem, NeedsResponse, TalkingPoint } from './model.js';

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
  /** The meeting item's own sensitivity: a meeting flagged at any level is not promoted. */
  readonly level?: string;
  readonly reasons?: readonly string[];
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
        level: item.sensitivity.level,
        reasons: item.sensitivity.reasons,
      },
    ];
  });
}

/** The story an item belongs to: its cluster when the classifier gave one, else its headline. */
export function storyKeyOf(item: ClassifiedItem): string {
  const extras = extrasOf(item);
  const cluster = extras.clusterId ?? extras.sensitivity?.clusterId;
  if (cluster) return `cluster:${cluster}`;
  const words = item.title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
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

/**
 * The compiled queries the grid needs beyond the classifier's: who the Mayor is, what is
 * controversial, what names a tragedy, what criticises the Mayor's side, and the sensitivity
 * triggers (for meetings, whose titles and agendas the classifier's "named near a trigger" rule
 * can miss: "Motion of no confidence" on an agenda names nobody).
 */
export interface GridRules {
  mayor: CompiledQuery[];
  controversial: { term: string; query: CompiledQuery }[];
  tragedy: CompiledQuery;
  /** Criticism words within sensitivity.proximity words of the council, the Mayor or a cabinet member. */
  criticism: CompiledQuery;
  triggers: { term: string; query: CompiledQuery }[];
}

export function compileGridRules(config: GridSideConfig, grid: GridConfig): GridRules {
  const phrase = (words: string) => `"${words.replace(/"/g, ' ').trim()}"`;
  const compile = (field: string, query: string) => {
    try {
      return compileQuery(query);
    } catch (error) {
      throw new RuleConfigError(field, query, error as Error);
    }
  };
  // Bare "council", "Mayor" and "cabinet" too: a local paper writes "the council" and "the Mayor"
  // of ours far more often than the full names; over-caution here only moves a story to the list
  // a person reads.
  const names = [
    config.council.name,
    `${config.council.short} Council`,
    'council',
    'councillor',
    'councillors',
    'Cllr',
    'cabinet',
    'Mayor',
    config.mayor.name,
    ...config.mayor.aliases,
    ...config.sensitivity.cabinet.flatMap((m) => [m.name, ...m.aliases]),
  ];
  const criticism = `(${grid.criticism}) NEAR/${config.sensitivity.proximity} (${[...new Set(names)].map(phrase).join(' OR ')})`;
  return {
    mayor: [config.mayor.name, ...config.mayor.aliases].map((name) => compile('mayor', phrase(name))),
    controversial: grid.controversial.map((term, i) => ({ term, query: compile(`grid.controversial[${i}]`, term) })),
    tragedy: compile('grid.tragedyGuard', grid.tragedyGuard),
    criticism: compile('grid.criticism', criticism),
    triggers: config.sensitivity.triggers.map((t, i) => ({ term: t.term, query: compile(`sensitivity.triggers[${i}]`, t.term) })),
  };
}

function judge(text: { title: string; summary: string }, rules: GridRules): { aboutMayor: boolean; controversial: string[] } {
  const prepared = prepareText(text);
  return {
    aboutMayor: rules.mayor.some((q) => q.match(prepared) !== null),
    controversial: rules.controversial.filter((c) => c.query.match(prepared) !== null).map((c) => c.term),
  };
}

/** The words a query matched, each once, quoted for a reason. */
function matchedWords(query: CompiledQuery, text: ReturnType<typeof prepareText>): string[] | undefined {
  const spans = query.match(text);
  if (!spans) return undefined;
  return [...new Set(spans.map((span) => span.text.toLowerCase()))];
}

const quoteList = (words: readonly string[]) => words.map((w) => `"${w}"`).join(', ');

/** What in a text makes it unsafe to draft, if anything: a tragedy, criticism of the Mayor's side, a sensitivity trigger. */
export interface Hazards {
  readonly tragedy?: string[];
  readonly criticism?: string[];
  readonly triggers?: string[];
}

export function hazardsOf(text: { title: string; summary: string }, rules: GridRules): Hazards {
  const prepared = prepareText(text);
  const tragedy = matchedWords(rules.tragedy, prepared);
  const criticism = matchedWords(rules.criticism, prepared);
  const triggers = rules.triggers.filter((t) => t.query.match(prepared) !== null).map((t) => t.term);
  return { ...(tragedy ? { tragedy } : {}), ...(criticism ? { criticism } : {}), ...(triggers.length > 0 ? { triggers } : {}) };
}

export const TRAGEDY_REASON = (words: readonly string[]) =>
  `Names a death, crime, disaster or tragedy (${quoteList(words)}): never drafted as a post in the Mayor's voice (grid.tragedyGuard).`;
export const CRITICISM_REASON = (words: readonly string[]) =>
  `Criticism of the council, the Mayor or the cabinet (${quoteList(words)}): never drafted as a post (grid.criticism).`;

/** The checks every drafted item-based hook passed, in the words the review page shows. */
export const CHECK = {
  notSensitive: 'not sensitive at any level (watch included)',
  noTragedy: 'no tragedy terms',
  noCriticism: 'no criticism of the council, the Mayor or the cabinet',
  meetingNotFlagged: 'meeting title and agenda not flagged by the sensitivity rules',
} as const;

/** Whether any telling of a story is sensitive at any level: watch counts, not only the alert level. */
export function isSensitiveAtAnyLevel(item: ClassifiedItem): boolean {
  return item.sensitivity.sensitive || item.sensitivity.level !== 'none';
}

/** When an item was published, as a London date: the publisher's date, or first seen when it gave none (or one in the future). */
export function publishedOn(item: Pick<ClassifiedItem, 'publishedAt' | 'seenAt' | 'dateFlag'>): string {
  return londonDate(new Date(item.dateFlag ? item.seenAt : item.publishedAt));
}

/**
 * "recent: published today" when it goes out on its publication day, else the date and how long
 * before the post (the check is stored with the slot, so it never says "today" of the planning day).
 */
export function recencyCheck(published: string, postDate: string, limitDays: number): string {
  if (published === postDate) return 'recent: published today';
  const age = daysBetween(published, postDate);
  return `recent: published ${shortDate(published)}, ${age} day${age === 1 ? '' : 's'} before this post (limit ${limitDays})`;
}

/** Where an item comes from, for what the grid may draft from it. */
export type Origin = 'own' | 'official' | 'press';

/** The council's own sources: grid.ownSources, or else the sources in group "council". */
export function ownSourceIds(config: GridSideConfig, grid: GridConfig): ReadonlySet<string> {
  return new Set(grid.ownSources ?? config.sources.filter((s) => s.group === 'council').map((s) => s.id));
}

const hookItem = (item: ClassifiedItem): HookItem => ({
  id: item.id,
  title: item.title,
  link: item.link,
  sourceName: item.sourceName,
  publishedAt: item.publishedAt,
});

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

export interface HookInput {
  readonly config: GridSideConfig;
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
  /** Press coverage that passed every check, for a person to choose: not drafted. */
  readonly talkingPoints: TalkingPoint[];
  /** Stories and meetings left out on safety grounds, with the reason. */
  readonly excluded: Exclusion[];
  /** Stories too old for any day of the week (grid.recencyDays), counted, not listed. */
  readonly stale: number;
}

/** Every candidate for the week, and the sensitive stories that must not become posts. */
export function buildHooks(input: HookInput): HookSet {
  const { config, grid, rules, dates, now } = input;
  const weekStart = dates[0] as string;
  const weekEnd = dates[dates.length - 1] as string;
  const today = londonDate(now);
  const hooks: Hook[] = [];
  const needsResponse: NeedsResponse[] = [];
  const talkingPoints: TalkingPoint[] = [];
  const excluded: Exclusion[] = [];
  let stale = 0;
  const hashtagsOf = (priorityId: string | undefined) => config.priorities.find((p) => p.id === priorityId)?.hashtags ?? [];
  const legislationGroups = new Set(config.groups.map((g) => g.id).filter((id) => /legislat|parliament|bill/i.test(id)));
  const outletOf = new Map(config.sources.map((s) => [s.id, s.outlet]));
  const own = ownSourceIds(config, grid);
  // By the source, never by what an item says of itself: a paper's article is press whatever its kind.
  const originOf = (item: ClassifiedItem): Origin => (own.has(item.sourceId) ? 'own' : outletOf.get(item.sourceId) === 'official' ? 'official' : 'press');
  const originCheck = (item: ClassifiedItem) =>
    originOf(item) === 'own' ? `from the council's own source (${item.sourceName})` : `from an official source (${item.sourceName})`;

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
      why:
        o.span === 'day'
          ? `${o.name} is on this day (UK awareness calendar).`
          : `${o.name} ${o.from < weekStart ? 'runs this week' : 'begins this week'} (UK awareness calendar).`,
      items: [],
      aboutMayor: false,
      controversial: [],
      score: o.tone === 'commemoration' ? 90 : o.span === 'day' ? 80 : 60,
      checks: ['from the UK awareness calendar, not a news story', `in the ${o.tone} tone the occasion asks for`],
    });
  }

  // Council meetings in the week: posted on the day, unless the meeting itself is contentious
  // (a no-confidence motion on the agenda is not something to promote).
  for (const m of input.meetings) {
    if (m.date < weekStart || m.date > weekEnd) continue;
    const judged = judge({ title: m.title, summary: m.text }, rules);
    const hazards = hazardsOf({ title: m.title, summary: m.text }, rules);
    const flags = [
      ...(m.level && m.level !== 'none' ? [`sensitivity ${m.level}${m.reasons && m.reasons.length > 0 ? ` (${m.reasons.join('; ')})` : ''}`] : []),
      ...(hazards.triggers ? [`sensitivity triggers in the title or agenda: ${hazards.triggers.map(queryInWords).join(', ')}`] : []),
      ...(hazards.criticism ? [`criticism of the council, the Mayor or the cabinet: ${quoteList(hazards.criticism)}`] : []),
      ...(hazards.tragedy ? [`tragedy terms: ${quoteList(hazards.tragedy)}`] : []),
    ];
    const id = `meeting:${m.itemId}`;
    if (flags.length > 0) {
      excluded.push({ hookId: id, title: m.title, kind: 'meeting', reason: `Not promoted: the meeting's title or agenda is flagged (${flags.join('; ')}).` });
      needsResponse.push({ itemId: m.itemId, title: m.title, link: m.link, sourceName: m.sourceName, publishedAt: m.publishedAt, reasons: flags });
      continue;
    }
    hooks.push({
      id,
      kind: 'meeting',
      // The post says the date and time in words: the listing's copy of them in the title would repeat it.
      title: meetingName(m.title),
      summary: '',
      link: m.link,
      storyKey: `meeting:${m.itemId}`,
      ...(m.priorityId ? { priorityId: m.priorityId, priorityName: m.priorityName } : {}),
      date: m.date,
      windowFrom: maxDate(addDays(m.date, -2), weekStart),
      windowTo: m.date,
      ...(m.time ? { time: m.time } : {}),
      hashtags: hashtagsOf(m.priorityId),
      why: `${m.sourceName} lists this meeting on ${longDate(m.date)}${m.time ? ` at ${m.time}` : ''}.`,
      items: [{ id: m.itemId, title: m.title, link: m.link, sourceName: m.sourceName, publishedAt: m.publishedAt }],
      aboutMayor: judged.aboutMayor,
      controversial: judged.controversial,
      score: 50 + (m.priorityId ? 10 : 0),
      checks: [CHECK.meetingNotFlagged, CHECK.noTragedy, CHECK.noCriticism, `from the council's meetings listing (${m.sourceName})`],
    });
  }

  // Items: grouped into stories; a story sensitive in any telling, at any level, goes to the
  // response list; the rest are checked for age, tragedy and criticism before anything is drafted.
  const from = addDays(weekStart, -grid.lookbackDays);
  const stories = new Map<string, ClassifiedItem[]>();
  // Legislation outside the configured extent (a Scottish SSI for an English council) is not the
  // office's to post about, as the briefing does not list it.
  const extents = config.legislation?.extents ?? ENGLISH_COUNCIL_EXTENTS;
  for (const item of input.items) {
    if (extrasOf(item).kind === 'meeting') continue;
    if (!withinExtent(item, extents)) continue;
    const key = storyKeyOf(item);
    stories.set(key, [...(stories.get(key) ?? []), item]);
  }
  const originRank: Readonly<Record<Origin, number>> = { own: 0, official: 1, press: 2 };
  // The borough's own stories (naming the council, the borough, its places, the Mayor or the
  // cabinet) rank first in every list here, as in the briefing.
  const borough = boroughQuery(config);
  const localItems = new Set<string>();
  const localStories = new Set<string>();
  for (const [key, storyItems] of stories) {
    const named = storyItems.filter((i) => namesBorough(borough, i));
    for (const i of named) localItems.add(i.id);
    if (named.length > 0) localStories.add(key);
  }

  for (const [key, storyItems] of stories) {
    // The telling a post would be drafted from: the council's own first, then official, then the press.
    const ordered = newestFirst(storyItems).sort((a, b) => originRank[originOf(a)] - originRank[originOf(b)]);
    const lead = ordered[0] as ClassifiedItem;
    const consultation = isConsultation(lead) && originOf(lead) !== 'press';
    const published = publishedOn(lead);
    // Consultations matter until they close, whenever they were published; everything else is news.
    if (consultation ? londonDate(new Date(lead.seenAt)) < from : published < from) {
      stale++;
      continue;
    }
    const sensitive = storyItems.filter(isSensitiveAtAnyLevel);
    if (sensitive.length > 0) {
      const first = newestFirst(sensitive)[0] as ClassifiedItem;
      const levels = [...new Set(sensitive.map((i) => i.sensitivity.level))];
      needsResponse.push({
        itemId: first.id,
        title: first.title,
        link: first.link,
        sourceName: [...new Set(storyItems.map((i) => i.sourceName))].join(', '),
        publishedAt: first.publishedAt,
        // One reason of each kind, the strongest, as the alert says it: reasons gathered from every
        // item of the story would otherwise repeat and contradict each other.
        reasons: strongestReasons([...new Set(sensitive.flatMap((i) => i.sensitivity.reasons.map(readerReason)))]).concat(
          levels.includes('watch') && !sensitive.some((i) => i.sensitivity.sensitive) ? ['watch level: below the alert level, but not for a post'] : [],
        ),
      });
      continue;
    }
    const priority = ordered.flatMap((i) => i.priorities)[0];
    const text = { title: storyItems.map((i) => i.title).join(' \u2022 '), summary: storyItems.map((i) => i.summary).join(' \u2022 ') };
    const hazards = hazardsOf(text, rules);
    const legislation = storyItems.some((i) => isLegislation(i, legislationGroups));
    const kind = consultation ? 'consultation' : legislation ? 'legislation' : 'priority';
    const hookId = `${kind}:${key}`;
    // News is posted from its publication day to grid.recencyDays after, within the week.
    const windowFrom = consultation ? weekStart : maxDate(weekStart, published);
    const windowTo = consultation ? weekEnd : minDate(weekEnd, addDays(published, grid.recencyDays));
    if (!consultation && windowFrom > windowTo) {
      if (published < weekStart) stale++;
      continue;
    }
    if (hazards.criticism) {
      needsResponse.push({
        itemId: lead.id,
        title: lead.title,
        link: lead.link,
        sourceName: [...new Set(storyItems.map((i) => i.sourceName))].join(', '),
        publishedAt: lead.publishedAt,
        reasons: [CRITICISM_REASON(hazards.criticism)],
      });
      continue;
    }
    if (hazards.tragedy) {
      excluded.push({ hookId, title: lead.title, kind, reason: TRAGEDY_REASON(hazards.tragedy) });
      continue;
    }
    const judged = judge(text, rules);
    const outlets = [...new Set(ordered.map((i) => i.sourceName))];
    // Enough to check the story; the count of outlets is in `why`.
    const items = ordered.slice(0, MAX_ITEMS_PER_HOOK).map(hookItem);
    const origin = originOf(lead);
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
    const safe = [CHECK.notSensitive, CHECK.noTragedy, CHECK.noCriticism];
    if (consultation) {
      const closes = closingDateOf(lead);
      if (!closes || closes < weekStart || closes > addDays(weekEnd, 7)) continue;
      const closingWindowTo = minDate(closes, weekEnd);
      hooks.push({
        ...base,
        id: hookId,
        kind: 'consultation',
        ...(closes <= weekEnd ? { date: closes } : {}),
        windowFrom: maxDate(addDays(closingWindowTo, -6), weekStart),
        windowTo: closingWindowTo,
        why: `${lead.sourceName}: this consultation closes on ${closes}.`,
        score: 45 + (priority ? 10 : 0) + (localStories.has(key) ? LOCAL_BONUS : 0),
        checks: [...safe, originCheck(lead), `open: closes on ${closes}`],
      });
      continue;
    }
    // Coverage that touches no priority is not the Mayor's to post about; the council's own news is.
    if (!priority && origin !== 'own') continue;
    const age = Math.max(0, daysBetween(published, today));
    if (origin === 'press' && !(priority && grid.draftPress.includes(priority.id))) {
      if (!priority) continue;
      talkingPoints.push({
        storyKey: key,
        title: lead.title,
        link: lead.link,
        sourceName: outlets.join(', '),
        publishedAt: lead.publishedAt,
        priorityId: priority.id,
        priorityName: priority.name,
        items,
        why: `${priority.name}: coverage in ${outlets.length} outlet${outlets.length === 1 ? '' : 's'} (${outlets.join(', ')}), published ${describeAge(age)}. Press coverage is offered for you to choose; it is not drafted in the Mayor's voice.`,
        checks: [`recent: published ${shortDate(published)} (limit ${grid.recencyDays} days)`, ...safe],
      });
      continue;
    }
    const what = legislation
      ? 'legislation or a bill stage'
      : origin === 'own'
        ? 'the council\u2019s own news'
        : origin === 'official'
          ? 'an announcement'
          : outlets.length > 1
            ? `coverage in ${outlets.length} outlets`
            : 'coverage';
    hooks.push({
      ...base,
      id: hookId,
      kind,
      windowFrom,
      windowTo,
      publishedOn: published,
      why: `${priority?.name ?? config.council.short}: ${what} (${outlets.join(', ')}), published ${describeAge(age)}.`,
      // Fresher first; more outlets and the council's own news a little higher. No bonus for being
      // official or legislation: that let old bills beat the same day's local news.
      // A story naming the borough gets LOCAL_BONUS, more than any other story can score, so it
      // comes before every story that does not.
      score: 30 + 3 * Math.min(outlets.length, 3) + (origin === 'own' ? 5 : 0) + Math.max(0, 10 - age) + (localStories.has(key) ? LOCAL_BONUS : 0),
      checks: [
        ...safe,
        origin === 'press' ? `press coverage (${outlets.join(', ')}), drafted because ${priority?.name ?? ''} opts in (grid.draftPress)` : originCheck(lead),
      ],
    });
  }

  const localMeetings = new Set(input.meetings.filter((m) => namesBorough(borough, { title: m.title, summary: m.text })).map((m) => m.itemId));
  const isLocal = (itemId: string) => localItems.has(itemId) || localMeetings.has(itemId);
  needsResponse.sort((a, b) => Number(isLocal(b.itemId)) - Number(isLocal(a.itemId)) || b.publishedAt.localeCompare(a.publishedAt));
  talkingPoints.sort(
    (a, b) =>
      Number(localStories.has(b.storyKey)) - Number(localStories.has(a.storyKey)) ||
      b.publishedAt.localeCompare(a.publishedAt) ||
      a.storyKey.localeCompare(b.storyKey),
  );
  hooks.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
  return { hooks, needsResponse, talkingPoints, excluded, stale };
}

const MAX_ITEMS_PER_HOOK = 5;
/** Above the most a story not naming the borough can score (30 + 9 + 5 + 10, or 55 for a consultation). */
const LOCAL_BONUS = 25;
const minDate = (a: string, b: string) => (a < b ? a : b);
const maxDate = (a: string, b: string) => (a > b ? a : b);
const newestFirst = (items: ClassifiedItem[]) => [...items].sort((a, b) => publishedOrSeenAt(b).localeCompare(publishedOrSeenAt(a)));
const describeAge = (days: number) => (days === 0 ? 'today' : days === 1 ? 'yesterday' : `${days} days ago`);
