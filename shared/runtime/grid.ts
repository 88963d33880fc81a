/**
 * What the grid's functions need, made once per container: the grid store, the compiled grid
 * rules, the review page's files and how it signs in. Built on the shared container (config,
 * item store, logger). Keyed on the table and endpoint, so the local runtime starting a fresh
 * stack in the same process gets fresh clients, as a fresh Lambda container would.
 */
import { readFileSync } from 'node:fs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { ENV, optionalEnv, requireEnv } from '../platform/env.js';
import { config } from './container.js';
import { compileGridRules, type GridRules } from '../grid/hooks.js';
import type { WebAssets } from '../workspace/http-api.js';
import type { PageAuth } from '../grid/model.js';
import { requireGrid } from '../grid/planner.js';
import { createGridStore } from '../adapters/aws/grid-store.js';
import { type GridStore } from '../grid/ports.js';

/** Variables the grid functions read. */
export const GRID_ENV = {
  /** Cognito hosted sign-in for the page (AWS); without them the page asks for the local token. */
  cognitoDomain: 'REVIEW_COGNITO_DOMAIN',
  cognitoClientId: 'REVIEW_COGNITO_CLIENT_ID',
} as const;

let cached: { key: string; store: GridStore } | undefined;

export function gridStore(): GridStore {
  const tableName = requireEnv(ENV.tableName);
  const key = `${tableName}|${process.env.AWS_ENDPOINT_URL_DYNAMODB ?? ''}`;
  if (cached?.key === key) return cached.store;
  const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });
  cached = { key, store: createGridStore(doc, tableName, { retentionDays: config().retention.days }) };
  return cached.store;
}

let rulesFor: { config: object; rules: GridRules } | undefined;

export function gridRules(): GridRules {
  const current = config();
  if (rulesFor?.config === current) return rulesFor.rules;
  rulesFor = { config: current, rules: compileGridRules(current, requireGrid(current)) };
  return rulesFor.rules;
}

const webAssetsSchema = z.strictObject({ 'index.html': z.string(), 'app.js': z.string(), 'style.css': z.string() });
let assets: WebAssets | undefined;

/**
 * Locally: the page's files, built by the process that serves them. (Not an environment variable:
 * at half a megabyte it would stop the process from starting any child process.)
 */
export function provideWebAssets(files: WebAssets): void {
  assets = files;
}

/** The page's files: as provided locally, else from the file the CDK app put beside the bundle. */
export function webAssets(): WebAssets {
  assets ??= webAssetsSchema.parse(JSON.parse(bundledAssets()));
  return assets;
}

/** Name of the page's files in the review-api bundle (infra/review.ts copies it there). */
export const WEB_ASSETS_FILE = 'web-assets.json';

function bundledAssets(): string {
  try {
    return readFileSync(new URL(`./${WEB_ASSETS_FILE}`, import.meta.url), 'utf8');
  } catch (error) {
    throw new Error(`The review page's files are missing: no ${WEB_ASSETS_FILE} beside the function`, { cause: error });
  }
}

export function pageAuth(): PageAuth {
  const domain = optionalEnv(GRID_ENV.cognitoDomain);
  const clientId = optionalEnv(GRID_ENV.cognitoClientId);
  return domain && clientId ? { mode: 'cognito', domain, clientId } : { mode: 'local' };
}
