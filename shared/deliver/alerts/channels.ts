/**
 * The alert for the other channels: a Teams Adaptive Card, a Slack Block Kit message, and a text
 * message. Each escapes feed text for its own markup, and links only to what passed safeHref,
 * always as a separate link (a button, Slack's <url|text>), never built from feed text.
 */
import { cleanText, piecesToText } from '../render/text.js';
import { namedLine, type AlertView } from './view.js';

// --- Microsoft Teams: an Adaptive Card in a message, the shape both Workflows ("When a Teams
// webhook request is received") and the older incoming webhooks accept. ---

/**
 * TextBlock and FactSet text is Markdown in Teams: a feed's "[click](…)" or "**" would become a
 * link or bold. Backslash-escapes the characters that make links and emphasis, and writes < and &
 * as entities so no <at> mention or entity forms.
 */
export function teamsText(s: string): string {
  return cleanText(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]()~#|!])/g, '\\$1');
}

export function teamsPayload(view: AlertView): Record<string, unknown> {
  const text = (value: string, extra: Record<string, unknown> = {}) => ({ type: 'TextBlock', text: teamsText(value), wrap: true, ...extra });
  const body: Record<string, unknown>[] = [
    text(`${view.levelWord} — sensitive coverage`, { weight: 'Bolder', size: 'Medium', color: view.level === 'critical' ? 'Attention' : 'Warning' }),
    ...(view.followUp ? [text(view.followUp, { weight: 'Bolder' })] : []),
    ...(view.heldNote ? [text(view.heldNote, { isSubtle: true })] : []),
    text(piecesToText(view.headline), { weight: 'Bolder', size: 'Large' }),
    text(`${view.outlet} · ${view.when}`, { isSubtle: true, spacing: 'None' }),
    ...(view.snippet.length > 0 ? [text(piecesToText(view.snippet))] : []),
    {
      type: 'FactSet',
      facts: [
        { title: 'Why', value: teamsText(view.reasons.join('; ')) },
        { title: 'Who is named', value: teamsText(namedLine(view.named)) },
        { title: 'Where', value: teamsText([...view.coverage.map((c) => c.outlet), ...view.otherOutlets].join(', ')) },
        ...(view.matchedText.length > 0 ? [{ title: 'Matched text', value: teamsText(view.matchedText.map(piecesToText).join(' / ')) }] : []),
        { title: 'When', value: teamsText(view.timeline) },
      ],
    },
  ];
  // Teams shows up to six actions in a row: the story at each outlet that gave a usable link.
  const actions = view.coverage
    .filter((c): c is typeof c & { href: string } => c.href !== undefined)
    .slice(0, 6)
    .map((c) => ({ type: 'Action.OpenUrl', title: `Read: ${cleanText(c.outlet).slice(0, 40)}`, url: c.href }));
  return {
    type: 'message',
    summary: cleanText(view.subject).slice(0, 200),
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          msteams: { width: 'Full' },
          body,
          actions,
        },
      },
    ],
  };
}

// --- Slack: an incoming webhook message with Block Kit blocks and a plain `text` for notifications. ---

/** Slack's own rule: &, < and > are control characters in mrkdwn and must be sent as entities. */
export function slackText(s: string): string {
  return cleanText(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A link Slack cannot misread: the URL has passed safeHref; "|" and ">" would end it early. */
function slackLink(href: string, label: string): string {
  return `<${href.replace(/\|/g, '%7C').replace(/>/g, '%3E')}|${slackText(label).replace(/\|/g, '¦')}>`;
}

export function slackPayload(view: AlertView): Record<string, unknown> {
  const headline = piecesToText(view.headline);
  const where = view.coverage.map((c) => (c.href ? slackLink(c.href, c.outlet) : slackText(c.outlet))).concat(view.otherOutlets.map(slackText));
  const blocks: Record<string, unknown>[] = [
    { type: 'header', text: { type: 'plain_text', text: `${view.levelWord} — sensitive coverage`.slice(0, 150), emoji: false } },
    ...(view.followUp || view.heldNote
      ? [{ type: 'context', elements: [{ type: 'mrkdwn', text: slackText([view.followUp, view.heldNote].filter(Boolean).join(' ')) }] }]
      : []),
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: [
          `*${view.href ? slackLink(view.href, headline) : slackText(headline)}*`,
          `${slackText(view.outlet)} · ${slackText(view.when)}`,
          ...(view.snippet.length > 0 ? [slackText(piecesToText(view.snippet))] : []),
        ]
          .join('\n')
          .slice(0, 2900),
      },
    },
    {
      type: 'section',
      fields: [
        { type: 'mrkdwn', text: `*Why*\n${slackText(view.reasons.join('; '))}`.slice(0, 1900) },
        { type: 'mrkdwn', text: `*Who is named*\n${slackText(namedLine(view.named))}`.slice(0, 1900) },
        { type: 'mrkdwn', text: `*Where*\n${where.join(', ')}`.slice(0, 1900) },
        { type: 'mrkdwn', text: `*When*\n${slackText(view.timeline)}`.slice(0, 1900) },
      ],
    },
    ...(view.matchedText.length > 0
      ? [{ type: 'context', elements: [{ type: 'mrkdwn', text: `Matched text: ${slackText(view.matchedText.map(piecesToText).join(' / '))}`.slice(0, 2900) }] }]
      : []),
  ];
  return { text: slackText(view.subject).slice(0, 300), blocks };
}

// --- SMS: short, plain, enough to decide whether to open the email now. ---

/** Two concatenated SMS segments of plain characters. */
export const SMS_MAX_CHARS = 306;

export function smsText(view: AlertView): string {
  const others = view.coverage.length - 1 + view.otherOutlets.length;
  const lead = view.followUp ? `${view.followUp} ` : '';
  const parts = [
    `Despatch ${view.levelWord.toUpperCase()}: ${lead}`.trimEnd(),
    `"${cleanText(view.headlineText)}" - ${cleanText(view.outlet)}${others > 0 ? ` (+${others} other outlet${others === 1 ? '' : 's'})` : ''}.`,
    `Why: ${cleanText(view.reasons[0] ?? '')}.`,
    'Details by email.',
  ];
  const full = parts.join(' ');
  if (full.length <= SMS_MAX_CHARS) return full;
  // Cut the reason first, then the headline, keeping the level, the outlet and the pointer to the email.
  const withoutWhy = [parts[0], parts[1], parts[3]].join(' ');
  return withoutWhy.length <= SMS_MAX_CHARS ? withoutWhy : `${withoutWhy.slice(0, SMS_MAX_CHARS - 1)}…`;
}
