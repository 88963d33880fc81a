/**
 * The in-memory fakes the unit tests use must behave as the DynamoDB adapter does, or the unit tests
 * prove nothing. The same cases run against each: the fake (test/unit/classify/memory-store.ts) and
 * the real adapter on dynalite.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemStore, PriorityIndex } from '../../shared/classify/ports.js';
import type { StoryStore } from '../../shared/classify/stories/ports.js';
import type { StoryRecord } from '../../shared/classify/stories/story.js';
import { MemoryStore } from '../unit/classify/memory-store.js';
import { makeItem } from '../unit/deliver/briefing/fixtures.js';
import { testConfig } from '../support/config.js';
import { startTestStack, type TestStack } from '../support/stack.js';

type ContractStore = ItemStore & StoryStore & PriorityIndex;

/** Item ids are 32 hex digits. */
const itemId = (name: string) => createHash('md5').update(name).digest('hex');

function story(id: string, firstSeenAt: string, version: number): StoryRecord {
  return {
    id,
    firstSeenAt,
    lastSeenAt: firstSeenAt,
    createdAt: firstSeenAt,
    size: 1,
    members: [`${id}-item`],
    outlets: [{ id: 'bbc', name: 'BBC' }],
    signatures: [],
    priorities: [],
    level: 'none',
    score: 0,
    alerted: { level: 'none', spread: 1 },
    alerts: [],
    version,
  };
}

function contract(name: string, make: () => ContractStore) {
  describe(`store contract: ${name}`, () => {
    it('puts an item once: a second put of the same id says it exists and changes nothing', async () => {
      const store = make();
      const item = makeItem({ id: itemId(`${name}-once`), title: 'Library hours cut' });
      expect(await store.putItemIfAbsent({ item })).toBe('created');
      expect(await store.putItemIfAbsent({ item: { ...item, title: 'Changed' } })).toBe('exists');
      expect((await store.getItemRecord(item.id))?.item.title).toBe('Library hours cut');
    });

    it('reads back what was put, and nothing for an unknown id', async () => {
      const store = make();
      const item = makeItem({ id: itemId(`${name}-read`), title: 'Bus route changes' });
      await store.putItemIfAbsent({ item, alertState: 'pending' });
      const back = await store.getItemRecord(item.id);
      expect(back?.item).toEqual(item);
      expect(back?.alertState).toBe('pending');
      expect(await store.getItemRecord(itemId(`${name}-missing`))).toBeUndefined();
    });

    it('marks an alert as queued', async () => {
      const store = make();
      const item = makeItem({ id: itemId(`${name}-queued`) });
      await store.putItemIfAbsent({ item, alertState: 'pending' });
      await store.markAlertQueued(item.id);
      expect((await store.getItemRecord(item.id))?.alertState).toBe('queued');
    });

    it('stores a new version of an item only over the version the writer read, with its alert state', async () => {
      const store = make();
      const v1 = makeItem({ id: itemId(`${name}-version`), title: 'Library hours cut' });
      await store.putItemIfAbsent({ item: v1 });
      const v2 = { ...v1, title: 'Mayor urged to resign over library hours', version: 2, previousTitle: v1.title, updatedAt: '2026-11-23T07:00:00.000Z' };
      // Items stored before versions existed are version 1.
      expect(await store.replaceItem({ item: v2, alertState: 'pending' }, 1)).toBe('replaced');
      expect(await store.replaceItem({ item: { ...v2, title: 'A writer that read version 1 too' } }, 1)).toBe('conflict');
      const back = await store.getItemRecord(v1.id);
      expect(back?.item).toEqual(v2);
      expect(back?.alertState).toBe('pending');
      const v3 = { ...v2, title: 'Mayor resigns', version: 3, previousTitle: v2.title };
      expect(await store.replaceItem({ item: v3 }, 2)).toBe('replaced');
      expect((await store.getItemRecord(v1.id))?.item.title).toBe('Mayor resigns');
      expect((await store.getItemRecord(v1.id))?.alertState).toBeUndefined();
    });

    it('does not create an item by replacing one that is not there', async () => {
      const store = make();
      const absent = makeItem({ id: itemId(`${name}-replace-absent`) });
      expect(await store.replaceItem({ item: { ...absent, version: 2 } }, 1)).toBe('conflict');
      expect(await store.getItemRecord(absent.id)).toBeUndefined();
    });

    it('takes an item out of the priorities a new version of it no longer matches', async () => {
      const store = make();
      const seenAt = '2026-12-03T09:00:00.000Z';
      const item = makeItem({ id: itemId(`${name}-unindex`), seenAt, priorities: [`housing-${name}`] });
      const window = [new Date('2026-12-03T00:00:00Z'), new Date('2026-12-03T23:59:59Z')] as const;
      await store.indexByPriority(item);
      expect((await store.itemsByPriority(`housing-${name}`, ...window)).map((e) => e.itemId)).toEqual([item.id]);
      await store.removeFromPriorities(item, [`housing-${name}`]);
      // Removing again (a redelivered message) changes nothing.
      await store.removeFromPriorities(item, [`housing-${name}`]);
      expect(await store.itemsByPriority(`housing-${name}`, ...window)).toEqual([]);
    });

    it('writes a story only over the version the writer read', async () => {
      const store = make();
      const id = `20261202-${name}-story`;
      expect(await store.putStory(story(id, '2026-12-02T09:00:00.000Z', 1), undefined)).toBe('written');
      expect(await store.putStory(story(id, '2026-12-02T09:00:00.000Z', 1), undefined)).toBe('conflict');
      expect(await store.putStory(story(id, '2026-12-02T09:00:00.000Z', 2), 1)).toBe('written');
      expect(await store.putStory(story(id, '2026-12-02T09:00:00.000Z', 2), 1)).toBe('conflict');
      expect((await store.getStory(id))?.version).toBe(2);
    });

    it('lists the stories first seen in a window of days', async () => {
      const store = make();
      const id = `20261201-${name}-window`;
      await store.putStory(story(id, '2026-12-01T10:00:00.000Z', 1), undefined);
      const inWindow = await store.storiesFirstSeenBetween(new Date('2026-12-01T00:00:00Z'), new Date('2026-12-01T23:59:59Z'));
      expect(inWindow.map((s) => s.id)).toContain(id);
      const outside = await store.storiesFirstSeenBetween(new Date('2026-11-20T00:00:00Z'), new Date('2026-11-21T23:59:59Z'));
      expect(outside.map((s) => s.id)).not.toContain(id);
    });
  });
}

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack(testConfig([{ id: 'unused', url: 'http://127.0.0.1:9/feed.xml' }]), 'contract');
});
afterAll(async () => stack.stop());

contract('in memory', () => new MemoryStore());
contract('DynamoDB on dynalite', () => stack.store);
