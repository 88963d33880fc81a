/**
 * GET /api/stories/ID: a story with every outlet that carried it (in the order they did), its level
 * as it rose and why in the alert's words, the alerts sent for it and what was done about them, and
 * where it was recorded elsewhere: the briefings whose period took in its items, and the grid slots
 * built on them. A story that turned out to be another says which (`mergedInto`).
 */
import type { ItemStore } from '../classify/ports.js';
import type { StoryStore } from '../classify/stories/ports.js';
import type { StoryRecord } from '../classify/stories/story.js';
import type { BriefingLog } from '../deliver/ports.js';
import type { GridStore } from '../grid/ports.js';
import { LEVEL_WORDS } from '../deliver/alerts/view.js';
import { safeHref } from '../deliver/render/escape.js';
import { readerReason, spansFor, strongestReasons } from '../deliver/render/item-entry.js';
import { clip, highlightPieces } from '../deliver/render/text.js';
import { addDays, isoWeekOf } from '../grid/calendar.js';
import { NotFoundError } from '../grid/errors.js';
import { publishedOrSeenAt, type ClassifiedItem } from '../platform/model.js';
import { londonDate } from '../platform/time.js';
import { alertView, type AlertsDeps } from './alerts-api.js';
import type { StoryOutlet, StoryView } from './views.js';

/** Story ids are `<UTC day yyyymmdd>-<item id>` (shared/classify/stories/story.ts storyIdFor). */
export const STORY_ID_PATTERN = /^\d{8}(?:T\d{9})?-[a-f0-9]{32}$/;
/** Briefings looked at after the story's last item: a weekend or a holiday between can delay the next. */
const BRIEFING_DAYS_AFTER = 4;
/** Grid weeks looked at after the last item: news is posted within days of publication. */
const GRID_DAYS_AFTER = 7;
const TITLE_CHARS = 300;
const REASON_CHARS = 300;

export interface StoryDeps extends AlertsDeps {
  readonly briefings: Pick<BriefingLog, 'getBriefing'>;
  readonly grid: Pick<GridStore, 'getWeek'>;
}

function outletOf(item: ClassifiedItem): StoryOutlet {
  return {
    itemId: item.id,
    sourceId: item.sourceId,
    sourceName: item.sourceName,
    title: highlightPieces(item.title, spansFor(item, 'title'), TITLE_CHARS),
    url: safeHref(item.link) ?? null,
    publishedAt: publishedOrSeenAt(item),
    seenAt: item.seenAt,
    level: item.sensitivity.level,
  };
}

/** Each level step decided for the story, in the words the alert's follow-up line uses. */
function levelSteps(story: StoryRecord): StoryView['levels'] {
  return story.alerts.map((a) => ({
    at: a.at,
    level: a.level,
    reason:
      a.reason === 'spread'
        ? `Carried by ${a.spread} outlets: a follow-up at ${LEVEL_WORDS[a.level]}`
        : a.reason === 'level-rise'
          ? `Risen to ${LEVEL_WORDS[a.level]} since the first alert`
          : `A new story at ${LEVEL_WORDS[a.level]}`,
  }));
}

export async function storyView(id: string, deps: StoryDeps): Promise<StoryView> {
  if (!STORY_ID_PATTERN.test(id)) throw new NotFoundError('That is not a story id.');
  const story = await deps.stories.getStory(id);
  if (!story) throw new NotFoundError('No story with that id is kept (stories go with their items after the retention period).');
  const records = await Promise.all(story.members.map((m) => deps.items.getItemRecord(m)));
  const items = records.flatMap((r) => (r ? [r.item] : [])).sort((a, b) => a.seenAt.localeCompare(b.seenAt) || a.id.localeCompare(b.id));
  const alerts = await Promise.all((await deps.actions.storyAlertsSent(id)).map((s) => alertView(s, deps)));
  // The alert's own reasons: the best evidence's lines, then each item's, cleaned of the classifier's arithmetic.
  const given = [...(story.best?.lines ?? []), ...items.flatMap((i) => i.sensitivity.reasons)];
  const why = story.level === 'none' ? [] : strongestReasons(given.map((r) => clip(readerReason(r), REASON_CHARS)).filter((r) => r !== ''));
  return {
    id: story.id,
    firstSeenAt: story.firstSeenAt,
    lastSeenAt: story.lastSeenAt,
    size: story.size,
    level: story.level,
    items: items.map(outletOf),
    levels: levelSteps(story),
    why,
    alerts,
    briefings: await briefingsOf(items, deps),
    grid: await slotsOf(items, deps),
    mergedInto: story.mergedInto ?? null,
  };
}

/** The briefings whose period took in at least one of the story's items, with how many. */
async function briefingsOf(items: readonly ClassifiedItem[], deps: StoryDeps): Promise<StoryView['briefings']> {
  const first = items[0];
  const last = items.at(-1);
  if (!first || !last) return [];
  const found: StoryView['briefings'] = [];
  const end = addDays(londonDate(new Date(last.seenAt)), BRIEFING_DAYS_AFTER);
  for (let day = londonDate(new Date(first.seenAt)); day <= end; day = addDays(day, 1)) {
    const record = await deps.briefings.getBriefing(day);
    if (!record) continue;
    const count = items.filter((i) => i.seenAt >= record.windowFrom && i.seenAt < record.windowTo).length;
    if (count > 0) found.push({ localDate: day, subject: record.subject ?? null, items: count });
  }
  return found;
}

/** Grid slots whose hook is built on one of the story's items, in the weeks it could be posted in. */
async function slotsOf(items: readonly ClassifiedItem[], deps: StoryDeps): Promise<StoryView['grid']> {
  const first = items[0];
  const last = items.at(-1);
  if (!first || !last) return [];
  const ids = new Set(items.map((i) => i.id));
  const weeks = new Set<string>();
  const end = addDays(londonDate(new Date(last.seenAt)), GRID_DAYS_AFTER);
  for (let day = londonDate(new Date(first.seenAt)); day <= end; day = addDays(day, 1)) weeks.add(isoWeekOf(day));
  const slots: StoryView['grid'] = [];
  for (const week of weeks) {
    const grid = await deps.grid.getWeek(week);
    for (const slot of grid?.slots ?? []) {
      if (slot.hook.items.some((i) => ids.has(i.id)))
        slots.push({ week, slotId: slot.id, channel: slot.channel, date: slot.date, time: slot.time, status: slot.status });
    }
  }
  return slots;
}
