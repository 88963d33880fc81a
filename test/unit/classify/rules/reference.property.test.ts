/**
 * The compiled matcher must agree with a deliberately naive reference: random queries over a small
 * vocabulary, printed as text (so the parser and its precedence rules are exercised too), against
 * random texts built from the same words. The reference walks token arrays and knows nothing of
 * position indexes, hashing, wildcards buckets or pre-filters.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileQuery, prepareText, type TextFields } from '../../../../shared/classify/rules/index.js';

type Field = 'title' | 'summary';

/** Query trees as the generator builds them; `near` operands are positional by construction. */
type Q =
  | { readonly k: 'word'; readonly text: string; readonly prefix: boolean; readonly capital: boolean }
  | { readonly k: 'phrase'; readonly words: readonly { readonly text: string; readonly prefix: boolean }[] }
  | { readonly k: 'and'; readonly a: Q; readonly b: Q; readonly implicit: boolean }
  | { readonly k: 'or'; readonly a: Q; readonly b: Q }
  | { readonly k: 'not'; readonly a: Q }
  | { readonly k: 'near'; readonly a: Q; readonly b: Q; readonly n: number; readonly ordered: boolean }
  | { readonly k: 'field'; readonly field: Field; readonly a: Q }
  | { readonly k: 'meta'; readonly field: 'source' | 'site'; readonly value: string };

// Lower-case "and", "or", "not", "near" are ordinary words and must be treated as such.
const WORDS = ['housing', 'homes', 'homeless', 'homelessness', 'council', 'mayor', 'sport', 'café', 'rough', 'sleeping', 'rent', 'and', 'or', 'not', 'near'];
const PREFIXES = ['hom', 'home', 'homeless', 'cou', 'caf', 'rou', 'sle'];
// Sources and sites, with look-alikes: a site must match whole labels, so co.uk finds bbc.co.uk but c.co.uk does not.
const SOURCE_IDS = ['bbc-london', 'news-shopper', 'news'];
const SITES = ['bbc.co.uk', 'co.uk', 'c.co.uk', 'news.bbc.co.uk', 'newsshopper.co.uk', 'gov.uk'];
const LINKS = [
  'https://www.bbc.co.uk/news/1',
  'https://news.bbc.co.uk/x',
  'http://NewsShopper.co.uk/a?b=1',
  'https://notbbc.co.uk/',
  'https://gov.uk',
  'https://example.com/?u=https://bbc.co.uk',
  '',
  'not a link',
];

// ---------------------------------------------------------------------------------------------
// Reference: naive tokenising and evaluation.

interface Tok {
  readonly field: Field;
  readonly word: string;
  readonly start: number;
  readonly end: number;
}

