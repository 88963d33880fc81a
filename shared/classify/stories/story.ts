/**
 * A story: the items from one or more outlets that report the same thing, kept as one record with
 * its size, outlets, first-seen time, the strongest sensitivity evidence any of its items carried,
 * its level, and the alerts decided for it. Pure functions here; clustering/assign.ts stores them.
 *
 * The level never falls: the best evidence only gets stronger and the outlets only grow, so a
 * story's level is also its highest level.
 */
import * as z from 'zod';
import { sensitivityLevels, type SensitivityLevel } from '../../platform/config/schema.js';

/** Items first seen more than this apart are not joined into one story. */
export const STORY_WINDOW_HOURS = 48;
/**
 * Estimated Jaccard similarity from which two items are the same story on words alone. Below it,
 * same-story.ts still joins items that share a name or place and words of what happened (from
 * SAME_STORY_WITH_KEY); two documents never join. Measured in test/corpus/story-pairs.test.ts
 * (346 real pairs: precision 1.00, recall 0.91) and test/unit/classify/stories (72 written pairs).
 */
export const SAME_STORY_THRESHOLD = 0.19;
/** Signatures kept per story for later items to compare with (the first items' and outlets'). */
export const MAX_SIGNATURES = 2;
/**
 * Member ids kept on the record (the size keeps counting beyond): bounds the record's write cost,
 * so a story row stays under 1 KB (one write unit) up to about 30 outlets. 20 covers the
 * alerts' "also carried by" list (12). Beyond it, a redelivered item is still recognised by its
 * stored item row (classify-item.ts) except in the one case of a crash between its story write and
 * its item write: then the story's size counts it twice (its outlet, level and alerts are unchanged).
 */
export const MAX_MEMBERS = 20;

export const outletKinds = ['national', 'local', 'blog', 'official'] as const;
type OutletKind = (typeof outletKinds)[number];

const level = z.enum(sensitivityLevels);

/** What one item showed: who was named near which trigger, in which outlet, and what that scores. */
export const evidenceSchema = z.object({
  /** The strongest named person or body's weight × the weights of the triggers near them. */
  base: z.number(),
  /** That product in words: "Mayor 3 × triggers 3". */
  basis: z.string(),
  /** One per person or body named near a trigger: `Mayor named ("Brenda Dacres") within 2 words of "resign"`. */
  lines: z.array(z.string()),
  outlet: z.object({ sourceId: z.string(), name: z.string(), kind: z.enum(outletKinds), weight: z.number() }),
  /** base × the outlet's weight. */
  weighted: z.number(),
});
export type Evidence = z.infer<typeof evidenceSchema>;

export const alertReasons = ['new', 'spread', 'level-rise'] as const;
type AlertReason = (typeof alertReasons)[number];

/** An alert the story owes the office, decided when an item joined it. */
export const alertDecisionSchema = z.object({
  itemId: z.string(),
  reason: z.enum(alertReasons),
  level,
  /** The outlet count threshold reached (sensitivity.spreadAlerts), 0 before the first. */
  spread: z.number().int(),
  at: z.string(),
  /** The item version (2 on) whose arrival made it due; absent when it was the item's first. */
  version: z.number().int().optional(),
});
export type AlertDecision = z.infer<typeof alertDecisionSchema>;

export const storyRecordSchema = z.object({
  id: z.string(),
  /** When the story's first item was seen: the record's partition day, and the start of its window. */
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  /** When this record was written first (wall clock), to settle which of two racing stories yields. */
  createdAt: z.string(),
  size: z.number().int(),
  /** Item ids, in order of joining, the first MAX_MEMBERS of them. */
  members: z.array(z.string()),
  outlets: z.array(z.object({ id: z.string(), name: z.string() })),
  /** Base64 MinHash signatures (shared/classify/stories/signature.ts) of the first items. */
  signatures: z.array(z.string()),
  /**
   * What a later item must share to join (same-story.ts): the first items' distinctive terms and
   * words of what happened, the legislation or bill documents they are, when they were published.
   * Absent on stories stored before these were kept: those are matched on signatures alone.
   */
  keys: z.array(z.string()).optional(),
  events: z.array(z.string()).optional(),
  documents: z.array(z.string()).optional(),
  publishedAt: z.string().optional(),
  priorities: z.array(z.string()),
  best: evidenceSchema.optional(),
  level,
  score: z.number(),
  /** What the office has been told: the level and the spread threshold of the last alert. */
  alerted: z.object({ level, spread: z.number().int() }),
  alerts: z.array(alertDecisionSchema),
  /** Set when this story turned out to be another (two items raced to start it): look there. */
  mergedInto: z.string().optional(),
  /** Optimistic concurrency: each write expects the version it read. */
  version: z.number().int(),
});
export type StoryRecord = z.infer<typeof storyRecordSchema>;

