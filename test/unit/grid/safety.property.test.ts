/**
 * Grid safety over arbitrary items (issue 11): whatever the news, no draft comes from a story that
 * is sensitive at any level, names a tragedy, criticises the council, the Mayor or the cabinet, or
 * was published more than grid.recencyDays before the post; press is drafted only where a priority
 * opts in; flagged meetings are never promoted; legislation outside the configured extent is never
 * planned; the borough's own stories come before all others; and every draft lists the checks it passed.
 * The oracle here knows what each generated item says; it does not use the planner's queries.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, isoWeekOf, weekDates } from '../../../shared/grid/calendar.js';
import { buildHooks, compileGridRules, meetingsFrom } from '../../../shared/grid/hooks.js';
import { planGrid } from '../../../shared/grid/planner.js';
import type { ClassifiedItem } from '../../../shared/platform/model.js';
import { londonDate } from '../../../shared/platform/time.js';
import { gridConfig, item, SOURCES } from './fixtures.js';

const PRIORITIES = ['housing', 'transport', 'schools', 'safety'].map((id) => ({ id, name: id[0]!.toUpperCase() + id.slice(1) }));
const TRAGEDY = [
  'knifed to death',
  'died in crash',
  'killed',
  'murder trial',
  'flood warning',
  'fire at flats',
  'inquest opens',
  'victim named',
  'stabbed',
  'fatal collision',
];
const CRITICISM = [
  'Cllr Lal criticised',
  'council slammed',
  'Mayor Okafor faces no confidence vote',
  'council failure',
  'cabinet row',
  'Priya Lal urged to resign',
];
const GOOD = ['new playground opens', 'council homes completed', 'library refurbished', 'bus route extended', 'school wins award', 'park reopens'];
const SOURCE_IDS = [SOURCES.press, SOURCES.national, SOURCES.council, SOURCES.govuk, SOURCES.bills];
const PRESS = new Set<string>([SOURCES.press, SOURCES.national]);
const RECENCY = 3;
/** Scotland's, Northern Ireland's and Wales's instrument types: never planned for an English council. */
const DEVOLVED = new Set(['ssi', 'nisr', 'wsi']);

const storyArb = fc.record({
  good: fc.constantFrom(...GOOD),
  tragedy: fc.option(fc.constantFrom(...TRAGEDY), { nil: undefined, freq: 3 }),
  criticism: fc.option(fc.constantFrom(...CRITICISM), { nil: undefined, freq: 3 }),
  inSummary: fc.boolean(),
  priority: fc.integer({ min: 0, max: PRIORITIES.length }),
  kind: fc.constantFrom(undefined, 'bill', 'legislation', 'announcement'),
  /** For legislation: a UK type, or one of the devolved nations' (outside an English council's extent). */
  legislationType: fc.constantFrom('uksi', 'ukpga', 'ssi', 'nisr', 'wsi'),
  tellings: fc.array(
    fc.record({
      source: fc.constantFrom(...SOURCE_IDS),
      level: fc.constantFrom('none', 'none', 'none', 'watch', 'high', 'critical'),
      publishedOffset: fc.integer({ min: -25, max: 7 }),
      seenOffset: fc.integer({ min: -3, max: 7 }),
      undated: fc.boolean(),
    }),
    { minLength: 1, maxLength: 3 },
  ),
});

const meetingArb = fc.record({
  agenda: fc.constantFrom(
    'budget and council tax',
    'motion of no confidence in the Mayor',
    'ombudsman report on housing',
    'a fatal fire: inquest findings',
    'libraries strategy',
  ),
  level: fc.constantFrom('none', 'none', 'watch', 'high'),
  dayOffset: fc.integer({ min: 0, max: 6 }),
});

const scenarioArb = fc.record({
  weekOffset: fc.integer({ min: 0, max: 52 * 4 }),
  nowOffset: fc.integer({ min: -3, max: 6 }),
  draftPress: fc.subarray(PRIORITIES.map((p) => p.id)),
  stories: fc.array(storyArb, { maxLength: 25 }),
  meetings: fc.array(meetingArb, { maxLength: 4 }),
});

