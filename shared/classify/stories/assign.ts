/**
 * Puts an item into its story, safely when many run at once (parallel batches in AWS):
 *
 * 1. Read the stories first seen in the item's 48-hour window (story-store.ts: a Query per day).
 * 2. If the item is already a member (a redelivered message), that is its story: nothing changes.
 * 3. Otherwise join the most similar story above the threshold, or start one whose id comes from
 *    the item (so starting it twice is one story). Every write is conditional on the version read;
 *    on a conflict the item reads again and retries.
 * 4. Two outlets' items of one story can each start a story at the same moment, neither seeing the
 *    other. After starting one, the item looks again: if a matching story started earlier exists,
 *    this one is folded into it and marked `mergedInto`, so the story stays one.
 */
import { decodeSignature } from './signature.js';
import { matchesStory } from './same-story.js';
import {
  STORY_WINDOW_HOURS,
  absorbStory,
  joinStory,
  reviseMember,
  startStory,
  startedBy,
  type AlertDecision,
  type AlertPolicy,
  type AssessStory,
  type StoryMember,
  type StoryRecord,
} from './story.js';
import type { StoryStore } from './ports.js';

const WINDOW_MS = STORY_WINDOW_HOURS * 3_600_000;
/** Conflicts mean another item of the same story wrote first: each round, one writer wins. */
const MAX_ATTEMPTS = 20;
const MAX_REDIRECTS = 5;

export class StoryConflictError extends Error {
  constructor(itemId: string) {
    super(`could not place item ${itemId} in a story after ${MAX_ATTEMPTS} attempts: other writers kept changing it (the message will be retried)`);
    this.name = 'StoryConflictError';
  }
}

export interface AssignDeps {
  store: StoryStore;
  assess: AssessStory;
  policy: AlertPolicy;
  now: () => Date;
}

export interface Assignment {
  story: StoryRecord;
  /** The alert this item's arrival made due, if any (the same one again for a redelivered item). */
  alert?: AlertDecision | undefined;
}

export async function assignStory(member: StoryMember, deps: AssignDeps): Promise<Assignment> {
  const sig = decodeSignature(member.signature);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const stories = await candidates(member, deps);
    const home = stories.find((s) => s.members.includes(member.itemId));
    if (home) {
      if (home.mergedInto) {
        const live = await resolve(home, deps.store);
        return { story: live, alert: live.alerts.find((a) => a.itemId === member.itemId) ?? home.alerts.find((a) => a.itemId === member.itemId) };
      }
      // A crash may have come between starting this story and checking for a rival: check now.
      if (startedBy(home.id, member.itemId)) {
        const settled = await settleRace(home, member, sig, deps);
        if (settled) return settled;
      }
      return { story: home, alert: home.alerts.find((a) => a.itemId === member.itemId) };
    }

    const target = bestMatch(stories, sig, member);
    if (target) {
      const { story, alert } = joinStory(target, member, deps.assess, deps.policy, deps.now());
      if ((await deps.store.putStory(story, target.version)) === 'written') return { story: { ...story, version: target.version + 1 }, alert };
      await backOff(attempt);
      continue;
    }

    const { story, alert } = startStory(member, deps.assess, deps.policy, deps.now());
    if ((await deps.store.putStory(story, undefined)) === 'written') {
      const created = { ...story, version: 1 };
      return (await settleRace(created, member, sig, deps)) ?? { story: created, alert };
    }
    // It exists: an earlier attempt for this item started it, and the next read finds it.
  }
  throw new StoryConflictError(member.itemId);
}

/**
 * Takes a new version of an item into the story it is in (`storyId`, followed if it was merged):
 * stronger evidence can raise the story's level and make an alert due. Undefined when the story is
 * gone; then the item is assigned as if new.
 */
export async function reviseStory(storyId: string, member: StoryMember, version: number, deps: AssignDeps): Promise<Assignment | undefined> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const found = await deps.store.getStory(storyId);
    if (!found) return undefined;
    const current = await resolve(found, deps.store);
    const { story, alert } = reviseMember(current, member, version, deps.assess, deps.policy, deps.now());
    // Nothing new (or this version was already taken in, before a crash): no write.
    if (story === current) return { story: current, alert };
    if ((await deps.store.putStory(story, current.version)) === 'written') return { story: { ...story, version: current.version + 1 }, alert };
    await backOff(attempt);
  }
  throw new StoryConflictError(member.itemId);
}

