/**
 * The dates the briefing and the alerts show: the year when it is not this year, and how long ago
 * an item was published when that is before the period reported on, so a story from last December
 * found this morning does not read as yesterday's ("Mon 1 Dec" was what the office saw).
 */
import { describe, expect, it } from 'vitest';
import { buildAlertView } from '../../../../shared/deliver/alerts/view.js';
import { renderBriefing } from '../../../../shared/deliver/briefing/render.js';
import { makeItem, testConfig } from '../briefing/fixtures.js';

const window = { from: new Date('2026-12-06T07:00:00Z'), to: new Date('2026-12-07T07:00:00Z') };
const seen = '2026-12-07T06:30:00.000Z';

describe('dates in the briefing', () => {
  const render = (items: Parameters<typeof renderBriefing>[0]['items']) => renderBriefing({ config: testConfig, items, window, generatedAt: window.to }).text;

  it('shows the year of an item published in another year, and how long ago', () => {
    const text = render([makeItem({ title: 'Housing release from last December', publishedAt: '2025-12-01T10:00:00.000Z', seenAt: seen })]);
    expect(text).toContain('Mon 1 Dec 2025, 10:00 (published a year ago)');
    expect(text).not.toMatch(/Mon 1 Dec(?! 2025)/);
  });

  it('says "published 3 days ago" of an item published before the period, and nothing of one within it', () => {
    const text = render([
      makeItem({ title: 'Found late', publishedAt: '2026-12-04T09:00:00.000Z', seenAt: seen }),
      makeItem({ title: 'Found at once', publishedAt: '2026-12-06T20:15:00.000Z', seenAt: '2026-12-06T20:20:00.000Z' }),
    ]);
    expect(text).toContain('Fri 4 Dec, 09:00 (published 3 days ago)');
    expect(text).toMatch(/Sun 6 Dec, 20:15(?! \()/);
  });

  it('says an undated item is shown at the time it was first seen', () => {
    const text = render([makeItem({ title: 'No date', publishedAt: seen, seenAt: seen, dateFlag: 'missing' })]);
    expect(text).toContain('Mon 7 Dec, 06:30 (first seen; no date given)');
  });

  it('shows the year of a consultation closing next year', () => {
    const text = render([
      makeItem({ title: 'Consultation on parking', kind: 'consultation', publishedAt: '2026-12-06T10:00:00.000Z', details: { closingDate: '2027-01-15' } }),
    ]);
    expect(text).toContain('Fri 15 Jan 2027');
  });
});

describe('dates in an alert', () => {
  const generatedAt = new Date('2026-12-07T09:00:00Z');

  it("shows the year and how long ago for an item published before the alert's day", () => {
    const item = makeItem({ title: 'Mayor criticised', publishedAt: '2021-10-15T08:00:00.000Z', seenAt: '2026-12-07T08:55:00.000Z', sensitive: true });
    const view = buildAlertView({ config: testConfig, item, generatedAt });
    expect(view.when).toBe('Fri 15 Oct 2021, 09:00 (published 5 years ago)');
    expect(view.timeline).toBe('published Fri 15 Oct 2021, 09:00 · first seen Mon 7 Dec, 08:55 · this alert 09:00');
    expect(view.coverage[0]?.when).toBe('Fri 15 Oct 2021, 09:00');
  });

  it('says nothing of age for an item published earlier the same London day', () => {
    const item = makeItem({ title: 'Mayor criticised', publishedAt: '2026-12-07T00:10:00.000Z', seenAt: '2026-12-07T08:55:00.000Z', sensitive: true });
    expect(buildAlertView({ config: testConfig, item, generatedAt }).when).toBe('Mon 7 Dec, 00:10');
  });
});
