/**
 * Reads the YAML configuration and reports every problem with the file, line and field,
 * because the people who edit it are not developers and need to find the mistake.
 */
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, isMap, isSeq, type Node } from 'yaml';
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

/** Parses and validates configuration text; `file` is only used to name the file in errors. */
export function parseConfig(text: string, file: string): Config {
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
  if (result.success) return result.data;
  throw new ConfigError(file, result.error.issues.map((issue) => describeIssue(issue, doc.contents, lineCounter, file)));
}

export function loadConfigFile(path: string): Config {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(path, [`${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`]);
  }
  return parseConfig(text, path);
}

function describeIssue(issue: z.core.$ZodIssue, root: Node | null, lines: LineCounter, file: string): string {
  const field = formatPath(issue.path);
  const { node, exact } = nodeAt(root, issue.path);
  const offset = node?.range?.[0];
  const where = offset === undefined ? file : `${file}:${lines.linePos(offset).line}`;
  const message = !exact && issue.code !== 'custom' ? 'is required' : issue.message;
  return `${where}: ${field || '(top level)'}: ${message}`;
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
