/**
 * Polls every source of one group: fetch (conditional GET), parse, normalise, drop what the source
 * served last time, queue the rest, then remember what was seen. One failing source never stops the
 * others; its failure is recorded on its state. One bad item never stops its source: an item no queue
 * can take is refused and reported on the state, and a queue that fails costs only this poll's items. An unchanged source costs no write (its state is
 * rewritten at most hourly, to keep "last success" current).
 *
 * Politeness: a source that asked us to wait (Retry-After) or is backing off after repeated
 * failures is skipped until its `notBefore` (reported as "skipped", not as a failure); at most
 * `network.perHostConcurrency` requests go to one host at once.
 */
import { DEFAULT_MAX_ITEMS_PER_POLL, parseDurationSeconds, type Config, type SourceConfig } from '../../platform/config/schema.js';
import { contentFingerprint, ingestMessage, type NormalisedItem } from '../../platform/model.js';
import { MAX_QUEUE_MESSAGE_BYTES, type SendBatchResult, type SourceState, type SourceStateStore } from '../ports.js';
import { formatBytes } from '../http/fetch-error.js';
import type { SourceFetchOutcome, SourceFetchState } from '../fetch-source.js';
import { splitByAge } from './age.js';
import { hostOf, londonTimeText, nextAttempt, runPerHost } from './politeness.js';

export interface SourcePollResult {
  sourceId: string;
  sourceName: string;
  /** "skipped": not fetched this time, because the server asked us to wait or the source is backing off. */
  status: 'ok' | 'not-modified' | 'failed' | 'skipped';
  reason?: string;
  newItems: number;
  alreadySeen: number;
  /** Items the queue can never take (see SourceState.refused); absent when none. */
  refused?: number;
  /**
   * Items new to us but older than the source's maxAgeDays (shared/ingest/poller/age.ts): marked
   * seen, never queued. `tooOldReason` says why, to follow the count: "older than 3 days".
   */
  tooOld: number;
  tooOldReason?: string;
  /** Items the publisher gave no date: counted as published when first seen (flagged dateFlag "missing"). */
  undated?: number;
  /** New items over the source's maxItemsPerPoll: not marked seen, so the next polls take them (newest first). */
  deferred?: number;
}

export interface PollSummary {
  group: string;
  startedAt: string;
  finishedAt: string;
  sources: SourcePollResult[];
}

export interface PollDeps {
  /** What polling reads of the configuration: the poller's projection carries exactly this and a little more. */
  config: Pick<Config, 'groups' | 'sources' | 'network' | 'maxItemsPerPoll' | 'maxAgeDays'>;
  store: SourceStateStore;
  fetchSource: (source: SourceConfig, state: SourceFetchState) => Promise<SourceFetchOutcome>;
  /** Queues new items; resolves with which ids are really on the queue. */
  enqueue: (items: NormalisedItem[]) => Promise<SendBatchResult>;
  now: () => Date;
  /** How many sources of the group are fetched at once (default DEFAULT_GROUP_CONCURRENCY). */
  concurrency?: number;
  onSourceDone?: (result: SourcePollResult) => void;
}

/** Refresh a source's state at least this often even when nothing changed, so health stays current. */
const STATE_REFRESH_MS = 60 * 60 * 1000;

/**
 * Sources fetched at once within a group. Fetching is waiting on the network, so the lanes are
 * cheap; what bounds them is memory (each response is held whole, up to network.maxBodyBytes: 32 x
 * 5 MB fits the poller's 512 MB) and the function's 120 s timeout: 500 sources at a typical 0.5 s
 * take about 8 s in 32 lanes, which leaves room for a few that run to the 20 s fetch timeout.
 * bench/poll-500.ts measures it: 500 sources answering in 50 ms take about 3 s over 100 hosts
 * (parsing, not waiting, is then the cost) and about 15 s on a single host, where the per-host
 * limit of 2 is what bounds the run. Both are well inside one invocation, so a group is not fanned
 * out across invocations.
 */
export const DEFAULT_GROUP_CONCURRENCY = 32;

