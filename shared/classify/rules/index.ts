/**
 * The priorities query language: boolean queries as media-monitoring professionals write them,
 * compiled once and matched against texts tokenised once. See parse.ts for the grammar.
 */
import type { MatchSpan } from '../../platform/model.js';
import { compileTree } from './evaluate.js';
import { isPositional, parseQuery } from './parse.js';
import { indexQueries, type QueryIndex } from './percolate.js';
import type { PreparedText } from './tokenise.js';

export { QuerySyntaxError } from './errors.js';
export type { QueryIndex } from './percolate.js';
export { prepareText, type PreparedText, type TextFields } from './tokenise.js';

export interface CompiledQuery {
  readonly source: string;
  /** null when the text does not match; otherwise the spans of the positive words and phrases that hold. */
  match(text: PreparedText): MatchSpan[] | null;
}

/** What indexing needs of each compiled query, kept out of CompiledQuery's public shape. */
const keysOf = new WeakMap<CompiledQuery, readonly number[] | null>();

/** Parses and compiles a query once; throws QuerySyntaxError with a column for any mistake. */
export function compileQuery(query: string): CompiledQuery {
  const { match, keys } = compileTree(parseQuery(query));
  const compiled: CompiledQuery = { source: query, match };
  keysOf.set(compiled, keys);
  return compiled;
}

/**
 * Indexes compiled queries so that a text evaluates only those that could match it; the
 * result is what calling each query's `match` in turn gives, without the queries that do not match.
 */
export function indexCompiled(queries: readonly CompiledQuery[]): QueryIndex {
  // A query not made by compileQuery has no keys: evaluate it for every text.
  return indexQueries(queries.map((query) => ({ match: (text: PreparedText) => query.match(text), keys: keysOf.get(query) ?? null })));
}

/** A compiled query with the words a text must contain for it to match, for index lookups (archive search). */
export interface SearchableQuery extends CompiledQuery {
  readonly required: readonly (readonly { readonly text: string; readonly prefix: boolean }[])[];
}

/** compileQuery, also saying what any match must contain; throws QuerySyntaxError likewise. */
export function compileSearchableQuery(query: string): SearchableQuery {
  const { match, required } = compileTree(parseQuery(query));
  return { source: query, match, required };
}

/**
 * Whether a query is made of words, phrases, wildcards and OR-groups of them (and NEAR), so that
 * a distance to it means something: what NEAR/ONEAR accept as operands. Throws QuerySyntaxError.
 */
export function isPositionalQuery(query: string): boolean {
  return isPositional(parseQuery(query));
}
