/**
 * The priorities query language: boolean queries as media-monitoring professionals write them,
 * compiled once and matched against texts tokenised once. See parse.ts for the grammar.
 */
import type { MatchSpan } from '../../platform/model.js';
import { compileTree } from './evaluate.js';
import { isPositional, parseQuery } from './parse.js';
import type { PreparedText } from './tokenise.js';

export { QuerySyntaxError } from './errors.js';
export { prepareText, type PreparedText, type TextFields } from './tokenise.js';

export interface CompiledQuery {
  readonly source: string;
  /** null when the text does not match; otherwise the spans of the positive words and phrases that hold. */
  match(text: PreparedText): MatchSpan[] | null;
}

/** Parses and compiles a query once; throws QuerySyntaxError with a column for any mistake. */
export function compileQuery(query: string): CompiledQuery {
  const { match } = compileTree(parseQuery(query));
  return { source: query, match };
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