function naiveTokens(fields: TextFields): Tok[] {
  const toks: Tok[] = [];
  for (const field of ['title', 'summary'] as const) {
    const text = fields[field];
    const re = /[\p{L}\p{N}\p{M}]+/gu;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const word = m[0]
        .toLowerCase()
        .normalize('NFKD')
        .replace(/[^\p{L}\p{N}]/gu, '')
        .toLowerCase();
      const end = m.index + m[0].length;
      if (word) toks.push({ field, word, start: m.index, end });
      if (/^['’][sS](?![\p{L}\p{N}\p{M}])/u.test(text.slice(end))) re.lastIndex = end + 2;
    }
  }
  return toks;
}

interface Item {
  readonly sourceId: string;
  readonly link: string;
}

interface Occ {
  readonly first: number;
  readonly last: number;
  readonly parts: readonly (readonly [number, number])[];
}

const wordIs = (tok: Tok | undefined, w: { text: string; prefix: boolean }, norm: (s: string) => string): boolean =>
  tok !== undefined && (w.prefix ? tok.word.startsWith(norm(w.text)) : tok.word === norm(w.text));

function makeReference(norm: (s: string) => string) {
  function occurrences(q: Q, toks: readonly Tok[], scope: Field | undefined): Occ[] {
    const inScope = (i: number): boolean => scope === undefined || toks[i]?.field === scope;
    switch (q.k) {
      case 'word':
        return toks.flatMap((tok, i) => (inScope(i) && wordIs(tok, q, norm) ? [{ first: i, last: i, parts: [[i, i] as const] }] : []));
      case 'phrase':
        return toks.flatMap((tok, i) => {
          const last = i + q.words.length - 1;
          const ok = inScope(i) && q.words.every((w, j) => toks[i + j]?.field === tok.field && wordIs(toks[i + j], w, norm));
          return ok ? [{ first: i, last, parts: [[i, last] as const] }] : [];
        });
      case 'or':
        return [...occurrences(q.a, toks, scope), ...occurrences(q.b, toks, scope)];
      case 'field':
        return occurrences(q.a, toks, q.field);
      case 'near': {
        const out: Occ[] = [];
        for (const a of occurrences(q.a, toks, scope)) {
          for (const b of occurrences(q.b, toks, scope)) {
            if (toks[a.first]?.field !== toks[b.first]?.field) continue;
            const forward = b.first > a.last && b.first - a.last - 1 <= q.n;
            const backward = !q.ordered && a.first > b.last && a.first - b.last - 1 <= q.n;
            if (forward || backward) out.push({ first: Math.min(a.first, b.first), last: Math.max(a.last, b.last), parts: [...a.parts, ...b.parts] });
          }
        }
        return out;
      }
      case 'and':
      case 'not':
      case 'meta':
        throw new Error('not positional');
    }
  }

  function holds(q: Q, toks: readonly Tok[], scope: Field | undefined, item: Item): boolean {
    switch (q.k) {
      case 'meta': {
        if (q.field === 'source') return item.sourceId === q.value;
        const host = /^[a-z]+:\/\/([^/:?#]+)/i.exec(item.link)?.[1]?.toLowerCase() ?? '';
        return host === q.value || host.endsWith(`.${q.value}`);
      }
      case 'and':
        return holds(q.a, toks, scope, item) && holds(q.b, toks, scope, item);
      case 'or':
        return holds(q.a, toks, scope, item) || holds(q.b, toks, scope, item);
      case 'not':
        return !holds(q.a, toks, scope, item);
      case 'field':
        return holds(q.a, toks, q.field, item);
      default:
        return occurrences(q, toks, scope).length > 0;
    }
  }

  /** The highlighted token ranges: every occurrence of every positive part that holds. */
  function spans(q: Q, toks: readonly Tok[], scope: Field | undefined, item: Item, out: Set<string>): void {
    if (!holds(q, toks, scope, item)) return;
    switch (q.k) {
      case 'and':
      case 'or':
        spans(q.a, toks, scope, item, out);
        spans(q.b, toks, scope, item, out);
        return;
      case 'not':
      case 'meta':
        return;
      case 'field':
        spans(q.a, toks, q.field, item, out);
        return;
      default:
        for (const occ of occurrences(q, toks, scope)) {
          for (const [first, last] of occ.parts) {
            const a = toks[first]!;
            out.add(`${a.field}:${a.start}:${toks[last]!.end}`);
          }
        }
    }
  }

  return (q: Q, fields: TextFields): string[] | null => {
    const toks = naiveTokens(fields);
    const item: Item = { sourceId: fields.sourceId ?? '', link: fields.link ?? '' };
    if (!holds(q, toks, undefined, item)) return null;
    const out = new Set<string>();
    spans(q, toks, undefined, item, out);
    return [...out].sort();
  };
}

// ---------------------------------------------------------------------------------------------
// Printing a tree as query text, with only the parentheses precedence requires.

const PREC = { or: 1, and: 2, near: 3, not: 4, atom: 5 } as const;
const prec = (q: Q): number => (q.k === 'word' || q.k === 'phrase' || q.k === 'field' || q.k === 'meta' ? PREC.atom : PREC[q.k]);

function print(q: Q, salt: string): string {
  const wrap = (child: Q, min: number): string => (prec(child) < min ? `(${print(child, salt)})` : print(child, salt));
  switch (q.k) {
    case 'word': {
      const text = `${salt}${q.text}`;
      return `${q.capital ? text.charAt(0).toUpperCase() + text.slice(1) : text}${q.prefix ? '*' : ''}`;
    }
    case 'phrase':
      return `"${q.words.map((w) => `${salt}${w.text}${w.prefix ? '*' : ''}`).join(' ')}"`;
    case 'and':
      return `${wrap(q.a, PREC.and)}${q.implicit ? ' ' : ' AND '}${wrap(q.b, PREC.and)}`;
    case 'or':
      return `${wrap(q.a, PREC.or)} OR ${wrap(q.b, PREC.or)}`;
    case 'not':
      return `NOT ${wrap(q.a, PREC.not)}`;
    case 'near': {
      const op = `${q.ordered ? 'ONEAR' : 'NEAR'}${q.n === 5 && !q.ordered ? '' : `/${q.n}`}`;
      // Left-associative: a NEAR on the right needs parentheses, one on the left does not.
      return `${wrap(q.a, PREC.near)} ${op} ${wrap(q.b, PREC.near + 1)}`;
    }
    case 'field':
      return `${q.field}:${q.a.k === 'word' || q.a.k === 'phrase' ? print(q.a, salt) : `(${print(q.a, salt)})`}`;
    case 'meta':
      return `${q.field}:${q.value}`;
  }
}

// ---------------------------------------------------------------------------------------------
// Generators.

const wordArb: fc.Arbitrary<Q> = fc.oneof(
  fc.record({ k: fc.constant('word' as const), text: fc.constantFrom(...WORDS), prefix: fc.constant(false), capital: fc.boolean() }),
  fc.record({ k: fc.constant('word' as const), text: fc.constantFrom(...PREFIXES), prefix: fc.constant(true), capital: fc.boolean() }),
);
const phraseArb: fc.Arbitrary<Q> = fc.record({
  k: fc.constant('phrase' as const),
  words: fc.array(
    fc.oneof(
      fc.record({ text: fc.constantFrom(...WORDS), prefix: fc.constant(false) }),
      fc.record({ text: fc.constantFrom(...PREFIXES), prefix: fc.constant(true) }),
    ),
    { minLength: 2, maxLength: 3 },
  ),
});

/** Trees without field scopes (used under a scope, which may not nest a different one). */
const { unscoped, positional } = fc.letrec<{ unscoped: Q; positional: Q }>((tie) => ({
  positional: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    wordArb,
    phraseArb,
    fc.record({ k: fc.constant('or' as const), a: tie('positional'), b: tie('positional') }),
    fc.record({ k: fc.constant('near' as const), a: tie('positional'), b: tie('positional'), n: fc.integer({ min: 1, max: 6 }), ordered: fc.boolean() }),
  ),
  unscoped: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    wordArb,
    phraseArb,
    fc.record({ k: fc.constant('and' as const), a: tie('unscoped'), b: tie('unscoped'), implicit: fc.boolean() }),
    fc.record({ k: fc.constant('or' as const), a: tie('unscoped'), b: tie('unscoped') }),
    fc.record({ k: fc.constant('not' as const), a: tie('unscoped') }),
    tie('positional'),
  ),
}));

/** source: and site: only outside field scopes (the parser rejects them inside, see errors.test.ts). */
const metaArb: fc.Arbitrary<Q> = fc.oneof(
  fc.record({ k: fc.constant('meta' as const), field: fc.constant('source' as const), value: fc.constantFrom(...SOURCE_IDS) }),
  fc.record({ k: fc.constant('meta' as const), field: fc.constant('site' as const), value: fc.constantFrom(...SITES) }),
);

const queryArb: fc.Arbitrary<Q> = fc.letrec<{ q: Q }>((tie) => ({
  q: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    unscoped,
    metaArb,
    fc.record({ k: fc.constant('field' as const), field: fc.constantFrom<Field>('title', 'summary'), a: unscoped }),
    fc.record({ k: fc.constant('and' as const), a: tie('q'), b: tie('q'), implicit: fc.boolean() }),
    fc.record({ k: fc.constant('or' as const), a: tie('q'), b: tie('q') }),
    fc.record({ k: fc.constant('not' as const), a: tie('q') }),
  ),
})).q;

