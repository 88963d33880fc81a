/**
 * "Nothing lost, nothing hidden": one bad item never blocks its source or its group, and what could
 * not be queued is said in the source's health. End to end from feed bytes through fetchSource and
 * pollGroup to the real SQS batching code (over a mocked client), as the poller runs in AWS.
 */
import { SendMessageBatchCommand, SQSClient, type SendMessageBatchRequestEntry } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { sendMessages } from '../../../../shared/adapters/aws/sqs-send-batch.js';
import { fetchSource, type SourceFetchDeps, type SourceFetchOutcome } from '../../../../shared/ingest/fetch-source.js';
import type { SafeFetchOptions, SafeFetchResult } from '../../../../shared/ingest/http/safe-fetch.js';
import { pollGroup, type PollDeps } from '../../../../shared/ingest/poller/poll-group.js';
import type { SourceState } from '../../../../shared/ingest/ports.js';
import { ingestMessage, normalisedItemSchema, type NormalisedItem } from '../../../../shared/platform/model.js';
import { testConfig } from '../../../support/config.js';
import { startFeedServer, type FeedServer } from '../../../support/feed-server.js';

const network: SourceFetchDeps['network'] = { allowPrivateHosts: true, contact: 'tests@hartwell.example', timeoutSeconds: 5, maxBodyBytes: 5 * 1024 * 1024 };
const now = new Date('2026-11-23T06:00:00Z');

function rssItems(prefix: string, count: number, description = ''): string {
  return Array.from(
    { length: count },
    (_, i) =>
      `<item><title>${prefix} story ${i}</title><link>https://news.example/${prefix}/${i}</link><guid isPermaLink="false">${prefix}-${i}</guid>` +
      `<description>${description}</description></item>`,
  ).join('');
}

const rssDocument = (items: string) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>https://news.example/</link>${items}</channel></rss>`;

/** A fake network: each source's URL answers with its body, and every request's ETag is recorded. */
function fakeNetwork(bodies: Record<string, string>) {
  const requests: { url: string; etag?: string }[] = [];
  const fetch = async (url: string, options: SafeFetchOptions): Promise<SafeFetchResult> => {
    requests.push({ url, ...(options.etag ? { etag: options.etag } : {}) });
    const body = bodies[url];
    if (body === undefined) throw new Error(`no route for ${url}`);
    return { status: 'ok', finalUrl: url, body: Buffer.from(body), contentType: 'application/rss+xml', etag: '"v1"' };
  };
  return { fetch, requests };
}

/** SQS as the poller's handler uses it: real batching (10 entries, 256 KiB a call), every entry accepted. */
function sqsQueue() {
  const sqs = mockClient(SQSClient);
  const bodies: string[] = [];
  sqs.on(SendMessageBatchCommand).callsFake((input: { Entries?: SendMessageBatchRequestEntry[] }) => {
    const entries = input.Entries ?? [];
    bodies.push(...entries.map((e) => e.MessageBody ?? ''));
    return { Successful: entries.map((e) => ({ Id: e.Id, MessageId: `m-${e.Id}`, MD5OfMessageBody: '' })), Failed: [] };
  });
  const client = new SQSClient({ region: 'eu-west-2' });
  const enqueue: PollDeps['enqueue'] = (items) =>
    sendMessages(
      client,
      'https://sqs.example/ingest',
      items.map((item) => ({ key: item.id, body: JSON.stringify(ingestMessage(item)) })),
    );
  return { sqs, enqueue, queuedItems: () => bodies.map((b) => normalisedItemSchema.parse((JSON.parse(b) as { item: unknown }).item)) };
}

function memoryStates() {
  const states = new Map<string, SourceState>();
  const store: PollDeps['store'] = {
    getSourceState: async (id) => states.get(id),
    putSourceState: async (state) => void states.set(state.sourceId, structuredClone(state)),
  };
  return { states, store };
}

let restore: (() => void) | undefined;
let server: FeedServer | undefined;
afterEach(async () => {
  restore?.();
  restore = undefined;
  await server?.close();
  server = undefined;
});