/** An item as it joins a story. */
export interface StoryMember {
  readonly itemId: string;
  readonly sourceId: string;
  readonly sourceName: string;
  readonly seenAt: string;
  readonly signature: string;
  /** Its distinctive terms and event words (same-story.ts), the document it is, its publication time. */
  readonly keys?: readonly string[] | undefined;
  readonly events?: readonly string[] | undefined;
  readonly document?: string | undefined;
  readonly publishedAt?: string | undefined;
  readonly priorities: readonly string[];
  /** Absent when the item names nobody near a trigger. */
  readonly evidence?: Evidence | undefined;
}

/** The story's level and score for its best evidence and its number of outlets (classifier/sensitivity.ts). */
export type AssessStory = (best: Evidence | undefined, outlets: number) => { level: SensitivityLevel; score: number };

export interface AlertPolicy {
  readonly alertLevel: Exclude<SensitivityLevel, 'none'>;
  /** Rising outlet counts at which a sensitive story is alerted again. */
  readonly spreadAlerts: readonly number[];
}

export interface JoinResult {
  readonly story: StoryRecord;
  /** The alert this join makes due, if any. */
  readonly alert?: AlertDecision | undefined;
}

export const rank = (l: SensitivityLevel): number => sensitivityLevels.indexOf(l);

/**
 * A story's id says which day partition holds it and which item started it. It starts with the
 * time the story was started (yyyymmddThhmmssmmm, UTC), so the rows of a day partition are in
 * the order they were written and a container reads only the ones written since it last looked
 * (shared/adapters/aws/story-store.ts). The same item starting it again after a crash finds its
 * first start as a member and does not start another (assign.ts). Older ids are yyyymmdd-<item>.
 */
export function storyIdFor(itemId: string, startedAt: Date): string {
  const iso = startedAt.toISOString();
  return `${iso.slice(0, 10).replace(/-/g, '')}T${iso.slice(11, 23).replace(/[:.]/g, '')}-${itemId}`;
}

/** Whether the item started the story (either id form ends with the starting item's id). */
export function startedBy(storyId: string, itemId: string): boolean {
  return storyId.endsWith(`-${itemId}`) && /^\d{8}(?:T\d{9})?-$/.test(storyId.slice(0, storyId.length - itemId.length));
}

