import { describe, expect, it } from 'vitest';
import type { SourceFetchOutcome } from '../../../../shared/ingest/fetch-source.js';
import type { NormalisedItem } from '../../../../shared/platform/model.js';
import { pollGroup, UnknownGroupError, type PollDeps } from '../../../../shared/ingest/poller/poll-group.js';
import type { SourceState } from '../../../../shared/ingest/ports.js';
import { testConfig } from '../../../support/config.js';

function item(id: string, sourceId: string): NormalisedItem {
  return {
    id: id.padEnd(32, '0'),
    sourceId,
    sourceName: sourceId,
    group: 'press',
    title: `Story ${id}`,
    link: `https://news.example/${id}`,
    summary: '',
    categories: [],
    publishedAt: '2026-11-23T06:00:00.000Z',
    seenAt: '2026-11-23T06:00:00.000Z',
    kind: 'article',
  };
}

function harness(outcomes: Record<string, () => SourceFetchOutcome>) {
  const states = new Map<string, SourceState>();
  const writes: string[] = [];
  const queued: string[] = [];
  let clock = new Date('2026-11-23T06:00:00Z');
  const config = testConfig(Object.keys(outcomes).map((id) => ({ id, url: `https://${id}.example/feed` })));
  const deps: PollDeps = {
    config,
    store: {
      getSourceState: async (id) => states.get(id),
      putSourceState: async (state) => {
        writes.push(state.sourceId);
        states.set(state.sourceId, structuredClone(state));
      },
    },
    fetchSource: async (source) => {
      const outcome = outcomes[source.id];
      if (!outcome) throw new Error('unknown source');
      return outcome();
    },
    enqueue: async (items) => {
      queued.push(...items.map((i) => i.id));
      return { sent: items.map((i) => i.id), failed: [] };
    },
    now: () => clock,
  };
  return { deps, states, writes, queued, advance: (ms: number) => (clock = new Date(clock.getTime() + ms)) };
}

describe('pollGroup', () => {
  it('queues only items the source did not serve last time', async () => {
    // Prepare
    let served = [item('a', 'paper'), item('b', 'paper')];
    const h = harness({ paper: () => ({ kind: 'ok', items: served }) });
    await pollGroup('press', h.deps);
    served = [item('c', 'paper'), ...served];
    // Act
    const summary = await pollGroup('press', h.deps);
    // Assess
    expect(summary.sources[0]).toMatchObject({ status: 'ok', newItems: 1, alreadySeen: 2 });
    expect(h.queued).toEqual([item('a', '').id, item('b', '').id, item('c', '').id]);
  });

  it('queues an item again when its headline or snippet changes under the same guid, not when it is only reformatted', async () => {
    // Prepare: the same guid served three times: as first published, reformatted, then rewritten.
    const first = { ...item('a', 'paper'), title: 'Library opening hours to change', summary: 'The council is consulting.' };
    let served = [first, item('b', 'paper')];
    const h = harness({ paper: () => ({ kind: 'ok', items: served }) });
    await pollGroup('press', h.deps);
    // Act 1: only case and spacing differ
    served = [{ ...first, title: '  library OPENING hours to  change', summary: 'The council is\nconsulting. ' }, item('b', 'paper')];
    const reformatted = await pollGroup('press', h.deps);
    // Act 2: the headline changes
    served = [{ ...first, title: 'Mayor urged to resign over library closures' }, item('b', 'paper')];
    const rewritten = await pollGroup('press', h.deps);
    // Act 3: the changed version is served again
    const again = await pollGroup('press', h.deps);
    // Assess
    expect(reformatted.sources[0]).toMatchObject({ newItems: 0, alreadySeen: 2 });
    expect(rewritten.sources[0]).toMatchObject({ newItems: 1, alreadySeen: 1 });
    expect(again.sources[0]).toMatchObject({ newItems: 0, alreadySeen: 2 });
    expect(h.queued).toEqual([first.id, item('b', '').id, first.id]);
  });

  it('counts an item remembered by id alone (a state written before fingerprints) as seen whatever its content', async () => {
    const h = harness({ paper: () => ({ kind: 'ok', items: [{ ...item('a', 'paper'), title: 'Rewritten since' }, item('b', 'paper')] }) });
    h.states.set('paper', { sourceId: 'paper', seenIds: [item('a', '').id], consecutiveFailures: 0, lastSuccessAt: '2026-11-23T05:50:00.000Z' });
    const summary = await pollGroup('press', h.deps);
    expect(summary.sources[0]).toMatchObject({ newItems: 1, alreadySeen: 1 });
    expect(h.queued).toEqual([item('b', '').id]);
  });

  it('writes nothing when a source is unchanged (304, or the same items)', async () => {
    const h = harness({ same: () => ({ kind: 'ok', items: [item('a', 'same')] }), etagged: () => ({ kind: 'not-modified' }) });
    await pollGroup('press', h.deps);
    const writesAfterFirst = h.writes.length;
    h.advance(10 * 60_000);
    await pollGroup('press', h.deps);
    expect(h.writes.length - writesAfterFirst).toBe(0);
  });

  it('keeps polling the other sources when one fails, and records the failure', async () => {
    const h = harness({
      broken: () => {
        throw Object.assign(new Error('x'), { reason: 'host not found' });
      },
      fine: () => ({ kind: 'ok', items: [item('f', 'fine')] }),
    });
    const summary = await pollGroup('press', h.deps);
    expect(summary.sources).toEqual([
      expect.objectContaining({ sourceId: 'broken', status: 'failed', reason: 'host not found' }),
      expect.objectContaining({ sourceId: 'fine', status: 'ok', newItems: 1 }),
    ]);
    expect(h.states.get('broken')).toMatchObject({ consecutiveFailures: 1, lastError: { reason: 'host not found' } });
    await pollGroup('press', h.deps);
    expect(h.states.get('broken')?.consecutiveFailures).toBe(2);
  });

  it('does not mark as seen an item that could not be queued, so the next poll tries again', async () => {
    const h = harness({ paper: () => ({ kind: 'ok', items: [item('a', 'paper'), item('b', 'paper')], etag: '"v1"' }) });
    h.deps.enqueue = async (items) => ({ sent: [items[0]!.id], failed: [{ key: items[1]!.id, reason: 'throttled' }] });
    const summary = await pollGroup('press', h.deps);
    expect(summary.sources[0]).toMatchObject({ status: 'failed', newItems: 1 });
    expect(h.states.get('paper')?.seenIds.map((entry) => entry.split('#')[0])).toEqual([item('a', '').id]);
    // Without the ETag the next poll fetches the whole feed again rather than getting a 304.
    expect(h.states.get('paper')?.etag).toBeUndefined();
  });

  it('refuses a group the configuration does not have', async () => {
    const h = harness({ paper: () => ({ kind: 'not-modified' }) });
    await expect(pollGroup('nope', h.deps)).rejects.toBeInstanceOf(UnknownGroupError);
  });
});

