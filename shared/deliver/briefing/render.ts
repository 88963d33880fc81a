/**
 * The morning political-developments email. Sections, in this order and each left out when empty:
 * Sensitive coverage; one per priority (configuration order); Everything else; Legislation;
 * Parliament (parliament.ts); Government; Council this week; Sources failing. A story carried by several outlets
 * is one entry ("Also: X, Y"), however many outlets' items the window holds.
 * Pure: send.ts gathers the items, meetings and source health, and sends what this returns.
 */
import type { Config } from '../../platform/config/schema.js';
import type { ClassifiedItem } from '../../platform/model.js';
import { escapeHtml, safeHref } from '../render/escape.js';
import {
  emailDocument,
  footerHtml,
  h1Html,
  HIGHLIGHT_KEY,
  linkHtml,
  mutedHtml,
  mutedRichHtml,
  noticeHtml,
  paragraphHtml,
  sectionHtml,
  sectionText,
  underline,
  type Entry,
  type SectionView,
} from '../render/layout.js';
import { itemEntry, itemTime, outletName, reasonsLine, type ItemClock } from '../render/item-entry.js';
import { clip } from '../render/text.js';
import { countsText, type StoryCounts } from './counts.js';
import { londonClock, londonDateTime, londonDay, londonSince } from '../render/time.js';
import { londonDate, londonParts, londonWallTimeToInstant, londonWholeDays } from '../../platform/time.js';
import { documentIdentity } from '../../classify/stories/same-story.js';
import { isParliamentary, parliamentEntry, parliamentPart, type ParliamentLineOptions } from './parliament.js';
import { boroughQuery, ENGLISH_COUNCIL_EXTENTS, namesBorough, withinExtent, type LegislationExtent } from '../../classify/relevance.js';

/** A source failing: for longer than briefing.failingSourceHours (its section), or at all (the opening warning). */
export interface FailingSourceLine {
  readonly name: string;
  readonly failingSince: string;
  readonly consecutiveFailures: number;
  readonly reason: string;
}

