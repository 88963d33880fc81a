/**
 * Writes and sends the morning briefing for the period since the previous successful one (so
 * Monday's covers the weekend), once per London date: the date is claimed in the table before
 * sending, and recorded as soon as the provider accepts it (before the outbox copy or anything
 * else), so a retried or doubled schedule sends nothing more.
 *
 * A briefing is never held back by a source: failing sources are listed in it, and when source
 * health or story details cannot be read, it goes without them and says so.
 */
import type { Config } from '../../platform/config/schema.js';
import type { EmailMessage, Mailer } from '../email/message.js';
import { afterRecorded, recordSent } from '../after-send.js';
import { sendWithRetries, type RetryPolicy, type SendFailure } from '../email/retry.js';
import { MEETING_LOOKBACK_DAYS, type ClassifiedItem } from '../../platform/model.js';
import { failingSources } from '../../ingest/poller/source-health.js';
import type { BriefingClaims } from '../ports.js';
import type { BriefingLog, BriefingRecord } from '../ports.js';
import type { ItemStore } from '../../classify/ports.js';
import type { SourceStateLister } from '../../ingest/ports.js';
import type { StoryStore } from '../../classify/ports.js';
import { londonDate, londonParts } from '../../platform/time.js';
import { renderBriefing, type BriefingInput, type FailingSourceLine, type RenderedEmail } from './render.js';
import { cachedMembers, type MemberCache } from '../../ingest/parliament/members.js';
import { watchedEntries } from '../../ingest/parliament/api.js';

/** What the briefing reads of the configuration (the briefing function's projection carries it). */
type BriefingConfig = BriefingInput['config'] & Pick<Config, 'briefing'> & { sources: readonly SourceName[] };
type SourceName = Pick<Config['sources'][number], 'id' | 'name' | 'members'>;

export interface BriefingDeps {
  config: BriefingConfig;
  store: Pick<ItemStore, 'itemsSeenBetween'> & BriefingLog & BriefingClaims & SourceStateLister & Pick<StoryStore, 'getStory'> & Partial<MemberCache>;
  mailer: Mailer;
  /** Told about a send that failed after its retries (the handler logs it as an error). */
  onFailure?: (failure: SendFailure) => void;
  /** Told when something the briefing could do without was unavailable (source health, story outlets, the outbox copy). */
  onDegraded?: (what: string, error: unknown) => void;
  retry?: RetryPolicy;
}

/** With no previous briefing, the first one covers the last day. */
const FIRST_WINDOW_MS = 24 * 60 * 60 * 1000;
/** Longer than the briefing function's time limit: an older claim belongs to a run that died mid-send. */
const CLAIM_LEASE_SECONDS = 300;

export type BriefingOutcome =
  | {
      status: 'sent';
      record: BriefingRecord;
      location?: string;
      /** For the logs: the items this briefing carried (their correlation ids). */ itemIds: string[];
    }
  | { status: 'already-sent'; record: BriefingRecord };

/** Another run is sending today's briefing right now; this one stops so the email goes once. */
export class BriefingInProgressError extends Error {
  override readonly name = 'BriefingInProgressError';
}

/** `despatch briefing --date` asked for a date with no briefing recorded. */
export class BriefingNotFoundError extends Error {
  override readonly name = 'BriefingNotFoundError';
}

export async function sendBriefing(now: Date, deps: BriefingDeps): Promise<BriefingOutcome> {
  const localDate = londonDate(now);
  const existing = await deps.store.getBriefing(localDate);
  if (existing) return { status: 'already-sent', record: existing };
  if ((await deps.store.claimBriefing(localDate, now, CLAIM_LEASE_SECONDS)) === 'busy') {
    throw new BriefingInProgressError(`The briefing for ${localDate} is being sent by another run; not sending it twice`);
  }
  let accepted: { messageId: string; record: BriefingRecord; email: EmailMessage; itemIds: string[] };
  try {
    // The other run may have finished between the first look and the claim.
    const finished = await deps.store.getBriefing(localDate);
    if (finished) return { status: 'already-sent', record: finished };

    const previous = await deps.store.lastBriefing();
    const from = previous ? new Date(previous.windowTo) : new Date(now.getTime() - FIRST_WINDOW_MS);
    const prepared = await prepareBriefing({ from, to: now }, now, deps);
    const replyTo = deps.config.briefing.replyTo;
    const email: EmailMessage = {
      from: deps.config.briefing.from,
      to: deps.config.briefing.to,
      ...(replyTo ? { replyTo } : {}),
      subject: prepared.email.subject,
      text: prepared.email.text,
      html: prepared.email.html,
      tag: `briefing-${localDate}`,
    };
    const { messageId } = await sendWithRetries(`the briefing "${email.subject}"`, email.to.length, () => deps.mailer.send(email), {
      ...(deps.retry ? { policy: deps.retry } : {}),
      ...(deps.onFailure ? { onFailure: deps.onFailure } : {}),
    });
    const record: BriefingRecord = {
      localDate,
      windowFrom: from.toISOString(),
      windowTo: now.toISOString(),
      sentAt: now.toISOString(),
      itemCount: prepared.itemCount,
      sensitiveCount: prepared.sensitiveCount,
      storyCount: prepared.storyCount,
      sensitiveItemCount: prepared.sensitiveItemCount,
      messageId,
      subject: email.subject,
      failingSources: prepared.failing.map(sourceLine),
      unreadSources: prepared.unread.map(sourceLine),
      sourceCount: prepared.sourceCount,
    };
    accepted = { messageId, record, email, itemIds: prepared.itemIds };
  } catch (error) {
    // Let a retry send it: nothing was accepted, so nothing went.
    await deps.store.releaseBriefing(localDate).catch(() => undefined);
    throw error;
  }
  // The email has gone. The claim is never released from here on: if the record cannot be written,
  // a retry while the claim is fresh finds it busy rather than sending a second briefing.
  await recordSent(`the briefing for ${localDate}`, () => deps.store.recordBriefing(accepted.record), deps.retry);
  const { mailer } = deps;
  const copy = mailer.keepCopy
    ? await afterRecorded(
        'the outbox copy of the briefing',
        (): Promise<{ location?: string }> => mailer.keepCopy?.(accepted.email) ?? Promise.resolve({}),
        deps.onDegraded,
      )
    : undefined;
  return { status: 'sent', record: accepted.record, itemIds: accepted.itemIds, ...(copy?.location ? { location: copy.location } : {}) };
}

