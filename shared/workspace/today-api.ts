/**
 * GET /api/today: everything seen since the last briefing (the period the next one will cover),
 * sensitive first, then by priority in the configuration's order, as the email orders them, each
 * newest first; filtered by priority, source, kind and level. Highlights are the briefing's pieces.
 */
import * as z from 'zod';
import type { Config } from '../platform/config/schema.js';
import { sensitivityLevels } from '../platform/config/schema.js';
import { itemKinds, publishedOrSeenAt, type ClassifiedItem } from '../platform/model.js';
import type { ItemStore } from '../classify/ports.js';
import type { BriefingLog } from '../deliver/ports.js';
import { briefingPeriodStart } from '../deliver/briefing/send.js';
import { HIGHLIGHT_KEY } from '../deliver/render/layout.js';
import { highlightPieces } from '../deliver/render/text.js';
import { readerReason, spansFor, strongestReasons } from '../deliver/render/item-entry.js';
import { safeHref } from '../deliver/render/escape.js';
import { levelRank } from '../deliver/alerts/routes.js';
import { londonDay } from '../deliver/render/time.js';
import { InvalidRequestError } from '../grid/errors.js';
import type { TodayView, WorkspaceItem } from './views.js';

/** The page lists this many; the total says how many more there are (the filters narrow them). */
const TODAY_LIMIT = 500;
const TITLE_CHARS = 300;
const SNIPPET_CHARS = 300;

export interface TodayDeps {
  readonly config: Pick<Config, 'priorities'> & { readonly sources: readonly Pick<Config['sources'][number], 'id' | 'name'>[] };
  readonly items: Pick<ItemStore, 'itemsSeenBetween'>;
  readonly briefings: Pick<BriefingLog, 'lastBriefing'>;
  readonly now: () => Date;
}

const filterSchema = z.object({
  priority: z.string().max(100).optional(),
  source: z.string().max(100).optional(),
  kind: z.enum(itemKinds).optional(),
  level: z.enum(sensitivityLevels).optional(),
});
type Filters = z.infer<typeof filterSchema>;

/** The filters from the query string; an unknown kind or level is refused by name. */
export function todayFilters(query: URLSearchParams): Filters {
  const raw = Object.fromEntries(['priority', 'source', 'kind', 'level'].flatMap((k) => (query.get(k) ? [[k, query.get(k)]] : [])));
  const parsed = filterSchema.safeParse(raw);
  if (!parsed.success) throw new InvalidRequestError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return parsed.data;
}

/** An item as the workspace shows it: highlighted pieces, a safe link, its level and reasons in words. */
export function workspaceItem(item: ClassifiedItem): WorkspaceItem {
  return {
    id: item.id,
    title: highlightPieces(item.title, spansFor(item, 'title'), TITLE_CHARS),
    snippet: highlightPieces(item.summary, spansFor(item, 'summary'), SNIPPET_CHARS),
    url: safeHref(item.link) ?? null,
    sourceId: item.sourceId,
    sourceName: item.sourceName,
    kind: item.kind,
    publishedAt: publishedOrSeenAt(item),
    seenAt: item.seenAt,
    level: item.sensitivity.level,
    sensitive: item.sensitivity.sensitive,
    priorities: item.priorities.map((p) => ({ id: p.id, name: p.name })),
    storyId: item.clusterId ?? null,
    reasons: item.sensitivity.sensitive ? strongestReasons(item.sensitivity.reasons.map(readerReason).filter((r) => r !== '')) : [],
  };
}

/** The email's order: sensitive (higher level first), then the first priority in configuration order, then the rest; newest first within each. */
export function briefingOrder(config: Pick<Config, 'priorities'>): (a: ClassifiedItem, b: ClassifiedItem) => number {
  const rank = new Map(config.priorities.map((p, i) => [p.id, i]));
  const priorityRank = (i: ClassifiedItem) => Math.min(...i.priorities.map((p) => rank.get(p.id) ?? config.priorities.length), config.priorities.length);
  return (a, b) =>
    Number(b.sensitivity.sensitive) - Number(a.sensitivity.sensitive) ||
    (a.sensitivity.sensitive ? levelRank(b.sensitivity.level) - levelRank(a.sensitivity.level) : 0) ||
    priorityRank(a) - priorityRank(b) ||
    publishedOrSeenAt(b).localeCompare(publishedOrSeenAt(a)) ||
    a.id.localeCompare(b.id);
}

export function matchesFilters(item: ClassifiedItem, f: Filters): boolean {
  return (
    (!f.priority || item.priorities.some((p) => p.id === f.priority)) &&
    (!f.source || item.sourceId === f.source) &&
    (!f.kind || item.kind === f.kind) &&
    (!f.level || item.sensitivity.level === f.level)
  );
}

export async function todayView(query: URLSearchParams, deps: TodayDeps): Promise<TodayView> {
  const filters = todayFilters(query);
  const now = deps.now();
  const last = await deps.briefings.lastBriefing();
  const from = briefingPeriodStart(last, now);
  const items = (await deps.items.itemsSeenBetween(from, now)).filter((i) => matchesFilters(i, filters)).sort(briefingOrder(deps.config));
  return {
    from: from.toISOString(),
    to: now.toISOString(),
    since: last ? `since the briefing of ${londonDay(new Date(last.sentAt), now)}` : 'in the last 24 hours (no briefing has been sent yet)',
    total: items.length,
    items: items.slice(0, TODAY_LIMIT).map(workspaceItem),
    filters: {
      priorities: deps.config.priorities.map((p) => ({ id: p.id, name: p.name })),
      sources: deps.config.sources.map((s) => ({ id: s.id, name: s.name })),
      kinds: [...itemKinds],
      levels: [...sensitivityLevels],
    },
    key: HIGHLIGHT_KEY,
  };
}