export interface BriefingInput {
  config: Pick<Config, 'council' | 'mayor' | 'priorities'> & {
    /** Items naming these, the council, the Mayor or a cabinet member lead every section. */
    places?: readonly string[] | undefined;
    sensitivity?: { cabinet?: readonly { name: string; aliases: readonly string[] }[] } | undefined;
    /** Legislation applying elsewhere (a Scottish SSI for an English council) is left out. */
    legislation?: { extents: readonly LegislationExtent[] } | undefined;
    /** The watched members: those given by name are the Parliament section's "Our MPs". */
    parliament?: { members: readonly (number | string)[] } | undefined;
  };
  /** The watched members' names as the Members API resolved them (ids and constituencies given in parliament.members). */
  watchedMembers?: readonly string[];
  /** Items first seen in the window. */
  items: ClassifiedItem[];
  window: { from: Date; to: Date };
  generatedAt: Date;
  /** Meetings first seen before the window (the last few weeks): those in the coming week are listed too. */
  earlierMeetings?: readonly ClassifiedItem[];
  failingSources?: readonly FailingSourceLine[];
  /**
   * Sources that could not be read in this briefing's period, however briefly: the email opens with
   * them, so a broken morning is never mistaken for a quiet one.
   */
  unreadSources?: readonly FailingSourceLine[];
  /** How many sources are configured: the "of 11" in "2 of 11 sources could not be read". */
  sourceCount?: number;
  /** Source health could not be read: the email says so rather than leaving the section out. */
  sourceHealthUnavailable?: boolean;
  /** For sensitive stories that began before the window: the outlets that carried them then, by story id. */
  storyOutlets?: ReadonlyMap<string, readonly string[]>;
  /** The review page: "+N more" links there. */
  reviewUrl?: string | undefined;
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/** The briefing, with the counts its subject and header say, for the record and the run summary to say the same. */
export interface RenderedBriefing extends RenderedEmail {
  counts: StoryCounts;
}

export interface SectionCaps {
  readonly sensitive: number;
  readonly priority: number;
  readonly other: number;
  readonly legislation: number;
  readonly parliament: number;
  readonly government: number;
  readonly council: number;
}

/**
 * How many stories each section shows before "+N more" on an ordinary day. Sensitive coverage
 * gets the most room: it is what the office most needs to have seen.
 */
export const SECTION_CAPS: SectionCaps = { sensitive: 25, priority: 10, other: 5, legislation: 15, parliament: 25, government: 15, council: 20 };

/**
 * Gmail clips a message whose HTML passes about 102 KB and hides the rest behind "View entire
 * message", which on a phone is easily missed. The caps above fit a normal day with a few
 * priorities; with many priorities or very long headlines they may not, so the briefing steps
 * down through tighter caps until it fits. The last step is used whatever its size.
 */
export const HTML_BUDGET_BYTES = 95 * 1024;
const FALLBACK_CAPS: readonly SectionCaps[] = [
  { sensitive: 20, priority: 7, other: 3, legislation: 10, parliament: 15, government: 10, council: 15 },
  { sensitive: 15, priority: 5, other: 2, legislation: 6, parliament: 10, government: 6, council: 12 },
  // A week's meetings are short lines and the office plans its week by them: a flood of news must
  // not push the full Council meeting off the end, so this section keeps ten to the last step.
  { sensitive: 10, priority: 3, other: 0, legislation: 3, parliament: 5, government: 3, council: 10 },
  { sensitive: 10, priority: 1, other: 0, legislation: 1, parliament: 3, government: 1, council: 10 },
];

/** Sources failing are few and each is a line; more than this is an outage, said in one line. */
const MAX_FAILING_LINES = 30;
/** "Council this week": meetings on this many London calendar days, today the first, whole days. */
export const COUNCIL_DAYS_AHEAD = 7;

const TITLE = 'Political developments';

export function renderBriefing(input: BriefingInput): RenderedBriefing {
  const items = uniqueById(input.items);
  let email = render(input, items, SECTION_CAPS);
  for (const caps of FALLBACK_CAPS) {
    if (Buffer.byteLength(email.html, 'utf8') <= HTML_BUDGET_BYTES) break;
    email = render(input, items, caps);
  }
  return email;
}

function render(input: BriefingInput, items: readonly ClassifiedItem[], caps: SectionCaps): RenderedBriefing {
  const { config, window, generatedAt } = input;
  const day = londonDay(window.to, generatedAt);
  const since = londonSince(window.from, generatedAt);
  const { sections: built, counts: storyCounts } = buildSections(input, items, caps);
  const unread = unreadBanner(input);
  // One count of the sources in trouble: those not read this period and those failing for long.
  const failingCount = new Set([...(input.failingSources ?? []), ...(input.unreadSources ?? [])].map((f) => f.name)).size;
  const counts = items.length === 0 ? 'nothing new' : countsText(storyCounts);
  const subject = unread?.all
    ? `${TITLE} — ${day}: no sources could be read${items.length > 0 ? ` since ${unread.since}; ${counts}` : ''}`
    : `${TITLE} — ${day}: ${counts}${failingCount > 0 ? `, ${plural(failingCount, 'source')} failing` : ''}`;
  const nothingFound = !unread
    ? 'nothing new was found'
    : unread.all
      ? 'no source could be read'
      : `nothing new was found in the ${plural(unread.total - unread.count, 'source')} that could be read`;
  const period = `Since ${since} · ${items.length === 0 ? nothingFound : countsText(storyCounts)}`;
  const footer = [
    `Prepared by Despatch for the office of ${clip(config.mayor.name, 120)}, ${clip(config.council.name, 120)}, at ${londonSince(generatedAt, generatedAt)}. Times are London time.`,
    'Headlines and snippets are the publishers’ own words; highlighted words are what matched a priority or a sensitivity trigger.',
  ];
  const bannerHtml = unread ? [noticeHtml(unread.headline, unread.lines, unread.more)] : [];
  const bannerText = unread ? [unread.headline, ...unread.lines.map((l) => `* ${l}`), ...(unread.more ? [unread.more] : []), ''] : [];
  // Every briefing, news or none, opens with the council, the title and any unread-sources notice, and ends with the footer.
  const headHtml = [mutedHtml(config.council.name, '0'), h1Html(`${TITLE} — ${day}`), ...bannerHtml];
  const headText = [underline(`${TITLE} — ${day}`, '='), clip(config.council.name, 200), ...bannerText];
  const footText = ['', '-- ', ...footer, ''];

  if (built.length === 0) {
    // "Nothing new" is true only of the sources that were read: say which, or that none were.
    const nothing = !unread
      ? `Nothing new was found since ${since}.`
      : unread.all
        ? 'With no source readable, this email has no news to list: that does not mean there was none.'
        : `Nothing new was found since ${since} in the ${plural(unread.total - unread.count, 'source')} that could be read.`;
    const ran = `Despatch ran at ${londonSince(generatedAt, generatedAt)}; this email confirms the morning check happened.`;
    const html = emailDocument({
      title: subject,
      preheader: unread?.headline ?? nothing,
      bodyHtml: [...headHtml, paragraphHtml(`${escapeHtml(nothing)} ${escapeHtml(ran)}`), footerHtml(footer)].join('\n'),
    });
    const text = [...headText, ...(unread ? [] : ['']), nothing, ran, ...footText].join('\n');
    return { subject, html, text, counts: storyCounts };
  }

  const contents = `In this email: ${built.map((s) => `${s.name} ${s.total}`).join(' · ')}`;
  // Each entry of the contents line links to its section (the plain-text part keeps the list).
  const anchored = built.map((s, i) => ({ ...s, view: { ...s.view, anchor: `section-${i + 1}` } }));
  const contentsHtml = mutedRichHtml(`In this email: ${anchored.map((s) => linkHtml(`#${s.view.anchor}`, escapeHtml(`${s.name} ${s.total}`))).join(' · ')}`);
  const firstSensitive = built.find((s) => s.id === 'sensitive')?.lead;
  const preheader =
    unread?.headline ?? (firstSensitive ? `${counts}. First: ${clip(firstSensitive.title, 90)} (${outletName(firstSensitive)})` : `${counts}. ${contents}`);
  const html = emailDocument({
    title: subject,
    preheader,
    bodyHtml: [...headHtml, mutedHtml(period), contentsHtml, mutedHtml(HIGHLIGHT_KEY), ...anchored.map((s) => sectionHtml(s.view)), footerHtml(footer)].join(
      '\n',
    ),
  });
  const text = [...headText, period, contents, ...built.map((s) => `\n${sectionText(s.view)}`), ...footText].join('\n');
  return { subject, html, text, counts: storyCounts };
}

// --- Stories: the window's items grouped by story cluster. ---

interface Story {
  readonly id: string;
  /** Oldest first; the lead is the first outlet to report it. */
  readonly items: readonly ClassifiedItem[];
  readonly lead: ClassifiedItem;
  /** The item with the highest level (latest among equals): its level and reasons are the story's now. */
  readonly strongest: ClassifiedItem;
  readonly outlets: number;
  readonly latest: number;
  readonly sensitive: boolean;
  /** An item of it names the borough, a place in it, the Mayor or the cabinet. */
  readonly local: boolean;
}

const LEVEL_RANK = { none: 0, watch: 1, high: 2, critical: 3 } as const;
const LEVEL_WORD = { none: '', watch: 'Watch', high: 'High', critical: 'Critical' } as const;

function stories(items: readonly ClassifiedItem[], isLocal: (item: ClassifiedItem) => boolean): Story[] {
  const groups = new Map<string, ClassifiedItem[]>();
  for (const item of items) {
    // Press coverage is grouped by story. Official items are each their own news: two meetings or
    // two statutory instruments with similar titles are still two things to know about. One
    // instrument or bill is one entry however many sources list it (the publication log and a
    // search feed, say): grouped by the document's identity, the other sources listed as "Also".
    const document = item.kind === 'legislation' || item.kind === 'bill' ? documentKey(item) : undefined;
    const key = document ? `document-${document}` : item.kind === 'article' && item.clusterId ? item.clusterId : `item-${item.id}`;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return [...groups].map(([id, members]) => {
    const ordered = [...members].sort((a, b) => itemTime(a).getTime() - itemTime(b).getTime() || compareIds(a, b));
    const strongest =
      [...ordered].sort(
        (a, b) =>
          LEVEL_RANK[b.sensitivity.level] - LEVEL_RANK[a.sensitivity.level] ||
          b.sensitivity.score - a.sensitivity.score ||
          itemTime(b).getTime() - itemTime(a).getTime(),
      )[0] ?? ordered[0]!;
    return {
      id,
      items: ordered,
      lead: ordered[0]!,
      strongest,
      outlets: new Set(ordered.map((i) => i.sourceId)).size,
      latest: Math.max(...ordered.map((i) => itemTime(i).getTime())),
      sensitive: ordered.some((i) => i.sensitivity.sensitive),
      local: ordered.some(isLocal),
    };
  });
}

/** legislation.gov.uk's type/year/number, or the bill's id from its link; undefined when neither is known. */
function documentKey(item: ClassifiedItem): string | undefined {
  const d = item.details;
  if (item.kind === 'legislation' && d?.legislationType && d.year !== undefined && d.legislationNumber !== undefined)
    return `leg:${d.legislationType}/${d.year}/${d.legislationNumber}`;
  return documentIdentity(item.link);
}

/** The borough's own stories first, then as `then` orders them. */
function localFirst(then: (a: Story, b: Story) => number): (a: Story, b: Story) => number {
  return (a, b) => Number(b.local) - Number(a.local) || then(a, b);
}

/** Most outlets first (how widely it is being reported), then most sensitive, then newest. */
function byReach(a: Story, b: Story): number {
  return b.outlets - a.outlets || b.strongest.sensitivity.score - a.strongest.sensitivity.score || b.latest - a.latest || a.id.localeCompare(b.id);
}

function bySeverity(a: Story, b: Story): number {
  return LEVEL_RANK[b.strongest.sensitivity.level] - LEVEL_RANK[a.strongest.sensitivity.level] || byReach(a, b);
}

/** The other outlets carrying the story, each once, linked to their own article. */
function alsoAt(story: Story): { name: string; href: string | undefined }[] {
  const seen = new Set([story.lead.sourceId]);
  const also: { name: string; href: string | undefined }[] = [];
  for (const item of story.items) {
    if (seen.has(item.sourceId)) continue;
    seen.add(item.sourceId);
    also.push({ name: outletName(item), href: safeHref(item.link) });
  }
  return also;
}

// --- Sections. ---

type SectionId = 'sensitive' | 'priority' | 'other' | 'legislation' | 'parliament' | 'government' | 'council' | 'failing';

interface BuiltSection {
  readonly id: SectionId;
  readonly name: string;
  readonly total: number;
  readonly view: SectionView;
  readonly lead?: ClassifiedItem | undefined;
}

function buildSections(input: BriefingInput, items: readonly ClassifiedItem[], caps: SectionCaps): { sections: BuiltSection[]; counts: StoryCounts } {
  const { config } = input;
  const priorityName = new Map(config.priorities.map((p) => [p.id, p.name]));
  // An item is under a priority when its own text matches: a story's other outlets are listed
  // ("Also:"), their tags are not lent to the item shown.
  const ownTags = (item: ClassifiedItem): string[] => [...new Set(item.priorities.map((t) => t.id))].filter((id) => priorityName.has(id));
  const tagsOf = (story: Story): string[] => ownTags(story.lead);
  const namesOf = (ids: readonly string[]) => ids.map((id) => priorityName.get(id) ?? id);
  const borough = boroughQuery(config);
  const extents = config.legislation?.extents ?? ENGLISH_COUNCIL_EXTENTS;
  const all = stories(
    items.filter((i) => withinExtent(i, extents)),
    (item) => namesBorough(borough, item),
  );
  const sensitive = all.filter((s) => s.sensitive).sort(localFirst(bySeverity));
  const rest = all.filter((s) => !s.sensitive);
  const ofKind = (kinds: readonly ClassifiedItem['kind'][]) => rest.filter((s) => kinds.includes(s.lead.kind));
  const articles = ofKind(['article']);
  const sections: BuiltSection[] = [];
  const seeAll = input.reviewUrl ? { href: input.reviewUrl, text: 'See them all on the review page' } : undefined;
  // Dates carry their year when it is not the briefing's; items published before the period say how long before.
  const clock: ItemClock = { now: input.generatedAt, periodStart: input.window.from };

  sections.push(
    section('sensitive', 'Sensitive coverage', sensitive, caps.sensitive, (story) => {
      const level = LEVEL_WORD[story.strongest.sensitivity.level] || 'Sensitive';
      const notes: Entry['notes'][number][] = [{ label: 'Why sensitive', text: reasonsLine(story.strongest) }];
      const earlier = (input.storyOutlets?.get(story.id) ?? []).filter((name) => !story.items.some((i) => outletName(i) === name));
      // The outlets in this period are the lead and "Also:"; say which carried it before.
      if (earlier.length > 0)
        notes.push({ label: 'Carried by', text: `${story.outlets + earlier.length} outlets (before this period: ${earlier.join(', ')})` });
      const tags = namesOf(tagsOf(story));
      if (tags.length > 0) notes.push({ label: 'Priorities', text: tags.join(', ') });
      return { ...itemEntry(story.lead, clock, { notes, accent: 'sensitive' }), flag: level, also: alsoAt(story) };
    }),
  );

  for (const priority of config.priorities) {
    // Shown by its first item that matches the priority itself, with that item's highlights.
    const tagged = articles
      .flatMap((s): Story[] => {
        const shown = s.items.find((i) => ownTags(i).includes(priority.id));
        return shown ? [{ ...s, lead: shown }] : [];
      })
      .sort(localFirst(byReach));
    sections.push(
      section(
        'priority',
        priority.name,
        tagged,
        caps.priority,
        (story) => {
          // A story under several priorities is listed under each; say so, so it reads as one story.
          const others = namesOf(tagsOf(story).filter((id) => id !== priority.id));
          const notes = [...watchNote(story), ...(others.length > 0 ? [{ label: 'Also under', text: others.join(', ') }] : [])];
          return { ...itemEntry(story.lead, clock, { notes }), also: alsoAt(story) };
        },
        seeAll,
      ),
    );
  }

  sections.push(
    section(
      'other',
      'Everything else',
      articles.filter((s) => s.items.every((i) => ownTags(i).length === 0)).sort(localFirst(byReach)),
      caps.other,
      (story) => ({ ...itemEntry(story.lead, clock, { notes: watchNote(story) }), also: alsoAt(story) }),
      seeAll,
    ),
  );

  const withTags = (story: Story, notes: Entry['notes'][number][]) => {
    const tags = namesOf(tagsOf(story));
    return tags.length > 0 ? [...notes, { label: 'Priorities', text: tags.join(', ') }] : notes;
  };

  const legislation = ofKind(['legislation']).sort(localFirst((a, b) => b.latest - a.latest));
  sections.push(
    section('legislation', 'Legislation', legislation, caps.legislation, (story) => ({
      ...itemEntry(story.lead, clock, { notes: withTags(story, legislationNotes(story.lead)) }),
      also: alsoAt(story),
    })),
  );

  // Parliament: one line per item, in the fixed order of its parts, the borough's own first within each.
  const parliamentOptions: ParliamentLineOptions = {
    watched: [...(config.parliament?.members ?? []).filter((m): m is string => typeof m === 'string'), ...(input.watchedMembers ?? [])],
    local: (item) => namesBorough(borough, item),
    prioritised: (item) => ownTags(item).length > 0,
  };
  const parliament = rest
    .filter((s) => isParliamentary(s.lead))
    .map((story) => ({ story, part: parliamentPart(story.lead, parliamentOptions) }))
    .sort(
      (a, b) =>
        a.part.rank - b.part.rank || Number(b.story.local) - Number(a.story.local) || b.story.latest - a.story.latest || a.story.id.localeCompare(b.story.id),
    );
  const partOf = new Map(parliament.map((p) => [p.story.id, p.part.label]));
  sections.push(
    section(
      'parliament',
      'Parliament',
      parliament.map((p) => p.story),
      caps.parliament,
      (story) => {
        const entry = parliamentEntry(story.lead, partOf.get(story.id) ?? 'Parliament', clock);
        return { ...entry, notes: withTags(story, story.lead.kind === 'bill' ? legislationNotes(story.lead) : []), also: alsoAt(story) };
      },
      seeAll,
    ),
  );

  const government = ofKind(['consultation', 'announcement']).sort(
    localFirst((a, b) => kindOrder(a) - kindOrder(b) || closing(a) - closing(b) || b.latest - a.latest),
  );
  sections.push(
    section('government', 'Government', government, caps.government, (story) => ({
      ...itemEntry(story.lead, clock, { notes: withTags(story, governmentNotes(story.lead, clock.now)) }),
      also: alsoAt(story),
    })),
  );

  const meetings = councilThisWeek(
    ofKind(['meeting']).map((s) => s.lead),
    input,
  );
  sections.push(
    section(
      'council',
      'Council this week',
      meetings.map((m) => ({ ...singleStory(m) })),
      caps.council,
      (story) => meetingEntry(story.lead, clock),
    ),
  );

  const failing = failingSection(input);
  if (failing) sections.push(failing);
  // Counted from the stories the sections list, so the subject and header say what the body shows.
  return { sections: sections.filter((s) => s.total > 0 || (s.view.lines?.length ?? 0) > 0), counts: countOf(all) };
}

/**
 * Items and stories as the briefing counts them (grouped into stories as it lists them, legislation
 * outside the configured extent left out), for the run summary to count its items the same way.
 */
export function briefingCounts(config: Partial<Pick<Config, 'legislation'>>, items: readonly ClassifiedItem[]): StoryCounts {
  const extents = config.legislation?.extents ?? ENGLISH_COUNCIL_EXTENTS;
  return countOf(
    stories(
      uniqueById(items).filter((i) => withinExtent(i, extents)),
      () => false,
    ),
  );
}

function countOf(all: readonly Story[]): StoryCounts {
  const sensitive = all.filter((s) => s.sensitive);
  return {
    items: all.reduce((n, s) => n + s.items.length, 0),
    stories: all.length,
    sensitiveItems: sensitive.reduce((n, s) => n + s.items.length, 0),
    sensitiveStories: sensitive.length,
  };
}

/** A story below the alert level but worth watching says why, so it is not read as routine. */
function watchNote(story: Story): { label: string; text: string }[] {
  return story.strongest.sensitivity.level === 'watch' ? [{ label: 'Watch', text: reasonsLine(story.strongest) }] : [];
}

function singleStory(item: ClassifiedItem): Story {
  return { id: item.id, items: [item], lead: item, strongest: item, outlets: 1, latest: itemTime(item).getTime(), sensitive: false, local: false };
}

function section(
  id: SectionId,
  name: string,
  list: readonly Story[],
  cap: number,
  toEntry: (story: Story) => Entry,
  seeAll?: { href: string; text: string },
): BuiltSection {
  const shown = list.slice(0, cap);
  const hidden = list.slice(cap);
  return {
    id,
    name,
    total: list.length,
    lead: list[0]?.lead,
    view: {
      heading: `${name} (${list.length})`,
      accent: id === 'sensitive' ? 'sensitive' : 'none',
      entries: shown.map(toEntry),
      more: hidden.length > 0 ? moreLine(hidden) : undefined,
      moreLink: hidden.length > 0 ? seeAll : undefined,
    },
  };
}

/** "+7 more stories not shown: BBC London 3, Evening Standard 2, other outlets 2.", so the reader knows what was left out. */
function moreLine(hidden: readonly Story[]): string {
  const byOutlet = new Map<string, number>();
  for (const story of hidden) {
    const outlet = outletName(story.lead);
    byOutlet.set(outlet, (byOutlet.get(outlet) ?? 0) + 1);
  }
  const ranked = [...byOutlet].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'en-GB'));
  const top = ranked.slice(0, 3).map(([outlet, n]) => `${outlet} ${n}`);
  const others = ranked.slice(3).reduce((n, [, count]) => n + count, 0);
  if (others > 0) top.push(`other outlets ${others}`);
  return `+${hidden.length} more ${hidden.length === 1 ? 'story' : 'stories'} not shown: ${top.join(', ')}.`;
}

// --- Legislation, government, council. ---

function kindOrder(story: Story): number {
  return ['legislation', 'bill', 'consultation', 'announcement'].indexOf(story.lead.kind);
}

function legislationNotes(item: ClassifiedItem): { label: string; text: string }[] {
  const d = item.details ?? {};
  if (item.kind === 'bill') {
    const stage = [d.billStage, d.billHouse].filter(Boolean).join(', ');
    return [{ label: d.documentType === 'Act of Parliament' ? 'Now an Act' : 'Stage', text: stage || 'stage not given' }];
  }
  const type = d.documentType ?? (d.legislationType ? d.legislationType.toUpperCase() : 'Legislation');
  const number = d.year !== undefined && d.legislationNumber !== undefined ? ` ${d.year} No. ${d.legislationNumber}` : '';
  return [{ label: 'Type', text: `${type}${number}` }];
}

function governmentNotes(item: ClassifiedItem, now: Date): { label: string; text: string }[] {
  const d = item.details ?? {};
  if (item.kind === 'consultation') {
    return [{ label: 'Closes', text: d.closingDate ? dayOrTime(d.closingDate, now) : 'closing date not given in the summary: check the page' }];
  }
  return d.documentType ? [{ label: 'Type', text: d.documentType }] : [];
}

/** A consultation closing soonest comes first; one with no date after those with one. */
function closing(story: Story): number {
  const date = story.lead.details?.closingDate;
  return date ? Date.parse(date) : Number.MAX_SAFE_INTEGER;
}

/** "Thu 15 Jan" for a day, "Thu 15 Jan, 23:59" for an instant, on London's calendar (with the year when it is not `now`'s). */
function dayOrTime(value: string, now: Date): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split('-').map(Number) as [number, number, number];
    return londonDay(londonWallTimeToInstant(y, m, d, 12, 0), now);
  }
  return londonDateTime(new Date(value), now);
}

