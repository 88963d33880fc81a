/**
 * The morning political-developments email: what appeared since the last one, sensitive coverage
 * first, then one section per priority in the order the configuration lists them, then the rest.
 * Pure: the briefing function queries the items and sends what this returns.
 */
import type { Config } from '../config/schema.js';
import type { ClassifiedItem } from '../model.js';
import { escapeHtml } from '../html/escape.js';
import { emailDocument, footerHtml, h1Html, mutedHtml, paragraphHtml, sectionHtml, sectionText, underline, type Entry, type SectionView } from '../html/layout.js';
import { itemEntry, itemTime, outletName, reasonsLine } from '../html/item-entry.js';
import { clip } from '../html/text.js';
import { londonDay, londonSince } from '../html/time.js';

export interface BriefingInput {
  config: Pick<Config, 'council' | 'mayor' | 'priorities'>;
  items: ClassifiedItem[];
  window: { from: Date; to: Date };
  generatedAt: Date;
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

export interface SectionCaps {
  readonly sensitive: number;
  readonly priority: number;
  readonly everythingElse: number;
}

/**
 * How many entries each section shows before "+N more" on an ordinary day. Sensitive coverage
 * gets the most room: it is what the office most needs to have seen.
 */
export const SECTION_CAPS: SectionCaps = { sensitive: 25, priority: 10, everythingElse: 10 };

/**
 * Gmail clips a message whose HTML passes about 102 KB and hides the rest behind "View entire
 * message", which on a phone is easily missed. The caps above fit a normal day with a few
 * priorities; with many priorities or very long headlines they may not, so the briefing steps
 * down through tighter caps until it fits. The last step is used whatever its size.
 */
export const HTML_BUDGET_BYTES = 95 * 1024;
const FALLBACK_CAPS: readonly SectionCaps[] = [
  { sensitive: 20, priority: 7, everythingElse: 5 },
  { sensitive: 15, priority: 5, everythingElse: 3 },
  { sensitive: 10, priority: 3, everythingElse: 0 },
  { sensitive: 10, priority: 1, everythingElse: 0 },
];

const TITLE = 'Political developments';

export function renderBriefing(input: BriefingInput): RenderedEmail {
  const { config, window, generatedAt } = input;
  const items = newestFirst(uniqueById(input.items));
  const day = londonDay(window.to);
  const since = londonSince(window.from);
  const footer = [
    `Prepared by Despatch for the office of ${clip(config.mayor.name, 120)}, ${clip(config.council.name, 120)}, at ${londonSince(generatedAt)}. Times are London time.`,
    'Headlines and snippets are the publishers’ own words; highlighted words are what matched a priority or a sensitivity trigger.',
  ];

  if (items.length === 0) {
    const subject = `${TITLE} — ${day}: nothing new`;
    const nothing = `Nothing new was found since ${since}.`;
    const ran = `Despatch ran at ${londonSince(generatedAt)}; this email confirms the morning check happened.`;
    const html = emailDocument({
      title: subject,
      preheader: nothing,
      bodyHtml: [mutedHtml(config.council.name, '0'), h1Html(`${TITLE} — ${day}`), paragraphHtml(`${escapeHtml(nothing)} ${escapeHtml(ran)}`), footerHtml(footer)].join('\n'),
    });
    const text = [underline(`${TITLE} — ${day}`, '='), clip(config.council.name, 200), '', nothing, ran, '', '-- ', ...footer, ''].join('\n');
    return { subject, html, text };
  }

  let email = renderItems(input, items, SECTION_CAPS, footer);
  for (const caps of FALLBACK_CAPS) {
    if (Buffer.byteLength(email.html, 'utf8') <= HTML_BUDGET_BYTES) break;
    email = renderItems(input, items, caps, footer);
  }
  return email;
}

function renderItems(input: BriefingInput, items: readonly ClassifiedItem[], caps: SectionCaps, footer: readonly string[]): RenderedEmail {
  const { config, window } = input;
  const day = londonDay(window.to);
  const sections = buildSections(config, items, caps);
  const sensitiveCount = sections.find((s) => s.accent === 'sensitive')?.total ?? 0;
  const counts = `${sensitiveCount > 0 ? `${sensitiveCount} sensitive, ` : ''}${plural(items.length, 'item')}`;
  const subject = `${TITLE} — ${day}: ${counts}`;
  const period = `Since ${londonSince(window.from)} · ${counts}`;
  const contents = `In this email: ${sections.map((s) => `${s.name} ${s.total}`).join(' · ')}`;
  const firstSensitive = sensitiveCount > 0 ? items.find((i) => i.sensitivity.sensitive) : undefined;
  const preheader = firstSensitive ? `Sensitive: ${clip(firstSensitive.title, 90)} (${outletName(firstSensitive)})` : contents;

  const html = emailDocument({
    title: subject,
    preheader,
    bodyHtml: [
      mutedHtml(config.council.name, '0'),
      h1Html(`${TITLE} — ${day}`),
      mutedHtml(period),
      mutedHtml(contents),
      ...sections.map((s) => sectionHtml(s.view)),
      footerHtml(footer),
    ].join('\n'),
  });
  const text = [
    underline(`${TITLE} — ${day}`, '='),
    clip(config.council.name, 200),
    period,
    contents,
    ...sections.map((s) => `\n${sectionText(s.view)}`),
    '',
    '-- ',
    ...footer,
    '',
  ].join('\n');
  return { subject, html, text };
}

interface BuiltSection {
  readonly name: string;
  readonly total: number;
  readonly accent: SectionView['accent'];
  readonly view: SectionView;
}

function buildSections(config: BriefingInput['config'], items: readonly ClassifiedItem[], caps: SectionCaps): BuiltSection[] {
  const priorityName = new Map(config.priorities.map((p) => [p.id, p.name]));
  const configuredTags = (item: ClassifiedItem): string[] =>
    [...new Set(item.priorities.map((t) => t.id))].filter((id) => priorityName.has(id));

  const sensitive = items.filter((i) => i.sensitivity.sensitive);
  const rest = items.filter((i) => !i.sensitivity.sensitive);
  const sections: BuiltSection[] = [];

  sections.push(
    section('Sensitive coverage', 'sensitive', sensitive, caps.sensitive, (item) => {
      const notes: { label: string; text: string }[] = [{ label: 'Why sensitive', text: reasonsLine(item) }];
      const tags = configuredTags(item).map((id) => priorityName.get(id) ?? id);
      if (tags.length > 0) notes.push({ label: 'Priorities', text: tags.join(', ') });
      return itemEntry(item, { notes, accent: 'sensitive' });
    }),
  );

  for (const priority of config.priorities) {
    const tagged = rest.filter((i) => configuredTags(i).includes(priority.id));
    sections.push(
      section(priority.name, 'none', tagged, caps.priority, (item) => {
        // An item under several priorities is listed under each; say so, so it reads as one story.
        const others = configuredTags(item)
          .filter((id) => id !== priority.id)
          .map((id) => priorityName.get(id) ?? id);
        return itemEntry(item, { notes: others.length > 0 ? [{ label: 'Also under', text: others.join(', ') }] : [] });
      }),
    );
  }

  const untagged = rest.filter((i) => configuredTags(i).length === 0);
  sections.push(section('Everything else', 'none', untagged, caps.everythingElse, (item) => itemEntry(item)));

  return sections.filter((s) => s.total > 0);
}

function section(
  name: string,
  accent: SectionView['accent'],
  items: readonly ClassifiedItem[],
  cap: number,
  toEntry: (item: ClassifiedItem) => Entry,
): BuiltSection {
  const shown = items.slice(0, cap);
  const hidden = items.slice(cap);
  return {
    name,
    total: items.length,
    accent,
    view: {
      heading: `${name} (${items.length})`,
      accent,
      entries: shown.map(toEntry),
      more: hidden.length > 0 ? moreLine(hidden) : undefined,
    },
  };
}

/** "+7 more not shown: BBC London 3, Evening Standard 2, other outlets 2", so the reader knows what was left out. */
function moreLine(hidden: readonly ClassifiedItem[]): string {
  const byOutlet = new Map<string, number>();
  for (const item of hidden) {
    const outlet = outletName(item);
    byOutlet.set(outlet, (byOutlet.get(outlet) ?? 0) + 1);
  }
  const ranked = [...byOutlet].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'en-GB'));
  const top = ranked.slice(0, 3).map(([outlet, n]) => `${outlet} ${n}`);
  const others = ranked.slice(3).reduce((n, [, count]) => n + count, 0);
  if (others > 0) top.push(`other outlets ${others}`);
  return `+${hidden.length} more not shown: ${top.join(', ')}`;
}

/** A redelivered item can reach the store twice under one id; it is one item to the reader. */
function uniqueById(items: readonly ClassifiedItem[]): ClassifiedItem[] {
  const seen = new Map<string, ClassifiedItem>();
  for (const item of items) if (!seen.has(item.id)) seen.set(item.id, item);
  return [...seen.values()];
}

function newestFirst(items: ClassifiedItem[]): ClassifiedItem[] {
  // The id breaks ties so the same items always render in the same order.
  return items.sort((a, b) => itemTime(b).getTime() - itemTime(a).getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
