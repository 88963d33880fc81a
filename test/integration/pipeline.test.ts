/**
 * The pipeline end to end on the real emulators (dynalite, local-aws-sqs) with the real handlers:
 * feed → stored with tags → alert for the sensitive item → briefing grouped by priority; plus the
 * failure paths a user would otherwise discover in production.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../infra/local/runtime.js';
import { startTestStack } from '../support/stack.js';
import type { Store } from '../../shared/adapters/aws/dynamo-store.js';
import { rss, testConfig } from '../support/config.js';
import { startTestServer, type TestServer } from '../support/local-server.js';

const sensitiveStory = {
  guid: 'story-sensitive',
  title: 'Hartwell Mayor faces calls to resign over temporary accommodation deal',
  description: 'Opposition councillors want an investigation.',
};
const housingStory = { guid: 'story-housing', title: '240 council homes approved for Riverside', description: 'Planning committee backs the scheme.' };
const transportStory = { guid: 'story-bus', title: 'Bus route 47 extended to the hospital', description: 'TfL confirms the change.' };
const otherStory = { guid: 'story-bakery', title: 'Bakery wins national award', description: 'A family business for 31 years.' };

describe('pipeline on the local stack', () => {
  let server: TestServer;
  let stack: LocalStack;
  let store: Store;
  let stopStack: (() => Promise<void>) | undefined;
  const start = new Date(Date.now() - 60_000);

  beforeAll(async () => {
    // Prepare
    server = await startTestServer({
      '/gazette.xml': { body: rss([sensitiveStory, housingStory, otherStory]) },
      '/daily.xml': { body: rss([transportStory]) },
    });
    const config = testConfig([
      { id: 'gazette', url: `${server.baseUrl}/gazette.xml` },
      { id: 'daily', url: `${server.baseUrl}/daily.xml` },
      { id: 'broken', url: `${server.baseUrl}/moved-away.xml` },
      { id: 'meetings', url: `${server.baseUrl}/daily.xml`, group: 'council' },
    ]);
    ({ stack, store, stop: stopStack } = await startTestStack(config, 'it'));
  });

  afterAll(async () => {
    await stopStack?.();
    await server?.close();
  });

  it('ingests every working source even when one fails, and says why the failing one failed', async () => {
    // Act
    const summaries = await stack.pollAllGroups();
    await stack.drain();
    // Assess
    const results = summaries.flatMap((s) => s.sources);
    expect(results.find((r) => r.sourceId === 'broken')).toMatchObject({ status: 'failed', reason: expect.stringMatching(/404/) });
    expect(results.find((r) => r.sourceId === 'gazette')).toMatchObject({ status: 'ok', newItems: 3 });
    expect(results.find((r) => r.sourceId === 'daily')).toMatchObject({ status: 'ok', newItems: 1 });
    const state = await store.getSourceState('broken');
    expect(state?.consecutiveFailures).toBe(1);
  });

  it('stores each item with the priorities its text matches', async () => {
    const items = await store.itemsSeenBetween(start, new Date());
    const byTitle = new Map(items.map((i) => [i.title, i]));
    expect(byTitle.get(housingStory.title)?.priorities.map((p) => p.id)).toEqual(['housing']);
    expect(byTitle.get(transportStory.title)?.priorities.map((p) => p.id)).toEqual(['transport']);
    expect(byTitle.get(otherStory.title)?.priorities).toEqual([]);
    expect(byTitle.get(sensitiveStory.title)?.sensitivity).toMatchObject({ sensitive: true, reasons: [expect.stringContaining('Mayor named')] });
    expect(byTitle.get(housingStory.title)?.sensitivity.sensitive).toBe(false);
  });

  it('emails exactly one alert, for the sensitive story', () => {
    const alerts = readdirSync(stack.outboxDir).filter((f) => f.endsWith('.eml') && f.includes('alert'));
    expect(alerts).toHaveLength(1);
    const eml = readFileSync(join(stack.outboxDir, alerts[0] as string), 'utf8');
    expect(eml).toMatch(/multipart\/alternative/);
    expect(eml).toContain('pa@hartwell.example');
  });

  it('queues nothing when the feeds are polled again unchanged', async () => {
    const summaries = await stack.pollAllGroups();
    const gazette = summaries.flatMap((s) => s.sources).find((r) => r.sourceId === 'gazette');
    expect(gazette).toMatchObject({ newItems: 0, alreadySeen: 3 });
    expect((await stack.queueDepth('ingest')).total).toBe(0);
  });

  it('changes nothing when a message is delivered again', async () => {
    // Prepare: the stored sensitive item, as the poller queued it.
    const items = await store.itemsSeenBetween(start, new Date());
    const stored = items.find((i) => i.title === sensitiveStory.title);
    expect(stored).toBeDefined();
    const { priorities: _p, sensitivity: _s, classifiedAt: _c, clusterId: _k, ...normalised } = stored!;
    const event: SQSEvent = {
      Records: [
        {
          messageId: 'redelivered-1',
          receiptHandle: 'r',
          body: JSON.stringify({ v: 1, kind: 'item', item: normalised }),
          attributes: { ApproximateReceiveCount: '2', SentTimestamp: '0', SenderId: 't', ApproximateFirstReceiveTimestamp: '0' },
          messageAttributes: {},
          md5OfBody: '',
          eventSource: 'aws:sqs',
          eventSourceARN: stack.queues.ingest.arn,
          awsRegion: 'eu-west-2',
        },
      ],
    };
    const alertsBefore = readdirSync(stack.outboxDir).filter((f) => f.includes('alert')).length;
    // Act
    const response = await stack.deliver('ingest', event);
    await stack.drain();
    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    const again = (await store.getItemRecord(stored!.id))?.item;
    expect(again?.classifiedAt).toBe(stored!.classifiedAt);
    expect(readdirSync(stack.outboxDir).filter((f) => f.includes('alert')).length).toBe(alertsBefore);
  });

  it('sends a poison message to the DLQ and still stores the rest of its batch', async () => {
    // Prepare
    const sqs = new SQSClient({});
    const good = { ...transportStory, guid: 'story-after-poison', title: 'Road safety scheme for school streets' };
    server.routes.set('/daily.xml', { body: rss([transportStory, good]) });
    await sqs.send(new SendMessageCommand({ QueueUrl: stack.queues.ingest.url, MessageBody: '{"v":1,"kind":"item","item":{"id":"not-valid"}}' }));
    // Act
    await stack.pollGroup('press');
    await stack.drain();
    // Assess
    expect((await stack.queueDepth('ingest', 'dlq')).total).toBe(1);
    const items = await store.itemsSeenBetween(start, new Date());
    expect(items.some((i) => i.title === good.title)).toBe(true);
    sqs.destroy();
  });

  it('writes a briefing with the sensitive story first and the rest grouped by priority', async () => {
    // Act
    const outcome = await stack.briefing();
    // Assess
    expect(outcome.status).toBe('sent');
    const html = readdirSync(stack.outboxDir).find((f) => f.endsWith('.html') && f.includes('briefing'));
    expect(html).toBeDefined();
    const sections = readFileSync(join(stack.outboxDir, html!), 'utf8')
      .split('<h2')
      .slice(1)
      // Matched words are wrapped in <mark>: compare the text, not the markup.
      .map((section) => ({ heading: section.slice(section.indexOf('>') + 1, section.indexOf('<')), body: section.replace(/<[^>]+>/g, '') }));
    expect(sections.map((s) => s.heading.replace(/ \(\d+\)$/, ''))).toEqual(['Sensitive coverage', 'Housing', 'Transport', 'Everything else']);
    expect(sections[0]?.body).toContain(sensitiveStory.title);
    expect(sections[1]?.body).toContain(housingStory.title);
    // A sensitive story is shown once, in its own section, not again under its priority.
    expect(sections[1]?.body).not.toContain(sensitiveStory.title);
    expect(sections[2]?.body).toContain(transportStory.title);
    expect(sections[3]?.body).toContain(otherStory.title);
  });

  it('sends the briefing once per date however often the schedule fires', async () => {
    const again = await stack.briefing();
    expect(again.status).toBe('already-sent');
    expect(readdirSync(stack.outboxDir).filter((f) => f.endsWith('.eml') && f.includes('briefing'))).toHaveLength(1);
  });

  it('alerts once when a stored item is rewritten under the same guid to name the Mayor near a trigger', async () => {
    // Prepare: the school streets item (stored, not sensitive) gets a new headline.
    const before = (await store.itemsSeenBetween(start, new Date())).find((i) => i.title === 'Road safety scheme for school streets');
    expect(before?.sensitivity.sensitive).toBe(false);
    const rewritten = { ...transportStory, guid: 'story-after-poison', title: 'Sam Okafor criticised over school streets road safety scheme' };
    server.routes.set('/daily.xml', { body: rss([transportStory, rewritten]) });
    const alertsBefore = readdirSync(stack.outboxDir).filter((f) => f.endsWith('.eml') && f.includes('alert')).length;
    // Act
    const first = await stack.pollGroup('press');
    await stack.drain();
    const second = await stack.pollGroup('press');
    await stack.drain();
    // Assess
    expect(first.sources.find((r) => r.sourceId === 'daily')).toMatchObject({ newItems: 1, alreadySeen: 1 });
    expect(second.sources.find((r) => r.sourceId === 'daily')).toMatchObject({ newItems: 0, alreadySeen: 2 });
    const after = (await store.getItemRecord(before!.id))?.item;
    expect(after).toMatchObject({ title: rewritten.title, version: 2, previousTitle: before!.title, seenAt: before!.seenAt, sensitivity: { sensitive: true } });
    expect(readdirSync(stack.outboxDir).filter((f) => f.endsWith('.eml') && f.includes('alert')).length).toBe(alertsBefore + 1);
  });
});
