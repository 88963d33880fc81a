/**
 * The house layout for Despatch emails, shared by the briefing and the alerts: a single 640px
 * column of nested presentation tables with inline styles (what Outlook's Word engine, Gmail and
 * Apple Mail all render alike), no scripts, no images, no external resources.
 *
 * Dark mode: every element sets its own light colours inline, so clients that leave the message
 * alone show it as designed, and clients that invert it (Gmail app, Outlook.com) start from
 * mid-tone colours that invert legibly. Apple Mail and Outlook for Mac honour the
 * prefers-color-scheme block below, which swaps in a dark palette by class.
 *
 * Everything passed in as `html` here must already be escaped; plain strings are escaped here.
 */
import { escapeHtml } from './escape.js';
import { piecesToHtml, piecesToText, type TextPiece } from './text.js';

export const FONT = "-apple-system,'Segoe UI',Roboto,Arial,Helvetica,sans-serif";

/** Light palette; contrast against white: text 15.8:1, muted 6.4:1, link 6.6:1, alert red 6.5:1. */
const C = {
  page: '#f2f4f7',
  card: '#ffffff',
  text: '#1f2328',
  muted: '#57606a',
  rule: '#d8dee4',
  link: '#0b57d0',
  alert: '#b3261e',
  markBg: '#fff1a8',
  sensitiveBg: '#fde2e0',
} as const;

/** The highlight keeps dark text on pale yellow in both schemes, so it is set, not swapped. */
export const MARK_STYLE = `background-color:${C.markBg};color:${C.text};padding:0 1px`;
/** A sensitivity match: pale red, bold and underlined in the alert red, so it differs from a priority's words by more than colour. */
export const SENSITIVE_MARK_STYLE = `background-color:${C.sensitiveBg};color:${C.text};padding:0 1px;font-weight:700;text-decoration:underline;text-decoration-color:${C.alert};text-decoration-thickness:2px`;
/** Said once under the period, so the two kinds of highlight need no guessing. */
export const HIGHLIGHT_KEY = 'Highlights: a priority’s words on yellow; sensitive words bold and underlined, on pink.';

const HEAD_STYLE = [
  ':root{color-scheme:light dark;supported-color-schemes:light dark}',
  `body,table,td,p,a,h1,h2,li{font-family:${FONT}}`,
  'body{margin:0;padding:0;-webkit-text-size-adjust:100%}',
  '@media (prefers-color-scheme:dark){',
  '.d-bg{background-color:#0f1419!important}',
  '.d-card{background-color:#1a2027!important}',
  '.d-tx{color:#e6e8eb!important}',
  '.d-mu{color:#aeb6bf!important}',
  '.d-ln{border-top-color:#39414a!important}',
  '.d-alb{border-left-color:#ff9b92!important}',
  '.d-a{color:#9ec1ff!important}',
  '.d-al{color:#ff9b92!important;border-color:#ff9b92!important}',
  '}',
].join('\n');

/** One item as the layout shows it; the renderers decide what goes in. */
export interface Entry {
  readonly outlet: string;
  readonly when: string;
  readonly headline: readonly TextPiece[];
  /** Already passed through safeHref; absent when the item has no usable link. */
  readonly href: string | undefined;
  readonly snippet: readonly TextPiece[];
  /** Labelled lines under the snippet, e.g. "Why sensitive" with the reasons. */
  readonly notes: readonly { readonly label: string; readonly text: string }[];
  readonly accent: 'sensitive' | 'none';
  /** The same story at other outlets: "Also: London Daily, Hartwell Post", each linked where it can be. */
  readonly also?: readonly { readonly name: string; readonly href: string | undefined }[];
  /** A line before the outlet, e.g. the level of a sensitive story ("Critical"). */
  readonly flag?: string;
}

const P_MUTED = `margin:0;font-size:14px;line-height:20px;color:${C.muted}`;

