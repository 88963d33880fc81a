/**
 * Tokenising: what counts as a word and as "the same word". The fast scanner (char tables,
 * inline hashing) is checked against the plain definition: runs of \p{L}\p{N}\p{M}, a trailing
 * 's or ’s dropped, lower-cased, NFKD and stripped of everything but letters and digits.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileQuery, prepareText } from '../../../../shared/classify/rules/index.js';

const normalise = (s: string): string =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]/gu, '')
    .toLowerCase();

function naive(text: string): { word: string; start: number; end: number }[] {
  const out: { word: string; start: number; end: number }[] = [];
  const re = /[\p{L}\p{N}\p{M}]+/gu;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const end = m.index + m[0].length;
    const word = normalise(m[0]);
    if (word) out.push({ word, start: m.index, end });
    if (/^['’][sS](?![\p{L}\p{N}\p{M}])/u.test(text.slice(end))) re.lastIndex = end + 2;
  }
  return out;
}

function tokens(title: string): { word: string; start: number; end: number }[] {
  const text = prepareText({ title, summary: '' });
  return Array.from(text.starts, (start, p) => ({ word: text.wordAt(p), start, end: text.ends[p] ?? -1 }));
}

/** Characters that stress the scanner: capitals, apostrophes, combining marks, astral letters, emoji. */
const tricky = fc.constantFrom(..."aZ9 s'’-é\u0301İℌﬁ🎉𝐀—ßΣ\u00a0".match(/./gsu)!, 'S', "'s", '’S', '\ud800');
const trickyText = fc.array(tricky, { maxLength: 40 }).map((parts) => parts.join(''));

describe('prepareText tokens', () => {
  it.each([
    ['Café', ['cafe']],
    ['CAFE\u0301S', ['cafes']],
    ['İstanbul', ['istanbul']],
    ['ℌello ﬁnance', ['hello', 'finance']],
    ["The Mayor's office", ['the', 'mayor', 'office']],
    ['Lewisham’s', ['lewisham']],
    ["it'sa O'Brien", ['it', 'sa', 'o', 'brien']],
    ["Mayors' summit", ['mayors', 'summit']],
    ['council-run, co-op', ['council', 'run', 'co', 'op']],
    ['£5m (2024/25)', ['5m', '2024', '25']],
    ['🎉 𝐀lpha', ['alpha']],
    ['東京 Straße', ['東京', 'straße']],
  ])('%j → %j', (title, words) => {
    expect(tokens(title).map((t) => t.word)).toEqual(words);
  });

  it('agree with the plain definition on arbitrary and on tricky text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 60 }), trickyText), (title) => {
        expect(tokens(title)).toEqual(naive(title));
      }),
      { numRuns: 2000 },
    );
  });

  it('find every word of a text again when it is searched for as a phrase', () => {
    fc.assert(
      fc.property(fc.oneof(trickyText, fc.string({ unit: 'grapheme', maxLength: 40 })), (summary) => {
        const text = prepareText({ title: '', summary });
        for (const token of naive(summary)) {
          const spans = compileQuery(`"${token.word}"`).match(text) ?? [];
          expect(spans).toContainEqual({ field: 'summary', start: token.start, end: token.end, text: summary.slice(token.start, token.end) });
        }
      }),
      { numRuns: 500 },
    );
  });

  it('find every word and prefix of a text when the query was compiled first, also once newer texts exist', () => {
    fc.assert(
      fc.property(fc.oneof(trickyText, fc.string({ unit: 'grapheme', maxLength: 40 })), trickyText, (summary, other) => {
        const words = naive(summary);
        const queries = words.flatMap((token) => [
          compileQuery(`"${token.word}"`),
          ...(/^[a-z]{3}/.test(token.word) ? [compileQuery(`${token.word.slice(0, 3)}*`)] : []),
        ]);
        const text = prepareText({ title: other, summary });
        const check = (): void => {
          const spans = queries.flatMap((q) => q.match(text) ?? []);
          for (const token of words)
            expect(spans).toContainEqual({ field: 'summary', start: token.start, end: token.end, text: summary.slice(token.start, token.end) });
        };
        check();
        prepareText({ title: summary, summary: other }); // the text is no longer the latest one prepared
        check();
      }),
      { numRuns: 300 },
    );
  });
});