describe('one bad item in a group of eleven sources', () => {
  const others = Array.from({ length: 10 }, (_, i) => `other-${i}`);
  const url = (id: string) => `https://${id}.example/feed.xml`;
  const hugeLink = `https://news.example/big/story?state=${'x'.repeat(300 * 1024)}`;

  function setup() {
    const bodies: Record<string, string> = {
      [url('big')]: rssDocument(
        `${rssItems('big', 200)}<item><title>Mayor's huge link</title><link>${hugeLink}</link><guid isPermaLink="false">big-huge</guid></item>`,
      ),
    };
    for (const id of others) bodies[url(id)] = rssDocument(rssItems(id, 3));
    const net = fakeNetwork(bodies);
    const queue = sqsQueue();
    restore = () => queue.sqs.restore();
    const { states, store } = memoryStates();
    const deps: PollDeps = {
      config: testConfig(['big', ...others].map((id) => ({ id, url: url(id) }))),
      store,
      fetchSource: (source, state) => fetchSource(source, state, { network, now, fetch: net.fetch }),
      enqueue: queue.enqueue,
      now: () => now,
    };
    return { deps, states, queue, net };
  }

  it('queues every item of every source, the bad one without its link, and says so in the source health', async () => {
    // Prepare
    const { deps, states, queue } = setup();
    // Act
    const summary = await pollGroup('press', deps);
    // Assess
    expect(summary.sources.map((s) => s.status)).toEqual(Array.from({ length: 11 }, () => 'ok'));
    const queued = queue.queuedItems();
    expect(queued.filter((i) => i.sourceId === 'big')).toHaveLength(201);
    expect(queued.filter((i) => i.sourceId !== 'big')).toHaveLength(30);
    const bad = queued.find((i) => i.title === "Mayor's huge link");
    expect(bad?.link).toBe('');
    expect(states.get('big')?.seenIds).toHaveLength(201);
    expect(states.get('big')?.warning?.reason).toMatch(/1 item's link is longer than 2,048 characters/);
    expect(states.get('big')?.lastError).toBeUndefined();
    for (const id of others) expect(states.get(id)?.seenIds).toHaveLength(3);
  });

  it('does not queue the 200 ordinary items again on the next poll', async () => {
    // Prepare
    const { deps, queue } = setup();
    await pollGroup('press', deps);
    const first = queue.queuedItems().length;
    // Act
    const summary = await pollGroup('press', deps);
    // Assess
    expect(queue.queuedItems()).toHaveLength(first);
    expect(summary.sources.find((s) => s.sourceId === 'big')).toMatchObject({ status: 'ok', newItems: 0, alreadySeen: 201 });
  });
});

describe('an item the queue can never take', () => {
  function item(id: string, summary = ''): NormalisedItem {
    return {
      id: id.padEnd(32, '0'),
      sourceId: 'paper',
      sourceName: 'paper',
      group: 'press',
      title: `Story ${id}`,
      link: `https://news.example/${id}`,
      summary,
      categories: [],
      publishedAt: now.toISOString(),
      seenAt: now.toISOString(),
      kind: 'article',
    };
  }

  function setup(outcomes: Record<string, () => SourceFetchOutcome>) {
    const queue = sqsQueue();
    restore = () => queue.sqs.restore();
    const { states, store } = memoryStates();
    const deps: PollDeps = {
      config: testConfig(Object.keys(outcomes).map((id) => ({ id, url: `https://${id}.example/feed` }))),
      store,
      fetchSource: async (source) => (outcomes[source.id] ?? (() => ({ kind: 'not-modified' }) as const))(),
      enqueue: queue.enqueue,
      now: () => now,
    };
    return { deps, states, queue };
  }

  it('is refused with its reason and marked seen; the rest of the source and the group are queued', async () => {
    // Prepare: a reader that let a 300 KB text through (normalisation bounds it; this is the poller's own guard).
    const { deps, states, queue } = setup({
      paper: () => ({ kind: 'ok', items: [item('a'), item('b', 'y'.repeat(300 * 1024)), item('c')], etag: '"v1"' }),
      other: () => ({ kind: 'ok', items: [{ ...item('d'), sourceId: 'other' }] }),
    });
    // Act
    const summary = await pollGroup('press', deps);
    // Assess
    expect(summary.sources).toEqual([
      expect.objectContaining({ sourceId: 'paper', status: 'ok', newItems: 2, refused: 1 }),
      expect.objectContaining({ sourceId: 'other', status: 'ok', newItems: 1 }),
    ]);
    expect(queue.queuedItems().map((i) => i.id)).toEqual([item('a').id, item('c').id, item('d').id]);
    const state = states.get('paper');
    expect(state?.seenIds.map((entry) => entry.split('#')[0])).toEqual([item('a').id, item('b').id, item('c').id]);
    expect(state?.etag).toBe('"v1"');
    expect(state?.refused).toEqual([
      {
        at: now.toISOString(),
        itemId: item('b').id,
        title: 'Story b',
        reason: expect.stringMatching(/^its queue message would be 300(\.\d)? KB, more than the queue's limit of 256 KB$/),
      },
    ]);
  });

  it('stays reported while the item is still in the feed, and goes once the feed drops it', async () => {
    // Prepare
    let served = [item('a'), item('b', 'y'.repeat(300 * 1024))];
    const { deps, states } = setup({ paper: () => ({ kind: 'ok', items: served }) });
    await pollGroup('press', deps);
    served = [item('e'), ...served];
    // Act
    await pollGroup('press', deps);
    // Assess
    expect(states.get('paper')?.refused?.map((r) => r.itemId)).toEqual([item('b').id]);
    served = [item('e'), item('a')];
    await pollGroup('press', deps);
    expect(states.get('paper')?.refused).toBeUndefined();
  });

  it('fails only its own source when the queue throws, and the next poll tries its items again', async () => {
    // Prepare
    const { deps, states } = setup({
      paper: () => ({ kind: 'ok', items: [item('a')], etag: '"v1"' }),
      other: () => ({ kind: 'ok', items: [{ ...item('d'), sourceId: 'other' }] }),
    });
    const enqueue = deps.enqueue;
    deps.enqueue = async (items) => {
      if (items.some((i) => i.sourceId === 'paper')) throw new Error('connect ETIMEDOUT');
      return enqueue(items);
    };
    // Act
    const summary = await pollGroup('press', deps);
    // Assess
    expect(summary.sources).toEqual([
      expect.objectContaining({ sourceId: 'paper', status: 'failed', reason: '1 item could not be queued: connect ETIMEDOUT', newItems: 0 }),
      expect.objectContaining({ sourceId: 'other', status: 'ok', newItems: 1 }),
    ]);
    expect(states.get('paper')).toMatchObject({ seenIds: [], lastError: { reason: '1 item could not be queued: connect ETIMEDOUT' } });
    expect(states.get('paper')?.etag).toBeUndefined();
  });
});

describe('a feed read after repair', () => {
  const full = rssDocument(rssItems('gazette', 12, 'The council said today that the plans would go ahead.'));
  // Cut in the middle of the eighth <item>'s description: the parser recovers seven whole items and the start of the eighth.
  const truncated = full.slice(0, full.indexOf('The council said', full.indexOf('gazette-7')) + 'The council sa'.length);

  /** The publisher's CDN cut the first answer short; both carry the full document's ETag and honour If-None-Match. */
  async function setup() {
    let answers = 0;
    server = await startFeedServer({
      '/feed.xml': (req, res) => {
        if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304, { ETag: '"v1"' }).end();
        answers += 1;
        res
          .writeHead(200, { 'Content-Type': 'application/rss+xml', ETag: '"v1"', 'Last-Modified': 'Mon, 23 Nov 2026 05:00:00 GMT' })
          .end(answers === 1 ? truncated : full);
      },
    });
    const queue = sqsQueue();
    restore = () => queue.sqs.restore();
    const { states, store } = memoryStates();
    const deps: PollDeps = {
      config: testConfig([{ id: 'gazette', url: `${server.baseUrl}/feed.xml` }]),
      store,
      fetchSource: (source, state) => fetchSource(source, state, { network, now }),
      enqueue: queue.enqueue,
      now: () => now,
    };
    return { deps, states, queue, server };
  }

  it('keeps the items it recovered but not the validators, so the next poll fetches the whole feed', async () => {
    // Prepare
    const { deps, states, queue, server } = await setup();
    // Act
    const first = await pollGroup('press', deps);
    const afterFirst = states.get('gazette');
    const second = await pollGroup('press', deps);
    // Assess
    expect(first.sources[0]).toMatchObject({ status: 'ok', newItems: 8 });
    expect(afterFirst?.etag).toBeUndefined();
    expect(afterFirst?.lastModified).toBeUndefined();
    expect(afterFirst?.warning?.reason).toMatch(/^the feed was truncated or malformed and was read after repair \(not well-formed XML: .*\); /);
    expect(server.requests.map((r) => r.headers['if-none-match'] ?? null)).toEqual([null, null]);
    // The four cut off, and the item the cut went through, now whole: a new version of it.
    expect(second.sources[0]).toMatchObject({ status: 'ok', newItems: 5, alreadySeen: 7 });
    expect(new Set(queue.queuedItems().map((i) => i.title))).toEqual(new Set(Array.from({ length: 12 }, (_, i) => `gazette story ${i}`)));
    // Whole again: the validators are kept and the warning is gone.
    expect(states.get('gazette')).toMatchObject({ etag: '"v1"', lastModified: 'Mon, 23 Nov 2026 05:00:00 GMT' });
    expect(states.get('gazette')?.warning).toBeUndefined();
  });
});
