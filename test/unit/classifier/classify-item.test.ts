import { describe, expect, it } from 'vitest';
import { classifyAndStore, type ClassifyDeps } from '../../../shared/classifier/classify-item.js';
import { compileRules, RuleConfigError } from '../../../shared/classifier/rules.js';
import type { AlertMessage, NormalisedItem } from '../../../shared/model.js';
import type { StoredItemRecord } from '../../../shared/store/dynamo-store.js';
import { testConfig } from '../../support/config.js';

const config = testConfig([{ id: 'paper', url: 'https://paper.example/feed' }]);

function item(title: string, summary = ''): NormalisedItem {
  return {
    id: 'a'.repeat(32),
    sourceId: 'paper',
    sourceName: 'Paper',
    group: 'press',
    title,
    link: 'https://paper.example/1',
    summary,
    categories: [],
    publishedAt: '2026-11-23T06:00:00.000Z',
    seenAt: '2026-11-23T06:00:00.000Z',
  };
}

function harness(options: { failAlertOnce?: boolean } = {}) {
  const records = new Map<string, StoredItemRecord>();
  const alerts: AlertMessage[] = [];
  let failAlert = options.failAlertOnce ?? false;
  const deps: ClassifyDeps = {
    rules: compileRules(config),
    store: {
      putItemIfAbsent: async (record) => {
        if (records.has(record.item.id)) return 'exists';
        records.set(record.item.id, structuredClone(record));
        return 'created';
      },
      getItemRecord: async (id) => records.get(id),
      markAlertQueued: async (id) => {
        const r = records.get(id);
        if (r) r.alertState = 'queued';
      },
      itemsSeenBetween: async () => [],
    },
    sendAlert: async (message) => {
      if (failAlert) {
        failAlert = false;
        throw new Error('SQS unavailable');
      }
      alerts.push(message);
    },
    now: () => new Date('2026-11-23T06:01:00Z'),
  };
  return { deps, records, alerts };
}

describe('classifyAndStore', () => {
  it('tags priorities with the words that matched', async () => {
    const h = harness();
    const { item: stored } = await classifyAndStore(item('Homelessness rises as council homes stall'), h.deps);
    expect(stored.priorities).toEqual([
      expect.objectContaining({ id: 'housing', spans: expect.arrayContaining([expect.objectContaining({ field: 'title', text: 'Homelessness' })]) }),
    ]);
    expect(stored.sensitivity.sensitive).toBe(false);
  });

  it('marks an item sensitive only when the Mayor or council is named with a trigger, and says why', async () => {
    const h = harness();
    const named = await classifyAndStore(item('Sam Okafor urged to resign', 'An ombudsman report'), h.deps);
    expect(named.item.sensitivity.sensitive).toBe(true);
    expect(named.item.sensitivity.reasons[0]).toMatch(/Mayor named \("Sam Okafor"\) with "resign", "ombudsman"/);
    const h2 = harness();
    expect((await classifyAndStore(item('Police investigation into burglary'), h2.deps)).item.sensitivity.sensitive).toBe(false);
    const h3 = harness();
    expect((await classifyAndStore(item('Hartwell Council criticised over bins'), h3.deps)).item.sensitivity.reasons[0]).toMatch(/^Council named/);
  });

  it('queues one alert for a sensitive item, and none when the message comes again', async () => {
    const h = harness();
    await classifyAndStore(item('Hartwell Mayor faces investigation'), h.deps);
    const again = await classifyAndStore(item('Hartwell Mayor faces investigation'), h.deps);
    expect(again.status).toBe('duplicate');
    expect(h.alerts).toHaveLength(1);
  });

  it('still alerts when the first attempt stored the item but could not queue the alert', async () => {
    const h = harness({ failAlertOnce: true });
    await expect(classifyAndStore(item('Hartwell Mayor faces investigation'), h.deps)).rejects.toThrow('SQS unavailable');
    const retry = await classifyAndStore(item('Hartwell Mayor faces investigation'), h.deps);
    expect(retry.alertQueued).toBe(true);
    expect(h.alerts).toHaveLength(1);
    expect(h.records.get('a'.repeat(32))?.alertState).toBe('queued');
  });

  it('names the field of a malformed priority query', () => {
    const bad = testConfig([{ id: 'p', url: 'https://p.example/' }], {
      priorities: [{ id: 'housing', name: 'Housing', query: '(homes OR housing', hashtags: [] }],
    });
    expect(() => compileRules(bad)).toThrow(RuleConfigError);
    expect(() => compileRules(bad)).toThrow(/priorities\[0\]\.query/);
  });
});
