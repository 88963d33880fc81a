/**
 * The data that crosses boundaries: items as the poller normalises them, items as the classifier
 * stores them, and the versioned queue messages between functions. Queue bodies are validated on
 * receipt with these schemas, never cast.
 */
import { z } from 'zod';

const isoTime = z.iso.datetime({ offset: true });

export const normalisedItemSchema = z.strictObject({
  /** Stable id: a hash of the source id and the item's identity (guid, canonical link, or title+date). */
  id: z.string().regex(/^[a-f0-9]{32}$/),
  sourceId: z.string().min(1),
  sourceName: z.string().min(1),
  group: z.string().min(1),
  title: z.string(),
  /** Absolute http(s) link to the original, or empty when the publisher gave none. */
  link: z.string(),
  /** Plain-text snippet (tags stripped, entities decoded once, whitespace collapsed); never the whole article. */
  summary: z.string(),
  author: z.string().optional(),
  categories: z.array(z.string()).default([]),
  publishedAt: isoTime,
  /** When Despatch first saw the item. */
  seenAt: isoTime,
  /** Set when the publisher gave no date ("missing") or a date in the future ("future"). */
  dateFlag: z.enum(['missing', 'future']).optional(),
});
export type NormalisedItem = z.infer<typeof normalisedItemSchema>;

export const ingestMessageSchema = z.strictObject({
  v: z.literal(1),
  kind: z.literal('item'),
  item: normalisedItemSchema,
});
export type IngestMessage = z.infer<typeof ingestMessageSchema>;

export const matchSpanSchema = z.strictObject({
  field: z.enum(['title', 'summary']),
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  text: z.string(),
});
export type MatchSpan = z.infer<typeof matchSpanSchema>;

export const priorityTagSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  query: z.string(),
  spans: z.array(matchSpanSchema),
});
export type PriorityTag = z.infer<typeof priorityTagSchema>;

export const sensitivitySchema = z.strictObject({
  sensitive: z.boolean(),
  /** Plain-words reasons, e.g. `Mayor named ("Mayor of Lewisham") with "resign*" ("resigns")`. */
  reasons: z.array(z.string()),
  spans: z.array(matchSpanSchema),
});
export type Sensitivity = z.infer<typeof sensitivitySchema>;

export const classifiedItemSchema = normalisedItemSchema.extend({
  priorities: z.array(priorityTagSchema),
  sensitivity: sensitivitySchema,
  classifiedAt: isoTime,
});
export type ClassifiedItem = z.infer<typeof classifiedItemSchema>;

export const alertMessageSchema = z.strictObject({
  v: z.literal(1),
  kind: z.literal('sensitive-item'),
  item: classifiedItemSchema,
});
export type AlertMessage = z.infer<typeof alertMessageSchema>;

/** What a schedule sends the poller: which source group to poll. */
export const pollEventSchema = z.strictObject({ v: z.literal(1), group: z.string().min(1) });
export type PollEvent = z.infer<typeof pollEventSchema>;

/** What a schedule sends the briefing function. `now` lets an operator re-run a given morning. */
export const briefingEventSchema = z.strictObject({ v: z.literal(1), now: isoTime.optional() });
export type BriefingEvent = z.infer<typeof briefingEventSchema>;
