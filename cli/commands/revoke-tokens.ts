/** `despatch revoke-tokens`: the local review page's sign-in tokens stop working now. */
import { londonDateTime } from '../../shared/deliver/render/time.js';
import { existsSync } from 'node:fs';
import { UsageError } from '../args.js';
import { revokeLocalTokens } from '../../infra/local/review-tokens.js';

export function revokeTokensCommand(dataDir: string, now = new Date()): string {
  if (!existsSync(dataDir)) throw new UsageError(`There is no data dir at ${dataDir}: nothing to revoke.`);
  revokeLocalTokens(dataDir, now);
  return `Revoked every review page sign-in token made before ${londonDateTime(now)} (London) for ${dataDir}. The next "despatch start" prints new ones.`;
}
