/**
 * Compiles a query tree into matchers over a PreparedText. Matching runs in two passes: `test`
 * answers yes/no with short-circuits and no allocation for the common miss, and only a matching
 * item pays for `collect`, which gathers the spans of every positive part that holds.
 */
import type { MatchSpan } from '../../platform/model.js';
import type { QueryNode } from './parse.js';
import type { PreparedText } from './tokenise.js';
import { vocabulary, type VocabularyEntry } from './vocabulary.js';

/** Which fields a part of the query may look in: bit 1 title, bit 2 summary. */
type Mask = 1 | 2 | 3;
const TITLE: Mask = 1;
const SUMMARY: Mask = 2;
const BOTH: Mask = 3;

interface Matcher {
  /** Rough relative cost of `test`, so AND/OR try cheap children first. */
  readonly cost: number;
  test(text: PreparedText): boolean;
  /** Adds this matcher's spans; only called where `test` is true. */
  collect(text: PreparedText, out: Spans): void;
}

/**
 * A matcher that can list where it occurs, so NEAR can measure distances.
 *
 * Why intervals and not every derivation: NEAR only looks at where an operand starts and ends,
 * so occurrences are kept distinct by [first, last] (packed as first * SHIFT + last). Listing
 * every combination instead made a chain of NEARs on one repeated word combinatorial (6 operands
 * on a 300-character headline exhausted a 4 GB heap); distinct intervals are at most the text's
 * length times the query's window, so the work is linear in the text for a fixed query. The
 * words to highlight are found afterwards, top-down, only for the occurrences that matched.
 */
interface Positional extends Matcher {
  /** Distinct occurrences, packed, ascending (so by first, then last). */
  occurrences(text: PreparedText): number[];
  /** Adds the spans that explain `wanted` (some of this matcher's occurrences, ascending). */
  collectFor(text: PreparedText, wanted: readonly number[], out: Spans): void;
}

export interface Evaluator {
  /** A plain function (no `this`), so callers may pass it around on its own. */
  readonly match: (text: PreparedText) => MatchSpan[] | null;
  /**
   * What a text must contain to have any chance: each list needs one of its entries present (an
   * empty array means no such condition). Archive search selects candidates with it (shared/workspace/search.ts).
   */
  readonly required: readonly (readonly VocabularyEntry[])[];
  /**
   * Vocabulary ids of which a text must contain at least one for the query to match (what a
   * percolator indexes it by), or null when it can match on absence alone (`NOT sport`).
   */
  readonly keys: readonly number[] | null;
}

/** Builds the evaluator for a parsed query; the tree has already been checked by the parser. */
export function compileTree(root: QueryNode): Evaluator {
  const matcher = compile(root, BOTH);
  // Flattened: ids of each "any of" list back to back, and where each list ends.
  const lists = prefilter(requirements(root));
  const needIds = lists.flat().map((entry) => entry.id);
  const needEnds = lists.map((_, i) => lists.slice(0, i + 1).reduce((sum, list) => sum + list.length, 0));
  const [rarest] = [...lists].sort((a, b) => rarity(a) - rarity(b));
  return {
    required: lists,
    keys: rarest ? rarest.map((entry) => entry.id) : null,
    match: (text) => {
      // Most items match few queries: reject on bit tests before walking the matcher tree.
      let k = 0;
      for (const end of needEnds) {
        while (k < end && !text.containsId(needIds[k]!)) k++;
        if (k === end) return null;
        k = end;
      }
      if (!matcher.test(text)) return null;
      const spans = new Spans();
      matcher.collect(text, spans);
      return spans.toMatchSpans(text);
    },
  };
}

/**
 * Entries a text must contain for the query to have any chance: every inner list needs at least
 * one of its entries present. An empty result means no such condition (e.g. `NOT sport`).
 */
type Requirement = readonly (readonly VocabularyEntry[])[];

function requirements(node: QueryNode): Requirement {
  switch (node.kind) {
    case 'words':
      return node.words.map((word) => [vocabulary.intern(word.text, word.prefix)]);
    case 'field':
      return requirements(node.child);
    case 'not':
    case 'meta':
      return [];
    case 'and':
      return node.children.flatMap(requirements);
    case 'near':
      return [...requirements(node.left), ...requirements(node.right)];
    case 'or': {
      // One branch is enough, so the text needs something from some branch: the union of each
      // branch's narrowest list.
      const union = new Set<VocabularyEntry>();
      for (const child of node.children) {
        const narrowest = [...requirements(child)].sort((a, b) => a.length - b.length)[0];
        if (!narrowest) return [];
        for (const entry of narrowest) union.add(entry);
      }
      return [[...union]];
    }
  }
}

