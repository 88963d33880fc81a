/**
 * Polls every source of one group: fetch (conditional GET), parse, normalise, drop what the source
 * served last time, queue the rest, then remember what was seen. One failing source never stops the
 * others; its failure is recorded on its state. An unchanged source costs no write at all.
 */
import type { Config, SourceConfig } from '../config/schema.js';
import type { NormalisedItem } from '../model.js';
import type { SourceState, SourceStateStore } from '../store/dynamo-store.js';
import type { SendBatchResult } from '../queue/send-batch.js';
import type { SourceFetchOutcome, SourceFetchState } from '../feeds/fetch-source.js';

export interface SourcePollResult {
  sourceId: string;
  sourceName: string;
  status: 'ok' | 'not-modified' | 'failed';
  reason?: string;
  newItems: number;
  alreadySeen: number;
}

export interface PollSummary {
  group: string;
  startedAt: string;
  finishedAt: string;
  sources: SourcePollResult[];
}

export interface PollDeps {
  config: Config;
  store: SourceStateStore;
  fetchSource: (source: SourceConfig, state: SourceFetchState) => Promise<SourceFetchOutcome>;
  /** Queues new items; resolves with which ids are really on the queue. */
  enqueue: (items: NormalisedItem[]) => Promise<SendBatchResult>;
  now: () => Date;
  /** How many sources of the group are fetched at once. */
  concurrency?: number;
  onSourceDone?: (result: SourcePollResult) => void;
}

/** Refresh a source's state at least this often even when nothing changed, so health stays current. */
const STATE_REFRESH_MS = 60 * 60 * 1000;

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
  const results = await mapWithConcurrency(sources, deps.concurrency ?? 8, async (source) => {
    const result = await pollSource(source, deps);
    deps.onSourceDone?.(result);
    return result;
  });
  return { group, startedAt, finishedAt: deps.now().toISOString(), sources: results };
}

export async function pollSource(source: SourceConfig, deps: PollDeps): Promise<SourcePollResult> {
  const base = { sourceId: source.id, sourceName: source.name };
  const previous = (await deps.store.getSourceState(source.id)) ?? { sourceId: source.id, seenIds: [], consecutiveFailures: 0 };
  const attemptAt = deps.now().toISOString();
  let outcome: SourceFetchOutcome;
  try {
    outcome = await deps.fetchSource(source, { etag: previous.etag, lastModified: previous.lastModified });
  } catch (error) {
    const reason = reasonOf(error);
    await deps.store.putSourceState({
      ...previous,
      lastAttemptAt: attemptAt,
      lastError: { at: attemptAt, reason },
      consecutiveFailures: previous.consecutiveFailures + 1,
    });
    return { ...base, status: 'failed', reason, newItems: 0, alreadySeen: 0 };
  }

  if (outcome.kind === 'not-modified') {
    await saveIfChanged(previous, { ...previous, consecutiveFailures: 0, lastSuccessAt: attemptAt, lastAttemptAt: attemptAt }, deps);
    return { ...base, status: 'not-modified', newItems: 0, alreadySeen: 0 };
  }

  const seen = new Set(previous.seenIds);
  const fresh = outcome.items.filter((item) => !seen.has(item.id));
  const sendResult = fresh.length > 0 ? await deps.enqueue(fresh) : { sent: [], failed: [] };
  const notQueued = new Set(sendResult.failed.map((f) => f.key));
  // Only what is really on the queue counts as seen; the rest is tried again on the next poll.
  const seenIds = outcome.items.map((item) => item.id).filter((id) => !notQueued.has(id));
  const next: SourceState = {
    sourceId: source.id,
    etag: notQueued.size > 0 ? undefined : outcome.etag,
    lastModified: notQueued.size > 0 ? undefined : outcome.lastModified,
    seenIds,
    lastAttemptAt: attemptAt,
    lastSuccessAt: attemptAt,
    consecutiveFailures: 0,
    ...(notQueued.size > 0 ? { lastError: { at: attemptAt, reason: `${notQueued.size} items could not be queued: ${sendResult.failed[0]?.reason}` } } : {}),
  };
  await saveIfChanged(previous, next, deps);
  return {
    ...base,
    status: notQueued.size > 0 ? 'failed' : 'ok',
    ...(notQueued.size > 0 ? { reason: next.lastError?.reason } : {}),
    newItems: sendResult.sent.length,
    alreadySeen: outcome.items.length - fresh.length,
  };
}

async function saveIfChanged(previous: SourceState, next: SourceState, deps: PollDeps): Promise<void> {
  const material = (s: SourceState) =>
    JSON.stringify([s.etag, s.lastModified, [...s.seenIds].sort(), s.consecutiveFailures, s.lastError?.reason]);
  const stale = !previous.lastSuccessAt || deps.now().getTime() - Date.parse(previous.lastSuccessAt) > STATE_REFRESH_MS;
  if (stale || material(previous) !== material(next)) await deps.store.putSourceState(next);
}

function reasonOf(error: unknown): string {
  if (error && typeof error === 'object' && 'reason' in error && typeof error.reason === 'string') return error.reason;
  return error instanceof Error ? error.message : String(error);
}

/** Runs `work` over `inputs` with at most `limit` in flight, keeping the input order in the output. */
export async function mapWithConcurrency<T, R>(inputs: readonly T[], limit: number, work: (input: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(inputs.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, inputs.length) }, async () => {
    while (next < inputs.length) {
      const index = next++;
      results[index] = await work(inputs[index] as T);
    }
  });
  await Promise.all(lanes);
  return results;
}
