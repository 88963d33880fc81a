/**
 * What the office saw on real feeds (issue 11): the grid drafted a post in the Mayor's voice from a
 * story about an MP knifed to death, filled Monday with 2018 bills, drafted a story criticising the
 * Mayor's cabinet member, promoted the Council meeting debating no confidence in the Mayor, and
 * gave none of four same-day council good-news stories a slot. None of that may happen.
 */
import { describe, expect, it } from 'vitest';
import { meetingsFrom } from '../../../shared/grid/hooks.js';
import { planGrid } from '../../../shared/grid/planner.js';
import { gridConfig, item, SOURCES } from './fixtures.js';

const PRIORITIES = [
  { id: 'housing', name: 'Housing' },
  { id: 'young-people', name: 'Children and young people' },
  { id: 'transport', name: 'Transport' },
  { id: 'cost-of-living', name: 'Cost of living' },
  { id: 'safer-communities', name: 'Safer communities' },
];
const [HOUSING, YOUNG, TRANSPORT, COST, SAFER] = PRIORITIES as [
  (typeof PRIORITIES)[number],
  (typeof PRIORITIES)[number],
  (typeof PRIORITIES)[number],
  (typeof PRIORITIES)[number],
  (typeof PRIORITIES)[number],
];
const WEEK = '2026-W49'; // Mon 30 Nov – Sun 6 Dec 2026
const NOW = new Date('2026-11-30T08:00:00Z'); // Monday morning: the week is planned again with the morning's news
const TODAY = '2026-11-30T07:00:00.000Z';

const channels = [
  { id: 'x', days: ['mon', 'tue', 'wed', 'thu', 'fri'], times: ['08:30', '17:30'], maxPerDay: 2 },
  { id: 'facebook', days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], times: ['10:00'] },
];

function scenario() {
  const harmful = [
    // Two outlets, today: "coverage in 2 outlets, today" was the explanation given.
    ...['paper', 'london-daily'].map((sourceId) =>
      item({
        title: "Sir David Amess reported 'upsetting' threat to the police just days before he was knifed to death",
        priority: SAFER,
        sourceId,
        seenAt: TODAY,
        publishedAt: '2021-10-15T16:00:00.000Z',
      }),
    ),
    item({ title: 'Knife arch trial: teenager stabbed outside Hartwell station', priority: SAFER, sourceId: SOURCES.council, seenAt: TODAY }),
    // Watch level, below the alert level: `sensitive` is false.
    item({ title: 'Cllr Lal criticised as repairs backlog passes 3,000 homes', priority: HOUSING, sourceId: SOURCES.press, seenAt: TODAY, level: 'watch' }),
    // Not flagged by the classifier at all, from the council itself: the criticism guard catches it.
    item({ title: 'Council responds after Cllr Lal criticised over repairs', priority: HOUSING, sourceId: SOURCES.council, seenAt: TODAY }),
    item({
      title: 'Full Council - 3 December 2026 19:30',
      summary: 'Agenda published: motion of no confidence in the Mayor of Hartwell; council tax support scheme.',
      kind: 'meeting',
      details: { meetingDate: '2026-12-03T19:30:00.000Z' },
      sourceId: SOURCES.meetings,
      seenAt: TODAY,
    }),
  ];
  // Seen for the first time this morning (the bills feed lists every bill by its last update), published in 2018.
  const oldBills = PRIORITIES.flatMap((p, n) =>
    [0, 1, 2].map((k) =>
      item({
        title: `${p.name} Bill ${2018}-${n}${k}`,
        priority: p,
        kind: 'bill',
        sourceId: SOURCES.bills,
        seenAt: TODAY,
        publishedAt: `2018-0${k + 1}-1${n}T10:00:00.000Z`,
      }),
    ),
  );
  const goodNews = [
    item({ title: 'New adventure playground opens in Hartwell Park', priority: YOUNG, sourceId: SOURCES.council, seenAt: TODAY }),
    item({ title: '240 new council homes completed at Oak Road', priority: HOUSING, sourceId: SOURCES.council, seenAt: TODAY }),
    item({ title: 'Free bus travel extended to care leavers', priority: TRANSPORT, sourceId: SOURCES.council, seenAt: TODAY }),
    item({ title: 'Warm spaces open in every Hartwell library', priority: COST, sourceId: SOURCES.council, seenAt: TODAY }),
  ];
  const config = gridConfig({ channels }, PRIORITIES);
  const items = [...harmful, ...oldBills, ...goodNews];
  return { config, items, harmful, oldBills, goodNews };
}

