/**
 * Polling on the local stack (dynalite + local SQS), measured: an unchanged feed re-polled costs
 * zero DynamoDB write units, whether it answers 304 or serves the same items again. The figures
 * come from ReturnConsumedCapacity: 'TOTAL' on every call, read from dynalite's answers. Source
 * health (failures, waits) is stored and listed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { meterConsumedCapacity, newMeter, type CapacityMeter } from '../../shared/runtime/capacity.js';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalStack } from '../../infra/local/runtime.js';
import { fetchSource } from '../../shared/ingest/fetch-source.js';
import { pollGroup, type PollDeps, type PollSummary } from '../../shared/ingest/poller/poll-group.js';
import { sendMessages } from '../../shared/adapters/aws/sqs-send-batch.js';
import { createDynamoStore, type Store } from '../../shared/adapters/aws/dynamo-store.js';
import { rss, testConfig } from '../support/config.js';
import { startFeedServer, type FeedServer } from '../support/feed-server.js';

/** Capacity units DynamoDB reported, by reads and writes, with the number of write requests. */
/** A DynamoDB client that asks for ConsumedCapacity on every call and adds it up. */
const meteredClient = (meter: CapacityMeter): DynamoDBClient => meterConsumedCapacity(new DynamoDBClient({}), meter);

describe('ingestion on the local stack', () => {
  let server: FeedServer;
  let stack: LocalStack;
  let store: Store;
  let doc: DynamoDBDocumentClient;
  let sqs: SQSClient;
  let dataDir: string;
  const meter: CapacityMeter = newMeter();
  let deps: PollDeps;

  beforeAll(async () => {
    // Prepare
    const body = rss([
      { guid: 'a', title: 'Library reopens after refit' },
      { guid: 'b', title: '240 council homes approved' },
    ]);
    server = await startFeedServer({
      // Answers 304 to the validator it gave.
      '/etag.xml': (req, res) => {
        if (req.headers['if-none-match'] === '"v1"') res.writeHead(304).end();
        else res.writeHead(200, { ETag: '"v1"', 'Content-Type': 'application/rss+xml' }).end(body);
      },
      // Gives no validators: the same items come back in full every time.
      '/plain.xml': { headers: { 'Content-Type': 'application/rss+xml' }, body },
      '/busy.xml': { status: 429, headers: { 'Retry-After': '3600' }, body: '' },
    });
    const config = testConfig([
      { id: 'etagged', url: `${server.baseUrl}/etag.xml` },
      { id: 'plain', url: `${server.baseUrl}/plain.xml` },
      { id: 'busy', url: `${server.baseUrl}/busy.xml`, group: 'council' },
    ]);
    dataDir = mkdtempSync(join(tmpdir(), 'despatch-ingestion-'));
    stack = await LocalStack.start({ config, dataDir, inMemory: true });
    doc = DynamoDBDocumentClient.from(meteredClient(meter), { marshallOptions: { removeUndefinedValues: true } });
    store = createDynamoStore(doc, 'despatch', { retentionDays: 30 });
    sqs = new SQSClient({});
    deps = {
      config,
      store,
      fetchSource: (source, state) => fetchSource(source, state, { network: config.network, now: new Date() }),
      enqueue: (items) =>
        sendMessages(
          sqs,
          stack.queues.ingest.url,
          items.map((item) => ({ key: item.id, body: JSON.stringify({ v: 1, kind: 'item', item }) })),
        ),
      now: () => new Date(),
    };
  });

  afterAll(async () => {
    doc?.destroy();
    sqs?.destroy();
    await stack?.stop();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function measuredPoll(group: string): Promise<{ summary: PollSummary; readUnits: number; writeUnits: number; writeRequests: number }> {
    const before = { ...meter };
    const summary = await pollGroup(group, deps);
    return {
      summary,
      readUnits: meter.readUnits - before.readUnits,
      writeUnits: meter.writeUnits - before.writeUnits,
      writeRequests: meter.writeRequests - before.writeRequests,
    };
  }

  it('re-polling an unchanged feed costs zero write units (304 and same-items alike)', async () => {
    // Act
    const first = await measuredPoll('press');
    const second = await measuredPoll('press');
    // Assess
    console.log(
      `[ingestion] first poll of 2 sources: ${first.writeUnits} write units (${first.writeRequests} writes), ${first.readUnits} read units; ` +
        `re-poll unchanged: ${second.writeUnits} write units (${second.writeRequests} writes), ${second.readUnits} read units`,
    );
    expect(first.summary.sources.map((s) => [s.sourceId, s.status, s.newItems])).toEqual([
      ['etagged', 'ok', 2],
      ['plain', 'ok', 2],
    ]);
    expect(first.writeUnits).toBeGreaterThan(0);
    expect(second.summary.sources.map((s) => [s.sourceId, s.status, s.newItems, s.alreadySeen])).toEqual([
      ['etagged', 'not-modified', 0, 0],
      ['plain', 'ok', 0, 2],
    ]);
    expect(second.writeRequests).toBe(0);
    expect(second.writeUnits).toBe(0);
    // The states were read (one small read per source), which is what makes the writes unnecessary.
    expect(second.readUnits).toBeGreaterThan(0);
  });

  it('stores a Retry-After wait and the start of the failures, skips without a write, and lists every state', async () => {
    // Act
    const refused = await measuredPoll('council');
    const skipped = await measuredPoll('council');
    const states = await store.listSourceStates();
    // Assess
    expect(refused.summary.sources[0]).toMatchObject({ status: 'failed', reason: expect.stringContaining('HTTP 429') });
    expect(skipped.summary.sources[0]).toMatchObject({
      status: 'skipped',
      reason: expect.stringMatching(/^the server asked us to wait \(HTTP 429\); next attempt after /),
    });
    expect(skipped.writeRequests).toBe(0);
    expect(states.map((s) => s.sourceId).sort()).toEqual(['busy', 'etagged', 'plain']);
    const busyState = states.find((s) => s.sourceId === 'busy');
    expect(busyState).toMatchObject({ consecutiveFailures: 1, notBeforeReason: 'the server asked us to wait (HTTP 429)' });
    expect(Date.parse(busyState?.notBefore ?? '') - Date.parse(busyState?.failingSince ?? '')).toBeGreaterThanOrEqual(3_599_000);
  });
});