/**
 * Meetings taking place from the start of today (London) to COUNCIL_DAYS_AHEAD days on, soonest
 * first, from this window's items and the weeks before; then new meetings whose date could not be
 * read, so nothing new is silently left out.
 */
function councilThisWeek(windowMeetings: readonly ClassifiedItem[], input: BriefingInput): ClassifiedItem[] {
  const days = londonWholeDays(input.window.to, COUNCIL_DAYS_AHEAD);
  const start = days.start.getTime();
  const end = days.end.getTime();
  const seen = new Set<string>();
  const dated: { item: ClassifiedItem; at: number }[] = [];
  const undated: ClassifiedItem[] = [];
  for (const item of [...windowMeetings, ...(input.earlierMeetings ?? []).filter((m) => m.kind === 'meeting')]) {
    if (seen.has(item.id)) continue;
    seen.add(item.id);
    const when = item.details?.meetingDate;
    if (!when) {
      if (windowMeetings.includes(item)) undated.push(item);
      continue;
    }
    const at = meetingInstant(when);
    if (at >= start && at < end) dated.push({ item, at });
  }
  return [...dated.sort((a, b) => a.at - b.at || compareIds(a.item, b.item)).map((d) => d.item), ...undated];
}

function meetingInstant(when: string): number {
  if (/^\d{4}-\d{2}-\d{2}$/.test(when)) {
    const [y, m, d] = when.split('-').map(Number) as [number, number, number];
    return londonWallTimeToInstant(y, m, d, 12, 0).getTime();
  }
  return Date.parse(when);
}

