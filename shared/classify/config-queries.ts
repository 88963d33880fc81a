/**
 * Every query in a configuration, compiled when the configuration is loaded: a malformed priority,
 * trigger or pre-election query is refused with the file, line and column, instead of passing
 * validation and `cdk synth` and then sending every item to the dead-letter queue.
 */
import type { ConfigProblem } from '../platform/config/load.js';
import type { Config } from '../platform/config/schema.js';
import { QuerySyntaxError, isPositionalQuery } from './rules/index.js';

interface QueryAt {
  readonly path: readonly (string | number)[];
  readonly query: string;
  /** Triggers are measured from by NEAR, so they must be words, phrases or OR-groups of them. */
  readonly positional?: boolean;
}

/** The parts of a configuration that hold queries; a function's projection may carry only some. */
type WithQueries = Partial<Pick<Config, 'priorities' | 'sensitivity' | 'grid'>>;

function queriesOf(config: WithQueries): QueryAt[] {
  return [
    ...(config.priorities ?? []).map((p, i) => ({ path: ['priorities', i, 'query'], query: p.query })),
    // A bare string trigger has no `term` key in the file: the loader then points at the string itself.
    ...(config.sensitivity?.triggers ?? []).map((t, i) => ({ path: ['sensitivity', 'triggers', i, 'term'], query: t.term, positional: true })),
    ...(config.grid
      ? [
          ...config.grid.controversial.map((query, i) => ({ path: ['grid', 'controversial', i], query })),
          { path: ['grid', 'tragedyGuard'], query: config.grid.tragedyGuard },
          { path: ['grid', 'criticism'], query: config.grid.criticism },
        ]
      : []),
  ];
}

/** The queries that do not compile, each with the offset of the mistake in its string. */
export function queryProblems(config: WithQueries): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const { path, query, positional } of queriesOf(config)) {
    try {
      if (!isPositionalQuery(query) && positional) {
        problems.push({
          path,
          message: `a trigger must be a word, phrase or OR-group of them (no AND or NOT), so its distance from a name can be measured: ${quoted(query)}`,
        });
      }
    } catch (error) {
      if (!(error instanceof QuerySyntaxError)) throw error;
      problems.push({ path, message: `${error.reason} (column ${error.column} of the query ${quoted(query)})`, offset: error.index, value: query });
    }
  }
  return problems;
}

/** The query as written, cut short: a hostile one may be thousands of characters long. */
function quoted(query: string): string {
  return JSON.stringify(query.length > 80 ? `${query.slice(0, 80)}…` : query);
}
