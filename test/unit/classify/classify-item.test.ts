import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { classifyAndStore, type ClassifyDeps, type ClassifyOutcome } from '../../../shared/classify/classify-item.js';
import { compileRules, RuleConfigError } from '../../../shared/classify/compile-rules.js';
import type { Config } from '../../../shared/platform/config/schema.js';
import type { AlertMessage, NormalisedItem } from '../../../shared/platform/model.js';
import { testConfig } from '../../support/config.js';
import { MemoryStore } from './memory-store.js';

const sources = [
  { id: 'paper', url: 'https://paper.example/feed' },
  { id: 'gazette', url: 'https://gazette.example/feed' },
  { id: 'daily', url: 'https://daily.example/feed' },
  { id: 'echo', url: 'https://echo.example/feed' },
  { id: 'blog', url: 'https://blog.example/feed' },
  { id: 'wire', url: 'https://wire.example/feed' },
  { id: 'post', url: 'https://post.example/feed' },
];
const config = testConfig(sources);

let counter = 0;
function item(title: string, summary = '', o: { sourceId?: string; seenAt?: string; id?: string } = {}): NormalisedItem {
  const sourceId = o.sourceId ?? 'paper';
  return {
    id: o.id ?? createHash('md5').update(`${sourceId}:${title}:${counter++}`).digest('hex'),
    sourceId,
    sourceName: sourceId.replace(/^./, (c) => c.toUpperCase()),
    group: 'press',
    title,
    link: `https://${sourceId}.example/${counter}`,
    summary,
    categories: [],
    publishedAt: '2026-11-23T06:00:00.000Z',
    seenAt: o.seenAt ?? '2026-11-23T06:00:00.000Z',
    kind: 'article',
  };
}

function harness(options: { failAlertOnce?: boolean; config?: Config } = {}) {
  const store = new MemoryStore();
  const alerts: AlertMessage[] = [];
  let failAlert = options.failAlertOnce ?? false;
  const deps: ClassifyDeps = {
    rules: compileRules(options.config ?? config),
    store,
    sendAlert: async (message) => {
      if (failAlert) {
        failAlert = false;
        throw new Error('SQS unavailable');
      }
      alerts.push(message);
    },
    now: () => new Date('2026-11-23T06:01:00Z'),
  };
  return { deps, store, alerts };
}

