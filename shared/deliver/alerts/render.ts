/**
 * The alert email on one sensitive story: how sensitive, what appeared, why it was flagged, who is
 * named, where (every outlet carrying it, linked), the matched text and when, in a form the
 * Mayor's office can read on a phone in a few seconds. Pure: the alerter decides when and to whom.
 */
import type { RenderedEmail } from '../briefing/render.js';
import { escapeHtml } from '../render/escape.js';
import type { Entry } from '../render/layout.js';
import {
  emailDocument,
  entryHtml,
  entryText,
  footerHtml,
  h1Html,
  HIGHLIGHT_KEY,
  linkHtml,
  MARK_STYLE,
  mutedHtml,
  SENSITIVE_MARK_STYLE,
  paragraphHtml,
  underline,
} from '../render/layout.js';
import { clip, piecesToHtml, piecesToText } from '../render/text.js';
import { buildAlertView, namedLine, type AlertInput, type AlertView } from './view.js';

export type { AlertInput } from './view.js';

export function renderAlert(input: AlertInput): RenderedEmail {
  return renderAlertView(buildAlertView(input), input);
}

/** The workspace's links for this alert: its story, and the one-click acknowledge (shared/workspace/ack-link.ts). */
export interface AlertLinks {
  readonly story?: string | undefined;
  readonly acknowledge?: string | undefined;
}

export function renderAlertView(view: AlertView, input: Pick<AlertInput, 'config'> & { links?: AlertLinks }): RenderedEmail {
  const { config } = input;
  const links = input.links ?? {};
  const linkLines = [
    ...(links.story ? [{ label: 'Open the story in the workspace', href: links.story }] : []),
    ...(links.acknowledge ? [{ label: 'Acknowledge this alert (one click, works once, for 72 hours)', href: links.acknowledge }] : []),
  ];
  const entry: Entry = {
    outlet: view.outlet,
    when: view.when,
    headline: view.headline,
    href: view.href,
    snippet: view.snippet,
    notes: [],
    accent: 'sensitive',
  };
  const facts: { label: string; value: string }[] = [
    { label: 'Who is named', value: namedLine(view.named) },
    ...(view.matchedWords.length > 0 ? [{ label: 'Matched words', value: view.matchedWords.join(', ') }] : []),
    ...(view.priorities.length > 0 ? [{ label: 'Priorities', value: view.priorities.join(', ') }] : []),
    { label: 'When', value: view.timeline },
  ];
  const footer = [
    `Sent by Despatch to the office of ${clip(config.mayor.name, 120)}, ${clip(config.council.name, 120)}, because this story matched the sensitivity triggers. Times are London time.`,
    'Headlines and snippets are the publishers’ own words; highlighted words are what matched.',
  ];
  const heading = `${view.levelWord} — sensitive coverage`;

  const reasonsHtml = `<ul class="d-tx" style="margin:4px 0 0;padding-left:20px;font-size:16px;line-height:24px;color:#1f2328">${view.reasons.map((r) => `<li>${escapeHtml(r)}</li>`).join('')}</ul>`;
  const whereHtml = view.coverage
    .map((c) => {
      const title = c.href ? linkHtml(c.href, escapeHtml(c.title)) : `${escapeHtml(c.title)} (no link)`;
      return `<li><b>${escapeHtml(c.outlet)}</b> · ${escapeHtml(c.when)}: ${title}</li>`;
    })
    .concat(view.otherOutlets.length > 0 ? [`<li>Also carried by ${escapeHtml(view.otherOutlets.join(', '))}</li>`] : [])
    .join('');
  const matchedHtml = view.matchedText.map((pieces) => `<li>${piecesToHtml(pieces, MARK_STYLE, SENSITIVE_MARK_STYLE)}</li>`).join('');

  const html = emailDocument({
    title: view.subject,
    preheader: `${view.followUp ? `${view.followUp} ` : ''}${view.outlet} · ${view.when} · ${view.reasons[0] ?? ''}`,
    bodyHtml: [
      // A follow-up opens with what changed: the subject stays the thread's, so this line is where "Now critical" is read.
      ...(view.followUp ? [paragraphHtml(`<b>${escapeHtml(view.followUp)}</b>`, '0 0 8px')] : []),
      mutedHtml(config.council.name, '0'),
      h1Html(heading, 'sensitive'),
      ...(view.heldNote ? [mutedHtml(view.heldNote, '8px 0 0')] : []),
      `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="margin-top:12px">${entryHtml(entry)}</table>`,
      mutedHtml(HIGHLIGHT_KEY, '6px 0 0'),
      h2('Why it is flagged'),
      reasonsHtml,
      ...facts.map((f) => paragraphHtml(`<b>${escapeHtml(f.label)}:</b> ${escapeHtml(f.value)}`, '10px 0 0')),
      h2(`Where (${view.coverage.length + view.otherOutlets.length} outlet${view.coverage.length + view.otherOutlets.length === 1 ? '' : 's'})`),
      `<ul class="d-tx" style="margin:4px 0 0;padding-left:20px;font-size:16px;line-height:24px;color:#1f2328">${whereHtml}</ul>`,
      ...(matchedHtml
        ? [h2('Matched text'), `<ul class="d-tx" style="margin:4px 0 0;padding-left:20px;font-size:16px;line-height:24px;color:#1f2328">${matchedHtml}</ul>`]
        : []),
      view.href
        ? paragraphHtml(`<b>Original:</b> ${linkHtml(view.href, escapeHtml(hostOf(view.href)))}`, '14px 0 0')
        : paragraphHtml('<b>Original:</b> the publisher gave no usable link.', '14px 0 0'),
      ...linkLines.map((l) => paragraphHtml(linkHtml(l.href, escapeHtml(l.label)), '14px 0 0')),
      footerHtml(footer),
    ].join('\n'),
  });

  const text = [
    ...(view.followUp ? [view.followUp, ''] : []),
    underline(heading, '='),
    clip(config.council.name, 200),
    ...(view.heldNote ? ['', view.heldNote] : []),
    '',
    entryText(entry),
    '',
    underline('Why it is flagged', '-'),
    ...view.reasons.map((r) => `* ${r}`),
    '',
    ...facts.map((f) => `${f.label}: ${f.value}`),
    '',
    underline('Where', '-'),
    ...view.coverage.map((c) => `* ${c.outlet} · ${c.when}: ${c.title}\n  ${c.href ?? '(no link)'}`),
    ...(view.otherOutlets.length > 0 ? [`* Also carried by ${view.otherOutlets.join(', ')}`] : []),
    ...(view.matchedText.length > 0 ? ['', underline('Matched text', '-'), ...view.matchedText.map((p) => `* ${piecesToText(p)}`)] : []),
    ...(linkLines.length > 0 ? ['', ...linkLines.map((l) => `${l.label}:\n  ${l.href}`)] : []),
    '',
    '-- ',
    ...footer,
    '',
  ].join('\n');
  return { subject: view.subject, html, text };
}

/** The site a link goes to, which says more on a phone than a long URL that wraps over lines. */
function hostOf(href: string): string {
  return new URL(href).hostname.replace(/^www\./, '');
}

function h2(text: string): string {
  return `<h2 class="d-tx" style="margin:20px 0 0;font-size:19px;line-height:26px;color:#1f2328">${escapeHtml(text)}</h2>`;
}
