/**
 * The DynamoDB side of stories (shared/clustering) and of items by priority: the keys are in
 * keys.ts. Finding a story for a new item reads, once per container, the two or three day
 * partitions of stories started in the last 48 hours, and after that only the rows written since
 * (story-window.ts): never a scan, and one small row written per item, where LSH band keys would
 * write one row per band per item. The story is kept deflated
 * (item-codec.ts): about 0.4 KB for a story of one outlet, 0.7 KB for a sensitive one of two,
 * instead of 0.8–1.5 KB as a map, so a write is one unit and the window's Queries read less.
 */
import { queryAll as queryPages } from './query-all.js';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { storyDay, storyRecordSchema, type StoryRecord } from '../../classify/stories/story.js';
import { sensitivityLevelSchema, type ClassifiedItem } from '../../platform/model.js';
import { keys, utcDaysBetween, utcMonthsBetween } from './keys.js';
import { PACKED_STORY, packStoryFields, unpackStoryFields } from './item-codec.js';
import { StoryWindow } from './story-window.js';
import { priorityEntrySchema, type PriorityEntry, type PriorityIndex, type StoryAlertLog, type StoryStore } from '../../classify/ports.js';

/** Kept short: a priority row should stay well under 1 KB, one write unit. */
const TITLE_MAX = 300;
const DAY_SECONDS = 86_400;

export function createDynamoStoryStore(
  doc: DynamoDBDocumentClient,
  tableName: string,
  options: { retentionDays: number },
): StoryStore & PriorityIndex & StoryAlertLog {
  const expiresAt = (iso: string) => Math.floor(Date.parse(iso) / 1000) + options.retentionDays * DAY_SECONDS;

  const queryAll = (pk: string, range?: { from: string; to: string }): Promise<Record<string, unknown>[]> =>
    queryPages(doc, {
      TableName: tableName,
      KeyConditionExpression: range ? 'pk = :p AND sk BETWEEN :a AND :b' : 'pk = :p',
      ExpressionAttributeValues: range ? { ':p': pk, ':a': range.from, ':b': range.to } : { ':p': pk },
      ConsistentRead: true,
    });

  // The version lives beside the story, where the write condition can see it.
  const storyFrom = (row: Record<string, unknown>): StoryRecord => storyRecordSchema.parse({ ...unpackStoryFields(row), version: row.version });

  const window = new StoryWindow({
    read: async (day, fromId) => (await queryAll(keys.storiesDay(day), fromId ? { from: `STORY#${fromId}`, to: 'STORY#~' } : undefined)).map(storyFrom),
  });

  const getStory = async (id: string): Promise<StoryRecord | undefined> => {
    const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: keys.story(storyDay(id), id), ConsistentRead: true }));
    const story = Item ? storyFrom(Item) : undefined;
    if (story) window.hold(story, storyDay(id));
    return story;
  };

  return {
    storiesFirstSeenBetween(from, to) {
      return window.stories(utcDaysBetween(from, to));
    },

    getStory,

    async putStory(story, expected) {
      const version = (expected ?? 0) + 1;
      const { version: _v, ...fields } = story;
      try {
        await doc.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...keys.story(storyDay(story.id), story.id), version, expiresAt: expiresAt(story.lastSeenAt), [PACKED_STORY]: packStoryFields(fields) },
            ConditionExpression: expected === undefined ? 'attribute_not_exists(pk)' : 'version = :v',
            ...(expected === undefined ? {} : { ExpressionAttributeValues: { ':v': expected } }),
          }),
        );
        window.hold({ ...story, version }, storyDay(story.id));
        return 'written';
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) {
          // Someone else wrote it: the copy held is stale, and the writer's next read must see theirs.
          await getStory(story.id);
          return 'conflict';
        }
        throw error;
      }
    },

    async indexByPriority(item) {
      for (const tag of item.priorities) {
        const entry: PriorityEntry = {
          itemId: item.id,
          priorityId: tag.id,
          seenAt: item.seenAt,
          title: item.title.slice(0, TITLE_MAX),
          sourceId: item.sourceId,
          sourceName: item.sourceName,
          link: item.link.slice(0, 500),
          level: item.sensitivity.level,
          ...(item.clusterId ? { clusterId: item.clusterId } : {}),
        };
        await doc.send(
          new PutCommand({ TableName: tableName, Item: { ...keys.priorityItem(tag.id, item.seenAt, item.id), expiresAt: expiresAt(item.seenAt), entry } }),
        );
      }
    },

    async removeFromPriorities(item, priorityIds) {
      for (const priorityId of priorityIds) {
        await doc.send(new DeleteCommand({ TableName: tableName, Key: keys.priorityItem(priorityId, item.seenAt, item.id) }));
      }
    },

    async itemsByPriority(priorityId, from, to) {
      const entries: PriorityEntry[] = [];
      const range = { from: from.toISOString(), to: `${to.toISOString()}#~` };
      for (const month of utcMonthsBetween(from, to)) {
        for (const row of await queryAll(keys.priorityMonth(priorityId, month), range)) entries.push(priorityEntrySchema.parse(row.entry));
      }
      return entries;
    },

    async storyAlertSent(storyId, key) {
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: keys.storyAlert(storyId, key), ConsistentRead: true }));
      return Item !== undefined;
    },

    async recordStoryAlertSent(storyId, key, sentAt, messageId) {
      const at = sentAt.toISOString();
      await doc.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...keys.storyAlert(storyId, key),
            gsi1pk: keys.alertsDay(at),
            gsi1sk: `${at}#${storyId}#${key}`,
            sentAt: at,
            messageId,
            expiresAt: expiresAt(at),
          },
        }),
      );
    },
  };
}
