/**
 * The two emulators the local runtime needs, started in this process on loopback ephemeral ports:
 * dynalite (the DynamoDB API, persisted with LevelDB under the data dir); local SQS is in durable-sqs.ts.
 */
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import dynalite from 'dynalite';

export interface RunningServer {
  endpoint: string;
  close(): Promise<void>;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function closer(server: Server): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      server.closeAllConnections?.();
      server.close(() => resolve());
    });
}

/** Starts dynalite; with `path` its data survives restarts, without it lives in memory. */
export async function startDynalite(path?: string): Promise<RunningServer> {
  if (path) mkdirSync(path, { recursive: true });
  const server = dynalite({ ...(path ? { path } : {}), createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const port = await listen(server);
  const close = closer(server);
  return {
    endpoint: `http://127.0.0.1:${port}`,
    // dynalite keeps LevelDB open on the server object; closing the server releases it.
    close,
  };
}
