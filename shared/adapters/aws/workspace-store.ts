/**
 * The workspace's own rows (keys.ts): the alerts sent, read from the rows the alerter already
 * writes when an email goes (STORY#<id> ALERT#<step> with its ALERTS#<day> index entry, and the
 * older ITEM#<id> ALERT); what the office did about each (acknowledged, handled with a note, who
 * and when) under ALERTACTION#; and the acknowledge links used, so each works once.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { keys, utcDaysBetween } from './keys.js';
import { queryAll } from './query-all.js';
import {
  alertActionSchema,
  alertId,
  ITEM_ALERT_ID,
  STORY_ALERT_ID,
  type Actor,
  type AlertAction,
  type AlertActionStore,
  type SentAlert,
} from '../../workspace/alert-actions.js';

const STEP_SK = /^ALERT#([a-z-]+#[a-z]+#\d+)$/;

/** A sent-alert row (pk, sk, sentAt) as a SentAlert; undefined for rows that are not one. */
function sentFrom(row: Record<string, unknown>): SentAlert | undefined {
  const pk = String(row.pk);
  const sk = String(row.sk);
  const sentAt = typeof row.sentAt === 'string' ? row.sentAt : undefined;
  // A step an earlier alert covered has a row too, but no index entry and no sentAt: it was never emailed.
  if (!sentAt || row.gsi1pk === undefined) return undefined;
  const step = STEP_SK.exec(sk)?.[1];
  if (pk.startsWith('STORY#') && step) {
    const storyId = pk.slice('STORY#'.length);
    return { id: alertId({ storyId }, step), storyId, step, sentAt };
  }
  if (pk.startsWith('ITEM#') && sk === 'ALERT') {
    const itemId = pk.slice('ITEM#'.length);
    return { id: alertId({ itemId }, 'item'), itemId, step: 'item', sentAt };
  }
  return undefined;
}

export function createAlertActionStore(doc: DynamoDBDocumentClient, tableName: string): AlertActionStore {
  const conditional = async <T>(write: () => Promise<unknown>, done: T, refused: T): Promise<T> => {
    try {
      await write();
      return done;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return refused;
      throw error;
    }
  };

  return {
    async sentAlertsBetween(from, to) {
      const alerts: SentAlert[] = [];
      for (const day of utcDaysBetween(from, to)) {
        const rows = await queryAll(doc, {
          TableName: tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :p AND gsi1sk BETWEEN :a AND :b',
          ExpressionAttributeValues: { ':p': keys.alertsDay(`${day}T`), ':a': from.toISOString(), ':b': `${to.toISOString()}#~` },
        });
        for (const row of rows) {
          const sent = sentFrom(row);
          if (sent) alerts.push(sent);
        }
      }
      return alerts.sort((a, b) => b.sentAt.localeCompare(a.sentAt) || a.id.localeCompare(b.id));
    },

    async storyAlertsSent(storyId) {
      const rows = await queryAll(doc, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :p AND begins_with(sk, :s)',
        ExpressionAttributeValues: { ':p': `STORY#${storyId}`, ':s': 'ALERT#' },
        ConsistentRead: true,
      });
      return rows.flatMap((row) => sentFrom(row) ?? []).sort((a, b) => a.sentAt.localeCompare(b.sentAt));
    },

    async sentAlert(id) {
      const story = STORY_ALERT_ID.exec(id);
      const item = ITEM_ALERT_ID.exec(id);
      const key = story ? keys.storyAlert(story[1] ?? '', `${story[2]}#${story[3]}#${story[4]}`) : item ? keys.itemAlert(item[1] ?? '') : undefined;
      if (!key) return undefined;
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
      return Item ? sentFrom(Item) : undefined;
    },

    async alertAction(id) {
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: keys.alertAction(id), ConsistentRead: true }));
      return Item ? alertActionSchema.parse(Item) : undefined;
    },

    acknowledgeAlert(id, who, at, via) {
      return conditional(
        () =>
          doc.send(
            new UpdateCommand({
              TableName: tableName,
              Key: keys.alertAction(id),
              UpdateExpression: 'SET acknowledgedBy = :who, acknowledgedAt = :at, acknowledgedVia = :via',
              ConditionExpression: 'attribute_not_exists(acknowledgedAt)',
              ExpressionAttributeValues: { ':who': who, ':at': at.toISOString(), ':via': via },
            }),
          ),
        'acknowledged' as const,
        'already' as const,
      );
    },

    handleAlert(id, who, at, note) {
      return conditional(
        () =>
          doc.send(
            new UpdateCommand({
              TableName: tableName,
              Key: keys.alertAction(id),
              UpdateExpression:
                'SET handledBy = :who, handledAt = :at, note = :note, acknowledgedBy = if_not_exists(acknowledgedBy, :who), acknowledgedAt = if_not_exists(acknowledgedAt, :at), acknowledgedVia = if_not_exists(acknowledgedVia, :via)',
              ConditionExpression: 'attribute_not_exists(handledAt)',
              ExpressionAttributeValues: { ':who': who, ':at': at.toISOString(), ':note': note, ':via': 'page' },
            }),
          ),
        'handled' as const,
        'already' as const,
      );
    },

    useAckLink(nonce, expiresAt) {
      return conditional(
        () =>
          doc.send(
            new PutCommand({
              TableName: tableName,
              Item: { ...keys.ackLink(nonce), expiresAt: Math.ceil(expiresAt.getTime() / 1000) },
              ConditionExpression: 'attribute_not_exists(pk)',
            }),
          ),
        true,
        false,
      );
    },
  };
}
