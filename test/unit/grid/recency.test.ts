/**
 * The grid's recency is the publication's, not when Despatch first saw the item: a first run finds
 * years-old stories "today", and they were explained as "coverage …, today" and filled slots.
 */
import { describe, expect, it } from 'vitest';
import { weekDates } from '../../../shared/grid/calendar.js';
import { buildHooks, compileGridRules } from '../../../shared/grid/hooks.js';
import type { ClassifiedItem } from '../../../shared/platform/model.js';
import { gridConfig, item } from './fixtures.js';

const housing = { id: 'housing', name: 'Housing' };
const config = gridConfig({ channels: [{ id: 'x', times: ['09:00'] }] }, [{ ...housing, query: 'homes' }]);
const grid = config.grid!;
const now = new Date('2026-11-30T08:00:00Z');
const dates = weekDates('2026-W49');

function hooksFor(items: ClassifiedItem[]) {
  return buildHooks({ config, grid, rules: compileGridRules(config, grid), dates, items, meetings: [], now }).hooks.filter((h) => h.kind === 'priority');
}

describe('grid recency by publication', () => {
  it('does not make a hook of a story first seen this week but published years ago', () => {
    const old = {
      ...item({ title: 'New council homes for Riverside', priority: housing, seenAt: '2026-11-30T07:00:00.000Z', sourceId: 'council-news' }),
      publishedAt: '2021-10-15T09:00:00.000Z',
    };
    expect(hooksFor([old])).toEqual([]);
  });

  it('says how long ago the story was published, not when it was first seen', () => {
    const found = {
      ...item({ title: 'New council homes for Riverside', priority: housing, seenAt: '2026-11-30T07:00:00.000Z', sourceId: 'council-news' }),
      publishedAt: '2026-11-29T09:00:00.000Z',
    };
    const [hook] = hooksFor([found]);
    expect(hook?.why).toBe('Housing: the council\u2019s own news (Hartwell Council press office), published yesterday.');
  });

  it('counts an undated item as published when first seen', () => {
    const undated = {
      ...item({ title: 'New council homes for Riverside', priority: housing, seenAt: '2026-11-30T07:00:00.000Z', sourceId: 'council-news' }),
      dateFlag: 'missing' as const,
    };
    expect(hooksFor([undated])[0]?.why).toBe('Housing: the council\u2019s own news (Hartwell Council press office), published today.');
  });
});