describe('nothing unsafe is drafted (issue 11)', () => {
  it('drafts none of the tragedy, the 2018 bills, the criticism of a cabinet member or the no-confidence meeting, and gives all four same-day good-news stories slots', () => {
    // Prepare
    const { config, items, harmful, oldBills, goodNews } = scenario();
    // Act
    const grid = planGrid({ config, week: WEEK, items, meetings: meetingsFrom(items), now: NOW });
    // Assess
    const drafted = new Set(grid.slots.flatMap((s) => s.hook.items.map((i) => i.id)));
    const draftedTitles = new Set(grid.slots.map((s) => s.hook.title));
    for (const bad of [...harmful, ...oldBills]) {
      expect(drafted.has(bad.id), bad.title).toBe(false);
      expect(draftedTitles.has(bad.title), bad.title).toBe(false);
    }
    for (const good of goodNews) expect(drafted.has(good.id), good.title).toBe(true);
    expect(grid.slots.some((s) => /knifed|stabbed|criticised|no confidence/i.test(s.text))).toBe(false);
  });

  it('says why each was left out: the response list, the exclusions and the notes', () => {
    // Prepare
    const { config, items } = scenario();
    // Act
    const grid = planGrid({ config, week: WEEK, items, meetings: meetingsFrom(items), now: NOW });
    // Assess
    const response = grid.needsResponse.map((n) => n.title);
    expect(response).toContain('Cllr Lal criticised as repairs backlog passes 3,000 homes');
    expect(response).toContain('Council responds after Cllr Lal criticised over repairs');
    expect(response).toContain('Full Council - 3 December 2026 19:30');
    const excluded = new Map(grid.excluded.map((e) => [e.title, e.reason]));
    expect(excluded.get('Knife arch trial: teenager stabbed outside Hartwell station')).toMatch(/death, crime, disaster or tragedy \("stabbed"\)/);
    expect(excluded.get('Full Council - 3 December 2026 19:30')).toMatch(/no confidence/);
    expect(grid.notes.some((n) => /^16 stories were published too long before the week/.test(n))).toBe(true);
  });

  it('leaves out the Amess story even when it is fresh: it names a killing', () => {
    // Prepare
    const fresh = ['paper', 'london-daily', SOURCES.council].map((sourceId) =>
      item({
        title: "Sir David Amess reported 'upsetting' threat to the police just days before he was knifed to death",
        priority: SAFER,
        sourceId,
        seenAt: TODAY,
      }),
    );
    // Act
    const grid = planGrid({
      config: gridConfig({ channels, draftPress: ['safer-communities'] }, PRIORITIES),
      week: WEEK,
      items: fresh,
      meetings: [],
      now: NOW,
    });
    // Assess
    expect(grid.slots.filter((s) => s.hook.kind !== 'awareness')).toEqual([]);
    expect(grid.talkingPoints).toEqual([]);
    expect(grid.excluded.map((e) => e.reason)).toEqual([expect.stringMatching(/\("knifed", "death"\)/)]);
  });

  it('drafts the good news as a person would write it, with the checks it passed', () => {
    // Prepare
    const { config, items } = scenario();
    // Act
    const grid = planGrid({ config, week: WEEK, items, meetings: meetingsFrom(items), now: NOW });
    // Assess
    // On the day it was published (which of the four goes first is the planner's choice: the ones naming Hartwell rank first).
    const monday = grid.slots.find((s) => s.hook.kind === 'priority' && s.date === '2026-11-30');
    expect(monday?.checks).toEqual([
      'recent: published today',
      'not sensitive at any level (watch included)',
      'no tragedy terms',
      'no criticism of the council, the Mayor or the cabinet',
      "from the council's own source (Hartwell Council press office)",
    ]);
    const later = grid.slots.find((s) => s.hook.kind === 'priority' && s.date > '2026-11-30');
    expect(later?.checks[0]).toMatch(/^recent: published Mon 30 Nov, [1-3] days? before this post \(limit 3\)$/);
    for (const slot of grid.slots) {
      expect(slot.checks.length).toBeGreaterThan(0);
      if (slot.hook.priorityName) expect(slot.text.startsWith(`${slot.hook.priorityName}: `)).toBe(false);
    }
  });
});