export interface PreparedBriefing {
  itemIds: string[];
  email: RenderedEmail;
  /** The counts the email says (items and stories it lists), so the record and the run summary say the same. */
  itemCount: number;
  sensitiveCount: number;
  storyCount: number;
  sensitiveItemCount: number;
  failing: (FailingSourceLine & { sourceId: string })[];
  /** Sources not read in the briefing's period (failing now, however briefly), in the order the email lists them. */
  unread: (FailingSourceLine & { sourceId: string })[];
  sourceCount: number;
}

const sourceLine = (f: FailingSourceLine & { sourceId: string }) => ({
  sourceId: f.sourceId,
  name: f.name,
  failingSince: f.failingSince,
  consecutiveFailures: f.consecutiveFailures,
  reason: f.reason,
});

/**
 * Reads what the briefing for `window` needs and renders it. `archived` re-renders a briefing
 * already sent: its failing sources are the ones recorded then, not today's.
 */
export async function prepareBriefing(
  window: { from: Date; to: Date },
  generatedAt: Date,
  deps: Omit<BriefingDeps, 'mailer'>,
  archived?: BriefingRecord,
): Promise<PreparedBriefing> {
  const { config, store } = deps;
  const items = await store.itemsSeenBetween(window.from, window.to);
  const lookbackFrom = new Date(window.to.getTime() - MEETING_LOOKBACK_DAYS * 86_400_000);
  const earlierMeetings =
    lookbackFrom < window.from ? (await store.itemsSeenBetween(lookbackFrom, new Date(window.from.getTime() - 1))).filter((i) => i.kind === 'meeting') : [];

  let failing: PreparedBriefing['failing'] = [];
  let unread: PreparedBriefing['unread'] = [];
  let sourceHealthUnavailable = false;
  const sourceCount = archived ? (archived.sourceCount ?? config.sources.length) : config.sources.length;
  if (archived) {
    failing = (archived.failingSources ?? []).map((f) => ({ ...f }));
    unread = (archived.unreadSources ?? []).map((f) => ({ ...f }));
  } else {
    try {
      const states = await store.listSourceStates();
      failing = currentFailures(config, states, window.to);
      unread = unreadSources(config, states);
    } catch (error) {
      sourceHealthUnavailable = true;
      deps.onDegraded?.('source health', error);
    }
  }

  const email = renderBriefing({
    config,
    items,
    window,
    generatedAt,
    earlierMeetings,
    failingSources: failing,
    unreadSources: unread,
    sourceCount,
    sourceHealthUnavailable,
    storyOutlets: await earlierOutlets(items, deps),
    reviewUrl: config.briefing.reviewUrl,
    watchedMembers: await watchedMemberNames(deps),
  });
  const itemIds = [...new Set(items.map((i) => i.id))];
  const { counts, ...rendered } = email;
  return {
    email: rendered,
    itemIds,
    itemCount: counts.items,
    sensitiveCount: counts.sensitiveStories,
    storyCount: counts.stories,
    sensitiveItemCount: counts.sensitiveItems,
    failing,
    unread,
    sourceCount,
  };
}

/**
 * Configured sources whose latest attempt failed: none of them was read in the briefing's period
 * after it began failing, so the briefing may be missing their news, whether they failed minutes or
 * days ago (failingSourceHours only decides the separate long-failing section). A source that
 * failed and then recovered was read, and is not listed. Longest failing first, then in
 * configuration order.
 */