type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

interface Truth {
  readonly unsafe: boolean;
}

function build(s: Scenario) {
  const week = isoWeekOf(addDays('2025-01-06', s.weekOffset * 7));
  const monday = weekDates(week)[0] as string;
  const at = (offset: number) => `${addDays(monday, offset)}T09:00:00.000Z`;
  const config = gridConfig(
    {
      channels: [
        { id: 'x', days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], times: ['08:30', '12:00', '17:30'], maxPerDay: 3 },
        { id: 'facebook', days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], times: ['10:00'] },
      ],
      draftPress: s.draftPress,
      recencyDays: RECENCY,
    },
    PRIORITIES,
  );
  const truth = new Map<string, Truth>(); // by title: one title is one story
  const items: ClassifiedItem[] = [];
  s.stories.forEach((story, n) => {
    const hazard = [story.tragedy, story.criticism].filter(Boolean).join(', ');
    const title = `${story.good} ${n}${hazard && !story.inSummary ? `: ${hazard}` : ''}`;
    const summary = hazard && story.inSummary ? `Also: ${hazard}.` : '';
    const sensitive = story.tellings.some((t) => t.level !== 'none');
    const outsideExtent = story.kind === 'legislation' && DEVOLVED.has(story.legislationType);
    truth.set(title, { unsafe: sensitive || story.tragedy !== undefined || story.criticism !== undefined || outsideExtent });
    for (const t of story.tellings) {
      items.push(
        item({
          title,
          summary,
          priority: PRIORITIES[story.priority],
          sourceId: t.source,
          level: t.level as 'none' | 'watch' | 'high' | 'critical',
          publishedAt: at(t.publishedOffset),
          seenAt: at(Math.max(t.publishedOffset, t.seenOffset)),
          ...(t.undated ? { dateFlag: 'missing' as const } : {}),
          ...(story.kind ? { kind: story.kind } : {}),
          ...(story.kind === 'legislation' ? { details: { legislationType: story.legislationType } } : {}),
        }),
      );
    }
  });
  s.meetings.forEach((m, n) => {
    const title = `Full Council ${n} - ${addDays(monday, m.dayOffset)} 19:30`;
    truth.set(title, { unsafe: m.level !== 'none' || !/budget|libraries/.test(m.agenda) });
    items.push(
      item({
        title,
        summary: `Agenda: ${m.agenda}.`,
        kind: 'meeting',
        details: { meetingDate: `${addDays(monday, m.dayOffset)}T19:30:00.000Z` },
        sourceId: SOURCES.meetings,
        level: m.level as 'none' | 'watch' | 'high',
        seenAt: at(-5),
      }),
    );
  });
  const now = new Date(`${addDays(monday, s.nowOffset)}T07:00:00.000Z`);
  return { config, week, items, now, truth };
}

const published = (i: ClassifiedItem) => londonDate(new Date(i.dateFlag ? i.seenAt : i.publishedAt));

