import { describe, expect, it } from 'vitest';
import { countLength } from '../../../shared/grid/counter.js';
import { meetingsFrom } from '../../../shared/grid/hooks.js';
import { planGrid, GridNotConfiguredError } from '../../../shared/grid/planner.js';
import { testConfig } from '../../support/config.js';
import { gridConfig, item, MAYOR, SOURCES } from './fixtures.js';

const HOUSING = { id: 'housing', name: 'Housing' };
const TRANSPORT = { id: 'transport', name: 'Transport' };
const NOW = new Date('2026-11-26T10:00:00Z'); // the Thursday before 2026-W49
const WEEK = '2026-W49'; // Mon 30 Nov – Sun 6 Dec 2026: St Andrew's Day, World AIDS Day, IDPWD
// News is drafted only up to 3 days after it is published: the week planned again on its Monday, with that morning's news.
const MONDAY = new Date('2026-11-30T07:00:00Z');
const FRESH = '2026-11-30T06:00:00.000Z';
const OWN = { sourceId: SOURCES.council, seenAt: FRESH };

const channels = [
  { id: 'x', days: ['mon', 'tue', 'wed', 'thu', 'fri'], times: ['08:30', '17:30'], maxPerDay: 2 },
  { id: 'facebook', days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], times: ['10:00'] },
  { id: 'instagram', days: ['wed'], times: ['12:00'] },
];

