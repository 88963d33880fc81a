/**
 * A percolator: many compiled queries against one text, evaluating only the queries that could
 * match it. Each query is indexed under the vocabulary ids of one list it needs at least one of
 * (see Evaluator.keys); a text then looks up the ids it contains, so the work per text grows with
 * its words and the queries they touch, not with the number of queries. Queries that can match
 * on absence are evaluated for every text.
 */
import type { MatchSpan } from '../../platform/model.js';
import type { PreparedText } from './tokenise.js';

export interface IndexableQuery {
  readonly match: (text: PreparedText) => MatchSpan[] | null;
  readonly keys: readonly number[] | null;
}

export interface QueryMatch {
  /** The query's index in the list given to indexQueries. */
  readonly index: number;
  readonly spans: MatchSpan[];
}

export interface QueryIndex {
  /** The queries that match the text, in the order they were given, with their spans. */
  match(text: PreparedText): QueryMatch[];
}

export function indexQueries(queries: readonly IndexableQuery[]): QueryIndex {
  const postings: number[][] = [];
  const always: number[] = [];
  queries.forEach((query, index) => {
    if (query.keys === null) {
      always.push(index);
      return;
    }
    for (const id of new Set(query.keys)) (postings[id] ??= []).push(index);
  });
  // Ascending, for the ids a text prepared before these queries were compiled cannot list.
  const keyIds = postings.flatMap((list, id) => (list ? [id] : []));
  /** Per query, the last generation (text) that made it a candidate: marks without clearing. */
  const stamps = new Int32Array(queries.length);
  let generation = 0;
  return {
    match(text) {
      if (generation === 0x7fffffff) {
        stamps.fill(0);
        generation = 0;
      }
      const stamp = ++generation;
      const candidates = always.slice();
      const addPosting = (list: readonly number[]): void => {
        for (const index of list) {
          if (stamps[index] !== stamp) {
            stamps[index] = stamp;
            candidates.push(index);
          }
        }
      };
      for (const id of text.presentIds) {
        const list = postings[id];
        if (list) addPosting(list);
      }
      // Ids interned after the text was prepared are not in presentIds: ask for each (slow, rare).
      for (let k = lowerBound(keyIds, text.known); k < keyIds.length; k++) {
        const id = keyIds[k]!;
        if (text.containsId(id)) addPosting(postings[id]!);
      }
      // Config order, as evaluating every query in turn reported them.
      candidates.sort((a, b) => a - b);
      const matches: QueryMatch[] = [];
      for (const index of candidates) {
        const spans = queries[index]!.match(text);
        if (spans) matches.push({ index, spans });
      }
      return matches;
    },
  };
}

function lowerBound(sorted: readonly number[], min: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < min) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
