/**
 * The configuration as a function's bundle carries it: JSON inlined at synth time (or set by the
 * local runtime), already validated from the YAML file with its lines and columns in any error. A
 * function checks it once more against its own projection's schema (projections.ts) and the
 * caller's checks, without the YAML parser, which would otherwise be 113 KB of every bundle for a
 * document that is never YAML.
 */
import type * as z from 'zod';
import type { ConfigProblem } from './load.js';

export class BundledConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid bundled configuration (rebuild with \`cdk synth\`, which validates the YAML file):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'BundledConfigError';
  }
}

export function parseBundledConfig<S extends z.ZodType>(json: string, schema: S, check?: (config: z.output<S>) => readonly ConfigProblem[]): z.output<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    throw new BundledConfigError([`it is not JSON (${error instanceof Error ? error.message : String(error)})`]);
  }
  const result = schema.safeParse(raw);
  if (!result.success) throw new BundledConfigError(result.error.issues.map((issue) => `${issue.path.join('.') || '(top level)'}: ${issue.message}`));
  const problems = check?.(result.data) ?? [];
  if (problems.length > 0) throw new BundledConfigError(problems.map((problem) => `${problem.path.join('.')}: ${problem.message}`));
  return result.data;
}