export class UnknownGroupError extends Error {
  constructor(readonly group: string) {
    super(`No source group "${group}" in the configuration`);
    this.name = 'UnknownGroupError';
  }
}

export async function pollGroup(group: string, deps: PollDeps): Promise<PollSummary> {
  if (!deps.config.groups.some((g) => g.id === group)) throw new UnknownGroupError(group);
  const startedAt = deps.now().toISOString();
  const sources = deps.config.sources.filter((s) => s.group === group);
  const limits = { total: deps.concurrency ?? DEFAULT_GROUP_CONCURRENCY, perHost: deps.config.network.perHostConcurrency };
  const results = await runPerHost(
    sources,
    (s) => hostOf(s.url),
    limits,
    async (source) => {
      const result = await pollSource(source, deps);
      deps.onSourceDone?.(result);
      return result;
    },
  );
  return { group, startedAt, finishedAt: deps.now().toISOString(), sources: results };
}

export async function pollSource(source: SourceConfig, deps: PollDeps): Promise<SourcePollResult> {
  const base = { sourceId: source.id, sourceName: source.name };
  const previous = (await deps.store.getSourceState(source.id)) ?? { sourceId: source.id, seenIds: [], consecutiveFailures: 0 };
  const now = deps.now();
  if (previous.notBefore && Date.parse(previous.notBefore) > now.getTime()) {
    // No request and no write: the server asked us to wait, or the source is backing off.
    const why = previous.notBeforeReason ?? 'waiting';
    return {
      ...base,
      status: 'skipped',
      reason: `${why}; next attempt after ${londonTimeText(previous.notBefore, now)}`,
      newItems: 0,
      alreadySeen: 0,
      tooOld: 0,
    };
  }
  const attemptAt = now.toISOString();
  let outcome: SourceFetchOutcome;
  try {
    outcome = await deps.fetchSource(source, {
      etag: previous.etag,
      lastModified: previous.lastModified,
      lastSuccessAt: previous.lastSuccessAt,
      ...(previous.billStages ? { billStages: previous.billStages } : {}),
    });
  } catch (error) {
    const reason = reasonOf(error);
    const failures = previous.consecutiveFailures + 1;
    const wait = nextAttempt(failures, error, now, groupIntervalMs(source, deps.config));
    await deps.store.putSourceState({
      ...previous,
      lastAttemptAt: attemptAt,
      lastError: { at: attemptAt, reason },
      consecutiveFailures: failures,
      failingSince: failingSinceOf(previous, attemptAt),
      notBefore: wait.notBefore,
      notBeforeReason: wait.notBeforeReason,
    });
    return { ...base, status: 'failed', reason, newItems: 0, alreadySeen: 0, tooOld: 0 };
  }

  if (outcome.kind === 'not-modified') {
    const healthy: SourceState = { ...previous, ...RECOVERED, lastSuccessAt: attemptAt, lastAttemptAt: attemptAt };
    await saveIfChanged(previous, healthy, deps);
    return { ...base, status: 'not-modified', newItems: 0, alreadySeen: 0, tooOld: 0 };
  }

  const seen = new Set(previous.seenIds);
  const cap = source.maxItemsPerPoll ?? deps.config.maxItemsPerPoll ?? DEFAULT_MAX_ITEMS_PER_POLL;
  const unseen = outcome.items.filter((item) => !wasSeen(item, seen));
  const { taken: fresh, deferred } = capNewest(unseen, cap);
  // Too old to be news: seen (below, with the rest of the feed) but never queued.
  const aged = splitByAge(fresh, source, deps.config, now);
  const { queueable, refused } = splitQueueable(aged.news);
  const sendResult = await enqueueSafely(queueable, deps);
  // Deferred items count as not queued: not seen, so the next poll offers them again.
  const notQueued = new Set([...sendResult.failed.map((f) => f.key), ...deferred.map((item) => item.id)]);
  // Only what is on the queue, or can never be, counts as seen; the rest is tried again on the next poll.
  const seenIds = outcome.items.filter((item) => !notQueued.has(item.id)).map(seenEntry);
  const failed = sendResult.failed.length;
  const failure = failed > 0 ? `${count(failed, 'item')} could not be queued: ${sendResult.failed[0]?.reason}` : undefined;
  const refusals = refusedStill(
    previous,
    outcome.items.map((item) => item.id),
    refused,
    attemptAt,
  );
  const warnings = [...(outcome.repaired ? [repairedWarning(outcome.repaired)] : []), ...(outcome.warnings ?? [])];
  // Without the validators the next poll fetches the whole feed again rather than getting a 304:
  // after a failed send (to queue what was not), and after a repair (what was cut off may follow).
  // And after deferring items over the cap, or a 304 would hide them.
  const keepValidators = !failure && !outcome.repaired && deferred.length === 0;
  const next: SourceState = {
    sourceId: source.id,
    etag: keepValidators ? outcome.etag : undefined,
    lastModified: keepValidators ? outcome.lastModified : undefined,
    seenIds,
    lastAttemptAt: attemptAt,
    lastSuccessAt: attemptAt,
    consecutiveFailures: 0,
    ...(failure ? { lastError: { at: attemptAt, reason: failure } } : {}),
    ...(warnings.length > 0 ? { warning: { at: attemptAt, reason: warnings.join('; ') } } : {}),
    ...(refusals.length > 0 ? { refused: refusals } : {}),
    // The latest skip stays on the state until another replaces it, so `despatch sources` can say it.
    ...(aged.tooOld > 0 && aged.reason
      ? { tooOld: { at: attemptAt, count: aged.tooOld, reason: aged.reason } }
      : previous.tooOld
        ? { tooOld: previous.tooOld }
        : {}),
    ...(deferred.length > 0 ? { deferred: { at: attemptAt, count: deferred.length, cap } } : {}),
    // Bills: where each bill is now, so the next stage change says from what (kept when this read had none).
    ...(outcome.billStages ? { billStages: outcome.billStages } : previous.billStages ? { billStages: previous.billStages } : {}),
  };
  await saveIfChanged(previous, next, deps);
  const undated = aged.news.filter((item) => item.dateFlag === 'missing' && !notQueued.has(item.id)).length;
  return {
    ...base,
    status: failure ? 'failed' : 'ok',
    ...(failure ? { reason: failure } : {}),
    newItems: sendResult.sent.length,
    alreadySeen: outcome.items.length - unseen.length,
    ...(refused.length > 0 ? { refused: refused.length } : {}),
    tooOld: aged.tooOld,
    ...(aged.reason ? { tooOldReason: aged.reason } : {}),
    ...(undated > 0 ? { undated } : {}),
    ...(deferred.length > 0 ? { deferred: deferred.length } : {}),
  };
}

