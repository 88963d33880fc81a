/**
 * Relevance in the grid (issue 11), as in the briefing: the borough's own stories (naming the
 * council, the borough, a place in it, the Mayor or a cabinet member) come before every story that
 * does not, in the candidates and in the talking points; legislation outside the configured extent
 * is never planned.
 */
import { describe, expect, it } from 'vitest';
import { buildHooks, compileGridRules } from '../../../shared/grid/hooks.js';
import { planGrid } from '../../../shared/grid/planner.js';
import { weekDates } from '../../../shared/grid/calendar.js';
import { configSchema, type Config } from '../../../shared/platform/config/schema.js';
import { gridConfig, item, SOURCES } from './fixtures.js';

const PRIORITIES = [
  { id: 'housing', name: 'Housing' },
  { id: 'transport', name: 'Transport' },
];
const [HOUSING, TRANSPORT] = PRIORITIES as [(typeof PRIORITIES)[number], (typeof PRIORITIES)[number]];
const WEEK = '2026-W49';
const NOW = new Date('2026-11-30T08:00:00Z');
const TODAY = '2026-11-30T07:00:00.000Z';
const channels = [{ id: 'x', days: ['mon', 'tue', 'wed', 'thu', 'fri'], times: ['08:30'], maxPerDay: 1 }];

function withPlaces(config: Config, places: string[]): Config {
  return configSchema.parse({ ...config, places });
}

function hooksFor(config: Config, items: ReturnType<typeof item>[]) {
  const grid = config.grid!;
  return buildHooks({ config, grid, rules: compileGridRules(config, grid), dates: weekDates(WEEK), items, meetings: [], now: NOW });
}

describe('relevance to the borough in the grid', () => {
  it('ranks a story naming a place in the borough above a national story in three outlets published the same day', () => {
    const config = withPlaces(gridConfig({ channels, draftPress: ['housing', 'transport'] }, PRIORITIES), ['Oak Road']);
    const national = ['paper', 'london-daily', SOURCES.govuk].map((sourceId) =>
      item({ title: 'Rail fares to rise across England in March', priority: TRANSPORT, sourceId, seenAt: TODAY }),
    );
    const story = 'cluster-national';
    const nationalStory = national.map((i) => ({ ...i, clusterId: story }));
    const local = item({ title: 'New homes finished at Oak Road', priority: HOUSING, sourceId: SOURCES.press, seenAt: TODAY });

    const { hooks, talkingPoints } = hooksFor(config, [...nationalStory, local]);

    expect(hooks.filter((h) => h.kind === 'priority').map((h) => h.title)).toEqual([
      'New homes finished at Oak Road',
      'Rail fares to rise across England in March',
    ]);
    const plan = planGrid({ config, week: WEEK, items: [...nationalStory, local], meetings: [], now: NOW });
    // The first news slot of the week (awareness days take the first days) goes to the borough's story.
    expect(plan.slots.filter((s) => s.hook.kind === 'priority').map((s) => s.hook.title)[0]).toBe('New homes finished at Oak Road');
    expect(talkingPoints).toEqual([]);
  });

  it("lists the borough's own press coverage first among the talking points", () => {
    const config = gridConfig({ channels }, PRIORITIES);
    const earlier = item({ title: 'Hartwell tenants win repairs pledge', priority: HOUSING, sourceId: SOURCES.press, seenAt: '2026-11-29T07:00:00.000Z' });
    const later = item({ title: 'Rents rise fastest in a decade', priority: HOUSING, sourceId: SOURCES.national, seenAt: TODAY });

    const { talkingPoints } = hooksFor(config, [later, earlier]);

    expect(talkingPoints.map((t) => t.title)).toEqual(['Hartwell tenants win repairs pledge', 'Rents rise fastest in a decade']);
  });

  it('never plans legislation outside the configured extent; plans it for an office that watches that nation', () => {
    const instrument = (title: string, legislationType: string) =>
      item({
        title,
        priority: HOUSING,
        sourceId: SOURCES.bills,
        kind: 'legislation',
        details: { legislationType },
        seenAt: TODAY,
        link: `https://www.legislation.gov.uk/${legislationType}/2026/1/made`,
      });
    const items = [instrument('The Housing (Scotland) Regulations 2026', 'ssi'), instrument('The Housing (England) Regulations 2026', 'uksi')];

    const english = hooksFor(gridConfig({ channels }, PRIORITIES), items);
    const scottish = hooksFor(configSchema.parse({ ...gridConfig({ channels }, PRIORITIES), legislation: { extents: ['scotland'] } }), items);

    expect(english.hooks.filter((h) => h.kind === 'legislation').map((h) => h.title)).toEqual(['The Housing (England) Regulations 2026']);
    expect(english.excluded.map((e) => e.title)).not.toContain('The Housing (Scotland) Regulations 2026');
    expect(scottish.hooks.filter((h) => h.kind === 'legislation').map((h) => h.title)).toEqual(['The Housing (Scotland) Regulations 2026']);
  });
});