const SEPARATORS = [' ', ' ', ' ', ', ', '-', ' — ', "'s ", '’s ', '. ', ' 🎉 ', '\n', "s' "];
const textWordArb = fc.tuple(fc.constantFrom(...WORDS, 'cafe\u0301', 'Homelessness', 'rough-sleeping'), fc.constantFrom('lower', 'capital', 'upper'));

function fieldArb(maxWords: number, salt: string): fc.Arbitrary<string> {
  return fc.array(fc.tuple(textWordArb, fc.constantFrom(...SEPARATORS)), { maxLength: maxWords }).map((parts) =>
    parts
      .map(([[word, style], sep]) => {
        const w = `${salt}${word}`;
        return (style === 'upper' ? w.toUpperCase() : style === 'capital' ? w.charAt(0).toUpperCase() + w.slice(1) : w) + sep;
      })
      .join(''),
  );
}

const textArb = (salt: string): fc.Arbitrary<TextFields> =>
  fc.record(
    { title: fieldArb(6, salt), summary: fieldArb(16, salt), sourceId: fc.constantFrom(...SOURCE_IDS), link: fc.constantFrom(...LINKS) },
    { requiredKeys: ['title', 'summary'] },
  );

function actual(query: string, text: ReturnType<typeof prepareText>): string[] | null {
  const spans = compileQuery(query).match(text);
  return spans && spans.map((s) => `${s.field}:${s.start}:${s.end}`).sort();
}

