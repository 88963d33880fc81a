/**
 * The configuration as a function sees it, parsed once per container: from a file locally, or from
 * the copy validated at synth time and inlined into the bundle in AWS.
 */
import { queryProblems } from '../classify/config-queries.js';
import { ENV, MissingEnvironmentError } from '../platform/env.js';
import { loadConfigFile, parseConfig } from '../platform/config/load.js';
import type { Config } from '../platform/config/schema.js';

let cached: Config | undefined;

export function runtimeConfig(): Config {
  if (cached) return cached;
  const file = process.env[ENV.configFile];
  // esbuild replaces this expression with a string literal when the CDK app bundles the function.
  const bundled = process.env.DESPATCH_CONFIG_JSON;
  if (file) cached = loadConfigFile(file, queryProblems);
  else if (bundled) cached = parseConfig(bundled, 'bundled configuration', queryProblems);
  else throw new MissingEnvironmentError(`${ENV.configFile} (or a bundled ${ENV.bundledConfig})`);
  return cached;
}

/** Local runtime only: the next call reads the configuration again. */
export function resetRuntimeConfig(): void {
  cached = undefined;
}
