/**
 * The configuration as a function sees it: its own projection (shared/platform/config/projections.ts),
 * parsed once per container from the copy inlined into the bundle (projected and validated from the
 * YAML file at synth time). The local runtime sets the same variable to the whole configuration,
 * which every projection's schema reads its part from.
 */
import type * as z from 'zod';
import { queryProblems } from '../classify/config-queries.js';
import { ENV, MissingEnvironmentError } from '../platform/env.js';
import { parseBundledConfig } from '../platform/config/bundled.js';
import { commonConfigSchema, functionConfigSchemas, type CommonConfig, type FunctionConfig } from '../platform/config/projections.js';
import type { FunctionId } from '../platform/topology.js';
import type { ConfigProblem } from '../platform/config/load.js';

const cached = new Map<z.ZodType, unknown>();

function parsed<S extends z.ZodType>(schema: S, check?: (config: z.output<S>) => readonly ConfigProblem[]): z.output<S> {
  if (cached.has(schema)) return cached.get(schema) as z.output<S>;
  // esbuild replaces this expression with a string literal when the CDK app bundles the function.
  const bundled = process.env.DESPATCH_CONFIG_JSON;
  if (!bundled) throw new MissingEnvironmentError(ENV.bundledConfig);
  const config = parseBundledConfig(bundled, schema, check);
  cached.set(schema, config);
  return config;
}

/** Every function whose projection holds queries checks they compile (the poller's holds none). */
const QUERY_CHECKS: { readonly [F in FunctionId]?: (config: FunctionConfig<F>) => readonly ConfigProblem[] } = {
  classifier: queryProblems,
  alerter: queryProblems,
  briefing: queryProblems,
  planner: queryProblems,
  'review-api': queryProblems,
};

/** The configuration function `id` carries, with its queries checked (those it carries). */
export function runtimeConfig<F extends FunctionId>(id: F): FunctionConfig<F> {
  return parsed(functionConfigSchemas[id], QUERY_CHECKS[id]);
}

/** The part every function carries (what the shared stores read). */
export function commonConfig(): CommonConfig {
  return parsed(commonConfigSchema);
}

/** Local runtime only: the next call reads the configuration again. */
export function resetRuntimeConfig(): void {
  cached.clear();
}
