/**
 * The review page on this machine, started by `despatch start` when the configuration has a grid:
 * builds the page, makes sure the local users (the configuration's `users`, or a first approver)
 * have sign-in links, and serves page and API on loopback. Each request's token is checked against
 * the data dir's users file (local-users.ts), so `despatch users revoke` and `despatch
 * revoke-tokens` in another terminal take effect at the next request.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { provideWebAssets } from '../../shared/runtime/web-assets.js';
import { startReviewServer } from './http-adapter.js';
import { localUsersAuthenticator, prepareLocalUsers, type StartUsers } from './local-users.js';
import type { LocalStack } from './runtime.js';
import { buildWebAssets } from './web-assets.js';

/** A fixed port, so a bookmark keeps working; any free port when it is taken. */
export const DEFAULT_REVIEW_PORT = 4650;

export interface LocalReview {
  readonly url: string;
  /** Who got a new link at this start, who kept a stored one, who is revoked. */
  readonly users: StartUsers;
  /** A link's token for an approver made at this start (always so on a fresh data dir), for tests and the first start. */
  readonly approverToken: string | undefined;
  close(): Promise<void>;
}

export async function startLocalReview(stack: LocalStack, options: { port?: number; now?: () => number } = {}): Promise<LocalReview> {
  provideWebAssets(buildWebAssets());
  const users = prepareLocalUsers(stack.dataDir, stack.config.users, options.now ? { now: new Date(options.now()) } : {});
  const authenticate = localUsersAuthenticator(stack.dataDir, options.now ? { now: options.now } : {});
  const invoke = (event: unknown) => stack.invoke('review-api', event);
  const server = await startReviewServer({ invoke, authenticate, port: options.port ?? DEFAULT_REVIEW_PORT }).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE' && options.port === undefined) return startReviewServer({ invoke, authenticate, port: 0 });
    throw error;
  });
  writeReviewUrl(stack.dataDir, server.url);
  const approverToken = users.issued.find((link) => link.role === 'approver')?.token;
  return { url: server.url, users, approverToken, close: () => server.close() };
}

const URL_FILE = 'review-url';

/** Where the running page is (it may not be the default port), for `despatch users add`'s link. */
function writeReviewUrl(dataDir: string, url: string): void {
  writeFileSync(join(dataDir, URL_FILE), `${url}\n`, { mode: 0o600 });
}

/** The running (or last) review page's address in this data dir; the default one when none is known. */
export function readReviewUrl(dataDir: string): string {
  const path = join(dataDir, URL_FILE);
  const url = existsSync(path) ? readFileSync(path, 'utf8').trim() : '';
  return /^http:\/\/127\.0\.0\.1:\d{1,5}$/.test(url) ? url : `http://127.0.0.1:${DEFAULT_REVIEW_PORT}`;
}
