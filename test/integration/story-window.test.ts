/**
 * Two classifier containers on one table, each with its own copy of the story window
 * (story-window.ts): a redelivered item finds the story it started in the other container, a
 * report from another outlet joins it once the copy has looked again, and a stale copy costs a
 * conflict and a re-read, not a lost join. The window's clock is the test's, not the wall's.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_REGION } from '../../infra/local/runtime.js';
import { createDynamoStoryStore } from '../../shared/adapters/aws/story-store.js';
import { assignStory, type AssignDeps } from '../../shared/classify/stories/assign.js';
import { encodeSignature, shingles, signature } from '../../shared/classify/stories/signature.js';
import type { StoryMember } from '../../shared/classify/stories/story.js';
import { testConfig } from '../support/config.js';
import { startTestStack, type TestStack } from '../support/stack.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack(testConfig([{ id: 'unused', url: 'http://127.0.0.1:9/feed.xml' }]), 'story-window');
});
afterAll(async () => stack.stop());

const headline = 'Mayor of Lewisham urged to resign over £4m Catford temporary accommodation contract';

function member(n: number, title: string): StoryMember {
  return {
    itemId: `${n}`.padStart(32, 'a'),
    sourceId: `outlet-${n}`,
    sourceName: `Outlet ${n}`,
    seenAt: new Date(Date.now() - 60_000).toISOString(),
    signature: encodeSignature(signature(shingles({ title, summary: '' }))),
    priorities: [],
  };
}

function container(clock: { now: number }): AssignDeps {
  const doc = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: stack.stack.endpoints.dynamodb, region: LOCAL_REGION, credentials: stack.stack.credentials }),
  );
  return {
    store: createDynamoStoryStore(doc, 'despatch', { retentionDays: 30, clock: () => clock.now }),
    assess: () => ({ level: 'none', score: 0 }),
    policy: { alertLevel: 'high', spreadAlerts: [3, 6] },
    now: () => new Date(),
  };
}

describe('the story window across containers', () => {
  it('places a redelivered item, a second outlet and a join over a stale copy in one story', async () => {
    const clock = { now: Date.now() };
    // A's clock stands still: it never looks again, so its copy of the story goes stale.
    const a = container({ now: clock.now });
    const b = container(clock);
    // B has read the window before A starts the story.
    await assignStory(member(1, 'Lewisham libraries to close on Mondays to save £400,000'), b);
    const first = await assignStory(member(2, headline), a);
    expect(first.story.size).toBe(1);

    // The message is redelivered to B once B has looked again: the same story, not a second one.
    clock.now += 2_000;
    const again = await assignStory(member(2, headline), b);
    expect(again.story.id).toBe(first.story.id);
    expect(again.story.size).toBe(1);

    // Another outlet's report in B joins it.
    const second = await assignStory(member(3, `${headline} row`), b);
    expect(second.story.id).toBe(first.story.id);
    expect(second.story.size).toBe(2);

    // A's copy is still version 1: its write conflicts, it reads the story again and joins on top of B's.
    const third = await assignStory(member(4, `${headline} deal`), a);
    expect(third.story.id).toBe(first.story.id);
    expect(third.story.size).toBe(3);
    expect((await a.store.getStory(first.story.id))?.members).toEqual([member(2, '').itemId, member(3, '').itemId, member(4, '').itemId]);
  });
});
