/**
 * The data that crosses boundaries: items as the poller normalises them, items as the classifier
 * stores them, and the versioned queue messages between functions. Queue bodies are validated on
 * receipt with these schemas, never cast.
 */
import { createHash } from 'node:crypto';
import * as z from 'zod';
import { sensitivityLevels } from './config/schema.js';

const isoTime = z.iso.datetime({ offset: true });

/** What an item is, so the briefing can put it in its section (press, legislation, Parliament, government, council). */
export const itemKinds = [
  'article',
  'legislation',
  'bill',
  'announcement',
  'consultation',
  'meeting',
  'written-question',
  'written-statement',
  'hansard-contribution',
  'early-day-motion',
  'committee-publication',
  'committee-inquiry',
] as const;

/**
 * Meetings are announced weeks ahead (agendas five clear days, forward plans a month or more), so the
 * briefing's "Council this week" and the grid's meeting posts look this far back, by first-seen time,
 * for items whose meeting date falls in their window. One figure for both, so a meeting the grid
 * promotes is never missing from the briefing.
 */
export const MEETING_LOOKBACK_DAYS = 42;
export type ItemKind = (typeof itemKinds)[number];

/** A day ("2026-11-12") when the publisher gave no time, else an instant. */
const dayOrInstant = z.union([z.iso.date(), isoTime]);

/** What some sources say beyond a headline; every field is optional because publishers give what they give. */
export const itemDetailsSchema = z.strictObject({
  /** legislation.gov.uk type code: "uksi", "ukpga", "ssi", ... */
  legislationType: z.string().optional(),
  legislationNumber: z.number().int().optional(),
  year: z.number().int().optional(),
  /** In words: "UK Statutory Instrument", "Consultation", "Press release", ... */
  documentType: z.string().optional(),
  /** When a consultation closes, where the publisher says. */
  closingDate: dayOrInstant.optional(),
  /** The bill's current stage ("Report stage") and the house it is in ("House of Lords"). */
  billStage: z.string().optional(),
  billHouse: z.string().optional(),
  /** Where the bill was before this stage ("Committee stage, House of Lords"), when a poll saw it move. */
  billStageFrom: z.string().optional(),
  /** When the meeting takes place (Europe/London wall time converted to an instant, or a day). */
  meetingDate: dayOrInstant.optional(),
  committee: z.string().optional(),
  /** Parliament: the question's or statement's number ("HL1234", "HCWS412") and its House ("House of Commons"). */
  uin: z.string().optional(),
  house: z.string().optional(),
  /** Parliament: who asked or made the statement, and their party ("Labour"), as the API names them. */
  member: z.string().optional(),
  party: z.string().optional(),
  /** Parliament: the department answering a question or making a statement. */
  answeringBody: z.string().optional(),
  /** Written questions: where the question is (tabled, holding answer given, answered, answer corrected). */
  questionState: z.enum(['tabled', 'holding', 'answered', 'corrected']).optional(),
  dateTabled: z.iso.date().optional(),
  dateForAnswer: z.iso.date().optional(),
  dateAnswered: z.iso.date().optional(),
  /** The start of the answer, in plain text. */
  answer: z.string().optional(),
  /** Hansard: the debate's title, the day it sat, where (Commons Chamber, Westminster Hall), and the words around the mention. */
  debate: z.string().optional(),
  sittingDate: z.iso.date().optional(),
  section: z.string().optional(),
  snippet: z.string().optional(),
  /** Early Day Motions: how many members had signed when it was read. */
  signatures: z.number().int().optional(),
});
export type ItemDetails = z.infer<typeof itemDetailsSchema>;

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
  /** Items stored before kinds existed read back as articles. */
  kind: z.enum(itemKinds).default('article'),
  details: itemDetailsSchema.optional(),
});
export type NormalisedItem = z.infer<typeof normalisedItemSchema>;

/**
 * When the item was published, for recency (ranking, "today", "3 days ago"): the publisher's date,
 * or when Despatch first saw it where the publisher gave none or one in the future. Not seenAt: a
 * first run finds years-old stories, and first seen is not when they happened.
 */
export function publishedOrSeenAt(item: Pick<NormalisedItem, 'publishedAt' | 'seenAt' | 'dateFlag'>): string {
  return item.dateFlag ? item.seenAt : item.publishedAt;
}

/**
 * What an item says, as a short hash of its headline and snippet: a publisher that rewrites an item
 * under the same guid makes a new fingerprint, so the poller queues it again and the classifier
 * stores it as a new version. Case, Unicode form and whitespace are ignored, so a feed that only
 * re-wraps or re-cases its text does not make every item news again. 12 hex digits (48 bits) is
 * plenty: it is only ever compared with the fingerprints of the same item id.
 */
