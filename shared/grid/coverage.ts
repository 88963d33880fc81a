/**
 * The numbers behind the coverage view: items per priority per day, sensitive stories, and the
 * outlets that carried the most — for pictures a busy person would rather look at than read.
 */
import type { Config } from '../platform/config/schema.js';
import type { GridSideConfig } from '../platform/config/projections.js';
import type { ClassifiedItem } from '../platform/model.js';
import { londonDate } from '../platform/time.js';
import { addDays, daysBetween } from './calendar.js';
import { storyKeyOf } from './hooks.js';
import type { Coverage } from './model.js';

/** Coverage for the days from `from` to `to` (London dates, inclusive). */
export function coverageOf(items: readonly ClassifiedItem[], config: GridSideConfig, from: string, to: string, topOutlets = 8): Coverage {
  const length = daysBetween(from, to) + 1;
  const days = Array.from({ length }, (_, i) => addDays(from, i));
  const index = new Map(days.map((d, i) => [d, i]));
  const priorities = config.priorities.map((p) => ({ id: p.id, name: p.name, perDay: new Array<number>(length).fill(0), total: 0 }));
  const sensitivePerDay = new Array<number>(length).fill(0);
  const stories = new Map<string, Coverage['sensitive']['stories'][number]>();
  const outlets = new Map<string, number>();
  let total = 0;
  for (const item of items) {
    const day = londonDate(new Date(item.seenAt));
    const i = index.get(day);
    if (i === undefined) continue;
    total++;
    for (const tag of item.priorities) {
      const row = priorities.find((p) => p.id === tag.id);
      if (row) {
        row.perDay[i] = (row.perDay[i] ?? 0) + 1;
        row.total++;
      }
    }
    outlets.set(item.sourceName, (outlets.get(item.sourceName) ?? 0) + 1);
    if (item.sensitivity.sensitive) {
      const key = storyKeyOf(item);
      if (!stories.has(key)) {
        sensitivePerDay[i] = (sensitivePerDay[i] ?? 0) + 1;
        stories.set(key, { title: item.title, link: item.link, sourceName: item.sourceName, day, reasons: item.sensitivity.reasons });
      }
    }
  }
  return {
    from,
    to,
    days,
    priorities,
    sensitive: { perDay: sensitivePerDay, stories: [...stories.values()].sort((a, b) => b.day.localeCompare(a.day)) },
    outlets: [...outlets.entries()]
      .map(([name, count]) => ({ name, count }))
      .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))
      .slice(0, topOutlets),
    total,
  };
}
