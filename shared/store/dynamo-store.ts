/**
 * The DynamoDB adapter behind every port the use cases need. One table (see keys.ts); writes that
 * must happen once are conditional, so a redelivered message or a retried schedule changes nothing.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { classifiedItemSchema, type ClassifiedItem } from '../model.js';
import { keys, utcDaysBetween } from './keys.js';

const DAY_SECONDS = 86_400;

export const sourceStateSchema = z.object({
  sourceId: z.string(),
  etag: z.string().optional(),
  lastModified: z.string().optional(),
  /** Ids of the items in the source's latest successful fetch: anything else is new. */
  seenIds: z.array(z.string()).default([]),
  lastAttemptAt: z.string().optional(),
  lastSuccessAt: z.string().optional(),
  lastError: z.object({ at: z.string(), reason: z.string() }).optional(),
  consecutiveFailures: z.number().int().default(0),
});
export type SourceState = z.infer<typeof sourceStateSchema>;

export type AlertState = 'pending' | 'queued';

export interface StoredItemRecord {
  item: ClassifiedItem;
  /** For a sensitive item: whether its alert message has been handed to the alerts queue yet. */
  alertState?: AlertState;
}

export const briefingRecordSchema = z.object({
  localDate: z.string(),
  windowFrom: z.string(),
  windowTo: z.string(),
  sentAt: z.string(),
  itemCount: z.number().int(),
  sensitiveCount: z.number().int(),
  messageId: z.string(),
});
export type BriefingRecord = z.infer<typeof briefingRecordSchema>;

export interface ItemStore {
  /** Stores the item unless it is already there; says which. */
  putItemIfAbsent(record: StoredItemRecord): Promise<'created' | 'exists'>;
  getItemRecord(id: string): Promise<StoredItemRecord | undefined>;
  markAlertQueued(id: string): Promise<void>;
  itemsSeenBetween(from: Date, to: Date): Promise<ClassifiedItem[]>;
}

export interface SourceStateStore {
  getSourceState(sourceId: string): Promise<SourceState | undefined>;
  putSourceState(state: SourceState): Promise<void>;
}

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

export type Store = ItemStore & SourceStateStore & AlertLog & BriefingLog;

export function createDynamoStore(doc: DynamoDBDocumentClient, tableName: string, options: { retentionDays: number }): Store {
  const expiresAt = (iso: string) => Math.floor(Date.parse(iso) / 1000) + options.retentionDays * DAY_SECONDS;

  async function queryIndex(partition: string, fromSk: string, toSk: string): Promise<Record<string, unknown>[]> {
    const rows: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await doc.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :p AND gsi1sk BETWEEN :a AND :b',
          ExpressionAttributeValues: { ':p': partition, ':a': fromSk, ':b': toSk },
          ExclusiveStartKey: startKey,
        }),
      );
      rows.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return rows;
  }

  return {
    async putItemIfAbsent({ item, alertState }) {
      try {
        await doc.send(
          new PutCommand({
            TableName: tableName,
            Item: {
              ...keys.item(item.id),
              gsi1pk: keys.seenDay(item.seenAt),
              gsi1sk: `${item.seenAt}#${item.id}`,
              expiresAt: expiresAt(item.seenAt),
              item,
              ...(alertState ? { alertState } : {}),
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return 'created';
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return 'exists';
        throw error;
      }
    },

    async getItemRecord(id) {
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: keys.item(id), ConsistentRead: true }));
      if (!Item) return undefined;
      const alertState = Item.alertState === 'pending' || Item.alertState === 'queued' ? Item.alertState : undefined;
      return { item: classifiedItemSchema.parse(Item.item), ...(alertState ? { alertState } : {}) };
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
          if (row.sk === 'ITEM') items.push(classifiedItemSchema.parse(row.item));
        }
      }
      return items;
    },

    async getSourceState(sourceId) {
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: keys.sourceState(sourceId) }));
      return Item ? sourceStateSchema.parse(Item.state) : undefined;
    },

    async putSourceState(state) {
      await doc.send(new PutCommand({ TableName: tableName, Item: { ...keys.sourceState(state.sourceId), state } }));
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
