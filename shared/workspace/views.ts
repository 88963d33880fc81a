/**
 * What the workspace's JSON APIs answer (Today and Sources here; Story and Alerts join them), as zod schemas the server
 * builds against and the page parses with: one definition, so the two cannot drift. Zod only: the
 * page's bundle imports this file. Feed text
 * travels as plain strings and highlight pieces; the page puts them in as text nodes.
 */
import * as z from 'zod';
import { sensitivityLevels } from '../platform/config/schema.js';

/** A run of headline or snippet text; marked pieces are a priority's words, or sensitive ones (shown apart, as in the briefing). */
export const pieceSchema = z.object({ text: z.string(), marked: z.boolean(), sensitive: z.boolean().optional() });
export type Piece = z.infer<typeof pieceSchema>;

export const workspaceItemSchema = z.object({
  id: z.string(),
  title: z.array(pieceSchema),
  snippet: z.array(pieceSchema),
  /** A safe http(s) link, or null when the feed gave none we would follow. */
  url: z.string().nullable(),
  sourceId: z.string(),
  sourceName: z.string(),
  /** article, press-release, legislation… (platform/model.ts's itemKinds; that module is server-only). */
  kind: z.string(),
  publishedAt: z.string(),
  seenAt: z.string(),
  level: z.enum(sensitivityLevels),
  sensitive: z.boolean(),
  priorities: z.array(z.object({ id: z.string(), name: z.string() })),
  storyId: z.string().nullable(),
  /** Why it is sensitive, in words (empty when it is not). */
  reasons: z.array(z.string()),
});
export type WorkspaceItem = z.infer<typeof workspaceItemSchema>;

const optionSchema = z.object({ id: z.string(), name: z.string() });

export const todayViewSchema = z.object({
  from: z.string(),
  to: z.string(),
  /** "since the briefing of Monday 7 December" or "in the last 24 hours" (no briefing yet). */
  since: z.string(),
  /** Items in the period that pass the filters; `items` holds the first of them, in order. */
  total: z.number().int(),
  items: z.array(workspaceItemSchema),
  filters: z.object({ priorities: z.array(optionSchema), sources: z.array(optionSchema), kinds: z.array(z.string()), levels: z.array(z.string()) }),
  key: z.string(),
});
export type TodayView = z.infer<typeof todayViewSchema>;

export const sourceRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  group: z.string(),
  kind: z.string(),
  lastSuccess: z.string(),
  lastError: z.string(),
  failures: z.string(),
  nextAttempt: z.string(),
  /** Waiting out a back-off or a Retry-After: "retry now" clears it. */
  waiting: z.boolean(),
});

export const sourcesViewSchema = z.object({ rows: z.array(sourceRowSchema), notes: z.array(z.string()), summary: z.string() });
export type SourcesView = z.infer<typeof sourcesViewSchema>;
