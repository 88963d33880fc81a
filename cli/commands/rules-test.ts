/**
 * `despatch rules test --config FILE --labels FILE.jsonl [--json]`: the rule lab. Runs the
 * configured priority queries and sensitivity rules over headlines someone has labelled by hand,
 * and says how they do: per priority, precision (of what was tagged, how much was right) and recall
 * (of what should have been tagged, how much was), with every miss and false alarm; for
 * sensitivity, each item at the wrong level with the score that put it there. So queries can be
 * tuned before they are deployed.
 *
 * Each line of the labels file is one JSON object:
 *   {"title": "...", "text": "...", "source": "bbc-london", "priorities": ["housing"], "sensitivity": "high"}
 * `text` (the snippet), `source` (a configured source id: its outlet weight, and what source: sees),
 * `link`, `outlets` (how many outlets carry the story, default 1) and `sensitivity` are optional.
 */
import { readFileSync } from 'node:fs';
import * as z from 'zod';
import { classifyText, compileRules, outletOf, type CompiledRules } from '../../shared/classify/compile-rules.js';
import { scoreExplanation, storySensitivity } from '../../shared/classify/sensitivity/score.js';
import { loadConfigFile } from '../../shared/platform/config/load.js';
import { queryProblems } from '../../shared/classify/config-queries.js';
import { sensitivityLevels, type Config, type SensitivityLevel } from '../../shared/platform/config/schema.js';
import { parseCommandArgs, UsageError } from '../args.js';

export const RULES_HELP = `despatch rules test --config FILE --labels FILE.jsonl [--json]
    Run the configured priorities and sensitivity rules over labelled headlines (one JSON object
    per line: title, text, source, priorities, sensitivity) and print each priority's precision
    and recall, its misses and false alarms, and the items rated at the wrong sensitivity level.`;

const options = {
  config: { type: 'string' },
  labels: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

const labelSchema = z.strictObject({
  title: z.string(),
  text: z.string().default(''),
  source: z.string().optional(),
  link: z.string().optional(),
  priorities: z.array(z.string()).default([]),
  sensitivity: z.enum(sensitivityLevels).optional(),
  outlets: z.number().int().min(1).default(1),
  /** Why it is labelled so, for the person reading the file; ignored here. */
  note: z.string().optional(),
});
type Label = z.infer<typeof labelSchema> & { line: number };

/** The labels file is wrong: says which line and what, like configuration errors. */
export class LabelsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LabelsError';
  }
}

export function readLabels(path: string, config: Config): Label[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new LabelsError(`${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const priorityIds = new Set(config.priorities.map((p) => p.id));
  const sourceIds = new Set(config.sources.map((s) => s.id));
  const labels: Label[] = [];
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '' || raw.trim().startsWith('//')) return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (error) {
      problems.push(`${path}:${line}: not a JSON object (${(error as Error).message})`);
      return;
    }
    const parsed = labelSchema.safeParse(json);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push(`${path}:${line}: ${issue.path.join('.') || '(line)'}: ${issue.message}`);
      return;
    }
    for (const id of parsed.data.priorities) {
      if (!priorityIds.has(id)) problems.push(`${path}:${line}: priorities: "${id}" is not a priority in the configuration (${[...priorityIds].join(', ')})`);
    }
    if (parsed.data.source !== undefined && !sourceIds.has(parsed.data.source)) {
      problems.push(`${path}:${line}: source: "${parsed.data.source}" is not a source id in the configuration`);
    }
    labels.push({ ...parsed.data, line });
  });
  if (problems.length > 0) throw new LabelsError(`Invalid labels in ${path}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  if (labels.length === 0) throw new LabelsError(`${path}: no labelled items (one JSON object per line)`);
  return labels;
}

interface Outcome {
  label: Label;
  tagged: Map<string, string[]>;
  level: SensitivityLevel;
  explanation: string;
}

export interface PriorityReport {
  id: string;
  name: string;
  expected: number;
  tagged: number;
  correct: number;
  /** null when nothing was tagged (precision is undefined, not zero). */
  precision: number | null;
  recall: number | null;
  misses: { line: number; title: string }[];
  falseAlarms: { line: number; title: string; matched: string[] }[];
}

export interface LabReport {
  items: number;
  priorities: PriorityReport[];
  sensitivity: {
    labelled: number;
    atExpectedLevel: number;
    alertLevel: string;
    /** Of the items rated at or above the alert level, how many were labelled so; and the reverse. */
    alertPrecision: number | null;
    alertRecall: number | null;
    wrong: { line: number; title: string; expected: SensitivityLevel; got: SensitivityLevel; why: string }[];
  };
}

function evaluate(labels: readonly Label[], rules: CompiledRules): Outcome[] {
  return labels.map((label) => {
    const outlet = outletOf(rules, { sourceId: label.source ?? '', sourceName: label.source ?? 'unknown outlet' });
    const { priorities, assessment } = classifyText({ title: label.title, summary: label.text, sourceId: label.source, link: label.link }, rules, outlet);
    // The other outlets are stand-ins: only their number counts towards the score.
    const outlets = [
      { id: outlet.sourceId, name: outlet.name },
      ...Array.from({ length: label.outlets - 1 }, (_, i) => ({ id: `other-${i}`, name: `other outlet ${i + 1}` })),
    ];
    const story = { best: assessment.evidence, outlets };
    const sensitivity = storySensitivity(rules.sensitivity, story, { sourceId: outlet.sourceId, spans: assessment.spans });
    return {
      label,
      tagged: new Map(priorities.map((p) => [p.id, [...new Set(p.spans.map((s) => s.text))]])),
      level: sensitivity.level,
      explanation: [...sensitivity.reasons, scoreExplanation(rules.sensitivity, story)].join('; '),
    };
  });
}

const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);
const order = (level: SensitivityLevel): number => sensitivityLevels.indexOf(level);