function meetingEntry(item: ClassifiedItem, clock: ItemClock): Entry {
  // The committee and when it meets lead; which feed said so matters less.
  const base = itemEntry(item, clock);
  const when = item.details?.meetingDate;
  const committee = item.details?.committee ? clip(item.details.committee, 120) : undefined;
  return { ...base, outlet: committee ?? base.outlet, when: when ? dayOrTime(when, clock.now) : 'date not given' };
}

interface UnreadBanner {
  readonly headline: string;
  readonly lines: readonly string[];
  readonly more: string | undefined;
  /** When the first of them stopped being read, as the headline says it. */
  readonly since: string;
  readonly count: number;
  readonly total: number;
  /** Not one source could be read. */
  readonly all: boolean;
}

/** "9 of 11 sources could not be read since 06:40: this briefing may be missing news.", and one line each. */
function unreadBanner(input: BriefingInput): UnreadBanner | undefined {
  const unread = input.unreadSources ?? [];
  if (unread.length === 0) return undefined;
  const total = Math.max(input.sourceCount ?? 0, unread.length);
  const all = unread.length >= total;
  const earliest = unread.reduce((min, f) => (Date.parse(f.failingSince) < Date.parse(min) ? f.failingSince : min), unread[0]!.failingSince);
  const since = sinceText(new Date(earliest), input.generatedAt);
  const missing = 'this briefing may be missing news.';
  const headline = all
    ? total === 1
      ? `The only source could not be read since ${since}: ${missing}`
      : `None of the ${total} sources could be read since ${since}: ${missing}`
    : `${unread.length} of ${plural(total, 'source')} could not be read since ${since}: ${missing}`;
  const lines = unread
    .slice(0, MAX_FAILING_LINES)
    .map(
      (f) =>
        `${clip(f.name, 120)}: not read since ${sinceText(new Date(f.failingSince), input.generatedAt)} (${plural(f.consecutiveFailures, 'attempt')}). Last error: ${clip(f.reason, 300)}`,
    );
  const hidden = unread.length - lines.length;
  const more = hidden > 0 ? `+${hidden} more: run "despatch sources" for the full list.` : undefined;
  return { headline, lines, more, since, count: unread.length, total, all };
}

