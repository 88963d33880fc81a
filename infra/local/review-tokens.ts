/**
 * Revoking every local review page sign-in token at once from another terminal: `despatch
 * revoke-tokens` writes the moment of revocation into the data dir, and the running review server
 * refuses every token made before it (local-users.ts reads it at each request). The users stay:
 * the next `despatch start` makes each of them a new link.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FILE = 'review-tokens-revoked';

/** Revokes every local sign-in token made up to `now`. */
export function revokeLocalTokens(dataDir: string, now = new Date()): void {
  writeFileSync(join(dataDir, FILE), `${now.toISOString()}\n`, { mode: 0o600 });
}

/**
 * When every token was last revoked (ms), or undefined if never. An unreadable date counts as
 * revoking everything, for ever: someone meant to revoke, and failing closed costs only fixing the file.
 */
export function revokedAt(dataDir: string): number | undefined {
  const path = join(dataDir, FILE);
  if (!existsSync(path)) return undefined;
  const at = Date.parse(readFileSync(path, 'utf8').trim());
  return Number.isNaN(at) ? Number.POSITIVE_INFINITY : at;
}

/** Whether tokens made at `issuedAt` (ms) have been revoked. */
export function localTokensRevoked(dataDir: string, issuedAt: number): boolean {
  const at = revokedAt(dataDir);
  return at !== undefined && at >= issuedAt;
}
