/**
 * What delivery needs: the record of alerts and briefings sent, the "send once" claims and the alerts
 * held in quiet hours. Implemented by shared/adapters/aws (DynamoDB).
 */
import * as z from 'zod';
import type { AlertMessage } from '../platform/model.js';

export const briefingRecordSchema = z.object({
  localDate: z.string(),
  windowFrom: z.string(),
  windowTo: z.string(),
  sentAt: z.string(),
  itemCount: z.number().int(),
  sensitiveCount: z.number().int(),
  /** The stories the items make, and the items in the sensitive ones (absent in records from before they were kept). */
  storyCount: z.number().int().optional(),
  sensitiveItemCount: z.number().int().optional(),
  messageId: z.string(),
  /** The archive: what the email said, so `despatch briefing --date` can show that morning again. */
  subject: z.string().optional(),
  /** The sources the briefing named as failing (their health then cannot be read back later). */
  failingSources: z
    .array(z.object({ sourceId: z.string(), name: z.string(), failingSince: z.string(), consecutiveFailures: z.number().int(), reason: z.string() }))
    .optional(),
  /** The sources that could not be read in the briefing's period, however briefly (its opening warning). */
  unreadSources: z
    .array(z.object({ sourceId: z.string(), name: z.string(), failingSince: z.string(), consecutiveFailures: z.number().int(), reason: z.string() }))
    .optional(),
  /** How many sources were configured then: the "of 11" in "2 of 11 sources could not be read". */
  sourceCount: z.number().int().optional(),
});

export type BriefingRecord = z.infer<typeof briefingRecordSchema>;

export interface AlertLog {
  alertSent(itemId: string): Promise<boolean>;
  recordAlertSent(itemId: string, sentAt: Date, messageId: string): Promise<void>;
  alertsSentBetween(from: Date, to: Date): Promise<number>;
}

export interface BriefingLog {
  getBriefing(localDate: string): Promise<BriefingRecord | undefined>;
  lastBriefing(): Promise<BriefingRecord | undefined>;
  recordBriefing(record: BriefingRecord): Promise<void>;
}

export type ClaimResult = 'claimed' | 'done' | 'busy';

export interface DeliveryLog {
  /**
   * Claims the delivery `key` of the alert owned by `owner` (a story or, for old messages, an item):
   * "claimed" (send it now), "done" (already sent) or "busy" (another sender holds a fresh claim).
   */
  claimDelivery(owner: DeliveryOwner, key: string, now: Date, leaseSeconds: number): Promise<ClaimResult>;
  /** The delivery went: never send it again. */
  completeDelivery(owner: DeliveryOwner, key: string, sentAt: Date, messageId: string): Promise<void>;
  /** The delivery failed: let a retry claim it. */
  releaseDelivery(owner: DeliveryOwner, key: string): Promise<void>;
  /**
   * Records a story step as done without an alert of its own (an earlier alert already said it):
   * the step's usual record, so it is never sent, but not counted among the alerts sent.
   */
  markStepCovered(storyId: string, step: string, at: Date): Promise<void>;
}

/** The email conversation of one story's alerts: the subject fixed by the first, and each alert's Message-ID, oldest first. */
export interface AlertThread {
  readonly subject: string;
  readonly messageIds: readonly string[];
}

/** Where a story's alert emails are threaded: follow-ups reply to the earlier alerts so mail clients show one conversation. */
export interface AlertThreadLog {
  alertThread(storyId: string): Promise<AlertThread | undefined>;
  /** Adds an alert's Message-ID; the subject is kept from the first call and never changed. Adding the same id again keeps one. */
  addToAlertThread(storyId: string, subject: string, messageId: string, at: Date): Promise<void>;
}

export type DeliveryOwner = { readonly storyId: string } | { readonly itemId: string };

export interface HeldAlert {
  readonly key: string;
  readonly heldAt: string;
  readonly message: AlertMessage;
}

export interface HeldAlertStore {
  /** Keeps an alert for the end of quiet hours; holding the same alert again keeps one copy. */
  holdAlert(key: string, message: AlertMessage, heldAt: Date): Promise<void>;
  /** Every alert held, oldest first. */
  heldAlerts(): Promise<HeldAlert[]>;
  removeHeldAlert(key: string): Promise<void>;
}

export interface BriefingClaims {
  /** Claims the date's briefing before it is sent: "busy" when another run holds a fresh claim. */
  claimBriefing(localDate: string, now: Date, leaseSeconds: number): Promise<'claimed' | 'busy'>;
  releaseBriefing(localDate: string): Promise<void>;
}

/** Text messages: Amazon SNS in AWS, the outbox on a laptop. */
export interface SmsSender {
  send(to: string, text: string, tag: string): Promise<{ messageId: string; location?: string }>;
}

/** Teams or Slack webhooks, POSTed through the project's safe fetch. */
export interface WebhookPoster {
  post(url: string, payload: Record<string, unknown>, tag: string): Promise<{ messageId: string; location?: string }>;
  /** A copy of a post that went (locally, in the outbox): run after the post is recorded, best effort, as Mailer.keepCopy. */
  keepCopy?(url: string, payload: Record<string, unknown>, tag: string): Promise<{ location?: string }>;
}

/** SNS accepted the request but did not say which message it queued: treat as not sent. */
export class SmsSendError extends Error {
  override readonly name = 'SmsSendError';
}
