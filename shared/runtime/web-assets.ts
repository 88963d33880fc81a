/**
 * The review page's files and how it signs in. (The grid store and rules are made by the one
 * composition root, container.ts, with every other client.)
 */
import { readFileSync } from 'node:fs';
import * as z from 'zod';
import { optionalEnv } from '../platform/env.js';
import type { WebAssets } from '../workspace/http-api.js';
import type { PageAuth } from '../grid/model.js';

/** Variables the grid functions read. */
export const GRID_ENV = {
  /** Cognito hosted sign-in for the page (AWS); without them the page asks for the local token. */
  cognitoDomain: 'REVIEW_COGNITO_DOMAIN',
  cognitoClientId: 'REVIEW_COGNITO_CLIENT_ID',
} as const;

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
