/**
 * The configuration as a function sees it, parsed once per container from the copy inlined into
 * the bundle (validated from the YAML file at synth time); the local runtime sets the same variable.
 */
import { queryProblems } from '../classify/config-queries.js';
import { ENV, MissingEnvironmentError } from '../platform/env.js';
import { parseBundledConfig } from '../platform/config/bundled.js';
import type { Config } from '../platform/config/schema.js';

let cached: Config | undefined;

export function runtimeConfig(): Config {
  if (cached) return cached;
  // esbuild replaces this expression with a string literal when the CDK app bundles the function.
  const bundled = process.env.DESPATCH_CONFIG_JSON;
  if (!bundled) throw new MissingEnvironmentError(ENV.bundledConfig);
  cached = parseBundledConfig(bundled, queryProblems);
  return cached;
}

/** Local runtime only: the next call reads the configuration again. */
export function resetRuntimeConfig(): void {
  cached = undefined;
}
