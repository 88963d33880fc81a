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
    const far = await classifyAndStore(
      item('Sam Okafor opens the new library', 'Separately, the police have opened an investigation into a burglary on the high street last week.'),
      h.deps,
    );
    expect(far.item.sensitivity).toMatchObject({ sensitive: false, level: 'none', reasons: [] });
    const nobody = await classifyAndStore(item('Police investigation into burglary'), h.deps);
    expect(nobody.item.sensitivity.level).toBe('none');
  });

  it('never puts two meetings in one story, however alike their listings', async () => {
    const h = harness();
    const meeting = (title: string): NormalisedItem => ({
      ...item(title, 'Agenda: the budget and the council tax support scheme.', { sourceId: 'gazette' }),
      group: 'council',
      kind: 'meeting',
    });

    const full = await classifyAndStore(meeting('Full Council - 09/12/2026 19:00'), h.deps);
    const following = await classifyAndStore(meeting('Full Council - 16/12/2026 19:00'), h.deps);

    expect(full.item.clusterId).toBeDefined();
    expect(following.item.clusterId).not.toBe(full.item.clusterId);
  });

  describe('legislation by extent', () => {
    const instrument = (title: string, legislationType: string, number: number): NormalisedItem => ({
      ...item(title, 'Sam Okafor urged to resign over the order.', { sourceId: 'gazette' }),
      group: 'legislation',
      link: `https://www.legislation.gov.uk/${legislationType}/2026/${number}/made`,
      kind: 'legislation',
      details: { legislationType, year: 2026, legislationNumber: number },
    });

    it('never alerts an instrument outside the configured extent, however sensitive its words; stores it as known', async () => {
      const h = harness();
      const scottish = await classifyAndStore(instrument('The Sam Okafor (Scotland) Order 2026', 'ssi', 301), h.deps);
      const english = await classifyAndStore(instrument('The Sam Okafor (England) Order 2026', 'uksi', 1201), h.deps);

      expect(scottish).toMatchObject({ status: 'stored', alertQueued: false });
      expect(english).toMatchObject({ status: 'stored', alertQueued: true });
      expect(h.alerts.map((a) => a.item.title)).toEqual(['The Sam Okafor (England) Order 2026']);
    });

    it('alerts a Scottish instrument for an office that watches Scotland', async () => {
      const h = harness({ config: { ...config, legislation: { extents: ['uk', 'scotland'] } } });
      const scottish = await classifyAndStore(instrument('The Sam Okafor (Scotland) Order 2026', 'ssi', 302), h.deps);

      expect(scottish.alertQueued).toBe(true);
    });
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
      [
        'paper',
        'Hartwell Mayor faces calls to resign over £4m temporary accommodation contract',
        'Sam Okafor extended the Riverside contract without a tender.',
      ],
      [
        'gazette',
        'Calls for Sam Okafor to resign over £4m Riverside temporary accommodation contract',
        'Opposition councillors say the tender rules were broken.',
      ],
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

  describe('a changed item (the same id with a new headline or snippet)', () => {
    const v1 = item('Library opening hours to change', 'The council is consulting on Saturday hours.', { seenAt: '2026-11-23T06:00:00.000Z' });
    const v2: NormalisedItem = { ...v1, title: 'Hartwell Mayor faces investigation over library closures', seenAt: '2026-11-23T06:30:00.000Z' };

    it('is stored as version 2 over version 1, classified again, and alerted once when it becomes sensitive', async () => {
      // Prepare
      const h = harness();
      const first = await classifyAndStore(v1, h.deps);
      expect(first.item.sensitivity.sensitive).toBe(false);
      // Act
      const second = await classifyAndStore(v2, h.deps);
      const redelivered = await classifyAndStore(v2, h.deps);
      // Assess
      expect(second).toMatchObject({ status: 'updated', alertQueued: true });
      expect(redelivered).toMatchObject({ status: 'duplicate', alertQueued: false });
      expect(h.store.records.size).toBe(1);
      const stored = h.store.records.get(v1.id)?.item;
      expect(stored).toMatchObject({
        title: v2.title,
        version: 2,
        previousTitle: v1.title,
        // Still filed under when it was first seen; the new version's arrival is its update time.
        seenAt: v1.seenAt,
        updatedAt: v2.seenAt,
        clusterId: first.item.clusterId,
        sensitivity: { sensitive: true, level: 'high' },
      });
      expect(h.alerts).toHaveLength(1);
      expect(h.alerts[0]).toMatchObject({
        reason: 'new',
        item: { id: v1.id, title: v2.title, version: 2 },
        story: { id: first.item.clusterId, level: 'high' },
      });
      expect(h.store.records.get(v1.id)?.alertState).toBe('queued');
    });

    it('changes nothing when an older version is delivered after a newer one', async () => {
      const h = harness();
      await classifyAndStore(v1, h.deps);
      await classifyAndStore(v2, h.deps);
      const late = await classifyAndStore(v1, h.deps);
      expect(late.status).toBe('duplicate');
      expect(h.store.records.get(v1.id)?.item).toMatchObject({ title: v2.title, version: 2 });
      expect(h.alerts).toHaveLength(1);
    });

    it('is the same version when only case or spacing changed', async () => {
      const h = harness();
      await classifyAndStore(v1, h.deps);
      const reformatted = await classifyAndStore({ ...v1, title: `  ${v1.title.toUpperCase()} `, seenAt: '2026-11-23T06:30:00.000Z' }, h.deps);
      expect(reformatted.status).toBe('duplicate');
      expect(h.store.records.get(v1.id)?.item.version).toBeUndefined();
    });

    it('alerts once a new version whose alert could not be queued at first', async () => {
      const h = harness();
      await classifyAndStore(v1, h.deps);
      h.deps.sendAlert = async () => {
        h.deps.sendAlert = async (message) => void h.alerts.push(message);
        throw new Error('SQS unavailable');
      };
      await expect(classifyAndStore(v2, h.deps)).rejects.toThrow('SQS unavailable');
      const retry = await classifyAndStore(v2, h.deps);
      const again = await classifyAndStore(v2, h.deps);
      expect(retry.alertQueued).toBe(true);
      expect(again.alertQueued).toBe(false);
      expect(h.alerts).toHaveLength(1);
      expect(h.alerts[0]?.item.title).toBe(v2.title);
    });

    it('still alerts a new version once when the story took it in but the item write failed', async () => {
      // Prepare: the first attempt at v2 stops after its story write, as a crash would.
      const h = harness();
      await classifyAndStore(v1, h.deps);
      const replace = h.store.replaceItem.bind(h.store);
      h.store.replaceItem = async () => {
        h.store.replaceItem = replace;
        throw new Error('DynamoDB unavailable');
      };
      await expect(classifyAndStore(v2, h.deps)).rejects.toThrow('DynamoDB unavailable');
      // Act
      const retry = await classifyAndStore(v2, h.deps);
      // Assess
      expect(retry).toMatchObject({ status: 'updated', alertQueued: true, item: { version: 2 } });
      expect(h.alerts).toHaveLength(1);
      expect(h.store.stories.get(retry.item.clusterId ?? '')?.alerts).toEqual([expect.objectContaining({ itemId: v1.id, reason: 'new', version: 2 })]);
    });

    it('moves the item in the priority index to the priorities its new version matches', async () => {
      const h = harness();
      const housing = item('Homelessness rises as council homes stall');
      await classifyAndStore(housing, h.deps);
      await classifyAndStore({ ...housing, title: 'Bus route 47 extended to the hospital', seenAt: '2026-11-23T06:30:00.000Z' }, h.deps);
      expect(await h.store.itemsByPriority('housing')).toEqual([]);
      expect(await h.store.itemsByPriority('transport')).toEqual([
        expect.objectContaining({ itemId: housing.id, title: 'Bus route 47 extended to the hospital', seenAt: housing.seenAt }),
      ]);
    });

    it('does not alert again when the story was already alerted at that level', async () => {
      const h = harness();
      const sensitive = item('Hartwell Mayor faces investigation', 'The ombudsman has opened a case.');
      await classifyAndStore(sensitive, h.deps);
      const changed = await classifyAndStore(
        { ...sensitive, summary: 'The ombudsman has opened a case; the Mayor denies wrongdoing.', seenAt: '2026-11-23T06:30:00.000Z' },
        h.deps,
      );
      expect(changed).toMatchObject({ status: 'updated', alertQueued: false, item: { version: 2 } });
      expect(h.alerts).toHaveLength(1);
    });

    it('alerts a level rise when the new version makes an alerted story more sensitive', async () => {
      // Prepare: a critical threshold that two triggers near the Mayor reach in one outlet.
      const h = harness({ config: testConfig(sources, { sensitivity: { ...config.sensitivity, thresholds: { watch: 1, high: 3, critical: 6 } } }) });
      const high = item('Hartwell Mayor faces investigation', 'Councillors want answers.');
      await classifyAndStore(high, h.deps);
      const worse = await classifyAndStore({ ...high, title: 'Calls for Sam Okafor to resign', seenAt: '2026-11-23T06:30:00.000Z' }, h.deps);
      expect(worse.item.sensitivity.level).toBe('critical');
      expect(h.alerts.map((a) => [a.reason, a.story?.level])).toEqual([
        ['new', 'high'],
        ['level-rise', 'critical'],
      ]);
    });
  });

  it('names the field of a malformed priority query', () => {
    const bad = testConfig([{ id: 'p', url: 'https://p.example/' }], {
      priorities: [{ id: 'housing', name: 'Housing', query: '(homes OR housing', hashtags: [] }],
    });
    expect(() => compileRules(bad)).toThrow(RuleConfigError);
    expect(() => compileRules(bad)).toThrow(/priorities\[0\]\.query/);
  });
});

