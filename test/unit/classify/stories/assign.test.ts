/**
 * Putting items into stories when many classify at once, as parallel batches do in AWS: every
 * write is conditional, so nothing is lost and a story stays one story.
 */
import { describe, expect, it } from 'vitest';
import { assignStory, type AssignDeps } from '../../../../shared/classify/stories/assign.js';
import { encodeSignature, shingles, signature } from '../../../../shared/classify/stories/signature.js';
import type { Evidence, StoryMember } from '../../../../shared/classify/stories/story.js';
import { MemoryStore } from '../memory-store.js';

const evidence: Evidence = {
  base: 3,
  basis: 'Mayor 3 × trigger 1',
  lines: ['Mayor named ("Mayor of Lewisham") within 2 words of "resign"'],
  outlet: { sourceId: 'a', name: 'A', kind: 'local', weight: 1 },
  weighted: 3,
};

function member(n: number, title: string, o: { seenAt?: string; sensitive?: boolean } = {}): StoryMember {
  return {
    itemId: n.toString(16).padStart(32, '0'),
    sourceId: `outlet-${n}`,
    sourceName: `Outlet ${n}`,
    seenAt: o.seenAt ?? '2026-11-23T09:00:00.000Z',
    signature: encodeSignature(signature(shingles({ title, summary: '' }))),
    priorities: [],
    ...(o.sensitive === false ? {} : { evidence }),
  };
}

function deps(store: MemoryStore): AssignDeps {
  return {
    store,
    assess: (best, outlets) => (best ? { level: outlets >= 3 ? 'critical' : 'high', score: best.weighted + outlets - 1 } : { level: 'none', score: 0 }),
    policy: { alertLevel: 'high', spreadAlerts: [3, 6] },
    now: () => new Date('2026-11-23T09:01:00Z'),
  };
}

const headline = (n: number) => `Mayor of Lewisham urged to resign over £4m Catford temporary accommodation contract ${['', 'row', 'deal', 'scandal'][n % 4]}`;

describe('assignStory', () => {
  it('makes one story of items of the same story that arrive at the same moment', async () => {
    // Prepare
    const store = new MemoryStore();
    const members = Array.from({ length: 8 }, (_, n) => member(n + 1, headline(n)));
    // Act: all at once, none seeing the others' writes before starting its own.
    const results = await Promise.all(members.map((m) => assignStory(m, deps(store))));
    // Assess
    const live = [...store.stories.values()].filter((s) => !s.mergedInto);
    expect(live).toHaveLength(1);
    expect(live[0]).toMatchObject({ size: 8, level: 'critical' });
    expect(live[0]?.outlets).toHaveLength(8);
    expect(new Set(results.map((r) => r.story.id))).toEqual(new Set([live[0]?.id]));
    // One "new" alert for the story, then follow-ups only as it rises or spreads.
    expect(results.flatMap((r) => (r.alert ? [r.alert.reason] : [])).filter((reason) => reason === 'new')).toHaveLength(1);
  });

  it('changes nothing when the same item comes again, and owes the same alert', async () => {
    const store = new MemoryStore();
    const first = await assignStory(member(1, headline(0)), deps(store));
    const writes = store.storyWrites;
    const again = await assignStory(member(1, headline(0)), deps(store));
    expect(again.story.id).toBe(first.story.id);
    expect(again.story.size).toBe(1);
    expect(again.alert).toEqual(first.alert);
    expect(store.storyWrites).toBe(writes);
  });

  it('keeps different stories apart, and the same story apart beyond 48 hours', async () => {
    const store = new MemoryStore();
    const a = await assignStory(member(1, headline(0)), deps(store));
    const b = await assignStory(member(2, 'Lewisham libraries to close on Mondays to save £400,000'), deps(store));
    const later = await assignStory(member(3, headline(1), { seenAt: '2026-11-26T09:00:00.000Z' }), {
      ...deps(store),
      now: () => new Date('2026-11-26T09:01:00Z'),
    });
    expect(new Set([a.story.id, b.story.id, later.story.id]).size).toBe(3);
  });

  it('alerts a story that was not sensitive when one of its later items is', async () => {
    const store = new MemoryStore();
    const quiet = await assignStory(member(1, headline(0), { sensitive: false }), deps(store));
    const loud = await assignStory(member(2, headline(1)), deps(store));
    expect(quiet.alert).toBeUndefined();
    expect(loud.story.id).toBe(quiet.story.id);
    expect(loud.alert).toMatchObject({ reason: 'new', level: 'high', itemId: member(2, '').itemId });
  });
});
