/**
 * The Story and Alerts routes behind the review API (same auth), dispatched from http-api.ts:
 *
 *   GET  /api/stories/{id}                      a story (story-api.ts)
 *   GET  /api/alerts?from=&to=                  alerts and their state (alerts-api.ts)
 *   POST /api/alerts/{id}/acknowledge           recorded with the user (editors and approvers)
 *   POST /api/alerts/{id}/handled {note}        likewise, with a short note
 *
 * Undefined: not one of these routes (http-api.ts answers 404 or tries its own).
 */
import type * as z from 'zod';
import type { AlertActionStore } from './alert-actions.js';
import type { ItemStore } from '../classify/ports.js';
import type { StoryStore } from '../classify/stories/ports.js';
import type { BriefingLog } from '../deliver/ports.js';
import type { GridStore } from '../grid/ports.js';
import { requireEditor, type Reviewer } from '../grid/review.js';
import { acknowledgeAlert, alertsView, handleAlert } from './alerts-api.js';
import { storyView } from './story-api.js';
import { handledBodySchema } from './views.js';

export interface AlertRoutesDeps {
  readonly stories: Pick<StoryStore, 'getStory'>;
  readonly items: Pick<ItemStore, 'getItemRecord'>;
  readonly briefings: Pick<BriefingLog, 'getBriefing'>;
  readonly actions: AlertActionStore;
}

export interface AlertRouteRequest {
  readonly method: string;
  readonly segments: readonly string[];
  readonly query: URLSearchParams;
  readonly reviewer: Reviewer;
  readonly readBody: <S extends z.ZodType>(schema: S) => z.infer<S>;
}

export async function alertRoute(req: AlertRouteRequest, deps: AlertRoutesDeps & { grid: GridStore; now: () => Date }): Promise<unknown> {
  const { method, segments, reviewer } = req;
  const [resource, id, action] = segments;
  const alertDeps = { stories: deps.stories, items: deps.items, actions: deps.actions, now: deps.now };
  const who = { id: reviewer.id, name: reviewer.name ?? reviewer.id };
  if (resource === 'stories' && id && segments.length === 2 && method === 'GET')
    return storyView(id, { ...alertDeps, briefings: deps.briefings, grid: deps.grid });
  if (resource !== 'alerts') return undefined;
  if (segments.length === 1 && method === 'GET') return alertsView(req.query, alertDeps);
  if (id && segments.length === 3 && method === 'POST' && action === 'acknowledge') {
    requireEditor(reviewer, 'acknowledge alerts');
    return { alert: await acknowledgeAlert(id, who, 'page', alertDeps) };
  }
  if (id && segments.length === 3 && method === 'POST' && action === 'handled') {
    requireEditor(reviewer, 'mark alerts handled');
    return { alert: await handleAlert(id, who, req.readBody(handledBodySchema).note, alertDeps) };
  }
  return undefined;
}