describe('classifyAndStore: one story means one event', () => {
  it('keeps two scandals about the same Mayor apart, and alerts the second', async () => {
    // Arrange
    const h = harness();
    const first = item(
      'Mayor Sam Okafor faces calls to resign over temporary accommodation contract',
      'Opposition councillors say the Mayor of Hartwell must explain the deal.',
      { sourceId: 'paper' },
    );
    const second = item(
      'Sam Okafor criticised over expenses claims for Riverside trip',
      'Opposition councillors say the Mayor of Hartwell must explain the claims.',
      { sourceId: 'gazette' },
    );
    // Act
    const a = await classifyAndStore(first, h.deps);
    const b = await classifyAndStore(second, h.deps);
    // Assess
    expect(a.item.clusterId).not.toBe(b.item.clusterId);
    expect(h.alerts.map((m) => m.item.id)).toEqual([first.id, second.id]);
  });

  it('joins two outlets reporting one event in their own words', async () => {
    const h = harness();
    const a = await classifyAndStore(
      item(
        'Westfield Stratford closed after fire in first floor shop',
        'The complex in east London is evacuated after the discovery of a small fire in a first-floor shop.',
        { sourceId: 'paper' },
      ),
      h.deps,
    );
    const b = await classifyAndStore(
      item(
        'Fire sparks evacuation of Westfield shopping centre',
        'Shoppers have been evacuated from an east London shopping centre after a fire broke out inside one of the stores.',
        { sourceId: 'gazette' },
      ),
      h.deps,
    );
    expect(b.item.clusterId).toBe(a.item.clusterId);
  });

  it('never joins two bills whose descriptions share the boilerplate', async () => {
    const h = harness();
    const bill = (title: string, slug: string, what: string) => ({
      ...item(title, `A Bill to make provision about ${what}; and for connected purposes.`, { sourceId: 'wire' }),
      link: `http://services.parliament.uk/bills/2017-19/${slug}.html`,
    });
    const a = await classifyAndStore(bill('Succession to Peerages', 'successiontopeerages', 'succession to peerages and baronetcies'), h.deps);
    const b = await classifyAndStore(bill('Council Homes (Cost of Living)', 'councilhomescostofliving', 'council homes and the cost of living'), h.deps);
    expect(b.item.clusterId).not.toBe(a.item.clusterId);
  });
});
