/**
 * What ingestion needs from the outside world: where each source's state is kept, and where new
 * items are sent. The DynamoDB and SQS adapters (shared/adapters/aws) implement these.
 */
import * as z from 'zod';
import { billStagesSchema } from './parliament/bill-stages.js';

export const sourceStateSchema = z.object({
  sourceId: z.string(),
  etag: z.string().optional(),
  lastModified: z.string().optional(),
  /** "<id>#<content fingerprint>" of the items in the source's latest successful fetch (plain ids in states written before fingerprints): anything else is new. */
  seenIds: z.array(z.string()).default([]),
  lastAttemptAt: z.string().optional(),
  lastSuccessAt: z.string().optional(),
  lastError: z.object({ at: z.string(), reason: z.string() }).optional(),
  consecutiveFailures: z.number().int().default(0),
  /** When the current run of failures began (cleared by a success): how long the source has been failing. */
  failingSince: z.string().optional(),
  /** Not fetched again before this instant: the server's Retry-After, or back-off after repeated failures. */
  notBefore: z.string().optional(),
  /** Why `notBefore` is set, in plain words ("the server asked us to wait (HTTP 429)"). */
  notBeforeReason: z.string().optional(),
  /**
   * What the latest read of the feed had to work around (links left out, a feed read after repair):
   * the items were kept, but the office should know. Cleared by the next read that needs no such help.
   */
  warning: z.object({ at: z.string(), reason: z.string() }).optional(),
  /**
   * Items the queue can never take (too big for a message), marked seen so they are not tried on
   * every poll, and listed here while the feed still serves them, so that they are not lost unseen.
   */
  refused: z.array(z.object({ at: z.string(), itemId: z.string(), title: z.string(), reason: z.string() })).optional(),
  /**
   * The latest poll that found items too old to be news (older than the source's maxAgeDays): how
   * many, and why ("older than 3 days"). They were marked seen and never queued.
   */
  tooOld: z.object({ at: z.string(), count: z.number().int().min(1), reason: z.string() }).optional(),
  /**
   * The latest poll found more new items than the source's maxItemsPerPoll: how many were left for
   * the next polls (not marked seen). Cleared by a poll that takes everything new.
   */
  deferred: z.object({ at: z.string(), count: z.number().int().min(1), cap: z.number().int().min(1) }).optional(),
  /** Bill sources: each bill's stage as last seen and the one before, so a stage change says from what to what. */
  billStages: billStagesSchema.optional(),
});

export type SourceState = z.infer<typeof sourceStateSchema>;

export interface SourceStateStore {
  getSourceState(sourceId: string): Promise<SourceState | undefined>;
  putSourceState(state: SourceState): Promise<void>;
}

/** Source health for the `despatch sources` table and the briefing's list of failing sources. */
export interface SourceStateLister {
  /** Every source state written since listing existed (a state is rewritten at least hourly while polled). */
  listSourceStates(): Promise<SourceState[]>;
}

/** The most a queue takes in one message: SQS's limit, which the local stack shares (it is SQS too). */
export const MAX_QUEUE_MESSAGE_BYTES = 256 * 1024;

export interface SendBatchResult {
  sent: string[];
  failed: { key: string; reason: string }[];
}

export interface OutgoingMessage {
  /** The caller's key for this message (e.g. the item id); reported back in sent/failed. */
  key: string;
  body: string;
}

/** A queue messages are handed to (SQS in AWS and, through the same client, locally). */
export interface QueueSender {
  /** Sends every message, in as few calls as the queue allows; says which were sent and which failed. */
  sendBatch(messages: readonly OutgoingMessage[]): Promise<SendBatchResult>;
}
