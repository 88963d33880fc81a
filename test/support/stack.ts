/**
 * The local stack for an integration test: dynalite in memory and local SQS, a temporary data dir
 * for the outbox, retries after one second, and a store client on the same table the handlers use,
 * signed with the run's credentials (the local emulators refuse any other).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { LOCAL_REGION, LocalStack } from '../../infra/local/runtime.js';
import type { Config } from '../../shared/platform/config/schema.js';
import { createDynamoStore, type Store } from '../../shared/adapters/aws/dynamo-store.js';

export interface TestStack {
  stack: LocalStack;
  store: Store;
  dataDir: string;
  /** Stops the emulators and removes the data dir. */
  stop(): Promise<void>;
}

export async function startTestStack(config: Config, name: string): Promise<TestStack> {
  const dataDir = mkdtempSync(join(tmpdir(), `despatch-${name}-`));
  const stack = await LocalStack.start({ config, dataDir, inMemory: true, visibilityTimeoutSeconds: 1 });
  const store = createDynamoStore(
    DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: stack.endpoints.dynamodb, region: LOCAL_REGION, credentials: stack.credentials })),
    'despatch',
    { retentionDays: 30 },
  );
  return {
    stack,
    store,
    dataDir,
    stop: async () => {
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
