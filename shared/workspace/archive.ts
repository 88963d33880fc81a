/**
 * The archive: every stored item also kept as a line of a day file, for search over the whole
 * retention period without reading the item store (a DynamoDB scan of a year would be slow and
 * cost per read). Implemented locally in the data dir (shared/adapters/local/file-archive.ts).
 *
 * Day files are London days of when the item was archived (within seconds of when it was first
 * seen or changed): the office's days, so retention and "since 1 September" line up with its
 * calendar; a day is only ever appended to while it is today, so a past day can be sealed
 * (compressed and indexed) once and never changes again.
 */
import * as z from 'zod';
import { itemKinds, sensitivityLevelSchema, type ClassifiedItem } from '../platform/model.js';

export interface ItemArchive {
  /** Adds the item (a new item or a new version of one) to today's day file; durable when it resolves. */
  append(item: ClassifiedItem): Promise<void>;
}

export interface ArchiveDay {
  /** London date, YYYY-MM-DD. */
  day: string;
  /** Earliest and latest publication time of its items (ms), when known: sealed days only. */
  published: { min: number; max: number } | undefined;
}

export interface ArchiveReader {
  /** The days held, oldest first. */
  days(): Promise<ArchiveDay[]>;
  /**
   * The day's archived lines that may contain, for each list, one of its term keys (term-index.ts);
   * every line when there are no lists. Raw JSON values, in the order they were archived.
   */
  candidates(day: string, keyLists: readonly (readonly number[])[]): Promise<unknown[]>;
  /** The highest version archived for each item that has more than one: older lines are superseded. */
  latestVersions(): Promise<ReadonlyMap<string, number>>;
}

/**
 * What search needs of an archived line, checked on every candidate: lines come from a file that a
 * crash, a disk or a person may have damaged, and an unreadable line is skipped, never trusted.
 * Unknown fields pass through so the whole item reaches the caller.
 */
export const archivedItemSchema = z.looseObject({
  id: z.string().min(1),
  title: z.string(),
  summary: z.string(),
  link: z.string(),
  sourceId: z.string(),
  sourceName: z.string(),
  publishedAt: z.string(),
  seenAt: z.string(),
  dateFlag: z.enum(['missing', 'future']).optional(),
  kind: z.enum(itemKinds).default('article'),
  priorities: z.array(z.looseObject({ id: z.string(), name: z.string() })),
  sensitivity: z.looseObject({
    level: sensitivityLevelSchema.optional(),
    sensitive: z.boolean(),
    spans: z.array(z.object({ field: z.enum(['title', 'summary']), start: z.number(), end: z.number() })).default([]),
  }),
  clusterId: z.string().optional(),
  version: z.number().int().optional(),
});
export type ArchivedItem = z.infer<typeof archivedItemSchema>;