/**
 * A guess at how often a text holds something from the list (lower: rarer), with no corpus to
 * count: each entry adds to it, a wildcard more than a word (it stands for many words), a short
 * word more than a long one (short words are the common ones).
 */
function rarity(list: readonly VocabularyEntry[]): number {
  let sum = 0;
  for (const entry of list) sum += (entry.prefix ? 4 : 1) * (entry.text.length < 4 ? 2 : 1);
  return sum;
}

/** The few narrowest lists, distinct: enough to reject nearly every non-matching text cheaply. */
function prefilter(requirement: Requirement): (readonly VocabularyEntry[])[] {
  const seen = new Set<string>();
  return requirement
    .filter((list) => list.length > 0)
    .sort((a, b) => a.length - b.length)
    .filter((list) => {
      const key = list.map((entry) => entry.id).join(',');
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, 3);
}

function compile(node: QueryNode, mask: Mask): Matcher {
  switch (node.kind) {
    case 'words':
    case 'near':
      return compilePositional(node, mask);
    case 'field':
      return compile(node.child, narrow(mask, node.field === 'title' ? TITLE : SUMMARY));
    case 'not':
      return notMatcher(compile(node.child, mask));
    case 'and':
      return andMatcher(node.children.map((child) => compile(child, mask)));
    case 'or':
      return orMatcher(node.children.map((child) => compile(child, mask)));
    case 'meta':
      return metaMatcher(node.field, node.value);
  }
}

function compilePositional(node: QueryNode, mask: Mask): Positional {
  switch (node.kind) {
    case 'words': {
      const entries = node.words.map((word) => vocabulary.intern(word.text, word.prefix));
      const [only] = entries;
      return only && entries.length === 1 ? entryMatcher(only, mask) : sequenceMatcher(entries, mask);
    }
    case 'near':
      return nearMatcher(compilePositional(node.left, mask), compilePositional(node.right, mask), node.distance, node.ordered);
    case 'field':
      return compilePositional(node.child, narrow(mask, node.field === 'title' ? TITLE : SUMMARY));
    case 'or':
      return positionalOr(node.children.map((child) => compilePositional(child, mask)));
    case 'and':
    case 'not':
    case 'meta':
      // The parser rejects these as NEAR operands; reaching here is a bug, not a user error.
      throw new Error(`internal: ${node.kind} used as a positional operand`);
  }
}

function narrow(mask: Mask, field: Mask): Mask {
  // The parser rejects title: inside summary:, so the intersection is never empty.
  return (mask & field || field) as Mask;
}

function inField(text: PreparedText, position: number, mask: Mask): boolean {
  return mask === BOTH || (position < text.titleCount ? mask === TITLE : mask === SUMMARY);
}

/** Whether a sorted position list has any entry in the mask: O(1) because the title comes first. */
function anyInField(text: PreparedText, list: readonly number[], mask: Mask): boolean {
  if (list.length === 0) return false;
  if (mask === BOTH) return true;
  return mask === TITLE ? list[0]! < text.titleCount : list[list.length - 1]! >= text.titleCount;
}

function singleOccurrences(text: PreparedText, list: readonly number[], mask: Mask): number[] {
  const found: number[] = [];
  for (const p of list) if (inField(text, p, mask)) found.push(p * SHIFT + p);
  return found;
}

/** A word or phrase explains itself: each wanted occurrence is one span. */
function collectSelf(_text: PreparedText, wanted: readonly number[], out: Spans): void {
  for (const key of wanted) out.addKey(key);
}

function firstOf(key: number): number {
  return Math.floor(key / SHIFT);
}

function lastOf(key: number): number {
  return key % SHIFT;
}

/** Ascending and distinct, in place. */
function sortDistinct(keys: number[]): number[] {
  keys.sort((a, b) => a - b);
  let kept = 0;
  for (let i = 0; i < keys.length; i++) if (i === 0 || keys[i] !== keys[kept - 1]) keys[kept++] = keys[i]!;
  keys.length = kept;
  return keys;
}

/** The first index in ascending `values` (read through `at`) whose value is at least `min`. */
function lowerBound(length: number, at: (i: number) => number, min: number): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (at(mid) < min) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The keys of ascending `keys` that are also in ascending `among`. */
function intersect(keys: readonly number[], among: readonly number[]): number[] {
  const both: number[] = [];
  let j = 0;
  for (const key of keys) {
    while (j < among.length && among[j]! < key) j++;
    if (j < among.length && among[j] === key) both.push(key);
  }
  return both;
}

/** A single word or wildcard: its position list, already built by prepareText. */
function entryMatcher(entry: VocabularyEntry, mask: Mask): Positional {
  return {
    cost: 1,
    test: (text) => (mask === BOTH ? text.contains(entry) : anyInField(text, text.positionsOf(entry), mask)),
    occurrences: (text) => singleOccurrences(text, text.positionsOf(entry), mask),
    collectFor: collectSelf,
    collect(text, out) {
      for (const p of text.positionsOf(entry)) if (inField(text, p, mask)) out.add(p, p);
    },
  };
}

/** A phrase (or a hyphenated term): consecutive tokens within one field. */
function sequenceMatcher(pattern: readonly VocabularyEntry[], mask: Mask): Positional {
  const length = pattern.length;
  const head = pattern[0]!;
  const matchesAt = (text: PreparedText, p: number): boolean => {
    const last = p + length - 1;
    if (!inField(text, p, mask)) return false;
    // A phrase never runs from the title into the summary.
    if (p < text.titleCount !== last < text.titleCount) return false;
    for (let i = 1; i < length; i++) if (!text.isAt(p + i, pattern[i]!)) return false;
    return true;
  };
  const possible = (text: PreparedText): boolean => {
    // Cheap rejection: every word must occur somewhere before we walk positions.
    for (const entry of pattern) if (text.positionsOf(entry).length === 0) return false;
    return true;
  };
  const occurrences = (text: PreparedText): number[] => {
    const found: number[] = [];
    if (!possible(text)) return found;
    for (const p of text.positionsOf(head)) if (matchesAt(text, p)) found.push(p * SHIFT + p + length - 1);
    return found;
  };
  return {
    cost: 3,
    test(text) {
      if (!possible(text)) return false;
      for (const p of text.positionsOf(head)) if (matchesAt(text, p)) return true;
      return false;
    },
    occurrences,
    collectFor: collectSelf,
    collect(text, out) {
      for (const key of occurrences(text)) out.addKey(key);
    },
  };
}

/**
 * `A NEAR/n B`: occurrences of A and B in one field, not overlapping, at most n words apart.
 * Each occurrence of A looks only at the occurrences of B that start (or, unordered, end) within
 * n words of it, found by binary search: never the product of both lists.
 */
function nearMatcher(left: Positional, right: Positional, distance: number, ordered: boolean): Positional {
  /**
   * Calls `pair` for each qualifying (a, b) with the occurrence they make together; stops when
   * it returns true. Says whether it was stopped.
   */
  const eachPair = (text: PreparedText, pair: (a: number, b: number, joined: number) => boolean): boolean => {
    if (!left.test(text) || !right.test(text)) return false;
    const lefts = left.occurrences(text);
    const rights = right.occurrences(text);
    // By last, for occurrences of B that end just before A starts.
    const byLast = ordered ? [] : [...rights].sort((x, y) => lastOf(x) - lastOf(y) || x - y);
    const titleCount = text.titleCount;
    for (const a of lefts) {
      const aFirst = firstOf(a);
      const aLast = lastOf(a);
      const aTitle = aFirst < titleCount;
      // B after A: b.first in [a.last + 1, a.last + 1 + distance].
      for (let i = lowerBound(rights.length, (k) => rights[k]!, (aLast + 1) * SHIFT); i < rights.length; i++) {
        const b = rights[i]!;
        const bFirst = firstOf(b);
        if (bFirst - aLast - 1 > distance) break;
        if (aTitle !== bFirst < titleCount) continue;
        if (pair(a, b, aFirst * SHIFT + lastOf(b))) return true;
      }
      if (ordered) continue;
      // B before A: b.last in [a.first - 1 - distance, a.first - 1].
      for (let i = lowerBound(byLast.length, (k) => lastOf(byLast[k]!), aFirst - 1 - distance); i < byLast.length; i++) {
        const b = byLast[i]!;
        if (lastOf(b) >= aFirst) break;
        const bFirst = firstOf(b);
        if (aTitle !== bFirst < titleCount) continue;
        if (pair(a, b, bFirst * SHIFT + aLast)) return true;
      }
    }
    return false;
  };
  // The last text's occurrences: test, collect and an enclosing NEAR all ask for them, and
  // recomputing at every level of a NEAR chain would double the work per level.
  let cachedText: PreparedText | undefined;
  let cached: number[] = [];
  const occurrences = (text: PreparedText): number[] => {
    if (text === cachedText) return cached;
    const found: number[] = [];
    eachPair(text, (_a, _b, joined) => {
      found.push(joined);
      return false;
    });
    cachedText = text;
    cached = sortDistinct(found);
    return cached;
  };
  const collectFor = (text: PreparedText, wanted: readonly number[], out: Spans): void => {
    // Every pair that makes a wanted occurrence explains it, as every derivation did before.
    const want = new Set(wanted);
    const fromLeft: number[] = [];
    const fromRight: number[] = [];
    eachPair(text, (a, b, joined) => {
      if (want.has(joined)) {
        fromLeft.push(a);
        fromRight.push(b);
      }
      return false;
    });
    left.collectFor(text, sortDistinct(fromLeft), out);
    right.collectFor(text, sortDistinct(fromRight), out);
  };
  return {
    cost: left.cost + right.cost + 4,
    test: (text) => (text === cachedText ? cached.length > 0 : eachPair(text, () => true)),
    occurrences,
    collectFor,
    collect: (text, out) => collectFor(text, occurrences(text), out),
  };
}

/**
 * `source:` and `site:`: facts about the item, not its words, so nothing to highlight. A site
 * includes its subdomains (site:bbc.co.uk finds feeds.bbc.co.uk) but not look-alikes (notbbc.co.uk).
 */
function metaMatcher(field: 'source' | 'site', value: string): Matcher {
  const suffix = `.${value}`;
  return {
    cost: 1,
    test:
      field === 'source'
        ? (text) => text.sourceId === value
        : (text) => {
            const host = text.host;
            return host === value || host.endsWith(suffix);
          },
    collect: () => undefined,
  };
}

function positionalOr(children: Positional[]): Positional {
  const base = orMatcher(children);
  return {
    ...base,
    occurrences(text) {
      const all: number[] = [];
      for (const child of children) for (const key of child.occurrences(text)) all.push(key);
      return sortDistinct(all);
    },
    collectFor(text, wanted, out) {
      // Each branch explains the wanted occurrences it has itself.
      for (const child of children) child.collectFor(text, intersect(wanted, child.occurrences(text)), out);
    },
  };
}

function byCost(children: Matcher[]): Matcher[] {
  return [...children].sort((a, b) => a.cost - b.cost);
}

function orMatcher(children: Matcher[]): Matcher {
  const ordered = byCost(children);
  return {
    cost: ordered.reduce((sum, child) => sum + child.cost, 0),
    test(text) {
      for (const child of ordered) if (child.test(text)) return true;
      return false;
    },
    collect(text, out) {
      // Every branch that holds explains the match, not just the first one found.
      for (const child of ordered) if (child.test(text)) child.collect(text, out);
    },
  };
}

function andMatcher(children: Matcher[]): Matcher {
  const ordered = byCost(children);
  return {
    cost: ordered.reduce((sum, child) => sum + child.cost, 0),
    test(text) {
      for (const child of ordered) if (!child.test(text)) return false;
      return true;
    },
    collect(text, out) {
      for (const child of ordered) child.collect(text, out);
    },
  };
}

function notMatcher(child: Matcher): Matcher {
  return {
    cost: child.cost,
    test: (text) => !child.test(text),
    // What is absent explains nothing to highlight.
    collect: () => undefined,
  };
}

/** Token ranges to highlight, packed as first * 2^26 + last (exact in a double below 67M tokens). */
const SHIFT = 0x4000000;

/** Collects token ranges, then turns the distinct ones into spans over the original strings. */
class Spans {
  private readonly keys: number[] = [];

  add(first: number, last: number): void {
    this.keys.push(first * SHIFT + last);
  }

  addKey(key: number): void {
    this.keys.push(key);
  }

  toMatchSpans(text: PreparedText): MatchSpan[] {
    // Sorting the packed keys orders by first then last, and puts duplicates side by side.
    const keys = this.keys.sort((a, b) => a - b);
    const spans: MatchSpan[] = [];
    let previous = -1;
    for (const key of keys) {
      if (key === previous) continue;
      previous = key;
      const first = Math.floor(key / SHIFT);
      const last = key - first * SHIFT;
      const field = first < text.titleCount ? 'title' : 'summary';
      const start = text.startOf(first);
      const end = text.endOf(last);
      spans.push({ field, start, end, text: text.fields[field].slice(start, end) });
    }
    return spans;
  }
}