export function runLab(config: Config, labels: readonly Label[]): LabReport {
  const rules = compileRules(config);
  const outcomes = evaluate(labels, rules);
  const priorities = config.priorities.map((p): PriorityReport => {
    const expected = outcomes.filter((o) => o.label.priorities.includes(p.id));
    const tagged = outcomes.filter((o) => o.tagged.has(p.id));
    const correct = tagged.filter((o) => o.label.priorities.includes(p.id));
    return {
      id: p.id,
      name: p.name,
      expected: expected.length,
      tagged: tagged.length,
      correct: correct.length,
      precision: ratio(correct.length, tagged.length),
      recall: ratio(correct.length, expected.length),
      misses: expected.filter((o) => !o.tagged.has(p.id)).map((o) => ({ line: o.label.line, title: o.label.title })),
      falseAlarms: tagged
        .filter((o) => !o.label.priorities.includes(p.id))
        .map((o) => ({ line: o.label.line, title: o.label.title, matched: o.tagged.get(p.id) ?? [] })),
    };
  });
  const labelled = outcomes.filter((o) => o.label.sensitivity !== undefined);
  const alertLevel = rules.sensitivity.settings.alertLevel;
  const alerting = (level: SensitivityLevel) => order(level) >= order(alertLevel);
  const raised = labelled.filter((o) => alerting(o.level));
  const shouldRaise = labelled.filter((o) => alerting(o.label.sensitivity ?? 'none'));
  const rightlyRaised = raised.filter((o) => alerting(o.label.sensitivity ?? 'none'));
  return {
    items: outcomes.length,
    priorities,
    sensitivity: {
      labelled: labelled.length,
      atExpectedLevel: labelled.filter((o) => o.level === o.label.sensitivity).length,
      alertLevel,
      alertPrecision: ratio(rightlyRaised.length, raised.length),
      alertRecall: ratio(rightlyRaised.length, shouldRaise.length),
      wrong: labelled
        .filter((o) => o.level !== o.label.sensitivity)
        .map((o) => ({ line: o.label.line, title: o.label.title, expected: o.label.sensitivity ?? 'none', got: o.level, why: o.explanation })),
    },
  };
}

const pct = (n: number | null): string => (n === null ? '   –' : `${Math.round(n * 100)}%`.padStart(4));
const clip = (s: string, n = 90): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function formatLab(report: LabReport, files: { config: string; labels: string }): string {
  const width = Math.max(10, ...report.priorities.map((p) => p.name.length));
  const lines = [`Rule lab: ${report.items} labelled items from ${files.labels}, rules from ${files.config}`, ''];
  lines.push(`${'Priority'.padEnd(width)}  precision  recall  tagged  expected`);
  for (const p of report.priorities) {
    lines.push(
      `${p.name.padEnd(width)}  ${pct(p.precision).padStart(9)}  ${pct(p.recall).padStart(6)}  ${String(p.tagged).padStart(6)}  ${String(p.expected).padStart(8)}`,
    );
  }
  const misses = report.priorities.flatMap((p) => p.misses.map((m) => `  ${p.name}: line ${m.line}: ${clip(m.title)}`));
  const alarms = report.priorities.flatMap((p) =>
    p.falseAlarms.map((f) => `  ${p.name}: line ${f.line}: ${clip(f.title)} (matched ${f.matched.map((w) => `"${w}"`).join(', ')})`),
  );
  lines.push('', misses.length > 0 ? `Misses (labelled, not tagged): ${misses.length}` : 'Misses (labelled, not tagged): none', ...misses);
  lines.push('', alarms.length > 0 ? `False alarms (tagged, not labelled): ${alarms.length}` : 'False alarms (tagged, not labelled): none', ...alarms);
  const s = report.sensitivity;
  lines.push('', `Sensitivity: ${s.atExpectedLevel} of ${s.labelled} labelled items at the expected level`);
  lines.push(`  alerts (${s.alertLevel} and above): precision ${pct(s.alertPrecision).trim()}, recall ${pct(s.alertRecall).trim()}`);
  for (const w of s.wrong) lines.push(`  line ${w.line}: expected ${w.expected}, rated ${w.got}: ${clip(w.title, 70)}`, `      ${w.why}`);
  return lines.join('\n');
}

/** Runs `rules <sub> ...`; returns the exit code. */
export async function rulesCommand(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'label') return (await import('./rules-label.js')).labelCommand(rest);
  if (sub !== 'test') throw new UsageError(`rules needs a subcommand: "rules test" or "rules label"\n\n${RULES_HELP}`);
  const { values } = parseCommandArgs(rest, options, 'despatch rules');
  if (values.help) {
    console.log(RULES_HELP);
    return 0;
  }
  if (!values.config || !values.labels) throw new UsageError(`rules test needs --config and --labels\n\n${RULES_HELP}`);
  const config = loadConfigFile(values.config, queryProblems);
  let labels: Label[];
  try {
    labels = readLabels(values.labels, config);
  } catch (error) {
    if (!(error instanceof LabelsError)) throw error;
    console.error(error.message);
    return 2;
  }
  const report = runLab(config, labels);
  console.log(values.json ? JSON.stringify(report, null, 2) : formatLab(report, { config: values.config, labels: values.labels }));
  return 0;
}
