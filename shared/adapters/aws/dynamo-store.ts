/**
 * The DynamoDB adapter behind every port the use cases need. One table (see keys.ts); writes that
 * must happen once are conditional, so a redelivered message or a retried schedule changes nothing.
 */
import { queryAll as queryPages } from './query-all.js';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { ClassifiedItem } from '../../platform/model.js';
import { alertDecisionSchema, type AlertDecision } from '../../classify/stories/story.js';
import { keys, utcDaysBetween } from './keys.js';
import { PACKED_ITEM, packItem, unpackItem } from './item-codec.js';
import { createDynamoStoryStore } from './story-store.js';
import { type PriorityIndex, type StoryAlertLog, type StoryStore } from '../../classify/ports.js';
import { createDynamoDeliveryStore } from './delivery-store.js';
import { type AlertThreadLog, type BriefingClaims, type DeliveryLog, type HeldAlertStore } from '../../deliver/ports.js';
import { sourceStateSchema, type SourceStateLister, type SourceStateStore } from '../../ingest/ports.js';
import type { ItemStore, StoredItemRecord } from '../../classify/ports.js';
import type { MemberCache } from '../../ingest/parliament/members.js';
import { createDynamoMemberCache } from './member-cache.js';
import { briefingRecordSchema, type AlertLog, type BriefingLog } from '../../deliver/ports.js';

const DAY_SECONDS = 86_400;

/** Every source state sits under this gsi1 partition, so that all of them can be listed with one query. */
const SOURCE_STATES_PARTITION = 'SOURCES';

export type Store = ItemStore &
  SourceStateStore &
  SourceStateLister &
  AlertLog &
  BriefingLog &
  StoryStore &
  PriorityIndex &
  StoryAlertLog &
  DeliveryLog &
  HeldAlertStore &
  AlertThreadLog &
  BriefingClaims &
  MemberCache;

export function createDynamoStore(doc: DynamoDBDocumentClient, tableName: string, options: { retentionDays: number }): Store {
  const expiresAt = (iso: string) => Math.floor(Date.parse(iso) / 1000) + options.retentionDays * DAY_SECONDS;

  const queryIndex = (partition: string, fromSk: string, toSk: string): Promise<Record<string, unknown>[]> =>
    queryPages(doc, {
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :p AND gsi1sk BETWEEN :a AND :b',
      ExpressionAttributeValues: { ':p': partition, ':a': fromSk, ':b': toSk },
    });

  /** An item's row: by id, and in the day index under the day it was first seen (kept by later versions). */
  const itemRow = ({ item, alertState, alert }: StoredItemRecord): Record<string, unknown> => ({
    ...keys.item(item.id),
    gsi1pk: keys.seenDay(item.seenAt),
    gsi1sk: `${item.seenAt}#${item.id}`,
    expiresAt: expiresAt(item.seenAt),
    [PACKED_ITEM]: packItem(item),
    ...(alertState ? { alertState } : {}),
    ...(alert ? { alert } : {}),
  });

  return {
    ...createDynamoStoryStore(doc, tableName, options),
    ...createDynamoDeliveryStore(doc, tableName),
    ...createDynamoMemberCache(doc, tableName),

    async putItemIfAbsent(record) {
      try {
        await doc.send(new PutCommand({ TableName: tableName, Item: itemRow(record), ConditionExpression: 'attribute_not_exists(pk)' }));
        return 'created';
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return 'exists';
        throw error;
      }
    },

    async replaceItem(record, expected) {
      // The version inside the packed item cannot be read by a condition, so it is kept beside it.
      // Rows written before versions have no itemVersion: they are version 1.
      const condition =
        expected === 1 ? 'attribute_exists(pk) AND (attribute_not_exists(itemVersion) OR itemVersion = :v)' : 'attribute_exists(pk) AND itemVersion = :v';
      try {
        await doc.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...itemRow(record), itemVersion: record.item.version ?? 1 },
            ConditionExpression: condition,
            ExpressionAttributeValues: { ':v': expected },
          }),
        );
        return 'replaced';
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return 'conflict';
        throw error;
      }
    },

    async getItemRecord(id) {
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: keys.item(id), ConsistentRead: true }));
      if (!Item) return undefined;
      const alertState = Item.alertState === 'pending' || Item.alertState === 'queued' ? Item.alertState : undefined;
      const alert = Item.alert === undefined ? undefined : alertDecisionSchema.parse(Item.alert);
      return { item: unpackItem(Item), ...(alertState ? { alertState } : {}), ...(alert ? { alert } : {}) };
    },

    async markAlertQueued(id) {
      await doc.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keys.item(id),
          UpdateExpression: 'SET alertState = :q',
          ExpressionAttributeValues: { ':q': 'queued' },
        }),
      );
    },

    async itemsSeenBetween(from, to) {
      const fromIso = from.toISOString();
      const toIso = to.toISOString();
      const items: ClassifiedItem[] = [];
      for (const day of utcDaysBetween(from, to)) {
        const rows = await queryIndex(keys.seenDay(`${day}T`), fromIso, `${toIso}#~`);
        for (const row of rows) {
          if (row.sk === 'ITEM') items.push(unpackItem(row));
        }
      }
      return items;
    },

    async getSourceState(sourceId) {
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: keys.sourceState(sourceId) }));
      return Item ? sourceStateSchema.parse(Item.state) : undefined;
    },

    async putSourceState(state) {
      await doc.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...keys.sourceState(state.sourceId), gsi1pk: SOURCE_STATES_PARTITION, gsi1sk: state.sourceId, state },
        }),
      );
    },

    async listSourceStates() {
      const rows = await queryIndex(SOURCE_STATES_PARTITION, '!', '~');
      return rows.map((row) => sourceStateSchema.parse(row.state));
    },

    async alertSent(itemId) {
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: keys.itemAlert(itemId), ConsistentRead: true }));
      return Item !== undefined;
    },

    async recordAlertSent(itemId, sentAt, messageId) {
      const at = sentAt.toISOString();
      await doc.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...keys.itemAlert(itemId), gsi1pk: keys.alertsDay(at), gsi1sk: `${at}#${itemId}`, sentAt: at, messageId, expiresAt: expiresAt(at) },
        }),
      );
    },

    async alertsSentBetween(from, to) {
      let count = 0;
      for (const day of utcDaysBetween(from, to)) {
        count += (await queryIndex(keys.alertsDay(`${day}T`), from.toISOString(), `${to.toISOString()}#~`)).length;
      }
      return count;
    },

    async getBriefing(localDate) {
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: keys.briefing(localDate), ConsistentRead: true }));
      return Item ? briefingRecordSchema.parse(Item.record) : undefined;
    },

    async lastBriefing() {
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: keys.lastBriefing(), ConsistentRead: true }));
      return Item ? briefingRecordSchema.parse(Item.record) : undefined;
    },

    async recordBriefing(record) {
      await doc.send(new PutCommand({ TableName: tableName, Item: { ...keys.briefing(record.localDate), record } }));
      await doc.send(new PutCommand({ TableName: tableName, Item: { ...keys.lastBriefing(), record } }));
    },
  };
}
