/**
 * CDK app entry (`cdk.json`: `npx tsx infra/app.ts`). Loads and validates the configuration named
 * by the `config` context (`-c config=path/to.yaml`, default config/example.yaml), builds the
 * `Despatch` stack and checks it with cdk-nag.
 */
import { relative, resolve } from 'node:path';
import { App } from 'aws-cdk-lib';
import { queryProblems } from '../shared/classify/config-queries.js';
import { ConfigError, loadConfigFile } from '../shared/platform/config/load.js';
import type { Config } from '../shared/platform/config/schema.js';
import { addNagChecks } from './nag.js';
import { repoRoot } from './paths.js';
import { UnsupportedScheduleError } from './schedules.js';
import { DespatchStack } from './stack.js';

const DEFAULT_CONFIG = 'config/example.yaml';

function stringContext(app: App, key: string): string | undefined {
  const value: unknown = app.node.tryGetContext(key);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') fail(`context "${key}" must be a string, got ${JSON.stringify(value)}`);
  return value;
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const app = new App();
const configPath = resolve(repoRoot, stringContext(app, 'config') ?? DEFAULT_CONFIG);

let config: Config;
try {
  // Named relative to where cdk runs, so the file:line in an error is one a person can open.
  // Queries too: one that does not compile would otherwise deploy and dead-letter every item.
  config = loadConfigFile(relative(process.cwd(), configPath) || configPath, queryProblems);
} catch (error) {
  if (error instanceof ConfigError) fail(error.message);
  throw error;
}

try {
  new DespatchStack(app, 'Despatch', { config, sesConfigurationSet: stringContext(app, 'sesConfigurationSet') });
} catch (error) {
  if (error instanceof UnsupportedScheduleError) fail(`Invalid configuration in ${configPath}: ${error.message}`);
  throw error;
}
addNagChecks(app);
app.synth();