/** "06:40" on the briefing's own London day, "Sat 21 Nov 06:00" before it. */
function sinceText(at: Date, generatedAt: Date): string {
  return londonDate(at) === londonDate(generatedAt) ? londonClock(at) : londonSince(at, generatedAt);
}

function failingSection(input: BriefingInput): BuiltSection | undefined {
  const failing = input.failingSources ?? [];
  if (failing.length === 0 && !input.sourceHealthUnavailable) return undefined;
  const lines = failing.slice(0, MAX_FAILING_LINES).map((f) => {
    const hours = Math.max(0, Math.floor((input.generatedAt.getTime() - Date.parse(f.failingSince)) / 3_600_000));
    const howLong = hours < 1 ? 'under an hour' : hours < 48 ? plural(hours, 'hour') : plural(Math.floor(hours / 24), 'day');
    return `${clip(f.name, 120)}: failing since ${londonSince(new Date(f.failingSince), input.generatedAt)} (${howLong}, ${plural(f.consecutiveFailures, 'attempt')}). Last error: ${clip(f.reason, 300)}`;
  });
  if (input.sourceHealthUnavailable) lines.push('The health of the sources could not be read this morning, so failing sources may be missing from this list.');
  const hidden = failing.length - Math.min(failing.length, MAX_FAILING_LINES);
  return {
    id: 'failing',
    name: 'Sources failing',
    total: failing.length,
    view: {
      heading: `Sources failing (${failing.length})`,
      accent: 'none',
      entries: [],
      lines,
      more: hidden > 0 ? `+${hidden} more failing sources: run "despatch sources" for the full list.` : undefined,
    },
  };
}

/** A redelivered item can reach the store twice under one id; it is one item to the reader. */
function uniqueById(items: readonly ClassifiedItem[]): ClassifiedItem[] {
  const seen = new Map<string, ClassifiedItem>();
  for (const item of items) if (!seen.has(item.id)) seen.set(item.id, item);
  return [...seen.values()];
}

function compareIds(a: ClassifiedItem, b: ClassifiedItem): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}
