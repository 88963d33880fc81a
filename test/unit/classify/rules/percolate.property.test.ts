/**
 * The percolator (an index of queries by the words they need) must give exactly what evaluating
 * every query in turn gives: same queries, same order, same spans. Random queries over a small
 * vocabulary, so that words, wildcards, phrases, NEAR, fields, NOT and metadata all meet.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileQuery, indexCompiled, prepareText, type CompiledQuery, type PreparedText } from '../../../../shared/classify/rules/index.js';

const WORDS = ['housing', 'homes', 'homeless', 'council', 'mayor', 'sport', 'café', 'rough', 'sleeping', 'rent', 'and', 'near'];
const PREFIXES = ['hom*', 'home*', 'cou*', 'caf*', 'rou*'];

const word = fc.constantFrom(...WORDS, ...PREFIXES, ...WORDS.map((w) => w.charAt(0).toUpperCase() + w.slice(1)));
const positional: fc.Arbitrary<string> = fc.oneof(
  word,
  fc.tuple(word, word).map(([a, b]) => `"${a} ${b}"`),
  fc.tuple(word, word, fc.integer({ min: 1, max: 3 })).map(([a, b, n]) => `(${a} NEAR/${n} ${b})`),
  fc.tuple(word, word).map(([a, b]) => `(${a} OR ${b})`),
);
const { query } = fc.letrec<{ query: string }>((tie) => ({
  query: fc.oneof(
    { maxDepth: 3 },
    positional,
    fc.tuple(tie('query'), tie('query')).map(([a, b]) => `(${a} AND ${b})`),
    fc.tuple(tie('query'), tie('query')).map(([a, b]) => `(${a} OR ${b})`),
    fc.tuple(tie('query'), tie('query')).map(([a, b]) => `(${a} ${b})`),
    tie('query').map((a) => `NOT ${a}`),
    fc.tuple(tie('query'), tie('query')).map(([a, b]) => `(${a} NOT ${b})`),
    positional.map((a) => `title:(${a})`),
    positional.map((a) => `summary:(${a})`),
    fc.constantFrom('source:bbc-london', 'site:bbc.co.uk'),
  ),
}));

const field = (max: number): fc.Arbitrary<string> =>
  fc.array(fc.constantFrom(...WORDS, 'Homelessness', 'Councils', 'CAFÉ', 'x', 'the'), { maxLength: max }).map((ws) => ws.join(' '));
const fields = fc.record({
  title: field(6),
  summary: field(14),
  sourceId: fc.constantFrom('bbc-london', 'other'),
  link: fc.constantFrom('https://www.bbc.co.uk/news/1', 'https://example.com/'),
});

function everyQuery(queries: readonly CompiledQuery[], text: PreparedText): { index: number; spans: unknown }[] {
  return queries.flatMap((q, index) => {
    const spans = q.match(text);
    return spans ? [{ index, spans }] : [];
  });
}

describe('percolator', () => {
  it('matches what evaluating every query does, in config order with the same spans', () => {
    fc.assert(
      fc.property(fc.array(query, { minLength: 1, maxLength: 12 }), fc.array(fields, { minLength: 1, maxLength: 4 }), (sources, items) => {
        const queries = sources.map((source) => compileQuery(source));
        const index = indexCompiled(queries);
        const texts = items.map((item) => prepareText(item));
        // Every text but the last is no longer the latest prepared: the older-text path is checked too.
        for (const text of texts) expect(index.match(text)).toEqual(everyQuery(queries, text));
      }),
      { numRuns: 1500 },
    );
  });

  it('also for texts prepared before the queries were compiled (their words new to the process)', () => {
    let run = 0;
    fc.assert(
      fc.property(fc.array(query, { minLength: 1, maxLength: 8 }), fields, (sources, item) => {
        // A fresh salt per run: every query word is unknown when the text is prepared.
        const salt = `p${(run++).toString(36)}q`;
        const salted = (s: string): string =>
          s.replace(/[\p{L}]+/gu, (w) => (/^(AND|OR|NOT|NEAR|title|summary|source|site|bbc|co|uk|london)$/.test(w) ? w : `${salt}${w}`));
        const text = prepareText({ ...item, title: salted(item.title), summary: salted(item.summary) });
        const queries = sources.map((source) => compileQuery(salted(source)));
        expect(indexCompiled(queries).match(text)).toEqual(everyQuery(queries, text));
      }),
      { numRuns: 500 },
    );
  });
});