describe('pollGroup: items per source per poll', () => {
  /** 2,000 items, item i published i minutes before 06:00, so item 0 is the newest. */
  const flood = Array.from({ length: 2000 }, (_, i) => ({
    ...item(`f${String(i).padStart(4, '0')}`, 'flood'),
    publishedAt: new Date(Date.parse('2026-11-23T06:00:00Z') - i * 60_000).toISOString(),
  }));

  it('takes the newest 500 on the first poll and the rest on later polls, none lost or queued twice', async () => {
    // Prepare
    const h = harness({ flood: () => ({ kind: 'ok', items: flood, etag: '"v1"' }) });
    // Act
    const first = await pollGroup('press', h.deps);
    const firstQueued = [...h.queued];
    const firstState = structuredClone(h.states.get('flood'));
    const later = [await pollGroup('press', h.deps), await pollGroup('press', h.deps), await pollGroup('press', h.deps)];
    const settled = await pollGroup('press', h.deps);
    // Assess
    expect(first.sources[0]).toMatchObject({ status: 'ok', newItems: 500, alreadySeen: 0, deferred: 1500 });
    expect(firstQueued).toEqual(flood.slice(0, 500).map((i) => i.id));
    expect(firstState?.deferred).toMatchObject({ count: 1500, cap: 500 });
    // Validators are not kept while items wait, or a 304 would hide them.
    expect(firstState?.etag).toBeUndefined();
    expect(later.map((s) => s.sources[0]?.deferred)).toEqual([1000, 500, undefined]);
    expect(new Set(h.queued).size).toBe(2000);
    expect(h.queued).toHaveLength(2000);
    expect(settled.sources[0]).toMatchObject({ newItems: 0, alreadySeen: 2000 });
    expect(h.states.get('flood')?.deferred).toBeUndefined();
    expect(h.states.get('flood')?.etag).toBe('"v1"');
  });

  it('lets a source set its own cap', async () => {
    // Prepare
    const h = harness({ flood: () => ({ kind: 'ok', items: flood.slice(0, 30) }) });
    const source = h.deps.config.sources[0];
    if (!source) throw new Error('no source');
    source.maxItemsPerPoll = 10;
    // Act
    const summary = await pollGroup('press', h.deps);
    // Assess
    expect(summary.sources[0]).toMatchObject({ newItems: 10, deferred: 20 });
  });
});
