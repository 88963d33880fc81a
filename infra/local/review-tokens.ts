/**
 * Revoking the local review page's sign-in tokens from another terminal: `despatch revoke-tokens`
 * writes the moment of revocation into the data dir, and the running review server refuses every
 * token made before it. The tokens live only in the memory of `despatch start`, so a file the
 * user owns is how another process can reach them; the next start makes new ones.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FILE = 'review-tokens-revoked';

/** Revokes every local sign-in token made up to `now`. */
export function revokeLocalTokens(dataDir: string, now = new Date()): void {
  writeFileSync(join(dataDir, FILE), `${now.toISOString()}\n`, { mode: 0o600 });
}

/**
 * Whether tokens made at `issuedAt` (ms) have been revoked. An unreadable date counts as revoked:
 * someone meant to revoke, and failing closed costs only a restart.
 */
export function localTokensRevoked(dataDir: string, issuedAt: number): boolean {
  const path = join(dataDir, FILE);
  if (!existsSync(path)) return false;
  const at = Date.parse(readFileSync(path, 'utf8').trim());
  return Number.isNaN(at) || at >= issuedAt;
}
