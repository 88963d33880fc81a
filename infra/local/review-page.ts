/**
 * The review page on this machine, started by `despatch start` when the configuration has a grid:
 * builds the page, plans the week(s) it is asked to, and serves page and API on loopback with two
 * freshly made sign-in tokens (an approver and an editor), good for 12 hours unless
 * `despatch revoke-tokens` revokes them first.
 */
import { provideWebAssets } from '../../shared/runtime/web-assets.js';
import { newLocalToken, startReviewServer, type LocalUser } from './http-adapter.js';
import type { LocalStack } from './runtime.js';
import { buildWebAssets } from './web-assets.js';
import { localTokensRevoked } from './review-tokens.js';

export const LOCAL_APPROVER: LocalUser = { id: 'assistant@local', groups: ['approvers', 'editors'] };
export const LOCAL_EDITOR: LocalUser = { id: 'editor@local', groups: ['editors'] };

/** A fixed port, so a bookmark keeps working; any free port when it is taken. */
export const DEFAULT_REVIEW_PORT = 4650;

export interface LocalReview {
  readonly url: string;
  readonly approverToken: string;
  readonly editorToken: string;
  close(): Promise<void>;
}

export async function startLocalReview(stack: LocalStack, options: { port?: number } = {}): Promise<LocalReview> {
  provideWebAssets(buildWebAssets());
  const approverToken = newLocalToken();
  const editorToken = newLocalToken();
  const users = new Map([
    [approverToken, LOCAL_APPROVER],
    [editorToken, LOCAL_EDITOR],
  ]);
  const invoke = (event: unknown) => stack.invoke('review-api', event);
  const issuedAt = Date.now();
  const revoked = () => localTokensRevoked(stack.dataDir, issuedAt);
  const server = await startReviewServer({ invoke, users, revoked, port: options.port ?? DEFAULT_REVIEW_PORT }).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE' && options.port === undefined) return startReviewServer({ invoke, users, revoked, port: 0 });
    throw error;
  });
  return { url: server.url, approverToken, editorToken, close: () => server.close() };
}
