/**
 * The alert on one sensitive story: what appeared, where and when, who is named, and why it was
 * flagged, in a form the Mayor's office can read on a phone in a few seconds. Pure: the alerter
 * decides when to send and to whom.
 */
import type { RenderedEmail } from '../briefing/render.js';
import type { Config } from '../config/schema.js';
import type { ClassifiedItem } from '../model.js';
import { escapeHtml } from '../html/escape.js';
import { itemEntry, outletName, spansFor } from '../html/item-entry.js';
import { emailDocument, entryHtml, entryText, footerHtml, h1Html, linkHtml, mutedHtml, paragraphHtml, underline } from '../html/layout.js';
import { clip, cleanText } from '../html/text.js';
import { londonClock, londonDateTime, londonDay } from '../html/time.js';

export interface AlertInput {
  config: Pick<Config, 'council' | 'mayor'>;
  item: ClassifiedItem;
  generatedAt: Date;
}

/** A subject is one header line: the headline is cut so the outlet still shows on a phone. */
const SUBJECT_HEADLINE_MAX_CHARS = 90;

export function renderAlert(input: AlertInput): RenderedEmail {
  const { config, item, generatedAt } = input;
  const headline = clip(item.title, SUBJECT_HEADLINE_MAX_CHARS) || '(no headline)';
  const outlet = outletName(item);
  const subject = `Sensitive: ${headline} — ${clip(outlet, 60)}`;

  const entry = itemEntry(item, { accent: 'sensitive' });
  const reasons = item.sensitivity.reasons.map((r) => clip(r, 300)).filter((r) => r !== '');
  const named = mayorMentions(config.mayor, item);
  const namedLine =
    named.length > 0
      ? `${clip(config.mayor.name, 120)}, as ${named.map((m) => `“${m.text}” (${m.where.join(' and ')})`).join(', ')}`
      : 'The Mayor is not named in the headline or snippet.';
  const matched = distinct(item.sensitivity.spans.map((s) => cleanText(s.text)).filter((t) => t !== ''));
  const priorities = distinct(item.priorities.map((p) => cleanText(p.name)).filter((t) => t !== ''));
  const times = timeline(item, generatedAt);
  const facts: { label: string; value: string }[] = [
    { label: 'Who is named', value: namedLine },
    ...(matched.length > 0 ? [{ label: 'Matched words', value: matched.join(', ') }] : []),
    ...(priorities.length > 0 ? [{ label: 'Priorities', value: priorities.join(', ') }] : []),
    { label: 'When', value: times },
  ];
  const footer = [
    `Sent by Despatch to the office of ${clip(config.mayor.name, 120)}, ${clip(config.council.name, 120)}, because this item matched the sensitivity triggers. Times are London time.`,
    'The headline and snippet are the publisher’s own words; highlighted words are what matched.',
  ];

  const reasonsHtml =
    reasons.length > 0
      ? `<ul class="d-tx" style="margin:4px 0 0;padding-left:20px;font-size:16px;line-height:24px">${reasons.map((r) => `<li>${escapeHtml(r)}</li>`).join('')}</ul>`
      : paragraphHtml('Matched the sensitivity triggers.', '4px 0 0');
  const html = emailDocument({
    title: subject,
    preheader: `${outlet} · ${entry.when}${reasons[0] ? ` · ${reasons[0]}` : ''}`,
    bodyHtml: [
      mutedHtml(config.council.name, '0'),
      h1Html('Sensitive coverage', 'sensitive'),
      `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="margin-top:12px">${entryHtml(entry)}</table>`,
      h2('Why it is flagged'),
      reasonsHtml,
      ...facts.map((f) => paragraphHtml(`<b>${escapeHtml(f.label)}:</b> ${escapeHtml(f.value)}`, '10px 0 0')),
      entry.href
        ? paragraphHtml(`<b>Original:</b> ${linkHtml(entry.href, escapeHtml(hostOf(entry.href)))}`, '10px 0 0')
        : paragraphHtml('<b>Original:</b> the publisher gave no usable link.', '10px 0 0'),
      footerHtml(footer),
    ].join('\n'),
  });

  const text = [
    underline('Sensitive coverage', '='),
    clip(config.council.name, 200),
    '',
    entryText(entry),
    '',
    underline('Why it is flagged', '-'),
    ...(reasons.length > 0 ? reasons.map((r) => `* ${r}`) : ['Matched the sensitivity triggers.']),
    '',
    ...facts.map((f) => `${f.label}: ${f.value}`),
    '',
    '-- ',
    ...footer,
    '',
  ].join('\n');
  return { subject, html, text };
}

/** The site a link goes to, which says more on a phone than a long URL that wraps over lines. */
function hostOf(href: string): string {
  return new URL(href).hostname.replace(/^www\./, '');
}

function h2(text: string): string {
  return `<h2 class="d-tx" style="margin:20px 0 0;font-size:19px;line-height:26px;color:#1f2328">${escapeHtml(text)}</h2>`;
}

/** "published Mon 23 Nov, 18:05 · first seen 18:07 · this alert 18:08": how fresh the story is. */
function timeline(item: ClassifiedItem, generatedAt: Date): string {
  const seen = new Date(item.seenAt);
  const parts: [string, Date][] = item.dateFlag
    ? [['first seen (no reliable publication date)', seen]]
    : [['published', new Date(item.publishedAt)], ['first seen', seen]];
  parts.push(['this alert', generatedAt]);
  // The day is said once; later times on the same London day show just the clock.
  let day = '';
  return parts
    .map(([label, when]) => {
      const sameDay = londonDay(when) === day;
      day = londonDay(when);
      return `${label} ${sameDay ? londonClock(when) : londonDateTime(when)}`;
    })
    .join(' · ');
}

interface Mention {
  readonly text: string;
  readonly where: ('headline' | 'snippet')[];
}

/**
 * How the Mayor is named, as written, and where. Longer names win over shorter ones inside them
 * ("Mayor of Exampleton", not also "Exampleton"), and matches are whole words.
 */
function mayorMentions(mayor: Config['mayor'], item: ClassifiedItem): Mention[] {
  const names = distinct([mayor.name, ...mayor.aliases].map(cleanText).filter((n) => n !== '')).sort((a, b) => b.length - a.length);
  const found = new Map<string, Mention>();
  for (const [where, raw] of [['headline', item.title], ['snippet', item.summary]] as const) {
    const text = cleanText(raw);
    const taken: [number, number][] = [];
    for (const name of names) {
      const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(name)}(?![\\p{L}\\p{N}])`, 'giu');
      for (const match of text.matchAll(pattern)) {
        const start = match.index;
        const end = start + match[0].length;
        if (taken.some(([s, e]) => start < e && end > s)) continue;
        taken.push([start, end]);
        const key = match[0].toLowerCase();
        const mention = found.get(key) ?? { text: match[0], where: [] };
        if (!mention.where.includes(where)) mention.where.push(where);
        found.set(key, mention);
      }
    }
  }
  return [...found.values()];
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
