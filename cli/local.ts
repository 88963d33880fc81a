/** Loading the configuration for a local command, and the demo's variant of it. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { queryProblems } from '../shared/classify/config-queries.js';
import { parseConfig } from '../shared/platform/config/load.js';
import type { Config } from '../shared/platform/config/schema.js';
import { DEMO_ORIGIN, startFixtureServer, type FixtureServer } from '../demo/fixture-server.js';

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DEFAULT_CONFIG = 'config/example.yaml';
export const DEMO_CONFIG = fileURLToPath(new URL('../config/demo.yaml', import.meta.url));
export const DEFAULT_DATA_DIR = '.despatch';

export function loadConfig(path: string, transform: (text: string) => string = (t) => t): Config {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read the configuration file ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  // Queries compiled here, so `start` and `run` refuse a malformed one with its line and column.
  return parseConfig(transform(text), path, queryProblems);
}

/** Starts the demo's feed server and returns the demo configuration pointed at it. */
export async function loadDemo(): Promise<{ config: Config; fixtures: FixtureServer }> {
  const fixtures = await startFixtureServer();
  try {
    return { config: loadConfig(DEMO_CONFIG, (text) => text.replaceAll(DEMO_ORIGIN, fixtures.baseUrl)), fixtures };
  } catch (error) {
    await fixtures.close();
    throw error;
  }
}
