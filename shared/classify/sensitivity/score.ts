/**
 * How sensitive a story is, from a score anyone can check by hand:
 *
 *   base  = weight of who is named (Mayor, a cabinet member, the council)
 *           × the sum of the weights of the triggers within `proximity` words of them
 *           (the strongest person or body counts)
 *   score = base × the outlet's weight (national, local, blog, official)
 *           + spreadWeight for every outlet beyond the first that carries the story
 *   level = the highest of watch / high / critical whose threshold the score reaches
 *
 * and reasons in plain words for every part of it. Proximity is the query language's NEAR.
 */
import type { SensitivityConfig, SensitivityLevel, SourceConfig } from '../../platform/config/schema.js';
import type { MatchSpan, Sensitivity } from '../../platform/model.js';
import { compileQuery, isPositionalQuery, type CompiledQuery, type PreparedText } from '../rules/index.js';
import type { Evidence } from '../stories/story.js';
import { RuleConfigError } from '../rules/rule-config-error.js';

/** A person or body whose naming matters, with the phrase query that finds any of their names. */
export interface NamedParty {
  readonly kind: 'mayor' | 'cabinet' | 'council';
  /** How reasons name them: "Mayor", "Council", "Amanda De Ryk, Cabinet Member for Finance". */
  readonly label: string;
  readonly weight: number;
  readonly query: CompiledQuery;
}

export interface Trigger {
  readonly term: string;
  readonly weight: number;
  readonly query: CompiledQuery;
}

export interface CompiledSensitivity {
  readonly parties: readonly NamedParty[];
  readonly triggers: readonly Trigger[];
  /** near[p][t]: party p NEAR/proximity trigger t. */
  readonly near: readonly (readonly CompiledQuery[])[];
  readonly settings: Omit<SensitivityConfig, 'triggers' | 'cabinet'>;
}

export interface Office {
  readonly council: { name: string; short: string };
  readonly mayor: { name: string; aliases: readonly string[] };
  readonly sensitivity: SensitivityConfig;
}

const phrase = (words: string): string => `"${words.replace(/["“”„]/g, ' ').trim()}"`;

function compileField(field: string, query: string): CompiledQuery {
  try {
    return compileQuery(query);
  } catch (error) {
    throw new RuleConfigError(field, query, error as Error);
  }
}

