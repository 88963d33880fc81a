/**
 * One way of counting, everywhere the office reads a count: the briefing's subject, preheader and
 * header, and the run summary, for a period where one story is told by several outlets.
 */
import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { briefingCounts, renderBriefing } from '../../../../shared/deliver/briefing/render.js';
import { recordCountsText } from '../../../../shared/deliver/briefing/counts.js';
import { formatSummary, type RunSummary } from '../../../../cli/output.js';
import { makeItem, testConfig } from './fixtures.js';

const WINDOW = { from: new Date('2026-11-23T07:00:00Z'), to: new Date('2026-11-24T07:00:00Z') };

function items() {
  const resign = (sourceName: string) =>
    makeItem({ title: `Mayor urged to resign (${sourceName})`, sourceName, clusterId: 'resign', sensitive: true, level: 'high' });
  const homes = (sourceName: string) => makeItem({ title: `New homes approved (${sourceName})`, sourceName, clusterId: 'homes', priorities: ['housing'] });
  return [
    resign('Echo'),
    resign('BBC London'),
    resign('Evening Paper'),
    makeItem({ title: 'Ombudsman criticises council', clusterId: 'damp', sensitive: true }),
    homes('Echo'),
    homes('BBC London'),
    makeItem(),
  ];
}

describe('counts said the same way', () => {
  it('the subject, the preheader, the header and the run summary agree on items and stories', () => {
    // Prepare: 7 items in 4 stories; 2 sensitive stories of 4 items
    const all = items();
    const expected = '2 sensitive stories (4 items), 7 items in 4 stories';
    // Act
    const email = renderBriefing({ config: testConfig, items: all, window: WINDOW, generatedAt: WINDOW.to });
    const summary = formatSummary({
      polls: [],
      perPriority: [],
      untagged: 0,
      counts: briefingCounts({}, all), // the default extents, as the render uses for testConfig
      alertsSent: 2,
      briefing: `written for 2026-11-24: ${recordCountsText({ itemCount: email.counts.items, storyCount: email.counts.stories, sensitiveCount: email.counts.sensitiveStories, sensitiveItemCount: email.counts.sensitiveItems })}`,
      outboxDir: '/data/outbox',
      queuesDrained: true,
      stopped: false,
      waiting: { items: 0, alerts: 0 },
      deadLetters: 0,
    } satisfies RunSummary);
    // Assess
    const $ = load(email.html);
    expect(email.subject).toBe(`Political developments — Tue 24 Nov: ${expected}`);
    expect($('div[style*="display:none"]').first().text()).toContain(expected);
    expect(email.text).toContain(`Since Mon 23 Nov 07:00 · ${expected}`);
    expect($.text()).toContain(`Since Mon 23 Nov 07:00 · ${expected}`);
    expect(summary).toContain(`New this run: ${expected}; alerts sent: 2`);
    expect(summary).toContain(`Briefing: written for 2026-11-24: ${expected}`);
    // The section the counts describe lists the two sensitive stories.
    expect(email.text).toContain('Sensitive coverage (2)');
  });

  it('says what an older record kept, without story counts it did not keep', () => {
    expect(recordCountsText({ itemCount: 19, sensitiveCount: 2 })).toBe('2 sensitive stories, 19 items');
  });
});