describe('classifyAndStore', () => {
  it('tags priorities with the words that matched, and indexes the item under each priority', async () => {
    const h = harness();
    const { item: stored } = await classifyAndStore(item('Homelessness rises as council homes stall'), h.deps);
    expect(stored.priorities).toEqual([
      expect.objectContaining({ id: 'housing', spans: expect.arrayContaining([expect.objectContaining({ field: 'title', text: 'Homelessness' })]) }),
    ]);
    expect(stored.sensitivity).toMatchObject({ sensitive: false, level: 'none' });
    expect(await h.store.itemsByPriority('housing')).toEqual([expect.objectContaining({ itemId: stored.id, title: stored.title })]);
  });

  it('is sensitive when the Mayor is named near a trigger, and says who, which word and how near', async () => {
    const h = harness();
    const { item: stored } = await classifyAndStore(item('Sam Okafor urged to resign', 'An ombudsman report is due.'), h.deps);
    expect(stored.sensitivity).toMatchObject({ sensitive: true, level: 'high', score: 3 });
    expect(stored.sensitivity.reasons).toEqual(['Mayor named ("Sam Okafor") within 3 words of "resign"']);
    expect(stored.sensitivity.spans.map((s) => s.text)).toEqual(['Sam Okafor', 'resign']);
  });

  it('is not sensitive when the trigger is far from the name, or nobody is named', async () => {
    const h = harness();
    const far = await classifyAndStore(item('Sam Okafor opens the new library', 'Separately, the police have opened an investigation into a burglary on the high street last week.'), h.deps);
    expect(far.item.sensitivity).toMatchObject({ sensitive: false, level: 'none', reasons: [] });
    const nobody = await classifyAndStore(item('Police investigation into burglary'), h.deps);
    expect(nobody.item.sensitivity.level).toBe('none');
  });

  it('rates the council named near a trigger "watch": listed, but below the alert level', async () => {
    const h = harness();
    const { item: stored, alertQueued } = await classifyAndStore(item('Hartwell Council criticised over bins'), h.deps);
    expect(stored.sensitivity).toMatchObject({ sensitive: false, level: 'watch' });
    expect(stored.sensitivity.reasons[0]).toMatch(/^Council named \("Hartwell Council"\) within 1 word of "criticised"/);
    expect(alertQueued).toBe(false);
  });

  it('queues one alert for a sensitive story, and none when the message comes again', async () => {
    const h = harness();
    const first = item('Hartwell Mayor faces investigation');
    await classifyAndStore(first, h.deps);
    const again = await classifyAndStore(first, h.deps);
    expect(again.status).toBe('duplicate');
    expect(h.alerts).toHaveLength(1);
    expect(h.alerts[0]).toMatchObject({ reason: 'new', story: { size: 1, level: 'high', spread: 0 } });
  });

  it('still alerts when the first attempt stored the item but could not queue the alert', async () => {
    const h = harness({ failAlertOnce: true });
    const story = item('Hartwell Mayor faces investigation');
    await expect(classifyAndStore(story, h.deps)).rejects.toThrow('SQS unavailable');
    const retry = await classifyAndStore(story, h.deps);
    expect(retry.alertQueued).toBe(true);
    expect(h.alerts).toHaveLength(1);
    expect(h.alerts[0]?.story?.id).toBe(retry.item.clusterId);
    expect(h.store.records.get(story.id)?.alertState).toBe('queued');
  });

  it('alerts once for a story however many outlets carry it, and again as it spreads past 3 outlets', async () => {
    // Prepare: one story in five outlets' words, and an unrelated one.
    const h = harness();
    const versions = [
      ['paper', 'Hartwell Mayor faces calls to resign over £4m temporary accommodation contract', 'Sam Okafor extended the Riverside contract without a tender.'],
      ['gazette', 'Calls for Sam Okafor to resign over £4m Riverside temporary accommodation contract', 'Opposition councillors say the tender rules were broken.'],
      ['daily', '£4m Riverside temporary accommodation contract: Hartwell Mayor urged to resign', 'The contract was extended without a tender.'],
      ['echo', 'Riverside temporary accommodation contract row grows as Mayor faces calls to resign', 'The £4m deal was extended without a tender.'],
      ['blog', 'Tender rules and the £4m Riverside temporary accommodation contract', 'Why the contract extension matters.'],
    ] as const;
    // Act
    const results: ClassifyOutcome[] = [];
    for (const [sourceId, title, summary] of versions) results.push(await classifyAndStore(item(title, summary, { sourceId }), h.deps));
    const other = await classifyAndStore(item('Hartwell Mayor faces calls to resign over library closures', 'Campaigners want the Mayor to go.'), h.deps);
    // Assess
    const storyIds = new Set(results.map((r) => r.item.clusterId));
    expect(storyIds.size).toBe(1);
    expect(other.item.clusterId).not.toBe(results[0]?.item.clusterId);
    const forStory = h.alerts.filter((a) => a.story?.id === results[0]?.item.clusterId);
    expect(forStory.map((a) => [a.reason, a.story?.spread])).toEqual([
      ['new', 0],
      ['level-rise', 3],
    ]);
    const story = h.store.stories.get(results[0]?.item.clusterId ?? '');
    expect(story).toMatchObject({ size: 5, level: 'critical' });
    expect(story?.outlets.map((o) => o.id)).toEqual(['paper', 'gazette', 'daily', 'echo', 'blog']);
    // One set of reasons: every item of the story says the same, however its own words differ.
    const last = results[4]?.item.sensitivity;
    // The strongest evidence (two triggers, in the gazette) speaks for the story.
    expect(last?.reasons).toEqual([
      'Mayor named ("Sam Okafor") within 2 words of "resign" and 1 word of "Calls for" in gazette',
      '5 outlets carry the story (paper, gazette, daily, echo and 1 more): score + 4',
    ]);
    expect(last).toMatchObject({ level: 'critical', score: 10 });
  });

  it('sends a spread alert when a high story reaches the next outlet threshold without changing level', async () => {
    // Prepare: thresholds so that spread alone does not raise the level.
    const wide = testConfig(sources, {
      sensitivity: { ...config.sensitivity, thresholds: { watch: 1, high: 3, critical: 50 }, spreadAlerts: [3, 6] },
    });
    const h = harness({ config: wide });
    const title = (n: number) => `Hartwell Mayor faces calls to resign over £4m Riverside temporary accommodation contract (${n})`;
    // Act
    for (const [n, sourceId] of ['paper', 'gazette', 'daily', 'echo', 'blog', 'wire', 'post'].entries()) {
      await classifyAndStore(item(title(n), 'The contract was extended without a tender.', { sourceId }), h.deps);
    }
    // Assess
    expect(h.alerts.map((a) => [a.reason, a.story?.outlets.length, a.story?.spread])).toEqual([
      ['new', 1, 0],
      ['spread', 3, 3],
      ['spread', 6, 6],
    ]);
  });

  it('names the field of a malformed priority query', () => {
    const bad = testConfig([{ id: 'p', url: 'https://p.example/' }], {
      priorities: [{ id: 'housing', name: 'Housing', query: '(homes OR housing', hashtags: [] }],
    });
    expect(() => compileRules(bad)).toThrow(RuleConfigError);
    expect(() => compileRules(bad)).toThrow(/priorities\[0\]\.query/);
  });
});