/**
 * At most `cap` new items, newest first (by publication; undated ones carry their first-seen time).
 * The rest wait for the next poll, so one feed dumping thousands of items cannot flood a run.
 */
function capNewest(items: NormalisedItem[], cap: number): { taken: NormalisedItem[]; deferred: NormalisedItem[] } {
  if (items.length <= cap) return { taken: items, deferred: [] };
  const newest = [...items].sort((a, b) => (Date.parse(b.publishedAt) || 0) - (Date.parse(a.publishedAt) || 0));
  return { taken: newest.slice(0, cap), deferred: newest.slice(cap) };
}

/**
 * A seen entry is "<id>#<content fingerprint>": the same guid with a changed headline or snippet is
 * a new version, and queued again.
 */
function seenEntry(item: NormalisedItem): string {
  return `${item.id}#${contentFingerprint(item)}`;
}

/**
 * Seen in this version, or remembered by id alone: states written before fingerprints hold plain
 * ids, and counting those as seen whatever the content keeps an upgrade from re-queuing every feed
 * (the poll rewrites them as full entries).
 */
function wasSeen(item: NormalisedItem, seen: ReadonlySet<string>): boolean {
  return seen.has(seenEntry(item)) || seen.has(item.id);
}

/** How many refused items a source's health lists; more would only crowd `despatch sources`. */
const MAX_REFUSED_LISTED = 10;

