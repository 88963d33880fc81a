/**
 * What classification needs: the item store, the stories across outlets, and the index of items by
 * priority. Implemented by shared/adapters/aws (DynamoDB) and by the in-memory fakes in the tests.
 */
import * as z from 'zod';
import { sensitivityLevelSchema, type ClassifiedItem } from '../platform/model.js';
import type { AlertDecision } from './stories/story.js';
export type { StoryStore } from './stories/ports.js';

export type AlertState = 'pending' | 'queued';

export interface StoredItemRecord {
  item: ClassifiedItem;
  /** For a sensitive item: whether its alert message has been handed to the alerts queue yet. */
  alertState?: AlertState;
  /** The story alert this item's arrival made due (clustering/story.ts), to queue it again after a crash. */
  alert?: AlertDecision;
}

export interface ItemStore {
  /** Stores the item unless it is already there; says which. */
  putItemIfAbsent(record: StoredItemRecord): Promise<'created' | 'exists'>;
  /**
   * Stores a new version of an item over the stored one if that is still version `expected`
   * (items stored without a version are version 1); "conflict" when another writer replaced it
   * first, or there is none. The whole record is replaced, alert state included.
   */
  replaceItem(record: StoredItemRecord, expected: number): Promise<'replaced' | 'conflict'>;
  getItemRecord(id: string): Promise<StoredItemRecord | undefined>;
  markAlertQueued(id: string): Promise<void>;
  itemsSeenBetween(from: Date, to: Date): Promise<ClassifiedItem[]>;
}

export const priorityEntrySchema = z.object({
  itemId: z.string(),
  priorityId: z.string(),
  seenAt: z.string(),
  title: z.string(),
  sourceId: z.string(),
  sourceName: z.string(),
  link: z.string(),
  level: sensitivityLevelSchema,
  clusterId: z.string().optional(),
});

/** One item under one priority: enough for a grid candidate or a chart, without reading the item. */
export type PriorityEntry = z.infer<typeof priorityEntrySchema>;

export interface PriorityIndex {
  /** A small row per priority the item is tagged with; writing it again changes nothing. */
  indexByPriority(item: ClassifiedItem): Promise<void>;
  /** Takes the item's rows out from under priorities a new version of it no longer matches; removing again changes nothing. */
  removeFromPriorities(item: Pick<ClassifiedItem, 'id' | 'seenAt'>, priorityIds: readonly string[]): Promise<void>;
  /** Items tagged with a priority and first seen in [from, to], oldest first. */
  itemsByPriority(priorityId: string, from: Date, to: Date): Promise<PriorityEntry[]>;
}

export interface StoryAlertLog {
  /** Whether the alert `key` (reason, level, spread) for the story has been emailed. */
  storyAlertSent(storyId: string, key: string): Promise<boolean>;
  recordStoryAlertSent(storyId: string, key: string, sentAt: Date, messageId: string): Promise<void>;
}
