/**
 * Characters a reader cannot see but a platform will publish: bidirectional controls (an RLO turns
 * "Mayor praises" into something else on screen), zero-width characters and Unicode tag characters
 * (which can smuggle text past an approver). Headlines come from feeds, so everything shown to
 * people (drafts, exports, emails, alerts, the terminal) is cleaned of them. Two legitimate uses are kept: the zero-width joiner inside an emoji sequence
 * (👨‍👩‍👧) and the tag characters of a subdivision flag (England 🏴󠁧󠁢󠁥󠁮󠁧󠁿, Wales, Scotland).
 */

// Bidi embeddings, overrides and isolates, the marks LRM/RLM/ALM, zero-width space and non-joiner,
// word joiner, invisible operators, the BOM used as a zero-width no-break space, interlinear annotations,
// and the soft hyphen.
const ALWAYS = /[\u00AD\u061C\u200B\u200C\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\uFFF9-\uFFFB]/gu;
const FLAG = /\u{1F3F4}[\u{E0020}-\u{E007E}]+\u{E007F}/gu;
const TAG = /[\u{E0000}-\u{E007F}]/gu;
// A joiner is kept only between two pictographs (with an optional variation selector or skin tone).
const LONE_JOINER = /(?<![\p{Extended_Pictographic}\uFE0F\u{1F3FB}-\u{1F3FF}])\u200D|\u200D(?!\p{Extended_Pictographic})/gu;

export interface Cleaned {
  readonly text: string;
  /** How many characters were removed. */
  readonly removed: number;
}

export function removeInvisible(text: string): Cleaned {
  const flags: string[] = [];
  // Park the flags (their tag characters are wanted) behind a private-use placeholder, then restore.
  let out = text.replace(FLAG, (flag) => {
    flags.push(flag);
    return '\u{F0000}';
  });
  out = out.replace(ALWAYS, '').replace(TAG, '').replace(LONE_JOINER, '');
  let i = 0;
  out = out.replace(/\u{F0000}/gu, () => flags[i++] ?? '');
  return { text: out, removed: [...text].length - [...out].length };
}
