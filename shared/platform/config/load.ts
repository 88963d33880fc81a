/**
 * Reads the YAML configuration and reports every problem with the file, line and field,
 * because the people who edit it are not developers and need to find the mistake.
 */
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, isMap, isScalar, isSeq, type Node } from 'yaml';
import type * as z from 'zod';
import { configSchema, type Config } from './schema.js';

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`Invalid configuration in ${file}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * A problem a later stage finds in a configuration the schema accepted (e.g. a query that does not
 * compile): where it is, and optionally the UTF-16 offset inside the string value found there.
 */
export interface ConfigProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
  /** Offset into `value` of the exact place, mapped to a line and column of the file. */
  readonly offset?: number;
  /** The string the offset is into, to check it is what the file holds there. */
  readonly value?: string;
}

/**
 * Checks that need more than the schema, passed in by the caller: config/ is at the bottom of
 * shared/ and cannot import the query compiler (shared/classify/config-queries.ts is one).
 */
export type ConfigCheck = (config: Config) => readonly ConfigProblem[];

/** Parses and validates configuration text; `file` is only used to name the file in errors. */
export function parseConfig(text: string, file: string, check?: ConfigCheck): Config {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      file,
      doc.errors.map((e) => {
        const pos = lineCounter.linePos(e.pos[0]);
        return `${file}:${pos.line}:${pos.col}: ${e.message.split('\n')[0]}`;
      }),
    );
  }
  const result = configSchema.safeParse(doc.toJS());
  if (result.success) {
    const problems = check?.(result.data) ?? [];
    if (problems.length === 0) return result.data;
    throw new ConfigError(
      file,
      problems.map((problem) => describeProblem(problem, doc.contents, lineCounter, file, text)),
    );
  }
  throw new ConfigError(
    file,
    result.error.issues.map((issue) => describeIssue(issue, doc.contents, lineCounter, file)),
  );
}

export function loadConfigFile(path: string, check?: ConfigCheck): Config {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(path, [`${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`]);
  }
  return parseConfig(text, path, check);
}

function describeIssue(issue: z.core.$ZodIssue, root: Node | null, lines: LineCounter, file: string): string {
  const field = formatPath(issue.path);
  const { node, exact } = nodeAt(root, issue.path);
  const offset = node?.range?.[0];
  const where = offset === undefined ? file : `${file}:${lines.linePos(offset).line}`;
  const missing = !exact && issue.code !== 'custom';
  const message = missing ? 'is required' : issue.message;
  // A person who left a section out needs to know what to write, not only that it is missing.
  const example = EXAMPLES[field];
  return `${where}: ${field || '(top level)'}: ${message}${example && (missing || issue.code === 'custom') ? `. Add, for example:\n${indent(example)}` : ''}`;
}

/** What to write for a section people leave out or leave empty, as YAML to paste and edit. */
const EXAMPLES: Record<string, string> = {
  council: 'council:\n  name: London Borough of Hartwell\n  short: Hartwell',
  mayor: 'mayor:\n  name: Sam Okafor\n  aliases: [Mayor Okafor]',
  groups: 'groups:\n  - id: press\n    every: 10m',
  sources: 'sources:\n  - id: gazette\n    name: Hartwell Gazette\n    kind: rss\n    url: https://www.hartwellgazette.example/news.rss\n    group: press',
  briefing: 'briefing:\n  to: [press.office@hartwell.gov.uk]\n  from: despatch@hartwell.gov.uk',
  'briefing.to': 'briefing:\n  to: [press.office@hartwell.gov.uk]',
  alerts: 'alerts:\n  to: [press.office@hartwell.gov.uk]   # who is told at once about a sensitive story',
  'alerts.to': 'alerts:\n  to: [press.office@hartwell.gov.uk]   # who is told at once about a sensitive story',
};

function indent(yaml: string): string {
  return yaml
    .split('\n')
    .map((line) => `      ${line}`)
    .join('\n');
}

/** `file:line:col: field: message`, the column that of the exact place inside the string when known. */
function describeProblem(problem: ConfigProblem, root: Node | null, lines: LineCounter, file: string, text: string): string {
  const field = formatPath(problem.path);
  const { node } = nodeAt(root, problem.path);
  const start = node?.range?.[0];
  if (start === undefined) return `${file}: ${field}: ${problem.message}`;
  const at =
    problem.offset !== undefined && problem.value !== undefined && isScalar(node) && node.value === problem.value
      ? start + sourceOffset(text.slice(start, node.range?.[1] ?? start), node.type, problem.value, problem.offset)
      : start;
  const pos = lines.linePos(at);
  return `${file}:${pos.line}:${pos.col}: ${field}: ${problem.message}`;
}

/**
 * Where, after the start of a scalar's source, the character at `offset` of its value is. The
 * source differs from the value by quotes, escapes (\" or ''), folded line breaks and block
 * headers; walking both and skipping source characters until the value's next one appears
 * lands on the right place for all of these (a plain one-line scalar maps one to one).
 */
function sourceOffset(source: string, type: string | undefined, value: string, offset: number): number {
  let j = 0;
  if (type === 'QUOTE_DOUBLE' || type === 'QUOTE_SINGLE') j = 1;
  if (type === 'BLOCK_LITERAL' || type === 'BLOCK_FOLDED') j = source.indexOf('\n') + 1;
  for (let i = 0; i <= offset && i < value.length; i++) {
    while (j < source.length && source.charAt(j) !== value.charAt(i)) j++;
    if (i < offset) j++;
  }
  return Math.min(j, source.length);
}

/** The YAML node for a path, or its nearest existing parent (for a missing key). */
function nodeAt(root: Node | null, path: readonly PropertyKey[]): { node: Node | null; exact: boolean } {
  let node: Node | null = root;
  for (const key of path) {
    let next: unknown = undefined;
    if (isMap(node)) next = node.get(String(key), true);
    else if (isSeq(node) && typeof key === 'number') next = node.get(key, true);
    if (!next || typeof next !== 'object') return { node, exact: false };
    node = next as Node;
  }
  return { node, exact: true };
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '');
}
