/**
 * The two emulators the local runtime needs, started in this process on loopback ephemeral ports:
 * dynalite (the DynamoDB API, persisted with LevelDB under the data dir); local SQS is in durable-sqs.ts.
 * Both sit behind the local guard (local-guard.ts): clients sign with this run's credentials.
 */
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import dynalite from 'dynalite';
import { listenOnLoopback, newInnerSecret, requireInnerSecret, startAwsFront, type LocalCredentials } from './local-guard.js';

export interface RunningServer {
  endpoint: string;
  close(): Promise<void>;
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections?.();
    server.close(() => resolve());
  });
}

/**
 * Starts dynalite behind a guarded front; with `path` its data survives restarts, without it lives
 * in memory. Only requests signed with `credentials` (region eu-west-2 unless told) get through.
 */
export async function startDynalite(path: string | undefined, access: { credentials: LocalCredentials; region?: string }): Promise<RunningServer> {
  if (path) mkdirSync(path, { recursive: true });
  const inner = dynalite({ ...(path ? { path } : {}), createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const secret = newInnerSecret();
  requireInnerSecret(inner, secret);
  const innerPort = await listenOnLoopback(inner);
  const front = await startAwsFront({ innerPort, secret, service: 'dynamodb', region: access.region ?? 'eu-west-2', credentials: access.credentials }).catch(
    async (error: unknown) => {
      await close(inner);
      throw error;
    },
  );
  return {
    endpoint: `http://127.0.0.1:${front.port}`,
    close: async () => {
      await close(front.server);
      front.agent.destroy();
      // dynalite keeps LevelDB open on the server object; closing the server releases it.
      await close(inner);
    },
  };
}