interface Refusal {
  item: NormalisedItem;
  reason: string;
}

/**
 * Items whose message is larger than any queue takes are refused here, each with its reason, so
 * they cannot take the rest of the batch with them (the SQS adapter throws for the whole batch).
 */
function splitQueueable(items: readonly NormalisedItem[]): { queueable: NormalisedItem[]; refused: Refusal[] } {
  const queueable: NormalisedItem[] = [];
  const refused: Refusal[] = [];
  for (const item of items) {
    // The same message the poller's handler sends, so the size is the size SQS sees.
    const bytes = Buffer.byteLength(JSON.stringify(ingestMessage(item)), 'utf8');
    if (bytes <= MAX_QUEUE_MESSAGE_BYTES) queueable.push(item);
    else
      refused.push({
        item,
        reason: `its queue message would be ${formatBytes(bytes)}, more than the queue's limit of ${formatBytes(MAX_QUEUE_MESSAGE_BYTES)}`,
      });
  }
  return { queueable, refused };
}

/** A queue that throws (network, credentials) fails this source's items for this poll only; they are tried again next time. */
async function enqueueSafely(items: NormalisedItem[], deps: PollDeps): Promise<SendBatchResult> {
  if (items.length === 0) return { sent: [], failed: [] };
  try {
    return await deps.enqueue(items);
  } catch (error) {
    const reason = reasonOf(error);
    return { sent: [], failed: items.map((item) => ({ key: item.id, reason })) };
  }
}

/** Earlier refusals of items the feed still serves, then this poll's, newest kept when there are too many. */
function refusedStill(previous: SourceState, seenIds: readonly string[], refused: readonly Refusal[], at: string): NonNullable<SourceState['refused']> {
  const inFeed = new Set(seenIds);
  const now = refused.map(({ item, reason }) => ({ at, itemId: item.id, title: item.title, reason }));
  const fresh = new Set(now.map((r) => r.itemId));
  const earlier = (previous.refused ?? []).filter((r) => inFeed.has(r.itemId) && !fresh.has(r.itemId));
  return [...earlier, ...now].slice(-MAX_REFUSED_LISTED);
}

function repairedWarning(what: string): string {
  return `the feed was truncated or malformed and was read after repair (${what}); the items read were kept, and the whole feed is fetched again next time`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** What a success clears: the failure count, the run of failures, any wait. */
const RECOVERED = { consecutiveFailures: 0, failingSince: undefined, notBefore: undefined, notBeforeReason: undefined } as const;

/** The first failure of the current run; for states written before it was recorded, the last error's time. */
function failingSinceOf(previous: SourceState, attemptAt: string): string {
  if (previous.consecutiveFailures === 0) return attemptAt;
  return previous.failingSince ?? previous.lastError?.at ?? attemptAt;
}

function groupIntervalMs(source: SourceConfig, config: Pick<Config, 'groups'>): number {
  const every = config.groups.find((g) => g.id === source.group)?.every;
  return every ? parseDurationSeconds(every) * 1000 : 10 * 60 * 1000;
}

async function saveIfChanged(previous: SourceState, next: SourceState, deps: PollDeps): Promise<void> {
  const material = (s: SourceState) =>
    JSON.stringify([
      s.etag,
      s.lastModified,
      [...s.seenIds].sort(),
      s.consecutiveFailures,
      s.lastError?.reason,
      s.failingSince,
      s.notBefore,
      s.warning?.reason,
      (s.refused ?? []).map((r) => r.itemId),
      s.tooOld?.at,
      s.deferred?.at,
      s.billStages,
    ]);
  const stale = !previous.lastSuccessAt || deps.now().getTime() - Date.parse(previous.lastSuccessAt) > STATE_REFRESH_MS;
  if (stale || material(previous) !== material(next)) await deps.store.putSourceState(next);
}

function reasonOf(error: unknown): string {
  if (error && typeof error === 'object' && 'reason' in error && typeof error.reason === 'string') return error.reason;
  return error instanceof Error ? error.message : String(error);
}