function unreadSources(config: Pick<BriefingConfig, 'sources'>, states: Parameters<typeof failingSources>[0]): PreparedBriefing['unread'] {
  const order = new Map(config.sources.map((s, i) => [s.id, { i, name: s.name }]));
  return states
    .flatMap((state) => {
      const source = order.get(state.sourceId);
      const since = state.failingSince ?? state.lastError?.at;
      if (!source || state.consecutiveFailures <= 0 || since === undefined) return [];
      return [
        {
          i: source.i,
          line: {
            sourceId: state.sourceId,
            name: source.name,
            failingSince: since,
            consecutiveFailures: state.consecutiveFailures,
            reason: state.lastError?.reason ?? 'unknown error',
          },
        },
      ];
    })
    .sort((a, b) => Date.parse(a.line.failingSince) - Date.parse(b.line.failingSince) || a.i - b.i)
    .map((x) => x.line);
}

/** Configured sources failing for longer than briefing.failingSourceHours, by name. */
function currentFailures(
  config: Pick<BriefingConfig, 'sources' | 'briefing'>,
  states: Parameters<typeof failingSources>[0],
  now: Date,
): PreparedBriefing['failing'] {
  const names = new Map(config.sources.map((s) => [s.id, s.name]));
  return failingSources(states, now, config.briefing.failingSourceHours)
    .filter((f) => names.has(f.sourceId))
    .map((f) => ({
      sourceId: f.sourceId,
      name: names.get(f.sourceId) ?? f.sourceId,
      failingSince: f.failingSince,
      consecutiveFailures: f.consecutiveFailures,
      reason: f.reason,
    }));
}

/** For each sensitive story in the window, every outlet its record lists (including those from before the window). */
/**
 * The watched members' names as the poller resolved them (read from the cache, never the network):
 * "Our MPs" knows them whether parliament.members gives them by id, name or constituency.
 */
async function watchedMemberNames(deps: Omit<BriefingDeps, 'mailer'>): Promise<string[]> {
  const store = deps.store;
  if (!store.getMemberDirectory || !store.putMemberDirectory) return [];
  try {
    const cache: MemberCache = { getMemberDirectory: store.getMemberDirectory.bind(store), putMemberDirectory: store.putMemberDirectory.bind(store) };
    return (await cachedMembers(watchedEntries(deps.config), cache)).members.map((m) => m.name);
  } catch (error) {
    deps.onDegraded?.('watched members', error);
    return [];
  }
}

async function earlierOutlets(items: readonly ClassifiedItem[], deps: Omit<BriefingDeps, 'mailer'>): Promise<Map<string, string[]>> {
  const ids = [...new Set(items.filter((i) => i.sensitivity.sensitive && i.clusterId).map((i) => i.clusterId as string))];
  const outlets = new Map<string, string[]>();
  try {
    for (const id of ids) {
      const story = await deps.store.getStory(id);
      if (story)
        outlets.set(
          id,
          story.outlets.map((o) => o.name),
        );
    }
  } catch (error) {
    deps.onDegraded?.('story outlets', error);
  }
  return outlets;
}

/**
 * The briefing as it would go now (since the previous one), or as it went on `date` (its recorded
 * window, re-read from the items kept): for `despatch briefing`, which shows it without sending.
 */
export async function previewBriefing(
  now: Date,
  deps: Omit<BriefingDeps, 'mailer'>,
  date?: string,
): Promise<PreparedBriefing & { window: { from: Date; to: Date }; record?: BriefingRecord }> {
  if (date) {
    const record = await deps.store.getBriefing(date);
    if (!record) {
      const last = await deps.store.lastBriefing();
      throw new BriefingNotFoundError(
        `No briefing was sent on ${date}${last ? ` (the latest was on ${last.localDate})` : ' (none has been sent with this data yet)'}.`,
      );
    }
    const window = { from: new Date(record.windowFrom), to: new Date(record.windowTo) };
    return { ...(await prepareBriefing(window, new Date(record.sentAt), deps, record)), window, record };
  }
  const previous = await deps.store.lastBriefing();
  const window = { from: previous ? new Date(previous.windowTo) : new Date(now.getTime() - FIRST_WINDOW_MS), to: now };
  return { ...(await prepareBriefing(window, now, deps)), window };
}

export type BriefingCheck = { status: 'sent' | 'missing' | 'not-a-briefing-day'; localDate: string };

/**
 * Was today's briefing sent? Run a quarter of an hour after the briefing time; a "missing" answer
 * raises the "briefing not sent" alarm. On a day with no briefing there is nothing to miss.
 */
export async function checkBriefingSent(
  now: Date,
  deps: { config: Pick<Config, 'briefing'>; store: Pick<BriefingLog, 'getBriefing'> },
): Promise<BriefingCheck> {
  // The check may run just after midnight for a late-evening briefing: look at the day it belongs to.
  const [hour, minute] = deps.config.briefing.time.split(':').map(Number) as [number, number];
  const local = londonParts(now);
  const briefingDay = local.hour * 60 + local.minute < hour * 60 + minute ? new Date(now.getTime() - 86_400_000) : now;
  const day = londonParts(briefingDay).weekday;
  const date = londonDate(briefingDay);
  if (!deps.config.briefing.days.includes(day)) return { status: 'not-a-briefing-day', localDate: date };
  return { status: (await deps.store.getBriefing(date)) ? 'sent' : 'missing', localDate: date };
}