export function contentFingerprint(item: Pick<NormalisedItem, 'title' | 'summary'>): string {
  const text = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
  // Collapsed text holds no newline, so "a" + "b c" and "a b" + "c" stay apart.
  return createHash('sha256')
    .update(`${text(item.title)}\n${text(item.summary)}`)
    .digest('hex')
    .slice(0, 12);
}

export const ingestMessageSchema = z.strictObject({
  v: z.literal(1),
  kind: z.literal('item'),
  item: normalisedItemSchema,
});
export type IngestMessage = z.infer<typeof ingestMessageSchema>;

/** The message the poller queues for one new item, built from its type so its shape cannot drift. */
export function ingestMessage(item: NormalisedItem): IngestMessage {
  return { v: 1, kind: 'item', item };
}

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

export const sensitivityLevelSchema = z.enum(sensitivityLevels);

export const sensitivitySchema = z
  .strictObject({
    /** Whether the story is at or above the level the office is alerted at (sensitivity.alertLevel). */
    sensitive: z.boolean(),
    /** none / watch / high / critical, from the score and the configured thresholds. */
    level: sensitivityLevelSchema.optional(),
    /** The score behind the level (see shared/classify/sensitivity/score.ts). */
    score: z.number().optional(),
    /**
     * Plain-words reasons for the story's level, e.g. `Mayor named ("Mayor of Lewisham") within 3
     * words of "resigns"`, `national outlet (BBC London): score × 1.5`, `3 outlets carry the story …`.
     */
    reasons: z.array(z.string()),
    spans: z.array(matchSpanSchema),
  })
  // Items stored before levels existed: the old rule (named with a trigger) is what "high" means now.
  .transform((s) => ({ ...s, level: s.level ?? (s.sensitive ? ('high' as const) : ('none' as const)), score: s.score ?? 0 }));
export type Sensitivity = z.infer<typeof sensitivitySchema>;

export const classifiedItemSchema = normalisedItemSchema.extend({
  priorities: z.array(priorityTagSchema),
  sensitivity: sensitivitySchema,
  classifiedAt: isoTime,
  /** The story (shared/clustering) the item belongs to: the same story from other outlets shares it. */
  clusterId: z.string().optional(),
  /**
   * Which version of the item this is: a publisher that changes the headline or snippet under the
   * same guid makes a new one (contentFingerprint). Absent means 1. `seenAt` stays when the first
   * version was seen; `updatedAt` is when this one was.
   */
  version: z.number().int().min(2).optional(),
  updatedAt: isoTime.optional(),
  /** The headline of the version before this one, so a reader can see what changed. */
  previousTitle: z.string().optional(),
});
export type ClassifiedItem = z.infer<typeof classifiedItemSchema>;

/** A story as an alert describes it: how big, where, since when, how sensitive and why. */
export const storySummarySchema = z.strictObject({
  id: z.string(),
  size: z.number().int().min(1),
  outlets: z.array(z.strictObject({ id: z.string(), name: z.string() })),
  firstSeenAt: isoTime,
  level: sensitivityLevelSchema,
  score: z.number(),
  reasons: z.array(z.string()),
  /** The outlet-count threshold (sensitivity.spreadAlerts) this alert is about; 0 before the first. */
  spread: z.number().int().min(0),
});
export type StorySummary = z.infer<typeof storySummarySchema>;

export const alertMessageSchema = z.strictObject({
  v: z.literal(1),
  kind: z.literal('sensitive-item'),
  /** The item whose arrival made the alert due (the story's first sensitive item, or the one that spread it). */
  item: classifiedItemSchema,
  /** new: the story reached the alert level; level-rise: its level went up; spread: more outlets carry it. */
  reason: z.enum(['new', 'spread', 'level-rise']).default('new'),
  /** Absent only in messages queued before stories existed: those are alerted once per item. */
  story: storySummarySchema.optional(),
});
export type AlertMessage = z.infer<typeof alertMessageSchema>;

/** What the end-of-quiet-hours schedule sends the alerter: send the alerts held overnight. */
export const releaseHeldEventSchema = z.strictObject({ v: z.literal(1), kind: z.literal('release-held') });
export type ReleaseHeldEvent = z.infer<typeof releaseHeldEventSchema>;

/** What a schedule sends the poller: which source group to poll. */
export const pollEventSchema = z.strictObject({ v: z.literal(1), group: z.string().min(1) });
export type PollEvent = z.infer<typeof pollEventSchema>;

/** What a schedule sends the briefing function. `now` lets an operator re-run a given morning. */
export const briefingEventSchema = z.strictObject({
  v: z.literal(1),
  now: isoTime.optional(),
  /** The check a quarter of an hour after the briefing time: was today's briefing sent? Sends nothing. */
  check: z.boolean().optional(),
});
export type BriefingEvent = z.infer<typeof briefingEventSchema>;
