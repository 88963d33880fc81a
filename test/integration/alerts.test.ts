/**
 * Alerts on the local stack with the real handlers: routes by level (email; and for critical a
 * Teams webhook on loopback and a text message), once per story step even when the message comes
 * again, and quiet hours (a high story held, sent by the end-of-quiet-hours schedule's input).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalStack } from '../../infra/local/runtime.js';
import type { AlertMessage } from '../../shared/platform/model.js';
import { createDynamoStore, type Store } from '../../shared/adapters/aws/dynamo-store.js';
import { londonParts } from '../../shared/platform/time.js';
import { headerValue, readMime } from '../unit/deliver/email/mime-helpers.js';
import { rss, testConfig } from '../support/config.js';
import { startFeedServer, type FeedServer } from '../support/feed-server.js';

const critical = { guid: 'c1', title: 'Mayor of Hartwell told to resign over contract', description: 'Councillors say Sam Okafor should resign.' };
const high = { guid: 'h1', title: 'Hartwell Council criticised by ombudsman over repairs', description: 'Tenants waited a year.' };

/** "HH:MM" in London, `minutes` from now. */
function londonClock(minutes: number): string {
  const p = londonParts(new Date(Date.now() + minutes * 60_000));
  return `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}

describe('alerts on the local stack', () => {
  let feeds: FeedServer;
  let stack: LocalStack;
  let store: Store;
  let dataDir: string;
  const posts: { path: string; body: string }[] = [];
  const outbox = () => readdirSync(join(dataDir, 'outbox'));
  const subjects = () =>
    outbox()
      .filter((f) => f.endsWith('.eml'))
      .map((f) => headerValue(readMime(readFileSync(join(dataDir, 'outbox', f))).headers, 'Subject') ?? '');

  beforeAll(async () => {
    // Prepare: one feed with a critical story (the Mayor told to resign) and a high one (the council criticised).
    const teams = (req: IncomingMessage, res: ServerResponse) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (body += c));
      req.on('end', () => {
        posts.push({ path: req.url ?? '', body });
        res.writeHead(202).end();
      });
    };
    feeds = await startFeedServer({ '/gazette.xml': { body: rss([critical, high]) }, '/teams': teams });
    const config = testConfig([{ id: 'gazette', url: `${feeds.baseUrl}/gazette.xml` }], {
      sensitivity: {
        triggers: [
          { term: 'resign*', weight: 3 },
          { term: 'criticised', weight: 3 },
        ],
      },
      alerts: {
        to: ['pa@hartwell.example'],
        routes: [{ level: 'critical', email: ['head@hartwell.example'], webhook: { url: `${feeds.baseUrl}/teams`, kind: 'teams' }, sms: ['+447700900123'] }],
        // Quiet now: from an hour ago to two hours on, London time.
        quietHours: { from: londonClock(-60), to: londonClock(120) },
      },
    } as never);
    dataDir = mkdtempSync(join(tmpdir(), 'despatch-alerts-it-'));
    stack = await LocalStack.start({ config, dataDir, inMemory: true, visibilityTimeoutSeconds: 1 });
    store = createDynamoStore(DynamoDBDocumentClient.from(new DynamoDBClient({})), 'despatch', { retentionDays: 30 });

    // Act
    await stack.pollAllGroups();
    await stack.drain();
  });

  afterAll(async () => {
    await stack?.stop();
    await feeds?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('sends a critical story at once, in quiet hours too: one email to both routes, the Teams card, the text', () => {
    expect(subjects()).toEqual(['Critical coverage: Mayor of Hartwell told to resign over contract — gazette']);
    const eml = outbox().find((f) => f.endsWith('.eml'))!;
    expect(headerValue(readMime(readFileSync(join(dataDir, 'outbox', eml))).headers, 'To')).toBe('pa@hartwell.example, head@hartwell.example');
    expect(posts).toHaveLength(1);
    expect(JSON.parse(posts[0]!.body)).toMatchObject({ type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive' }] });
    const sms = outbox().filter((f) => f.endsWith('.sms.txt'));
    expect(sms).toHaveLength(1);
    expect(readFileSync(join(dataDir, 'outbox', sms[0]!), 'utf8')).toMatch(
      /^To: \+447700900123\n.*\n\nDespatch CRITICAL: "Mayor of Hartwell told to resign over contract" - gazette\./s,
    );
    expect(outbox().filter((f) => f.endsWith('.webhook.json'))).toHaveLength(1);
  });

  it('holds the high story in quiet hours', () => {
    expect(subjects().some((s) => s.includes('Hartwell Council criticised'))).toBe(false);
  });

  it('sends nothing more when the critical alert message is delivered again', async () => {
    // Prepare: the same message the classifier queued, delivered a second time.
    const items = await store.itemsSeenBetween(new Date(Date.now() - 3_600_000), new Date());
    const item = items.find((i) => i.title === critical.title)!;
    const story = (await store.getStory(item.clusterId!))!;
    const message: AlertMessage = {
      v: 1,
      kind: 'sensitive-item',
      item,
      reason: 'new',
      story: {
        id: story.id,
        size: story.size,
        outlets: story.outlets,
        firstSeenAt: story.firstSeenAt,
        level: 'critical',
        score: story.score,
        reasons: [],
        spread: 0,
      },
    };
    const event: SQSEvent = {
      Records: [
        {
          messageId: 'again-1',
          receiptHandle: 'r',
          body: JSON.stringify(message),
          attributes: { ApproximateReceiveCount: '2', SentTimestamp: String(Date.now()), SenderId: 'x', ApproximateFirstReceiveTimestamp: String(Date.now()) },
          messageAttributes: {},
          md5OfBody: '',
          eventSource: 'aws:sqs',
          eventSourceARN: 'arn:aws:sqs:eu-west-2:000000000000:despatch-alerts',
          awsRegion: 'eu-west-2',
        },
      ],
    };
    const before = outbox().length;

    // Act
    const response = await stack.deliver('alerts', event);

    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    expect(outbox()).toHaveLength(before);
    expect(posts).toHaveLength(1);
  });

  it('sends the held story when the end-of-quiet-hours schedule runs, once', async () => {
    const release = stack.topology.schedules.find((s) => s.id === 'alerts-release-held')!;
    expect(release).toMatchObject({ target: 'alerter', input: { v: 1, kind: 'release-held' } });

    const first = await stack.invoke('alerter', release.input);
    const second = await stack.invoke('alerter', release.input);

    expect(first).toEqual({ released: 1, superseded: 0 });
    expect(second).toEqual({ released: 0, superseded: 0 });
    expect(subjects().filter((s) => s.includes('Hartwell Council criticised'))).toEqual([
      `Sensitive coverage: Hartwell Council criticised by ombudsman over repairs — gazette`,
    ]);
    // High goes by email only: no second card, no second text.
    expect(posts).toHaveLength(1);
    expect(outbox().filter((f) => f.endsWith('.sms.txt'))).toHaveLength(1);
  });
});
