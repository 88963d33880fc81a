/**
 * Feed text as it is shown to people: control and bidi-override characters removed, whitespace
 * collapsed, cut to length at a word, and split into plain and highlighted pieces by the match
 * spans the classifier recorded. The pieces stay plain text here; each renderer escapes them
 * itself, so a highlight is never made by inserting tags into an unescaped string.
 */
import type { MatchSpan } from '../../platform/model.js';
import { removeInvisible } from '../../platform/invisible.js';
import { escapeHtml } from './escape.js';

export interface TextPiece {
  readonly text: string;
  readonly marked: boolean;
  /** A sensitivity match (a trigger, the Mayor's name near it), shown apart from a priority's words. */
  readonly sensitive?: boolean;
}

/** A span to highlight, and whether it is a sensitivity match rather than a priority's. */
export type HighlightSpan = MatchSpan & { readonly sensitive?: boolean };

// C0/C1 controls other than whitespace; the invisible and text-direction characters (U+202E
// reversing the rest of a line, zero-width and tag characters) are platform/invisible.ts's.
const CONTROLS = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F]/g;

/** One line of plain text: controls and invisible characters removed, runs of whitespace (newlines included) made one space. */
export function cleanText(s: string): string {
  return removeInvisible(s.replace(CONTROLS, '')).text.replace(/\s+/g, ' ').trim();
}

/**
 * Splits `raw` into pieces, marking the spans that fall inside it, then cleans the pieces and cuts
 * the whole to at most `maxChars` characters (plus "…"), at a word boundary where one is near.
 *
 * Spans come from another function and are trusted only as far as they check out: a span outside
 * the string, empty, or whose recorded text does not match the string at its offsets (a different
 * normalisation upstream) is ignored rather than highlighting the wrong words.
 */
export function highlightPieces(raw: string, spans: readonly HighlightSpan[], maxChars: number): TextPiece[] {
  const ranges = validRanges(raw, spans);
  const pieces: TextPiece[] = [];
  let at = 0;
  for (const [start, end, sensitive] of ranges) {
    if (start > at) pieces.push({ text: raw.slice(at, start), marked: false });
    pieces.push(sensitive ? { text: raw.slice(start, end), marked: true, sensitive: true } : { text: raw.slice(start, end), marked: true });
    at = end;
  }
  if (at < raw.length) pieces.push({ text: raw.slice(at), marked: false });
  return truncatePieces(cleanPieces(pieces), maxChars);
}

/**
 * The pieces as HTML: each escaped, the marked ones wrapped in <mark> with colours that hold in dark
 * mode. A sensitivity match gets `sensitiveStyle` (bold and underlined, so it differs by more than
 * colour) and a title saying what it is.
 */
export function piecesToHtml(pieces: readonly TextPiece[], markStyle: string, sensitiveStyle: string = markStyle): string {
  return pieces
    .map((p) => {
      if (!p.marked) return escapeHtml(p.text);
      if (p.sensitive) return `<mark class="d-sens" title="sensitive" style="${sensitiveStyle}">${escapeHtml(p.text)}</mark>`;
      return `<mark style="${markStyle}">${escapeHtml(p.text)}</mark>`;
    })
    .join('');
}

export function piecesToText(pieces: readonly TextPiece[]): string {
  return pieces.map((p) => p.text).join('');
}

/** Cleans and cuts plain text (no highlights): for subjects, outlets, reasons. */
export function clip(raw: string, maxChars: number): string {
  return piecesToText(truncatePieces(cleanPieces([{ text: raw, marked: false }]), maxChars));
}

function validRanges(raw: string, spans: readonly HighlightSpan[]): [number, number, boolean][] {
  const ranges = spans
    .filter((s) => s.start < s.end && s.end <= raw.length)
    .filter((s) => s.text === '' || raw.slice(s.start, s.end).toLowerCase() === s.text.toLowerCase())
    .map((s): [number, number, boolean] => [s.start, s.end, s.sensitive === true])
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  // Overlapping or touching spans ("Mayor" inside "Mayor of Lewisham") become one highlight.
  // A highlight that holds a sensitivity match is shown as one.
  const merged: [number, number, boolean][] = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) {
      last[1] = Math.max(last[1], range[1]);
      last[2] = last[2] || range[2];
    } else merged.push([range[0], range[1], range[2]]);
  }
  return merged;
}

function cleanPieces(pieces: readonly TextPiece[]): TextPiece[] {
  const out: TextPiece[] = [];
  let endsWithSpace = true; // so leading whitespace of the first piece is dropped
  for (const piece of pieces) {
    let text = removeInvisible(piece.text.replace(CONTROLS, '')).text.replace(/\s+/g, ' ');
    if (endsWithSpace) text = text.replace(/^ /, '');
    if (text === '') continue;
    endsWithSpace = text.endsWith(' ');
    out.push({ ...piece, text });
  }
  const last = out[out.length - 1];
  if (last && last.text.endsWith(' ')) {
    const trimmed = last.text.slice(0, -1);
    if (trimmed === '') out.pop();
    else out[out.length - 1] = { ...last, text: trimmed };
  }
  return out;
}

function truncatePieces(pieces: readonly TextPiece[], maxChars: number): TextPiece[] {
  const total = pieces.reduce((n, p) => n + p.text.length, 0);
  if (total <= maxChars) return [...pieces];
  const joined = pieces.map((p) => p.text).join('');
  let cut = cutPoint(joined, maxChars);
  const out: TextPiece[] = [];
  for (const piece of pieces) {
    if (cut <= 0) break;
    const text = piece.text.slice(0, cut);
    cut -= piece.text.length;
    out.push({ ...piece, text });
  }
  // Drop trailing spaces and punctuation that would sit oddly before the ellipsis.
  while (out.length > 0) {
    const last = out[out.length - 1]!;
    const trimmed = last.text.replace(/[\s,;:.\-–—]+$/, '');
    if (trimmed !== '') {
      out[out.length - 1] = { ...last, text: trimmed };
      break;
    }
    out.pop();
  }
  out.push({ text: '…', marked: false });
  return out;
}

/** Where to cut so the text is at most maxChars: the last space in the final fifth if any, else a hard cut that never splits a surrogate pair. */
function cutPoint(s: string, maxChars: number): number {
  const space = s.lastIndexOf(' ', maxChars);
  if (space >= maxChars * 0.8) return space;
  const code = s.charCodeAt(maxChars - 1);
  return code >= 0xd800 && code <= 0xdbff ? maxChars - 1 : maxChars;
}