describe('compiled matcher agrees with the naive reference', () => {
  const reference = makeReference((s) =>
    s
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^\p{L}\p{N}]/gu, '')
      .toLowerCase(),
  );

  it('on random queries over random texts (queries compiled before texts are prepared)', () => {
    fc.assert(
      fc.property(queryArb, textArb(''), (q, fields) => {
        const query = print(q, '');
        compileQuery(query); // ensure its words are known before the text is prepared
        expect(actual(query, prepareText(fields))).toEqual(reference(q, fields));
      }),
      { numRuns: 3000 },
    );
  });

  it('when the text was prepared before the query was compiled (words new to the process)', () => {
    // A fresh salt per run makes every query word unknown when the text is prepared, so the
    // slow path for late queries is what gets compared.
    let run = 0;
    fc.assert(
      fc.property(
        fc.constant(null).chain(() => {
          const salt = `q${(run++).toString(36)}x`;
          return fc.tuple(fc.constant(salt), queryArb, textArb(salt));
        }),
        ([salt, q, fields]) => {
          const text = prepareText(fields);
          const query = print(q, salt);
          const late = actual(query, text);
          expect(late).toEqual(actual(query, prepareText(fields)));
          const saltedReference = makeReference((s) =>
            s
              .toLowerCase()
              .normalize('NFKD')
              .replace(/[^\p{L}\p{N}]/gu, '')
              .toLowerCase(),
          );
          expect(late).toEqual(saltedReference(saltQuery(q, salt), fields));
        },
      ),
      { numRuns: 1000 },
    );
  });
});

/** The same tree with every word salted, as `print(q, salt)` writes it. */
function saltQuery(q: Q, salt: string): Q {
  switch (q.k) {
    case 'word':
      return { ...q, text: `${salt}${q.text}` };
    case 'phrase':
      return { ...q, words: q.words.map((w) => ({ ...w, text: `${salt}${w.text}` })) };
    case 'meta':
      return q;
    case 'not':
    case 'field':
      return { ...q, a: saltQuery(q.a, salt) };
    case 'and':
    case 'or':
    case 'near':
      return { ...q, a: saltQuery(q.a, salt), b: saltQuery(q.b, salt) };
  }
}