describe('grid safety properties', () => {
  it('never drafts from a sensitive, tragedy-guarded, council-critical or stale story, nor from press a priority did not opt in to', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        // Prepare
        const { config, week, items, now, truth } = build(s);
        const byId = new Map(items.map((i) => [i.id, i]));
        // Act
        const grid = planGrid({ config, week, items, meetings: meetingsFrom(items), now });
        // Assess
        for (const slot of grid.slots) {
          if (slot.hook.kind === 'awareness') continue;
          // A meeting's hook is named without the date its listing put in the title: the items behind it carry the title.
          if (slot.hook.kind !== 'meeting') expect(truth.get(slot.hook.title)?.unsafe, slot.hook.title).toBe(false);
          expect(slot.hook.items.length).toBeGreaterThan(0);
          for (const behind of slot.hook.items) expect(truth.get(behind.title)?.unsafe, behind.title).toBe(false);
          if (slot.hook.kind === 'meeting') continue;
          // The item the post is drafted from: fresh for the day it goes out.
          const lead = byId.get(slot.hook.items[0]!.id)!;
          const age = daysBetween(published(lead), slot.date);
          expect(age, `${lead.title} published ${published(lead)}, posted ${slot.date}`).toBeGreaterThanOrEqual(0);
          expect(age).toBeLessThanOrEqual(RECENCY);
          if (PRESS.has(lead.sourceId)) expect(s.draftPress).toContain(slot.hook.priorityId);
        }
        for (const point of grid.talkingPoints) expect(truth.get(point.title)?.unsafe, point.title).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('ranks every candidate naming the borough above every candidate that does not', () => {
    // Safe, fresh stories only, many of them, so that most weeks have candidates of both sorts.
    const rankArb = fc.record({
      nowOffset: fc.integer({ min: 0, max: 4 }),
      stories: fc.array(
        fc.record({
          good: fc.constantFrom(...GOOD),
          local: fc.boolean(),
          priority: fc.integer({ min: 0, max: PRIORITIES.length - 1 }),
          kind: fc.constantFrom(undefined, 'legislation', 'announcement'),
          sources: fc.subarray(SOURCE_IDS, { minLength: 1 }),
          publishedOffset: fc.integer({ min: -2, max: 4 }),
        }),
        { minLength: 2, maxLength: 12 },
      ),
    });
    fc.assert(
      fc.property(rankArb, (r) => {
        // Prepare
        const week = '2026-W49';
        const monday = weekDates(week)[0] as string;
        const config = gridConfig(
          { channels: [{ id: 'x', days: ['mon'], times: ['08:30'] }], draftPress: PRIORITIES.map((p) => p.id), recencyDays: RECENCY },
          PRIORITIES,
        );
        const items = r.stories.flatMap((story, n) =>
          story.sources.map((sourceId) =>
            item({
              title: `${story.good}${story.local ? ' in Hartwell' : ''} ${n}`,
              priority: PRIORITIES[story.priority],
              sourceId,
              publishedAt: `${addDays(monday, story.publishedOffset)}T09:00:00.000Z`,
              seenAt: `${addDays(monday, story.publishedOffset)}T09:00:00.000Z`,
              ...(story.kind ? { kind: story.kind } : {}),
              ...(story.kind === 'legislation' ? { details: { legislationType: 'uksi' } } : {}),
            }),
          ),
        );
        const grid = config.grid!;
        // Act
        const { hooks } = buildHooks({
          config,
          grid,
          rules: compileGridRules(config, grid),
          dates: weekDates(week),
          items,
          meetings: [],
          now: new Date(`${addDays(monday, r.nowOffset)}T07:00:00.000Z`),
        });
        // Assess: hooks come best first; among those from items, none from elsewhere precedes one in Hartwell.
        const local = hooks.filter((h) => h.kind !== 'awareness').map((h) => h.items.some((i) => i.title.includes(' in Hartwell ')));
        const firstElsewhere = local.indexOf(false);
        if (firstElsewhere >= 0) expect(local.slice(firstElsewhere)).not.toContain(true);
      }),
      { numRuns: 200 },
    );
  });

  it('lists on every draft the checks it passed', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        // Prepare
        const { config, week, items, now } = build(s);
        // Act
        const grid = planGrid({ config, week, items, meetings: meetingsFrom(items), now });
        // Assess
        for (const slot of grid.slots) {
          expect(slot.checks.length).toBeGreaterThan(0);
          if (slot.hook.kind === 'awareness') {
            expect(slot.checks).toContain('from the UK awareness calendar, not a news story');
            continue;
          }
          expect(slot.checks).toContain('no tragedy terms');
          expect(slot.checks).toContain('no criticism of the council, the Mayor or the cabinet');
          if (slot.hook.kind === 'meeting') {
            expect(slot.checks).toContain('meeting title and agenda not flagged by the sensitivity rules');
          } else {
            expect(slot.checks).toContain('not sensitive at any level (watch included)');
            expect(slot.checks.some((c) => /^(from the council's own source|from an official source|press coverage .* opts in)/.test(c))).toBe(true);
            if (slot.hook.kind !== 'consultation') expect(slot.checks[0]).toMatch(/^recent: published/);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