export function entryHtml(e: Entry): string {
  const cellStyle =
    e.accent === 'sensitive'
      ? `padding:12px 0 12px 12px;border-top:1px solid ${C.rule};border-left:4px solid ${C.alert}`
      : `padding:12px 0;border-top:1px solid ${C.rule}`;
  const headline = piecesToHtml(e.headline, MARK_STYLE, SENSITIVE_MARK_STYLE);
  const headlineHtml = e.href
    ? `<a class="d-a" href="${escapeHtml(e.href)}" style="color:${C.link};text-decoration:underline">${headline}</a>`
    : `<span class="d-tx" style="color:${C.text}">${headline}</span> <span class="d-mu" style="font-size:14px;font-weight:normal;color:${C.muted}">(no link)</span>`;
  const lines = [
    ...(e.flag
      ? [
          `<p class="d-al" style="margin:0 0 2px;font-size:14px;line-height:20px;font-weight:bold;letter-spacing:0.5px;color:${C.alert}">${escapeHtml(e.flag.toUpperCase())}</p>`,
        ]
      : []),
    `<p class="d-mu" style="${P_MUTED}">${escapeHtml(e.outlet)} · ${escapeHtml(e.when)}</p>`,
    `<p style="margin:4px 0 0;font-size:17px;line-height:24px;font-weight:bold">${headlineHtml}</p>`,
  ];
  if (e.snippet.length > 0) {
    lines.push(
      `<p class="d-tx" style="margin:4px 0 0;font-size:15px;line-height:22px;color:${C.text}">${piecesToHtml(e.snippet, MARK_STYLE, SENSITIVE_MARK_STYLE)}</p>`,
    );
  }
  for (const note of e.notes) {
    lines.push(
      `<p class="d-mu" style="margin:6px 0 0;font-size:14px;line-height:20px;color:${C.muted}"><b>${escapeHtml(note.label)}:</b> ${escapeHtml(note.text)}</p>`,
    );
  }
  if (e.also && e.also.length > 0) {
    const names = e.also.map((o) => (o.href ? linkHtml(o.href, escapeHtml(o.name)) : escapeHtml(o.name))).join(', ');
    lines.push(`<p class="d-mu" style="margin:6px 0 0;font-size:14px;line-height:20px;color:${C.muted}"><b>Also:</b> ${names}</p>`);
  }
  return `<tr><td class="d-ln${e.accent === 'sensitive' ? ' d-alb' : ''}" style="${cellStyle}">${lines.join('')}</td></tr>`;
}

export function entryText(e: Entry): string {
  const lines = [`* ${e.flag ? `[${e.flag.toUpperCase()}] ` : ''}${piecesToText(e.headline)}`, `  ${e.outlet} · ${e.when}`];
  if (e.snippet.length > 0) lines.push(`  ${piecesToText(e.snippet)}`);
  for (const note of e.notes) lines.push(`  ${note.label}: ${note.text}`);
  lines.push(`  ${e.href ?? '(no link)'}`);
  if (e.also && e.also.length > 0) lines.push(`  Also: ${e.also.map((o) => (o.href ? `${o.name} (${o.href})` : o.name)).join('; ')}`);
  return lines.join('\n');
}

export interface SectionView {
  readonly heading: string;
  readonly accent: 'sensitive' | 'none';
  readonly entries: readonly Entry[];
  /** E.g. "+7 more: BBC London 3, Evening Standard 2, …", when the section was capped. */
  readonly more?: string | undefined;
  /** Where to see the rest (the review page), shown after `more` as a link. */
  readonly moreLink?: { readonly href: string; readonly text: string } | undefined;
  /** Plain lines instead of entries (the failing sources). */
  readonly lines?: readonly string[];
  /** The heading's id, so "In this email" can link to it. */
  readonly anchor?: string | undefined;
}

export function sectionHtml(s: SectionView): string {
  const colour = s.accent === 'sensitive' ? C.alert : C.text;
  const cls = s.accent === 'sensitive' ? 'd-al' : 'd-tx';
  const id = s.anchor ? ` id="${escapeHtml(s.anchor)}"` : '';
  const heading = `<h2${id} class="${cls}" style="margin:24px 0 4px;font-size:19px;line-height:26px;color:${colour}">${escapeHtml(s.heading)}</h2>`;
  const rows = [
    ...s.entries.map(entryHtml),
    ...(s.lines ?? []).map(
      (line) =>
        `<tr><td class="d-ln d-tx" style="padding:8px 0;border-top:1px solid ${C.rule};font-size:15px;line-height:22px;color:${C.text}">${escapeHtml(line)}</td></tr>`,
    ),
  ].join('\n');
  const table = rows === '' ? '' : `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0">\n${rows}\n</table>`;
  const link = s.moreLink ? ` ${linkHtml(s.moreLink.href, escapeHtml(s.moreLink.text))}` : '';
  const more = s.more ? `<p class="d-mu" style="margin:8px 0 0;font-size:14px;line-height:20px;color:${C.muted}">${escapeHtml(s.more)}${link}</p>` : '';
  return `${heading}\n${table}${more}`;
}

