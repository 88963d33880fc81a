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

/** Inclusive token range [first, last] within one field: one highlighted span. */
type Part = readonly [first: number, last: number];

/** One occurrence of a positional sub-query: the tokens it covers and the parts to highlight. */
interface Hit {
  readonly first: number;
  readonly last: number;
  readonly parts: readonly Part[];
}

interface Matcher {
  /** Rough relative cost of `test`, so AND/OR try cheap children first. */
  readonly cost: number;
  test(text: PreparedText): boolean;
  /** Adds this matcher's spans; only called where `test` is true. */
  collect(text: PreparedText, out: Spans): void;
}

/** A matcher that can list where it occurs, so NEAR can measure distances. Hits ascend by `first`. */
interface Positional extends Matcher {
  hits(text: PreparedText): Hit[];
}

export interface Evaluator {
  /** A plain function (no `this`), so callers may pass it around on its own. */
  readonly match: (text: PreparedText) => MatchSpan[] | null;
}

/** Builds the evaluator for a parsed query; the tree has already been checked by the parser. */
export function compileTree(root: QueryNode): Evaluator {
  const matcher = compile(root, BOTH);
  // Flattened: ids of each "any of" list back to back, and where each list ends.
  const lists = prefilter(requirements(root));
  const needIds = lists.flat().map((entry) => entry.id);
  const needEnds = lists.map((_, i) => lists.slice(0, i + 1).reduce((sum, list) => sum + list.length, 0));
  return {
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

function singleHits(text: PreparedText, list: readonly number[], mask: Mask): Hit[] {
  const hits: Hit[] = [];
  for (const p of list) if (inField(text, p, mask)) hits.push({ first: p, last: p, parts: [[p, p]] });
  return hits;
}

/** A single word or wildcard: its position list, already built by prepareText. */
function entryMatcher(entry: VocabularyEntry, mask: Mask): Positional {
  return {
    cost: 1,
    test: (text) => (mask === BOTH ? text.contains(entry) : anyInField(text, text.positionsOf(entry), mask)),
    hits: (text) => singleHits(text, text.positionsOf(entry), mask),
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
  const hits = (text: PreparedText): Hit[] => {
    const found: Hit[] = [];
    if (!possible(text)) return found;
    for (const p of text.positionsOf(head)) if (matchesAt(text, p)) found.push({ first: p, last: p + length - 1, parts: [[p, p + length - 1]] });
    return found;
  };
  return {
    cost: 3,
    test(text) {
      if (!possible(text)) return false;
      for (const p of text.positionsOf(head)) if (matchesAt(text, p)) return true;
      return false;
    },
    hits,
    collect(text, out) {
      for (const hit of hits(text)) out.add(hit.first, hit.last);
    },
  };
}

/** `A NEAR/n B`: occurrences of A and B in one field, not overlapping, at most n words apart. */
function nearMatcher(left: Positional, right: Positional, distance: number, ordered: boolean): Positional {
  /** All qualifying pairs, or (for `test`) just the first one found. */
  const pairs = (text: PreparedText, firstOnly: boolean): Hit[] => {
    const found: Hit[] = [];
    if (!left.test(text) || !right.test(text)) return found;
    const rights = right.hits(text);
    for (const a of left.hits(text)) {
      for (const b of rights) {
        if (a.first < text.titleCount !== b.first < text.titleCount) continue;
        const gap = b.first > a.last ? b.first - a.last - 1 : !ordered && a.first > b.last ? a.first - b.last - 1 : -1;
        if (gap < 0 || gap > distance) continue;
        found.push({ first: Math.min(a.first, b.first), last: Math.max(a.last, b.last), parts: [...a.parts, ...b.parts] });
        if (firstOnly) return found;
      }
    }
    return found.sort((x, y) => x.first - y.first || x.last - y.last);
  };
  return {
    cost: left.cost + right.cost + 4,
    test: (text) => pairs(text, true).length > 0,
    hits: (text) => pairs(text, false),
    collect(text, out) {
      for (const hit of pairs(text, false)) for (const [first, last] of hit.parts) out.add(first, last);
    },
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
    hits(text) {
      const all: Hit[] = [];
      for (const child of children) all.push(...child.hits(text));
      return all.sort((x, y) => x.first - y.first || x.last - y.last);
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
      const start = text.starts[first] ?? 0;
      const end = text.ends[last] ?? start;
      spans.push({ field, start, end, text: text.fields[field].slice(start, end) });
    }
    return spans;
  }
}