/** Stories first seen within the window before the item, and any started since (by racing items). */
async function candidates(member: StoryMember, deps: AssignDeps): Promise<StoryRecord[]> {
  const seen = Date.parse(member.seenAt);
  const to = Math.max(seen, deps.now().getTime());
  return deps.store.storiesFirstSeenBetween(new Date(seen - WINDOW_MS), new Date(to));
}

/** How well the item matches the story (0 when it does not: same-story.ts decides). */
function matchScore(story: StoryRecord, sig: Uint8Array, member: StoryMember): number {
  if (story.mergedInto) return 0;
  if (Math.abs(Date.parse(member.seenAt) - Date.parse(story.firstSeenAt)) > WINDOW_MS) return 0;
  return matchesStory(story, { ...member, signature: sig });
}

function bestMatch(stories: readonly StoryRecord[], sig: Uint8Array, member: StoryMember): StoryRecord | undefined {
  let found: { story: StoryRecord; score: number } | undefined;
  for (const story of stories) {
    const score = matchScore(story, sig, member);
    if (score <= 0) continue;
    if (!found || score > found.score || (score === found.score && earlier(story, found.story))) found = { story, score };
  }
  return found?.story;
}

/** Which of two stories was started first: the one that stays when they turn out to be one. */
function earlier(a: StoryRecord, b: StoryRecord): boolean {
  return a.createdAt < b.createdAt || (a.createdAt === b.createdAt && a.id < b.id);
}

async function resolve(story: StoryRecord, store: StoryStore): Promise<StoryRecord> {
  let current = story;
  for (let hop = 0; hop < MAX_REDIRECTS && current.mergedInto; hop++) {
    const next = await store.getStory(current.mergedInto);
    if (!next) break;
    current = next;
  }
  return current;
}

/**
 * After this item started `mine`: if a matching story started earlier exists, fold `mine` into it.
 * Returns undefined when `mine` stands.
 */
async function settleRace(mine: StoryRecord, member: StoryMember, sig: Uint8Array, deps: AssignDeps): Promise<Assignment | undefined> {
  const stories = await candidates(member, deps);
  const rivals = stories.filter((s) => s.id !== mine.id && earlier(s, mine) && matchScore(s, sig, member) > 0);
  const first = rivals.sort((a, b) => (earlier(a, b) ? -1 : 1))[0];
  if (!first) return undefined;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const current = await deps.store.getStory(mine.id);
    if (!current) return undefined;
    if (current.mergedInto) {
      const live = await resolve(current, deps.store);
      return { story: live, alert: live.alerts.find((a) => a.itemId === member.itemId) };
    }
    const winner = await resolve((await deps.store.getStory(first.id)) ?? first, deps.store);
    const { story, alert } = absorbStory(winner, current, deps.assess, deps.policy, deps.now(), member.itemId);
    if ((await deps.store.putStory(story, winner.version)) === 'conflict') {
      await backOff(attempt);
      continue;
    }
    // Absorbing again after a conflict here is harmless: members are merged by id.
    if ((await deps.store.putStory({ ...current, mergedInto: winner.id }, current.version)) === 'conflict') {
      await backOff(attempt);
      continue;
    }
    return { story: { ...story, version: winner.version + 1 }, alert };
  }
  throw new StoryConflictError(member.itemId);
}

/** A short random wait, so writers that collided do not collide again in step. */
function backOff(attempt: number): Promise<void> {
  const ms = Math.random() * Math.min(50, 5 * (attempt + 1));
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Runs story assignments of one container one at a time: the records of a batch are processed in
 * parallel, and items of the same story in one batch should not race each other (other containers
 * still can; settleRace handles them).
 */
let tail: Promise<unknown> = Promise.resolve();
export function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  const run = tail.then(work, work);
  tail = run.catch(() => undefined);
  return run;
}