export function sectionText(s: SectionView): string {
  const parts = [underline(s.heading, '='), ...s.entries.map(entryText), ...(s.lines ?? []).map((line) => `* ${line}`)];
  if (s.more) parts.push(s.moreLink ? `${s.more} ${s.moreLink.text}: ${s.moreLink.href}` : s.more);
  return parts.join('\n\n');
}

/** A heading for the plain-text part: the words, then a rule the same length. */
export function underline(heading: string, char: '=' | '-'): string {
  return `${heading}\n${char.repeat(heading.length)}`;
}

export function mutedHtml(text: string, margin = '4px 0 0'): string {
  return `<p class="d-mu" style="margin:${margin};font-size:14px;line-height:20px;color:${C.muted}">${escapeHtml(text)}</p>`;
}

/** A muted line of already-escaped HTML (links inside). */
export function mutedRichHtml(innerHtml: string, margin = '4px 0 0'): string {
  return `<p class="d-mu" style="margin:${margin};font-size:14px;line-height:20px;color:${C.muted}">${innerHtml}</p>`;
}

export function paragraphHtml(innerHtml: string, margin = '12px 0 0'): string {
  return `<p class="d-tx" style="margin:${margin};font-size:16px;line-height:24px;color:${C.text}">${innerHtml}</p>`;
}

/**
 * A warning the reader must not miss (the sources that could not be read), straight under the
 * heading: bold red words, then a line each, with the alert rule down the side.
 */
export function noticeHtml(headline: string, lines: readonly string[], more?: string): string {
  const items = [...lines, ...(more ? [more] : [])]
    .map((line) => `<p class="d-tx" style="margin:4px 0 0;font-size:15px;line-height:22px;color:${C.text}">${escapeHtml(line)}</p>`)
    .join('');
  return (
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="margin:12px 0 0">` +
    `<tr><td class="d-alb" style="padding:4px 0 4px 12px;border-left:4px solid ${C.alert}">` +
    `<p class="d-al" style="margin:0;font-size:16px;line-height:24px;font-weight:bold;color:${C.alert}">${escapeHtml(headline)}</p>${items}` +
    `</td></tr></table>`
  );
}

export function h1Html(text: string, accent: 'sensitive' | 'none' = 'none'): string {
  const colour = accent === 'sensitive' ? C.alert : C.text;
  const cls = accent === 'sensitive' ? 'd-al' : 'd-tx';
  return `<h1 class="${cls}" style="margin:4px 0 0;font-size:24px;line-height:30px;color:${colour}">${escapeHtml(text)}</h1>`;
}

export function linkHtml(href: string, innerHtml: string): string {
  return `<a class="d-a" href="${escapeHtml(href)}" style="color:${C.link};text-decoration:underline">${innerHtml}</a>`;
}

export function footerHtml(lines: readonly string[]): string {
  const inner = lines.map((l) => escapeHtml(l)).join('<br>');
  return `<p class="d-mu d-ln" style="margin:28px 0 0;padding-top:12px;border-top:1px solid ${C.rule};font-size:14px;line-height:20px;color:${C.muted}">${inner}</p>`;
}

/**
 * The whole document around an already-rendered body. `preheader` is the line inbox lists show
 * after the subject; it is hidden in the message itself.
 */
export function emailDocument(opts: { title: string; preheader: string; bodyHtml: string }): string {
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="supported-color-schemes" content="light dark">
<meta name="x-apple-disable-message-reformatting">
<title>${escapeHtml(opts.title)}</title>
<style>
${HEAD_STYLE}
</style>
</head>
<body class="d-bg" style="margin:0;padding:0;background-color:${C.page}">
<div style="display:none;max-height:0;overflow:hidden;mso-hide:all">${escapeHtml(opts.preheader)}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" class="d-bg" style="background-color:${C.page}">
<tr><td align="center" style="padding:12px 8px">
<!--[if mso]><table role="presentation" width="640" cellpadding="0" cellspacing="0" border="0"><tr><td><![endif]-->
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" class="d-card" style="max-width:640px;background-color:${C.card};border-radius:6px">
<tr><td class="d-tx" style="padding:20px 16px 20px 16px;font-family:${FONT};font-size:16px;line-height:24px;color:${C.text};text-align:left;overflow-wrap:break-word;word-wrap:break-word">
${opts.bodyHtml}
</td></tr>
</table>
<!--[if mso]></td></tr></table><![endif]-->
</td></tr>
</table>
</body>
</html>
`;
}
