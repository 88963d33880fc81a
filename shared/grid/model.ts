/**
 * The social media grid as data: hooks (what a post hangs on, and why), slots (date x time x
 * channel, with the draft, its status, comments and history, and a version for optimistic
 * concurrency), and the plan around them (empty slots with their reason, hooks left out with
 * theirs, and sensitive stories that may need a response instead of a post).
 * Browser-safe: the review page validates what the API sends with these same schemas.
 */
import * as z from 'zod';
import { gridChannelIds, hookKinds } from '../platform/config/schema.js';
import { ISO_WEEK_PATTERN } from './calendar.js';

const isoTime = z.iso.datetime({ offset: true });
const isoDate = z.iso.date();
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

export const isoWeekSchema = z.string().regex(ISO_WEEK_PATTERN, 'must be an ISO week such as 2026-W49');
export const channelIdSchema = z.enum(gridChannelIds);
export const hookKindSchema = z.enum(hookKinds);

export const slotStatuses = ['draft', 'in-review', 'approved', 'changes-requested'] as const;
export const slotStatusSchema = z.enum(slotStatuses);
type SlotStatus = z.infer<typeof slotStatusSchema>;

/** An item behind a hook, as much as a person needs to check it. */
export const hookItemSchema = z.strictObject({
  id: z.string(),
  title: z.string(),
  link: z.string(),
  sourceName: z.string(),
  publishedAt: z.string(),
});
export type HookItem = z.infer<typeof hookItemSchema>;

export const hookSchema = z.strictObject({
  /** Stable across replans: "awareness:2026-12-01:world-aids-day", "story:<key>", "meeting:<item id>". */
  id: z.string().min(1),
  kind: hookKindSchema,
  title: z.string(),
  summary: z.string(),
  link: z.string(),
  /** Two hooks with the same story key are the same story (never twice on a channel in a day). */
  storyKey: z.string().min(1),
  priorityId: z.string().optional(),
  priorityName: z.string().optional(),
  /** The day the hook belongs to, if it has one (an awareness day, a meeting, a closing date). */
  date: isoDate.optional(),
  /** The days it may be posted on. */
  windowFrom: isoDate,
  windowTo: isoDate,
  /** Set for meetings: when it starts, Europe/London. */
  time: clockTime.optional(),
  hashtags: z.array(z.string()),
  tone: z.enum(['commemoration', 'celebration', 'awareness']).optional(),
  /** In plain words: where the hook came from. */
  why: z.string(),
  items: z.array(hookItemSchema),
  /** The Mayor is named in the items behind it. */
  aboutMayor: z.boolean(),
  /** Politically controversial terms found in it (config grid.controversial). */
  controversial: z.array(z.string()),
  /** Higher is more worth a post; used only to order candidates. */
  score: z.number(),
  /** For news: the London date it was published (first seen when undated); a post goes out at most grid.recencyDays after. */
  publishedOn: isoDate.optional(),
  /** The safety checks the hook passed, in plain words ("no tragedy terms"); hooks stored before checks existed have none. */
  checks: z.array(z.string()).default([]),
});
export type Hook = z.infer<typeof hookSchema>;

