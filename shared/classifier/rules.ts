/**
 * The Mayor's priorities and the sensitivity rule, compiled once per container from configuration.
 */
import type { Config } from '../config/schema.js';
import type { MatchSpan, PriorityTag, Sensitivity } from '../model.js';
import { compileQuery, prepareText, type CompiledQuery, type PreparedText, type TextFields } from '../rules/index.js';

export interface CompiledRules {
  priorities: { id: string; name: string; query: CompiledQuery }[];
  /** Who counts as "the Mayor or the council": each as a phrase query, with the words a reason shows. */
  named: { label: string; query: CompiledQuery }[];
  triggers: { term: string; query: CompiledQuery }[];
}

export class RuleConfigError extends Error {
  constructor(readonly field: string, readonly query: string, cause: Error) {
    super(`${field}: ${cause.message} in ${JSON.stringify(query)}`);
    this.name = 'RuleConfigError';
  }
}

function compileField(field: string, query: string): CompiledQuery {
  try {
    return compileQuery(query);
  } catch (error) {
    throw new RuleConfigError(field, query, error as Error);
  }
}

const phrase = (words: string) => `"${words.replace(/"/g, ' ').trim()}"`;

export function compileRules(config: Config): CompiledRules {
  const { mayor, council } = config;
  const mayorNames = [mayor.name, ...mayor.aliases];
  const councilNames = [council.name, `${council.short} Council`];
  return {
    priorities: config.priorities.map((p, i) => ({ id: p.id, name: p.name, query: compileField(`priorities[${i}].query`, p.query) })),
    named: [
      ...mayorNames.map((name) => ({ label: 'Mayor', query: compileField('mayor', phrase(name)) })),
      ...councilNames.map((name) => ({ label: 'Council', query: compileField('council', phrase(name)) })),
    ],
    triggers: config.sensitivity.triggers.map((term, i) => ({ term, query: compileField(`sensitivity.triggers[${i}]`, term) })),
  };
}

export interface Classification {
  priorities: PriorityTag[];
  sensitivity: Sensitivity;
}

/** Tags an item's text with the priorities it matches and decides whether it is sensitive, with reasons. */
export function classifyText(fields: TextFields, rules: CompiledRules): Classification {
  const text: PreparedText = prepareText(fields);
  const priorities = rules.priorities.flatMap(({ id, name, query }) => {
    const spans = query.match(text);
    return spans ? [{ id, name, query: query.source, spans }] : [];
  });
  return { priorities, sensitivity: assessSensitivity(text, rules) };
}

/** Sensitive when the Mayor or the council is named together with a trigger term. */
export function assessSensitivity(text: PreparedText, rules: CompiledRules): Sensitivity {
  const named = firstMatches(rules.named.map((n) => ({ label: n.label, query: n.query })), text);
  const triggered = firstMatches(rules.triggers.map((t) => ({ label: t.term, query: t.query })), text);
  if (named.length === 0 || triggered.length === 0) return { sensitive: false, reasons: [], spans: [] };
  const who = unique(named.map((n) => n.label)).map((label) => {
    const words = unique(named.filter((n) => n.label === label).map((n) => `"${n.spans[0]?.text ?? ''}"`));
    return `${label} named (${words.join(', ')})`;
  });
  // The words as they appear in the story, not the query syntax ("resigns", not "resign*").
  const why = unique(triggered.map((t) => `"${t.spans[0]?.text ?? t.label}"`));
  return {
    sensitive: true,
    reasons: [`${who.join(' and ')} with ${why.join(', ')}`],
    spans: [...named, ...triggered].flatMap((m) => m.spans),
  };
}

function firstMatches(candidates: { label: string; query: CompiledQuery }[], text: PreparedText): { label: string; spans: MatchSpan[] }[] {
  return candidates.flatMap(({ label, query }) => {
    const spans = query.match(text);
    return spans && spans.length > 0 ? [{ label, spans }] : [];
  });
}

const unique = (values: string[]) => [...new Set(values)];
