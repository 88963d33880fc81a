/**
 * The DynamoDB side of "send once": a claim written before each alert delivery (one story step to
 * one channel target) and before each morning briefing, and the alerts held in quiet hours. Keys
 * are in keys.ts.
 *
 * A claim is a conditional put: it succeeds when there is none, or when the one there is an
 * unfinished claim older than its lease (the sender crashed mid-send and its retry takes over).
 * A send that fails releases its claim so the retry can send; a send that succeeds marks it done
 * (with the provider's message id) before anything else runs, and a done claim is never taken
 * again. A claim whose send was accepted is never released, even if marking it done fails: while
 * its lease runs a retry finds it busy, not free.
 */
import { queryAll as queryPages } from './query-all.js';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { alertMessageSchema, type AlertMessage } from '../../platform/model.js';
import { keys } from './keys.js';
import type { AlertThreadLog, BriefingClaims, ClaimResult, DeliveryLog, DeliveryOwner, HeldAlert, HeldAlertStore } from '../../deliver/ports.js';

/** Held alerts are deleted once sent; a week is long enough for any quiet hours, and stops a forgotten one lingering. */
const HELD_TTL_SECONDS = 7 * 86_400;
/** Claims outlive any retry of the same message (SQS retention is 4 days). */
const CLAIM_TTL_SECONDS = 14 * 86_400;

const threadRowSchema = z.object({ subject: z.string(), messageIds: z.array(z.string()) });

const heldRowSchema = z.object({ sk: z.string(), heldAt: z.string(), message: z.string() });

/** The gsi1 partition listing delivery claims not yet completed. */
export const UNFINISHED_CLAIMS = 'CLAIMS#UNFINISHED';

/**
 * Makes every unfinished delivery claim free to take again at once, as if its lease had run out.
 * Only for a store nobody else is sending from: the local stack holds its data dir alone, so at its
 * start any such claim was left by a run that was killed mid-send. (The send it guarded may have
 * gone: that is the one window README's guarantees name.) Returns how many were released.
 */
