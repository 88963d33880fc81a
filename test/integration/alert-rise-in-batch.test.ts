/**
 * A story that rises within one classification batch (high, then critical milliseconds later)
 * queues two alert steps: the real alerter on the local stack sends one alert, at the higher level.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoryRecord } from '../../shared/classify/stories/story.js';
import type { AlertMessage, StorySummary } from '../../shared/platform/model.js';
import { makeItem } from '../unit/deliver/briefing/fixtures.js';
import { headerValue, readMime } from '../unit/deliver/email/mime-helpers.js';
import { testConfig } from '../support/config.js';
import { startTestStack, type TestStack } from '../support/stack.js';

const STORY_ID = '20261207-rise-in-batch';

function record(body: AlertMessage, id: string): SQSRecord {
  return {
    messageId: id,
    receiptHandle: id,
    body: JSON.stringify(body),
    attributes: { ApproximateReceiveCount: '1', SentTimestamp: String(Date.now()), SenderId: 'x', ApproximateFirstReceiveTimestamp: String(Date.now()) },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:eu-west-2:000000000000:despatch-alerts',
    awsRegion: 'eu-west-2',
  };
}

describe('a rise within one classification batch', () => {
  let t: TestStack;

  beforeAll(async () => {
    // Prepare: the story as the classifier left it after the batch, its last alert decided at critical.
    t = await startTestStack(
      testConfig([{ id: 'gazette', url: 'http://127.0.0.1:9/feed.xml' }], { alerts: { to: ['pa@hartwell.example'] } } as never),
      'rise-in-batch',
    );
    const item = makeItem({ title: 'Mayor of Hartwell told to resign over contract', clusterId: STORY_ID, level: 'critical', sourceName: 'Hartwell Gazette' });
    const now = new Date().toISOString();
    const story: Omit<StoryRecord, 'version'> = {
      id: STORY_ID,
      firstSeenAt: now,
      lastSeenAt: now,
      createdAt: now,
      size: 2,
      members: [item.id],
      outlets: [{ id: 'gazette', name: 'Hartwell Gazette' }],
      signatures: [],
      priorities: [],
      level: 'critical',
      score: 9,
      alerted: { level: 'critical', spread: 0 },
      alerts: [
        { itemId: item.id, reason: 'new', level: 'high', spread: 0, at: now },
        { itemId: item.id, reason: 'level-rise', level: 'critical', spread: 0, at: now },
      ],
    };
    expect(await t.store.putStory(story as StoryRecord, undefined)).toBe('written');
    const summary = (level: 'high' | 'critical'): StorySummary => ({
      id: STORY_ID,
      size: 2,
      outlets: story.outlets,
      firstSeenAt: now,
      level,
      score: 9,
      reasons: [],
      spread: 0,
    });
    const event: SQSEvent = {
      Records: [
        record(
          { v: 1, kind: 'sensitive-item', item: { ...item, sensitivity: { ...item.sensitivity, level: 'high' } }, reason: 'new', story: summary('high') },
          'high-1',
        ),
        record({ v: 1, kind: 'sensitive-item', item, reason: 'level-rise', story: summary('critical') }, 'critical-1'),
      ],
    };

    // Act: both steps in one batch to the alerter, as the queue delivers them.
    expect(await t.stack.deliver('alerts', event)).toEqual({ batchItemFailures: [] });
  });

  afterAll(async () => {
    await t?.stop();
  });

  it('sends one email, at the higher level, reading as the first of its thread', () => {
    const outbox = join(t.dataDir, 'outbox');
    const emails = readdirSync(outbox)
      .filter((f) => f.endsWith('.eml'))
      .map((f) => readMime(readFileSync(join(outbox, f))));

    expect(emails.map((m) => headerValue(m.headers, 'Subject'))).toEqual([
      'Critical coverage: Mayor of Hartwell told to resign over contract — Hartwell Gazette',
    ]);
    expect(headerValue(emails[0]!.headers, 'In-Reply-To')).toBeUndefined();
    expect(emails[0]!.parts[0]!.body).not.toContain('Now critical');
  });
});
