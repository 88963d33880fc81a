/**
 * GET /api/alerts?from=YYYY-MM-DD&to=YYYY-MM-DD, POST /api/alerts/ID/acknowledge and
 * POST /api/alerts/ID/handled {note}: every alert sent in the range with what the office did about
 * it: new, acknowledged (who, when), handled (who, when, and a short note: "statement issued",
 * "no action"). Readers read; editors and approvers act. Each step is recorded once (the store's
 * writes are conditional): the first of two people acknowledging at once is the one kept.
 */
import * as z from 'zod';
import type { ItemStore } from '../classify/ports.js';
import type { StoryStore } from '../classify/stories/ports.js';
import type { Actor, AlertActionStore, SentAlert } from './alert-actions.js';
import { isAlertId } from './alert-actions.js';
import { LEVEL_WORDS } from '../deliver/alerts/view.js';
import { clip } from '../deliver/render/text.js';
import { londonDateTime } from '../deliver/render/time.js';
import { InvalidRequestError, NotFoundError, ReviewRuleError } from '../grid/errors.js';
import { sensitivityLevelSchema } from '../platform/model.js';
import type { AlertsView, AlertView } from './views.js';

/** The listing's default range, back from today: a month of alerts is a few dozen rows. */
export const ALERTS_DEFAULT_DAYS = 30;
/** The longest range listed at once: a Query per day. */
const ALERTS_MAX_DAYS = 92;
const TITLE_CHARS = 300;
const DAY_MS = 86_400_000;

export interface AlertsDeps {
  readonly stories: Pick<StoryStore, 'getStory'>;
  readonly items: Pick<ItemStore, 'getItemRecord'>;
  readonly actions: AlertActionStore;
  readonly now: () => Date;
}

const dateParam = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date such as 2026-12-07');

/** The range asked for (UTC days, both included); the last ALERTS_DEFAULT_DAYS days when none is given. */
export function alertsRange(query: URLSearchParams, now: Date): { from: Date; to: Date } {
  const read = (name: string): Date | undefined => {
    const raw = query.get(name);
    if (raw === null || raw === '') return undefined;
    const parsed = dateParam.safeParse(raw);
    const at = parsed.success ? new Date(`${parsed.data}T00:00:00.000Z`) : undefined;
    if (!at || Number.isNaN(at.getTime())) throw new InvalidRequestError(`${name} must be a date such as 2026-12-07.`);
    return at;
  };
  const toDay = read('to');
  const to = toDay ? new Date(toDay.getTime() + DAY_MS - 1) : now;
  const from = read('from') ?? new Date(to.getTime() - ALERTS_DEFAULT_DAYS * DAY_MS);
  if (from.getTime() > to.getTime()) throw new InvalidRequestError('from must not be after to.');
  if (to.getTime() - from.getTime() > ALERTS_MAX_DAYS * DAY_MS) throw new InvalidRequestError(`Ask for at most ${ALERTS_MAX_DAYS} days of alerts at once.`);
  return { from, to };
}

/** Why the alert went, in the words the alert's follow-up line uses. */
function reasonWords(step: string, level: AlertView['level']): string {
  const [reason, , spread] = step.split('#');
  if (reason === 'spread') return `a follow-up: carried by ${spread ?? 'more'} outlets`;
  if (reason === 'level-rise') return `a follow-up: risen to ${LEVEL_WORDS[level]}`;
  return `a new story at ${LEVEL_WORDS[level]}`;
}

/** One sent alert as the page shows it: what it was about, and its state. */
export async function alertView(sent: SentAlert, deps: Omit<AlertsDeps, 'now'>): Promise<AlertView> {
  const story = sent.storyId ? await deps.stories.getStory(sent.storyId) : undefined;
  const itemId = story?.members[0] ?? sent.itemId;
  const item = itemId ? (await deps.items.getItemRecord(itemId))?.item : undefined;
  const stepLevel = sensitivityLevelSchema.safeParse(sent.step.split('#')[1]);
  const level = stepLevel.success ? stepLevel.data : (item?.sensitivity.level ?? 'high');
  const action = await deps.actions.alertAction(sent.id);
  const handled = action?.handledAt && action.handledBy ? { by: action.handledBy, at: action.handledAt, note: action.note ?? '' } : null;
  const acknowledged =
    action?.acknowledgedAt && action.acknowledgedBy ? { by: action.acknowledgedBy, at: action.acknowledgedAt, via: action.acknowledgedVia ?? 'page' } : null;
  return {
    id: sent.id,
    storyId: sent.storyId ?? null,
    itemId: itemId ?? null,
    reason: sent.step === 'item' ? 'a sensitive item' : reasonWords(sent.step, level),
    level,
    sentAt: sent.sentAt,
    title: item ? clip(item.title, TITLE_CHARS) || '(no headline)' : '(the item is no longer kept)',
    sourceName: item?.sourceName ?? '',
    state: handled ? 'handled' : acknowledged ? 'acknowledged' : 'new',
    acknowledged,
    handled,
  };
}

export async function alertsView(query: URLSearchParams, deps: AlertsDeps): Promise<AlertsView> {
  const { from, to } = alertsRange(query, deps.now());
  const sent = await deps.actions.sentAlertsBetween(from, to);
  return { from: from.toISOString(), to: to.toISOString(), alerts: await Promise.all(sent.map((s) => alertView(s, deps))) };
}

/** The sent alert with this id, or a 404 (only alerts that went can be acted on). */
export async function findAlert(id: string, deps: Pick<AlertsDeps, 'actions'>): Promise<SentAlert> {
  const found = isAlertId(id) ? await deps.actions.sentAlert(id) : undefined;
  if (!found) throw new NotFoundError('No alert with that id was sent.');
  return found;
}

/** Acknowledges the alert; acknowledging one someone already did keeps theirs and answers it as it is. */
export async function acknowledgeAlert(id: string, who: Actor, via: 'page' | 'email', deps: AlertsDeps): Promise<AlertView> {
  const sent = await findAlert(id, deps);
  await deps.actions.acknowledgeAlert(id, who, deps.now(), via);
  return alertView(sent, deps);
}

export async function handleAlert(id: string, who: Actor, note: string, deps: AlertsDeps): Promise<AlertView> {
  const sent = await findAlert(id, deps);
  if ((await deps.actions.handleAlert(id, who, deps.now(), note)) === 'already') {
    const current = await alertView(sent, deps);
    const by = current.handled;
    throw new ReviewRuleError(
      by ? `${by.by.name} marked this alert handled at ${londonDateTime(new Date(by.at))} ("${by.note}").` : 'This alert was marked handled already.',
    );
  }
  return alertView(sent, deps);
}