export function compileSensitivity(office: Office): CompiledSensitivity {
  const { mayor, council, sensitivity } = office;
  const anyOf = (names: readonly string[]): string => names.map(phrase).join(' OR ');
  const parties: NamedParty[] = [
    { kind: 'mayor', label: 'Mayor', weight: sensitivity.named.mayor, query: compileField('mayor', anyOf([mayor.name, ...mayor.aliases])) },
    ...sensitivity.cabinet.map((member, i): NamedParty => ({
      kind: 'cabinet',
      label: `${member.name}, ${member.role},`,
      weight: sensitivity.named.cabinet,
      query: compileField(`sensitivity.cabinet[${i}]`, anyOf([member.name, ...member.aliases])),
    })),
    { kind: 'council', label: 'Council', weight: sensitivity.named.council, query: compileField('council', anyOf([council.name, `${council.short} Council`])) },
  ];
  const triggers = sensitivity.triggers.map((trigger, i): Trigger => {
    const field = `sensitivity.triggers[${i}]`;
    const query = compileField(field, trigger.term);
    // Distance is measured to the trigger's words: "resign* NOT sport" has none to measure to.
    if (!isPositionalQuery(trigger.term)) {
      // Most often a phrase whose quotes YAML took away: calls for (two words, ANDed) for "calls for".
      const phraseHint =
        /\s/.test(trigger.term.trim()) && !/["“”()]|\b(AND|OR|NOT|O?NEAR)\b/.test(trigger.term)
          ? `; for the phrase, write it as { phrase: ${trigger.term.trim()} }`
          : '';
      throw new RuleConfigError(
        field,
        trigger.term,
        new Error(`a trigger must be a word, phrase or OR-group of them (no AND or NOT), so its distance from a name can be measured${phraseHint}`),
      );
    }
    return { term: trigger.term, weight: trigger.weight, query };
  });
  const near = parties.map((party, p) =>
    triggers.map((trigger) => compileField(`sensitivity (party ${p})`, `(${party.query.source}) NEAR/${sensitivity.proximity} (${trigger.term})`)),
  );
  const { triggers: _t, cabinet: _c, ...settings } = sensitivity;
  return { parties, triggers, near, settings };
}

export interface ItemOutlet {
  readonly sourceId: string;
  readonly name: string;
  readonly kind: SourceConfig['outlet'];
}

/** What one item shows on its own: who is named near which trigger, and what that scores here. */
export interface ItemAssessment {
  /** Absent when nobody is named near a trigger. */
  readonly evidence?: Evidence;
  /** The names and triggers that are near each other, to highlight. */
  readonly spans: MatchSpan[];
}

export function assessItem(text: PreparedText, rules: CompiledSensitivity, outlet: ItemOutlet): ItemAssessment {
  // Cheap first: which parties and which triggers occur at all. NEAR runs only for pairs that do.
  const named = rules.parties.map((party) => party.query.match(text));
  if (named.every((m) => m === null)) return { spans: [] };
  const triggered = rules.triggers.map((trigger) => trigger.query.match(text));
  if (triggered.every((m) => m === null)) return { spans: [] };

  const lines: string[] = [];
  const spans: MatchSpan[] = [];
  let base = 0;
  let basis = '';
  rules.parties.forEach((party, p) => {
    const names = named[p];
    if (!names) return;
    const found: { trigger: Trigger; words: number; text: string }[] = [];
    rules.triggers.forEach((trigger, t) => {
      const words = triggered[t];
      if (!words) return;
      const pair = rules.near[p]?.[t]?.match(text);
      if (!pair) return;
      const nameParts = pair.filter((s) => names.some((n) => same(n, s)));
      const triggerParts = pair.filter((s) => words.some((w) => same(w, s)));
      const closest = closestPair(text, nameParts, triggerParts);
      found.push({ trigger, words: closest.words, text: closest.trigger?.text ?? trigger.term });
      spans.push(...pair);
    });
    if (found.length === 0) return;
    const sum = found.reduce((total, f) => total + f.trigger.weight, 0);
    const as = unique(names.map((n) => `"${n.text}"`)).join(', ');
    const near = found.map((f) => `${f.words} ${f.words === 1 ? 'word' : 'words'} of "${f.text}"`).join(' and ');
    lines.push(`${party.label} named (${as}) within ${near}`);
    if (party.weight * sum > base) {
      base = party.weight * sum;
      basis = `${party.kind === 'cabinet' ? 'cabinet member' : party.label} ${round(party.weight)} × ${found.length === 1 ? 'trigger' : 'triggers'} ${round(sum)}`;
    }
  });
  if (lines.length === 0) return { spans: [] };
  const weight = rules.settings.outletWeights[outlet.kind];
  return {
    evidence: { base, basis, lines, outlet: { sourceId: outlet.sourceId, name: outlet.name, kind: outlet.kind, weight }, weighted: round(base * weight) },
    spans: dedupeSpans(spans),
  };
}

/** The story's score and level from its strongest evidence and how many outlets carry it. */
export function scoreStory(rules: CompiledSensitivity, best: Evidence | undefined, outlets: number): { level: SensitivityLevel; score: number } {
  if (!best || best.weighted <= 0) return { level: 'none', score: 0 };
  const score = round(best.weighted + rules.settings.spreadWeight * Math.max(0, outlets - 1));
  return { level: levelFor(score, rules.settings.thresholds), score };
}

export function levelFor(score: number, thresholds: SensitivityConfig['thresholds']): SensitivityLevel {
  if (score >= thresholds.critical) return 'critical';
  if (score >= thresholds.high) return 'high';
  if (score >= thresholds.watch) return 'watch';
  return 'none';
}

/** Whether a level is one the office is alerted about (and the briefing lists as sensitive). */
export function isSensitive(level: SensitivityLevel, rules: CompiledSensitivity): boolean {
  const order: readonly SensitivityLevel[] = ['none', 'watch', 'high', 'critical'];
  return order.indexOf(level) >= order.indexOf(rules.settings.alertLevel);
}

export interface StoryFacts {
  readonly best?: Evidence | undefined;
  readonly outlets: readonly { id: string; name: string }[];
}

/**
 * An item's sensitivity as the story it belongs to stands: one set of reasons for every item of the
 * story, with this item's own matched words to highlight.
 */
export function storySensitivity(rules: CompiledSensitivity, story: StoryFacts, item: { sourceId: string; spans: MatchSpan[] }): Sensitivity {
  const { level, score } = scoreStory(rules, story.best, story.outlets.length);
  if (level === 'none' || !story.best) return { sensitive: false, level: 'none', score: 0, reasons: [], spans: item.spans };
  return { sensitive: isSensitive(level, rules), level, score, reasons: storyReasons(rules, story, item.sourceId), spans: item.spans };
}

/** "Mayor named (“Brenda Dacres”) within 2 words of “resign”"; "national outlet (BBC London): score × 1.5"; "3 outlets carry the story: …". */
export function storyReasons(rules: CompiledSensitivity, story: StoryFacts, viewedFrom?: string): string[] {
  const best = story.best;
  if (!best) return [];
  // Said where the words are when the reader is looking at another outlet's version of the story.
  const where = story.outlets.length > 1 && viewedFrom !== best.outlet.sourceId ? ` in ${best.outlet.name}` : '';
  const reasons = best.lines.map((line) => `${line}${where}`);
  if (best.outlet.weight !== 1) reasons.push(`${best.outlet.kind} outlet (${best.outlet.name}): score × ${round(best.outlet.weight)}`);
  if (story.outlets.length > 1) {
    const names = story.outlets.map((o) => o.name);
    const listed = names.length > 4 ? `${names.slice(0, 4).join(', ')} and ${names.length - 4} more` : names.join(', ');
    reasons.push(`${story.outlets.length} outlets carry the story (${listed}): score + ${round(rules.settings.spreadWeight * (story.outlets.length - 1))}`);
  }
  return reasons;
}

/** "Score 15.5 (Mayor 3 × triggers 3, × 1.5 national outlet, + 2 for 3 outlets): critical (from 8)". */
export function scoreExplanation(rules: CompiledSensitivity, story: StoryFacts): string {
  const { level, score } = scoreStory(rules, story.best, story.outlets.length);
  const best = story.best;
  if (!best) return 'Score 0: nobody named near a trigger';
  const parts = [best.basis];
  if (best.outlet.weight !== 1) parts.push(`× ${round(best.outlet.weight)} ${best.outlet.kind} outlet`);
  if (story.outlets.length > 1) parts.push(`+ ${round(rules.settings.spreadWeight * (story.outlets.length - 1))} for ${story.outlets.length} outlets`);
  const t = rules.settings.thresholds;
  const from = level === 'none' ? `none (watch starts at ${round(t.watch)})` : `${level} (from ${round(t[level])})`;
  return `Score ${round(score)} (${parts.join(', ')}): ${from}`;
}

/** Word distance between the closest name and trigger parts of a NEAR match (1 = side by side). */
function closestPair(text: PreparedText, names: readonly MatchSpan[], triggers: readonly MatchSpan[]): { words: number; trigger: MatchSpan | undefined } {
  let best = { words: Number.POSITIVE_INFINITY, trigger: undefined as MatchSpan | undefined };
  for (const n of names) {
    const a = tokenRange(text, n);
    for (const t of triggers) {
      if (t.field !== n.field) continue;
      const b = tokenRange(text, t);
      const words = b.first > a.last ? b.first - a.last : a.first > b.last ? a.first - b.last : 0;
      if (words > 0 && words < best.words) best = { words, trigger: t };
    }
  }
  // Overlapping parts (a trigger inside a name): as near as words can be.
  return Number.isFinite(best.words) ? best : { words: 1, trigger: triggers[0] };
}

/** The token positions a span covers, from the prepared text's token offsets. */
function tokenRange(text: PreparedText, span: MatchSpan): { first: number; last: number } {
  const from = span.field === 'title' ? 0 : text.titleCount;
  const to = span.field === 'title' ? text.titleCount : text.starts.length;
  let first = -1;
  let last = -1;
  for (let p = from; p < to; p++) {
    const start = text.starts[p] ?? 0;
    if (start >= span.start && (text.ends[p] ?? 0) <= span.end) {
      if (first < 0) first = p;
      last = p;
    } else if (start >= span.end) {
      break;
    }
  }
  return { first, last };
}

const same = (a: MatchSpan, b: MatchSpan): boolean => a.field === b.field && a.start === b.start && a.end === b.end;

function dedupeSpans(spans: readonly MatchSpan[]): MatchSpan[] {
  const out: MatchSpan[] = [];
  for (const span of spans) if (!out.some((s) => same(s, span))) out.push(span);
  return out.sort((a, b) => (a.field === b.field ? a.start - b.start : a.field === 'title' ? -1 : 1));
}

const unique = (values: readonly string[]): string[] => [...new Set(values)];

/** Scores are shown to people: one decimal place is enough and avoids 4.499999999. */
export function round(n: number): number {
  return Math.round(n * 10) / 10;
}