export async function releaseUnfinishedClaims(doc: DynamoDBDocumentClient, tableName: string): Promise<number> {
  const rows = await queryPages(doc, {
    TableName: tableName,
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :p',
    ExpressionAttributeValues: { ':p': UNFINISHED_CLAIMS },
  });
  let released = 0;
  for (const row of rows) {
    const key = { pk: String(row.pk), sk: String(row.sk) };
    try {
      await doc.send(
        new UpdateCommand({
          TableName: tableName,
          Key: key,
          UpdateExpression: 'SET claimedAt = :long_ago',
          ConditionExpression: '#state = :sending',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':long_ago': new Date(0).toISOString(), ':sending': 'sending' },
        }),
      );
      released++;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
  return released;
}

export function createDynamoDeliveryStore(doc: DynamoDBDocumentClient, tableName: string): DeliveryLog & HeldAlertStore & AlertThreadLog & BriefingClaims {
  const ttl = (now: Date, seconds: number) => Math.floor(now.getTime() / 1000) + seconds;

  /**
   * Put unless a live claim or a finished one is there; on refusal, say which. An unfinished
   * delivery claim is listed in gsi1 under UNFINISHED_CLAIMS until it is completed, so a claim a
   * crashed sender left can be found without a scan (the local stack releases them at start).
   */
  async function claim(key: { pk: string; sk: string }, now: Date, leaseSeconds: number, listed: boolean): Promise<ClaimResult> {
    const stale = new Date(now.getTime() - leaseSeconds * 1000).toISOString();
    try {
      await doc.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...key,
            state: 'sending',
            claimedAt: now.toISOString(),
            expiresAt: ttl(now, CLAIM_TTL_SECONDS),
            ...(listed ? { gsi1pk: UNFINISHED_CLAIMS, gsi1sk: `${now.toISOString()}#${key.pk}#${key.sk}` } : {}),
          },
          ConditionExpression: 'attribute_not_exists(pk) OR (#state = :sending AND claimedAt < :stale)',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':sending': 'sending', ':stale': stale },
        }),
      );
      return 'claimed';
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
      return Item?.state === 'sent' ? 'done' : 'busy';
    }
  }

  async function release(key: { pk: string; sk: string }): Promise<void> {
    try {
      await doc.send(
        new DeleteCommand({
          TableName: tableName,
          Key: key,
          // Never undo a finished delivery, whatever the caller thinks happened.
          ConditionExpression: '#state = :sending',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':sending': 'sending' },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  return {
    claimDelivery: (owner, key, now, leaseSeconds) => claim(keys.delivery(owner, key), now, leaseSeconds, true),

    async completeDelivery(owner, key, sentAt, messageId) {
      await doc.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keys.delivery(owner, key),
          UpdateExpression: 'SET #state = :sent, sentAt = :at, messageId = :id REMOVE gsi1pk, gsi1sk',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':sent': 'sent', ':at': sentAt.toISOString(), ':id': messageId },
        }),
      );
    },

    releaseDelivery: (owner, key) => release(keys.delivery(owner, key)),

    async markStepCovered(storyId, step, at) {
      await doc
        .send(
          new PutCommand({
            TableName: tableName,
            // No gsi1 attributes: alertsSentBetween counts only alerts that went.
            Item: { ...keys.storyAlert(storyId, step), coveredAt: at.toISOString(), expiresAt: ttl(at, CLAIM_TTL_SECONDS) },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        )
        .catch((error: unknown) => {
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
        });
    },

    async alertThread(storyId) {
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: keys.alertThread(storyId), ConsistentRead: true }));
      return Item ? threadRowSchema.parse(Item) : undefined;
    },

    async addToAlertThread(storyId, subject, messageId, at) {
      await doc
        .send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.alertThread(storyId),
            // The subject is the first alert's: a follow-up never renames the conversation.
            UpdateExpression: 'SET subject = if_not_exists(subject, :s), messageIds = list_append(if_not_exists(messageIds, :none), :id), expiresAt = :ttl',
            // A retried step records its Message-ID once.
            ConditionExpression: 'attribute_not_exists(messageIds) OR NOT contains(messageIds, :one)',
            ExpressionAttributeValues: { ':s': subject, ':none': [], ':id': [messageId], ':one': messageId, ':ttl': ttl(at, CLAIM_TTL_SECONDS) },
          }),
        )
        .catch((error: unknown) => {
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
        });
    },

    async holdAlert(key, message, heldAt) {
      await doc
        .send(
          new PutCommand({
            TableName: tableName,
            Item: { ...keys.heldAlert(key), heldAt: heldAt.toISOString(), message: JSON.stringify(message), expiresAt: ttl(heldAt, HELD_TTL_SECONDS) },
            // A retried message finds its alert held already and keeps the first time it was held.
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        )
        .catch((error: unknown) => {
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
        });
    },

    async heldAlerts() {
      const rows = await queryPages(doc, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :p',
        ExpressionAttributeValues: { ':p': keys.heldAlert('').pk },
        ConsistentRead: true,
      });
      return rows
        .map((row) => heldRowSchema.parse(row))
        .map((row) => ({ key: row.sk, heldAt: row.heldAt, message: alertMessageSchema.parse(JSON.parse(row.message)) }))
        .sort((a, b) => a.heldAt.localeCompare(b.heldAt) || a.key.localeCompare(b.key));
    },

    async removeHeldAlert(key) {
      await doc.send(new DeleteCommand({ TableName: tableName, Key: keys.heldAlert(key) }));
    },

    async claimBriefing(localDate, now, leaseSeconds) {
      // A briefing claim is never "done": the briefing record (BRIEFING#<date>/BRIEFING) says it was sent.
      return (await claim(keys.briefingClaim(localDate), now, leaseSeconds, false)) === 'claimed' ? 'claimed' : 'busy';
    },

    releaseBriefing: (localDate) => release(keys.briefingClaim(localDate)),
  };
}
