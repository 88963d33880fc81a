/**
 * What the workspace's JSON APIs answer, as zod schemas the server builds against and the page
 * parses with: one definition, so the two cannot drift. Feed text travels as plain strings and
 * highlight pieces; the page puts them in as text nodes.
 */
import * as z from 'zod';
import { sensitivityLevels } from '../platform/config/schema.js';

// --- Story and Alerts (story-api.ts, alerts-api.ts) ---

/** A run of headline text; marked pieces are a priority's words, or sensitive ones (shown apart, as in the briefing). */
const storyPieceSchema = z.object({ text: z.string(), marked: z.boolean(), sensitive: z.boolean().optional() });

export const alertStates = ['new', 'acknowledged', 'handled'] as const;

const actorSchema = z.object({ id: z.string(), name: z.string() });

export const alertViewSchema = z.object({
  id: z.string(),
  storyId: z.string().nullable(),
  itemId: z.string().nullable(),
  /** Why it was sent, in words: "a new story at High", "carried by 3 outlets", "rose to Critical". */
  reason: z.string(),
  level: z.enum(sensitivityLevels),
  sentAt: z.string(),
  /** The headline of the story's first item, as plain text. */
  title: z.string(),
  sourceName: z.string(),
  state: z.enum(alertStates),
  /** `via` "email": from the one-click link in the alert email. */
  acknowledged: z.object({ by: actorSchema, at: z.string(), via: z.enum(['page', 'email']) }).nullable(),
  handled: z.object({ by: actorSchema, at: z.string(), note: z.string() }).nullable(),
});
export type AlertView = z.infer<typeof alertViewSchema>;

export const alertsViewSchema = z.object({ from: z.string(), to: z.string(), alerts: z.array(alertViewSchema) });
export type AlertsView = z.infer<typeof alertsViewSchema>;

/** The handled note: a few words, "statement issued" or "no action". */
export const HANDLED_NOTE_MAX = 200;
export const handledBodySchema = z.strictObject({
  note: z
    .string()
    .trim()
    .min(1, 'say what was done, e.g. "statement issued" or "no action"')
    .max(HANDLED_NOTE_MAX, `keep the note to ${HANDLED_NOTE_MAX} characters`),
});

export const storyOutletSchema = z.object({
  itemId: z.string(),
  sourceId: z.string(),
  sourceName: z.string(),
  title: z.array(storyPieceSchema),
  /** A safe http(s) link, or null when the feed gave none we would follow. */
  url: z.string().nullable(),
  publishedAt: z.string(),
  seenAt: z.string(),
  level: z.enum(sensitivityLevels),
});
export type StoryOutlet = z.infer<typeof storyOutletSchema>;

export const storyViewSchema = z.object({
  id: z.string(),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  /** Items in the story (can exceed the items listed: the first 20 are kept). */
  size: z.number().int(),
  level: z.enum(sensitivityLevels),
  /** The outlets that carried it, in the order they did, each with its item. */
  items: z.array(storyOutletSchema),
  /** The level as it rose: each alert step the classifier decided, and why, in words. */
  levels: z.array(z.object({ at: z.string(), level: z.enum(sensitivityLevels), reason: z.string() })),
  /** Why it is sensitive, in the alert's words (empty when it is not). */
  why: z.array(z.string()),
  alerts: z.array(alertViewSchema),
  /** The briefings whose period took in its items, and how many of them. */
  briefings: z.array(z.object({ localDate: z.string(), subject: z.string().nullable(), items: z.number().int() })),
  grid: z.array(z.object({ week: z.string(), slotId: z.string(), channel: z.string(), date: z.string(), time: z.string(), status: z.string() })),
  /** Set when this story turned out to be another: look there. */
  mergedInto: z.string().nullable(),
});
export type StoryView = z.infer<typeof storyViewSchema>;