describe('planGrid', () => {
  it('explains every slot: the hook, where it came from, and why it is here', () => {
    // Prepare
    const config = gridConfig({ channels });
    const items = [
      item({ title: '240 new council homes approved', priority: HOUSING, ...OWN }),
      item({ title: 'Bus route 47 extended', priority: TRANSPORT, ...OWN }),
    ];
    // Act
    const grid = planGrid({ config, week: WEEK, items, meetings: [], now: MONDAY });
    // Assess
    expect(grid.slots.length).toBeGreaterThan(0);
    for (const slot of grid.slots) {
      expect(slot.hook.why.length).toBeGreaterThan(10);
      expect(slot.why.length).toBeGreaterThan(10);
      expect(slot.history[0]).toMatchObject({ by: 'planner', action: 'planned' });
      expect(slot.status).toBe('draft');
    }
    const homes = grid.slots.find((s) => s.hook.title === '240 new council homes approved');
    expect(homes?.hook.items[0]?.sourceName).toBe('Hartwell Council press office');
    expect(homes?.hook.why).toBe('Housing: the council\u2019s own news (Hartwell Council press office), published today.');
  });

  it("offers press coverage as a talking point, not a post in the Mayor's voice, unless its priority opts in", () => {
    // Prepare
    const press = [
      item({ title: 'Riverside estate gets 96 new homes', priority: HOUSING, seenAt: FRESH }),
      item({ title: 'Riverside estate gets 96 new homes', priority: HOUSING, sourceId: SOURCES.national, seenAt: FRESH }),
    ];
    // Act
    const byDefault = planGrid({ config: gridConfig({ channels }), week: WEEK, items: press, meetings: [], now: MONDAY });
    const optedIn = planGrid({ config: gridConfig({ channels, draftPress: ['housing'] }), week: WEEK, items: press, meetings: [], now: MONDAY });
    // Assess
    expect(byDefault.slots.filter((s) => s.hook.kind === 'priority')).toEqual([]);
    expect(byDefault.talkingPoints).toEqual([
      expect.objectContaining({
        title: 'Riverside estate gets 96 new homes',
        sourceName: 'Hartwell Gazette, London Daily',
        priorityId: 'housing',
        why: expect.stringMatching(/^Housing: coverage in 2 outlets \(Hartwell Gazette, London Daily\), published today\. Press coverage is offered/),
        checks: [
          'recent: published Mon 30 Nov (limit 3 days)',
          'not sensitive at any level (watch included)',
          'no tragedy terms',
          'no criticism of the council, the Mayor or the cabinet',
        ],
      }),
    ]);
    const drafted = optedIn.slots.find((s) => s.hook.kind === 'priority');
    expect(drafted?.checks).toContain('press coverage (Hartwell Gazette, London Daily), drafted because Housing opts in (grid.draftPress)');
    expect(optedIn.talkingPoints).toEqual([]);
  });

  it('plans no news for days more than grid.recencyDays after it was published', () => {
    // Prepare: planned on the Thursday before, from that day's news.
    const config = gridConfig({ channels, recencyDays: 5 });
    const items = ['240 new council homes approved', 'Bus route 47 extended', 'Riverside library reopens'].map((title) =>
      item({ title, priority: HOUSING, sourceId: SOURCES.council, seenAt: '2026-11-26T08:00:00.000Z' }),
    );
    // Act
    const grid = planGrid({ config, week: WEEK, items, meetings: [], now: NOW });
    // Assess: Thursday + 5 days is Tuesday; Wednesday to Sunday get no news.
    expect([...new Set(grid.slots.filter((s) => s.hook.kind === 'priority').map((s) => s.date))].sort()).toEqual(['2026-11-30', '2026-12-01']);
    expect(grid.empty.some((e) => e.date === '2026-12-02')).toBe(true);
    const tuesday = grid.slots.find((s) => s.hook.kind === 'priority' && s.date === '2026-12-01');
    expect(tuesday?.checks[0]).toBe('recent: published Thu 26 Nov, 5 days before this post (limit 5)');
  });

  it('puts an awareness day on its own day, in the right tone', () => {
    // Prepare
    const config = gridConfig({ channels });
    // Act
    const grid = planGrid({ config, week: WEEK, items: [], meetings: [], now: NOW });
    // Assess
    const aids = grid.slots.filter((s) => s.hook.title === 'World AIDS Day');
    expect(aids.map((s) => s.date)).toEqual(['2026-12-01', '2026-12-01']);
    expect(aids[0]?.text).toContain('#WorldAIDSDay');
    expect(aids[0]?.why).toBe('Posted on the day itself.');
  });

  it('never plans a sensitive story: it goes to "needs a response?" with the reason', () => {
    // Prepare
    const config = gridConfig({ channels });
    const sensitive = item({ title: 'Mayor faces calls to resign over contract', priority: HOUSING, sensitive: true });
    const sameStoryElsewhere = item({ title: 'Mayor faces calls to resign over contract', priority: HOUSING, sourceName: 'London Daily' });
    // Act
    const grid = planGrid({ config, week: WEEK, items: [sensitive, sameStoryElsewhere], meetings: [], now: NOW });
    // Assess
    expect(grid.slots.some((s) => s.hook.title.includes('resign'))).toBe(false);
    expect(grid.needsResponse).toEqual([expect.objectContaining({ title: sensitive.title, reasons: [`Mayor named ("${MAYOR}") with "resign"`] })]);
    expect(grid.notes.join(' ')).toContain('1 sensitive story left out of the grid');
  });

  it('gives one "needs a response?" reason of each kind, the strongest, however many items the story has', () => {
    // Prepare: the same story from three outlets, each item scored on its own.
    const config = gridConfig({ channels });
    const title = 'Mayor faces calls to resign over contract';
    const items = [
      item({ title, priority: HOUSING, sensitive: true, reasons: ['Mayor named within 4 words of “resign”: score ×1.5', '2 outlets carry the story'] }),
      item({
        title,
        priority: HOUSING,
        sensitive: true,
        sourceName: 'London Daily',
        reasons: ['Mayor named within 2 words of “resign”', '3 outlets carry the story'],
      }),
      item({ title, priority: HOUSING, sensitive: true, sourceName: 'Borough Blog', reasons: ['Mayor named within 4 words of “resign”'] }),
    ];
    // Act
    const grid = planGrid({ config, week: WEEK, items, meetings: [], now: NOW });
    // Assess
    expect(grid.needsResponse).toHaveLength(1);
    expect(grid.needsResponse[0]?.reasons).toEqual(['Mayor named within 2 words of “resign”', '3 outlets carry the story']);
  });

  it('in a pre-election period keeps the Mayor off staff-run channels, says why, and writes neutrally', () => {
    // Prepare: the week of the poll; Facebook staff-run, X not.
    const config = gridConfig({
      channels: [
        { id: 'x', days: ['mon', 'tue', 'wed', 'thu', 'fri'], times: ['08:30'], staffRun: false },
        { id: 'facebook', days: ['mon', 'tue', 'wed', 'thu', 'fri'], times: ['10:00'], staffRun: true },
      ],
      preElection: [{ noticeOfElection: '2026-10-26', poll: '2026-12-03' }],
    });
    const published = { sourceId: SOURCES.council, seenAt: '2026-12-02T06:00:00.000Z' };
    const items = [
      item({ title: `${MAYOR} opens the new library`, priority: HOUSING, ...published }),
      item({ title: 'Council homes: 96 for social rent', priority: HOUSING, ...published }),
    ];
    // Act
    const grid = planGrid({ config, week: WEEK, items, meetings: [], now: new Date('2026-12-02T07:00:00Z') });
    // Assess
    const facebookInPeriod = grid.slots.filter((s) => s.channel === 'facebook' && s.date <= '2026-12-03');
    for (const slot of facebookInPeriod) {
      expect(slot.hook.kind).not.toBe('priority');
      expect(slot.text).not.toContain(MAYOR);
      expect(slot.text).not.toContain('– ');
    }
    const excluded = grid.excluded.find((e) => e.title.includes('library'));
    expect(excluded?.reason).toMatch(
      /pre-election period from the notice of election \(Mon 26 Oct\) to the poll \(Thu 3 Dec\), staff-run channels carry no publicity about the Mayor/,
    );
    expect(grid.slots.some((s) => s.channel === 'x' && s.hook.title.includes('library'))).toBe(true);
    expect(grid.notes[0]).toMatch(/covers Mon 30 Nov to Thu 3 Dec/);
    // After the poll the Mayor's priorities come back on Facebook.
    expect(grid.slots.some((s) => s.channel === 'facebook' && s.date > '2026-12-03' && s.hook.kind === 'priority')).toBe(true);
  });

  it('says why a slot is empty', () => {
    // Prepare: nothing in the news, and Wednesday has no awareness day.
    const config = gridConfig({ channels });
    // Act
    const grid = planGrid({ config, week: WEEK, items: [], meetings: [], now: NOW });
    // Assess
    expect(grid.empty).toContainEqual({
      date: '2026-12-02',
      time: '12:00',
      channel: 'instagram',
      reason:
        'Nothing to post on Instagram on Wed 2 Dec: no awareness day, meeting or recent priority story fits this day (news is drafted only up to 3 days after it is published; plan again nearer the day for fresh news).',
    });
    expect(grid.notes).toContain('No recent non-sensitive coverage for Housing in the 14 days before the week: no Housing posts planned.');
  });

  it("drafts within each platform's limit, with the priority's hashtags and no link on Instagram", () => {
    // Prepare
    const config = gridConfig({ channels }, [{ id: 'housing', name: 'Housing', hashtags: ['#Housing', '#HartwellHomes'] }]);
    const long = `Council homes ${'and more council homes '.repeat(20)}approved`;
    const items = [item({ title: long, priority: HOUSING, link: 'https://paper.example.co.uk/a-very-long-article-address-that-goes-on', ...OWN })];
    // Act
    const grid = planGrid({ config, week: WEEK, items, meetings: [], now: MONDAY });
    // Assess
    const onX = grid.slots.find((s) => s.channel === 'x' && s.hook.kind === 'priority');
    expect(onX).toBeDefined();
    expect(countLength('x', onX?.text ?? '').over).toBe(false);
    expect(onX?.text).toContain('\u2026');
    expect(onX?.text).toContain('#Housing #HartwellHomes');
    const onInstagram = grid.slots.find((s) => s.channel === 'instagram');
    expect(onInstagram?.text).toContain('Link in bio.');
    expect(onInstagram?.text).not.toMatch(/https?:/);
    expect(onInstagram?.image).toBe(true);
  });

  it('posts a council meeting on its day, from an item of kind "meeting"', () => {
    // Prepare
    const config = gridConfig({ channels });
    const agenda = item({ title: 'Mayor and Cabinet', kind: 'meeting', details: { meetingDate: '2026-12-02T19:00:00.000Z' }, group: 'council' });
    // Act
    const grid = planGrid({ config, week: WEEK, items: [agenda], meetings: meetingsFrom([agenda]), now: NOW });
    // Assess
    const slot = grid.slots.find((s) => s.hook.kind === 'meeting' && s.channel === 'facebook');
    expect(slot).toMatchObject({ date: '2026-12-02' });
    expect(slot?.text).toContain('Mayor and Cabinet meets on Wednesday 2 December at 19:00');
  });

  it('names a meeting without the date the listing put in its title: the post says it once, in words', () => {
    // Prepare
    const config = gridConfig({ channels });
    const agenda = item({ title: 'Council - 02/12/2026 19:00', kind: 'meeting', details: { meetingDate: '2026-12-02T19:00:00.000Z' }, group: 'council' });
    // Act
    const grid = planGrid({ config, week: WEEK, items: [agenda], meetings: meetingsFrom([agenda]), now: NOW });
    // Assess
    const slot = grid.slots.find((s) => s.hook.kind === 'meeting' && s.channel === 'facebook');
    expect(slot?.hook.title).toBe('Council');
    expect(slot?.text).toContain('Council meets on Wednesday 2 December at 19:00');
    expect(slot?.text).not.toContain('02/12/2026');
    expect(slot?.hook.why).toContain('lists this meeting on Wednesday 2 December at 19:00');
  });

  it('posts a consultation on its closing day', () => {
    // Prepare
    const config = gridConfig({ channels });
    const consultation = item({
      title: 'Consultation on the Local Plan',
      summary: 'The consultation closes on 4 December 2026.',
      priority: HOUSING,
      sourceId: SOURCES.govuk,
    });
    // Act
    const grid = planGrid({ config, week: WEEK, items: [consultation], meetings: [], now: NOW });
    // Assess
    expect(grid.slots.filter((s) => s.hook.kind === 'consultation').map((s) => `${s.date} ${s.channel}`)).toContain('2026-12-04 facebook');
  });

  it('asks for a grid section when there is none', () => {
    // Act / Assess
    expect(() =>
      planGrid({ config: testConfig([{ id: 'paper', url: 'https://paper.example.co.uk/rss' }]), week: WEEK, items: [], meetings: [], now: NOW }),
    ).toThrow(GridNotConfiguredError);
  });
});