export const historyActions = ['planned', 'edited', 'submitted', 'approved', 'changes-requested', 'regenerated', 'commented'] as const;
export const historyEntrySchema = z.strictObject({
  at: isoTime,
  by: z.string(),
  action: z.enum(historyActions),
  /** What changed, in plain words ("text: 212 → 198 characters"). */
  detail: z.string(),
  /** For an edit, which parts it changed: what four-eyes reads (entries stored before this have none). */
  changed: z.array(z.enum(['text', 'altText', 'image'])).optional(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const commentSchema = z.strictObject({ at: isoTime, by: z.string(), text: z.string().min(1).max(2000) });
type SlotComment = z.infer<typeof commentSchema>;

export const SLOT_ID_PATTERN = /^(\d{4}-\d{2}-\d{2})_(\d{2})(\d{2})_([a-z]+)$/;

export const slotSchema = z.strictObject({
  /** "2026-12-01_0900_x": date, time and channel, so one slot per cell. */
  id: z.string().regex(SLOT_ID_PATTERN),
  week: isoWeekSchema,
  date: isoDate,
  time: clockTime,
  channel: channelIdSchema,
  hook: hookSchema,
  /** Why this hook went in this slot, in plain words. */
  why: z.string(),
  text: z.string().max(70_000),
  altText: z.string().max(2_000),
  /** The post carries an image: alt text is then needed before approval. */
  image: z.boolean(),
  /** The checks the draft passed ("recent: published today", "not sensitive", ...), shown wherever the draft is. */
  checks: z.array(z.string()).default([]),
  /** Which of the hook kind's templates drafted it; "regenerate" moves to the next. */
  templateVariant: z.number().int().min(0),
  status: slotStatusSchema,
  comments: z.array(commentSchema),
  history: z.array(historyEntrySchema),
  /** Incremented on every change; a write naming an older version is refused (ConflictError). */
  version: z.number().int().min(1),
  updatedAt: isoTime,
  updatedBy: z.string(),
});
export type Slot = z.infer<typeof slotSchema>;

export const emptySlotSchema = z.strictObject({ date: isoDate, time: clockTime, channel: channelIdSchema, reason: z.string() });
export type EmptySlot = z.infer<typeof emptySlotSchema>;

export const exclusionSchema = z.strictObject({
  hookId: z.string(),
  title: z.string(),
  kind: hookKindSchema,
  reason: z.string(),
  channel: channelIdSchema.optional(),
  date: isoDate.optional(),
});
export type Exclusion = z.infer<typeof exclusionSchema>;

export const needsResponseSchema = z.strictObject({
  itemId: z.string(),
  title: z.string(),
  link: z.string(),
  sourceName: z.string(),
  publishedAt: z.string(),
  reasons: z.array(z.string()),
});
export type NeedsResponse = z.infer<typeof needsResponseSchema>;

/**
 * Press coverage offered for a person to choose: never drafted in the Mayor's voice (unless its
 * priority opts in with grid.draftPress), but safe and recent enough to be worth a look.
 */
export const talkingPointSchema = z.strictObject({
  storyKey: z.string(),
  title: z.string(),
  link: z.string(),
  sourceName: z.string(),
  publishedAt: z.string(),
  priorityId: z.string().optional(),
  priorityName: z.string().optional(),
  items: z.array(hookItemSchema),
  why: z.string(),
  checks: z.array(z.string()),
});
export type TalkingPoint = z.infer<typeof talkingPointSchema>;

/** Everything about a week's plan except the slots themselves. */
export const planSchema = z.strictObject({
  week: isoWeekSchema,
  plannedAt: isoTime,
  empty: z.array(emptySlotSchema),
  excluded: z.array(exclusionSchema),
  needsResponse: z.array(needsResponseSchema),
  /** Press coverage for a person to choose from; not slots. Plans stored before talking points existed have none. */
  talkingPoints: z.array(talkingPointSchema).default([]),
  /** Things the assistant should know about the week ("Pre-election period: ..."). */
  notes: z.array(z.string()),
});
type Plan = z.infer<typeof planSchema>;

export const gridWeekSchema = planSchema.extend({ slots: z.array(slotSchema) });
export type GridWeek = z.infer<typeof gridWeekSchema>;

export function slotId(date: string, time: string, channel: string): string {
  return `${date}_${time.replace(':', '')}_${channel}`;
}

/** A slot a person has worked on: replanning keeps it as it is. Approved slots are locked outright. */
export function isKept(slot: Slot): boolean {
  return slot.status !== 'draft' || slot.history.some((h) => h.action !== 'planned') || slot.comments.length > 0;
}

/** The numbers behind the coverage view (shared/grid/coverage.ts). */
export const coverageSchema = z.strictObject({
  from: isoDate,
  to: isoDate,
  days: z.array(isoDate),
  priorities: z.array(z.strictObject({ id: z.string(), name: z.string(), perDay: z.array(z.number()), total: z.number() })),
  sensitive: z.strictObject({
    perDay: z.array(z.number()),
    stories: z.array(z.strictObject({ title: z.string(), link: z.string(), sourceName: z.string(), day: isoDate, reasons: z.array(z.string()) })),
  }),
  outlets: z.array(z.strictObject({ name: z.string(), count: z.number() })),
  total: z.number(),
});
export type Coverage = z.infer<typeof coverageSchema>;

/** A channel as the review page needs it: when it posts, and how its platform counts. */
export const channelViewSchema = z.strictObject({
  id: channelIdSchema,
  name: z.string(),
  limit: z.number(),
  counting: z.string(),
  days: z.array(z.string()),
  times: z.array(clockTime),
  staffRun: z.boolean(),
  images: z.boolean(),
});
export type ChannelView = z.infer<typeof channelViewSchema>;

/** What GET /api/weeks/{week} answers: the week's dates and channels, and its grid if it has been planned. */
export const weekViewSchema = z.strictObject({
  week: isoWeekSchema,
  previousWeek: isoWeekSchema,
  nextWeek: isoWeekSchema,
  dates: z.array(isoDate),
  channels: z.array(channelViewSchema),
  grid: gridWeekSchema.nullable(),
  user: z.strictObject({ id: z.string(), canApprove: z.boolean() }),
});
export type WeekView = z.infer<typeof weekViewSchema>;

/** How the page signs in: a pasted local token, or Cognito's hosted sign-in (OAuth code + PKCE). */
export const pageAuthSchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('local') }),
  z.strictObject({ mode: z.literal('cognito'), domain: z.url(), clientId: z.string().min(1) }),
]);
export type PageAuth = z.infer<typeof pageAuthSchema>;

/** A 409's body: the message and the slot as it now is. */
export const conflictBodySchema = z.strictObject({ error: z.string(), current: slotSchema.nullable() });
export const errorBodySchema = z.strictObject({ error: z.string() });
