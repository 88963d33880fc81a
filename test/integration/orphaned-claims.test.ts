/**
 * A delivery claim left "sending" by a run killed mid-send is found through the index (no scan) and
 * freed, so the next local run sends the alert instead of finding it busy until its retries end in
 * the dead-letter queue (seen in the fault-injection test). A completed claim is never touched.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDynamoDeliveryStore, releaseUnfinishedClaims } from '../../shared/adapters/aws/delivery-store.js';
import { buildTopology } from '../../shared/platform/topology.js';
import { ensureTable } from '../../infra/local/provision.js';
import { startDynalite, type RunningServer } from '../../infra/local/servers.js';
import { newLocalCredentials } from '../../infra/local/local-guard.js';
import { testConfig } from '../support/config.js';

let server: RunningServer;
let doc: DynamoDBDocumentClient;

beforeAll(async () => {
  const credentials = newLocalCredentials();
  server = await startDynalite(undefined, { credentials });
  const client = new DynamoDBClient({ endpoint: server.endpoint, region: 'eu-west-2', credentials });
  await ensureTable(client, 'despatch', buildTopology(testConfig([{ id: 'paper', url: 'http://127.0.0.1:9/feed' }])));
  doc = DynamoDBDocumentClient.from(client);
});
afterAll(async () => {
  doc?.destroy();
  await server?.close();
});

it('frees claims a killed sender left, and leaves completed ones alone', async () => {
  const log = createDynamoDeliveryStore(doc, 'despatch');
  const now = new Date();
  const owner = { storyId: '20261207-abc' };
  expect(await log.claimDelivery(owner, 'new#critical#1#email-pa', now, 120)).toBe('claimed');
  expect(await log.claimDelivery(owner, 'new#critical#1#webhook', now, 120)).toBe('claimed');
  await log.completeDelivery(owner, 'new#critical#1#webhook', now, 'm-1');
  // The sender is killed here; a new run within the lease finds the email busy.
  expect(await log.claimDelivery(owner, 'new#critical#1#email-pa', new Date(now.getTime() + 1000), 120)).toBe('busy');

  expect(await releaseUnfinishedClaims(doc, 'despatch')).toBe(1);

  expect(await log.claimDelivery(owner, 'new#critical#1#email-pa', new Date(now.getTime() + 2000), 120)).toBe('claimed');
  expect(await log.claimDelivery(owner, 'new#critical#1#webhook', new Date(now.getTime() + 2000), 120)).toBe('done');
});