/** The UTC day ("2026-11-23") of the partition that holds a story. */
export function storyDay(storyId: string): string {
  const d = storyId.slice(0, 8);
  return `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
}

export function startStory(member: StoryMember, assess: AssessStory, policy: AlertPolicy, now: Date): JoinResult {
  const empty: StoryRecord = {
    id: storyIdFor(member.itemId, now),
    firstSeenAt: member.seenAt,
    lastSeenAt: member.seenAt,
    createdAt: now.toISOString(),
    size: 0,
    members: [],
    outlets: [],
    signatures: [],
    priorities: [],
    level: 'none',
    score: 0,
    alerted: { level: 'none', spread: 0 },
    alerts: [],
    version: 0,
  };
  return joinStory(empty, member, assess, policy, now);
}

/** Adds an item to a story (once: joining again returns the story as it is) and decides any alert. */
export function joinStory(story: StoryRecord, member: StoryMember, assess: AssessStory, policy: AlertPolicy, now: Date): JoinResult {
  if (story.members.includes(member.itemId)) {
    return { story, alert: story.alerts.find((a) => a.itemId === member.itemId) };
  }
  const outlets = story.outlets.some((o) => o.id === member.sourceId) ? story.outlets : [...story.outlets, { id: member.sourceId, name: member.sourceName }];
  const best = stronger(story.best, member.evidence);
  const { level, score } = assess(best, outlets.length);
  const next: StoryRecord = {
    ...story,
    firstSeenAt: member.seenAt < story.firstSeenAt || story.size === 0 ? member.seenAt : story.firstSeenAt,
    lastSeenAt: member.seenAt > story.lastSeenAt ? member.seenAt : story.lastSeenAt,
    size: story.size + 1,
    members: story.members.length < MAX_MEMBERS ? [...story.members, member.itemId] : story.members,
    outlets,
    // A new outlet's wording is what later items are most likely to echo.
    signatures:
      story.signatures.length < MAX_SIGNATURES && (story.signatures.length === 0 || outlets !== story.outlets)
        ? [...story.signatures, member.signature]
        : story.signatures,
    priorities: [...new Set([...story.priorities, ...member.priorities])],
    ...matchTerms(story, member),
    ...(best ? { best } : {}),
    level,
    score,
  };
  const alert = decideAlert(next, member.itemId, policy, now);
  if (!alert) return { story: next };
  return {
    story: { ...next, alerted: { level: alert.level, spread: alert.spread }, alerts: [...next.alerts, alert] },
    alert,
  };
}

/**
 * Folds a story that lost a race (two outlets' items each started one) into the one that stays:
 * its members, outlets, signatures and evidence; the alert, if any, is decided on the result.
 */
export function absorbStory(into: StoryRecord, from: StoryRecord, assess: AssessStory, policy: AlertPolicy, now: Date, itemId: string): JoinResult {
  const members = [...into.members, ...from.members.filter((m) => !into.members.includes(m))];
  const outlets = [...into.outlets, ...from.outlets.filter((o) => !into.outlets.some((x) => x.id === o.id))];
  const best = stronger(into.best, from.best);
  const { level, score } = assess(best, outlets.length);
  const added = members.length - into.members.length;
  const next: StoryRecord = {
    ...into,
    firstSeenAt: from.firstSeenAt < into.firstSeenAt ? from.firstSeenAt : into.firstSeenAt,
    lastSeenAt: from.lastSeenAt > into.lastSeenAt ? from.lastSeenAt : into.lastSeenAt,
    size: into.size + added,
    members: members.slice(0, MAX_MEMBERS),
    outlets,
    signatures: [...into.signatures, ...from.signatures.filter((s) => !into.signatures.includes(s))].slice(0, MAX_SIGNATURES),
    priorities: [...new Set([...into.priorities, ...from.priorities])],
    ...(best ? { best } : {}),
    level,
    score,
  };
  const existing = into.alerts.find((a) => a.itemId === itemId);
  if (existing) return { story: next, alert: existing };
  const alert = decideAlert(next, itemId, policy, now);
  if (!alert) return { story: next };
  return { story: { ...next, alerted: { level: alert.level, spread: alert.spread }, alerts: [...next.alerts, alert] }, alert };
}

/**
 * A new version of an item the story already has (its publisher changed the headline or snippet
 * under the same guid): its evidence and priorities count as a joining item's would, so a version
 * that names the Mayor near a trigger can make the story sensitive, but it is not counted again.
 * Deciding again for a version already decided (a redelivered message) returns that decision;
 * when the version changes nothing, the story is returned as it is (the same object).
 */
export function reviseMember(story: StoryRecord, member: StoryMember, version: number, assess: AssessStory, policy: AlertPolicy, now: Date): JoinResult {
  const decided = story.alerts.find((a) => a.itemId === member.itemId && a.version === version);
  if (decided) return { story, alert: decided };
  const best = stronger(story.best, member.evidence);
  const priorities = [...new Set([...story.priorities, ...member.priorities])];
  const { level, score } = assess(best, story.outlets.length);
  if (best === story.best && priorities.length === story.priorities.length && level === story.level && score === story.score) return { story };
  const next: StoryRecord = { ...story, priorities, ...(best ? { best } : {}), level, score };
  const due = decideAlert(next, member.itemId, policy, now);
  if (!due) return { story: next };
  const alert = { ...due, version };
  return { story: { ...next, alerted: { level: alert.level, spread: alert.spread }, alerts: [...next.alerts, alert] }, alert };
}

/** Terms kept per story for later items to match (the first items' own: a story does not drift). */
const MAX_STORY_KEYS = 24;
const MAX_STORY_EVENTS = 32;

function matchTerms(story: StoryRecord, member: StoryMember): Pick<StoryRecord, 'keys' | 'events' | 'documents' | 'publishedAt'> {
  const first = story.size === 0;
  const out: Pick<StoryRecord, 'keys' | 'events' | 'documents' | 'publishedAt'> = {};
  // A story stored before terms were kept stays without them: its first items' terms are unknown.
  if (first || story.keys) out.keys = [...new Set([...(story.keys ?? []), ...(member.keys ?? [])])].slice(0, MAX_STORY_KEYS);
  if (first || story.events) out.events = [...new Set([...(story.events ?? []), ...(member.events ?? [])])].slice(0, MAX_STORY_EVENTS);
  const documents = [...new Set([...(story.documents ?? []), ...(member.document ? [member.document] : [])])];
  if (documents.length > 0) out.documents = documents;
  const published = first ? member.publishedAt : story.publishedAt;
  if (published) out.publishedAt = published;
  return out;
}

function stronger(a: Evidence | undefined, b: Evidence | undefined): Evidence | undefined {
  if (!a) return b;
  if (!b) return a;
  return b.weighted > a.weighted ? b : a;
}

/** The highest spread threshold the outlet count has reached, or 0. */
export function spreadStep(outlets: number, thresholds: readonly number[]): number {
  let step = 0;
  for (const t of thresholds) if (outlets >= t) step = t;
  return step;
}

/**
 * The office hears about a story when it first reaches the alert level ("new"), when its level
 * rises after that ("level-rise"), and when it reaches the next spread threshold ("spread").
 */
function decideAlert(story: StoryRecord, itemId: string, policy: AlertPolicy, now: Date): AlertDecision | undefined {
  if (rank(story.level) < rank(policy.alertLevel)) return undefined;
  const spread = spreadStep(story.outlets.length, policy.spreadAlerts);
  const at = now.toISOString();
  if (rank(story.alerted.level) < rank(policy.alertLevel)) return { itemId, reason: 'new', level: story.level, spread, at };
  if (rank(story.level) > rank(story.alerted.level))
    return { itemId, reason: 'level-rise', level: story.level, spread: Math.max(spread, story.alerted.spread), at };
  if (spread > story.alerted.spread) return { itemId, reason: 'spread', level: story.level, spread, at };
  return undefined;
}
