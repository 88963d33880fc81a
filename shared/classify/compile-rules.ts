/**
 * The Mayor's priorities, the sensitivity rules and what clustering needs, compiled once per
 * container from configuration.
 */
import type { Config, SourceConfig } from '../platform/config/schema.js';
import type { PriorityTag } from '../platform/model.js';
import { ENGLISH_COUNCIL_EXTENTS, type LegislationExtent } from './relevance.js';
import { commonWordsFor } from './stories/signature.js';
import { compileQuery, indexCompiled, prepareText, type CompiledQuery, type PreparedText, type QueryIndex, type TextFields } from './rules/index.js';
import { RuleConfigError } from './rules/rule-config-error.js';
import { assessItem, compileSensitivity, type CompiledSensitivity, type ItemAssessment, type ItemOutlet } from './sensitivity/score.js';

export { RuleConfigError } from './rules/rule-config-error.js';

export interface CompiledRules {
  priorities: { id: string; name: string; query: CompiledQuery }[];
  sensitivity: CompiledSensitivity;
  /** Each configured source's name and outlet class, for the outlet weight. */
  sources: ReadonlyMap<string, { name: string; outlet: SourceConfig['outlet'] }>;
  /** Words clustering ignores: the Mayor's and the borough's names, in nearly every item the office sees. */
  commonWords: ReadonlySet<string>;
  /** Where the legislation the office sees applies: an instrument outside it is stored but never alerted. */
  extents: readonly LegislationExtent[];
}

function compileField(field: string, query: string): CompiledQuery {
  try {
    return compileQuery(query);
  } catch (error) {
    throw new RuleConfigError(field, query, error as Error);
  }
}

/** What classifying reads of the configuration (the classifier's projection carries it; sources without their URLs). */
export type RulesConfig = Pick<Config, 'priorities' | 'sensitivity' | 'mayor' | 'council' | 'legislation'> & {
  readonly sources: readonly Pick<SourceConfig, 'id' | 'name' | 'outlet'>[];
};

export function compileRules(config: RulesConfig): CompiledRules {
  return {
    priorities: config.priorities.map((p, i) => ({ id: p.id, name: p.name, query: compileField(`priorities[${i}].query`, p.query) })),
    sensitivity: compileSensitivity(config),
    sources: new Map(config.sources.map((s) => [s.id, { name: s.name, outlet: s.outlet }])),
    commonWords: commonWordsFor([config.mayor.name, config.council.short]),
    extents: config.legislation?.extents ?? ENGLISH_COUNCIL_EXTENTS,
  };
}

export interface Classification {
  priorities: PriorityTag[];
  /** What the item shows on its own; its story's level comes from this and the story's spread. */
  assessment: ItemAssessment;
}

/** The outlet an item came from, as configured (an unknown source, e.g. one since removed, counts as local). */
export function outletOf(rules: CompiledRules, item: { sourceId: string; sourceName: string }): ItemOutlet {
  const source = rules.sources.get(item.sourceId);
  return { sourceId: item.sourceId, name: source?.name ?? item.sourceName, kind: source?.outlet ?? 'local' };
}

/** The priorities' percolator, built once per compiled list (kept beside it, not in CompiledRules). */
const priorityIndexes = new WeakMap<CompiledRules['priorities'], QueryIndex>();

function priorityIndex(priorities: CompiledRules['priorities']): QueryIndex {
  let index = priorityIndexes.get(priorities);
  if (!index) {
    index = indexCompiled(priorities.map((p) => p.query));
    priorityIndexes.set(priorities, index);
  }
  return index;
}

/** Tags a text with the priorities it matches and finds who is named near which trigger, with spans. */
export function classifyText(fields: TextFields, rules: CompiledRules, outlet: ItemOutlet): Classification {
  const text: PreparedText = prepareText(fields);
  // Only the priorities whose required words the text holds are evaluated; config order kept.
  const priorities = priorityIndex(rules.priorities)
    .match(text)
    .map(({ index, spans }) => {
      const { id, name, query } = rules.priorities[index]!;
      return { id, name, query: query.source, spans };
    });
  return { priorities, assessment: assessItem(text, rules.sensitivity, outlet) };
}
