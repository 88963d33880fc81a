/**
 * Classifies one queued item, puts it in its story and stores it exactly once; queues an alert when
 * the story first becomes sensitive, when its level rises, and when it spreads past a threshold.
 *
 * Order matters for crashes: the story join and the priority rows are written first (both can be
 * repeated harmlessly), the item last (a conditional put: its existence means "done"), with its
 * alert "pending"; then the alert is queued and marked "queued". A redelivered message finds the
 * item and only re-queues an alert still pending; the alerter ignores a second copy.
 *
 * A changed item (the same id, a different headline or snippet: contentFingerprint) is a new
 * version, not a duplicate: it is classified again, its evidence taken into its story (which can
 * make an alert due, decided once per version), and it replaces the stored item conditionally on
 * the version read, keeping its first-seen time. A version older than the stored one (messages
 * arrive in any order) changes nothing.
 */
import { assignStory, oneAtATime, reviseStory, type AssignDeps } from './stories/assign.js';
import { encodeSignature } from './stories/signature.js';
import { storyFeatures } from './stories/same-story.js';
import type { AlertDecision, StoryMember, StoryRecord } from './stories/story.js';
import { contentFingerprint, type AlertMessage, type ClassifiedItem, type NormalisedItem, type StorySummary } from '../platform/model.js';
import type { ItemStore, StoredItemRecord } from './ports.js';
import type { PriorityIndex, StoryStore } from './ports.js';
import { classifyText, outletOf, type CompiledRules } from './compile-rules.js';
import { withinExtent } from './relevance.js';
import { scoreStory, storyReasons, storySensitivity } from './sensitivity/score.js';

export interface ClassifyDeps {
  rules: CompiledRules;
  store: ItemStore & StoryStore & PriorityIndex;
  sendAlert: (message: AlertMessage) => Promise<void>;
  now: () => Date;
}

/** stored: a new item; updated: a new version of a stored one; duplicate: nothing new (a redelivery, or an older version). */
export type ClassifyOutcome = { status: 'stored' | 'updated' | 'duplicate'; item: ClassifiedItem; alertQueued: boolean };

export async function classifyAndStore(input: NormalisedItem, deps: ClassifyDeps): Promise<ClassifyOutcome> {
  const existing = await deps.store.getItemRecord(input.id);
  if (existing && isNewerVersion(input, existing.item)) return storeNewVersion(input, existing, deps);
  if (existing) {
    // Redelivery: the item is stored. Only an alert that never reached the queue is still owed.
    const owed = existing.alertState === 'pending';
    if (owed) await queueAlert(existing.item, existing.alert, deps);
    return { status: 'duplicate', item: existing.item, alertQueued: owed };
  }

  const { priorities, assessment, member } = classifyForStory(input, deps.rules);
  const { story, alert: decided } = await oneAtATime(() => assignStory(member, storyDeps(deps)));
  const alert = alertable(input, deps.rules) ? decided : undefined;

  const sensitivity = storySensitivity(deps.rules.sensitivity, story, { sourceId: input.sourceId, spans: assessment.spans });
  const item: ClassifiedItem = { ...input, priorities, sensitivity, clusterId: story.id, classifiedAt: deps.now().toISOString() };
  if (priorities.length > 0) await deps.store.indexByPriority(item);
  const created = await deps.store.putItemIfAbsent({ item, ...(alert ? { alertState: 'pending' as const, alert } : {}) });
  if (created === 'exists') return { status: 'duplicate', item, alertQueued: false };
  if (alert) await queueAlert(item, alert, deps, story);
  return { status: 'stored', item, alertQueued: alert !== undefined };
}

/**
 * Whether the message is a later version than the stored item: it says something else, and was
 * seen after the stored version (so an older version delivered late is not taken for a newer one).
 */
function isNewerVersion(input: NormalisedItem, stored: ClassifiedItem): boolean {
  if (contentFingerprint(input) === contentFingerprint(stored)) return false;
  return Date.parse(input.seenAt) > Date.parse(stored.updatedAt ?? stored.seenAt);
}

async function storeNewVersion(input: NormalisedItem, existing: StoredItemRecord, deps: ClassifyDeps): Promise<ClassifyOutcome> {
  const previous = existing.item;
  // An alert the previous version made due but never queued is still owed, whatever this one says.
  if (existing.alertState === 'pending') await queueAlert(previous, existing.alert, deps);
  const version = (previous.version ?? 1) + 1;
  // The story knows the item by when it was first seen.
  const first = { ...input, seenAt: previous.seenAt };
  const { priorities, assessment, member } = classifyForStory(first, deps.rules);
  const known = previous.clusterId;
  const assignment = known ? await oneAtATime(() => reviseStory(known, member, version, storyDeps(deps))) : undefined;
  // An item stored before stories, or whose story is gone: place it as a new item would be.
  const { story, alert: decided } = assignment ?? (await oneAtATime(() => assignStory(member, storyDeps(deps))));
  const alert = alertable(input, deps.rules) ? decided : undefined;

  const sensitivity = storySensitivity(deps.rules.sensitivity, story, { sourceId: input.sourceId, spans: assessment.spans });
  const headlineChanged = previous.title !== input.title;
  const previousTitle = headlineChanged ? previous.title : previous.previousTitle;
  const item: ClassifiedItem = {
    ...first,
    priorities,
    sensitivity,
    clusterId: story.id,
    classifiedAt: deps.now().toISOString(),
    version,
    updatedAt: input.seenAt,
    ...(previousTitle !== undefined ? { previousTitle } : {}),
  };
  if (priorities.length > 0) await deps.store.indexByPriority(item);
  const dropped = previous.priorities.map((p) => p.id).filter((id) => !priorities.some((p) => p.id === id));
  if (dropped.length > 0) await deps.store.removeFromPriorities(item, dropped);
  // The previous version's alert, if any, was queued above or before: it stays on record as queued.
  const earlier = existing.alertState ? { alertState: 'queued' as const, ...(existing.alert ? { alert: existing.alert } : {}) } : {};
  const record: StoredItemRecord = alert ? { item, alertState: 'pending', alert } : { item, ...earlier };
  if ((await deps.store.replaceItem(record, previous.version ?? 1)) === 'conflict') {
    // Another message stored a version first (or the item expired): decide again on what is there now.
    return classifyAndStore(input, deps);
  }
  if (alert) await queueAlert(item, alert, deps, story);
  return { status: 'updated', item, alertQueued: alert !== undefined };
}

/**
 * Legislation outside the configured extent (a Scottish SSI for an English council) is kept, so a
 * later poll finds it known, but is not the office's news: the briefing leaves it out and it is
 * never alerted, whatever words it contains.
 */
function alertable(item: NormalisedItem, rules: CompiledRules): boolean {
  return withinExtent(item, rules.extents);
}

function storyDeps(deps: ClassifyDeps): AssignDeps {
  const { rules } = deps;
  return {
    store: deps.store,
    assess: (best, outlets) => scoreStory(rules.sensitivity, best, outlets),
    policy: rules.sensitivity.settings,
    now: deps.now,
  };
}

/** The item's priorities and sensitivity evidence, and what it brings to a story. */
function classifyForStory(input: NormalisedItem, rules: CompiledRules) {
  const outlet = outletOf(rules, input);
  const { priorities, assessment } = classifyText({ title: input.title, summary: input.summary, sourceId: input.sourceId, link: input.link }, rules, outlet);
  const features = storyFeatures(input, rules.commonWords);
  // A meeting is one event however alike its listing is to the next one ("Agenda: …" from the same
  // committee system): two meetings are never one story, as two documents are not. Coverage of the
  // meeting in the press may still join it.
  const document = features.document ?? (input.kind === 'meeting' ? `meeting:${input.id}` : undefined);
  const member: StoryMember = {
    itemId: input.id,
    sourceId: input.sourceId,
    sourceName: outlet.name,
    seenAt: input.seenAt,
    signature: encodeSignature(features.signature),
    keys: features.keys,
    events: features.events,
    ...(document ? { document } : {}),
    // An undated item's time is when it was first seen: not a publication date to compare.
    ...(input.dateFlag ? {} : { publishedAt: input.publishedAt }),
    priorities: priorities.map((p) => p.id),
    evidence: assessment.evidence,
  };
  return { priorities, assessment, member };
}

async function queueAlert(item: ClassifiedItem, alert: AlertDecision | undefined, deps: ClassifyDeps, known?: StoryRecord): Promise<void> {
  const story = known ?? (item.clusterId ? await liveStory(item.clusterId, deps.store) : undefined);
  await deps.sendAlert({
    v: 1,
    kind: 'sensitive-item',
    item,
    reason: alert?.reason ?? 'new',
    ...(story && alert ? { story: summarise(story, alert, deps.rules) } : {}),
  });
  await deps.store.markAlertQueued(item.id);
}

async function liveStory(id: string, store: StoryStore): Promise<StoryRecord | undefined> {
  let story = await store.getStory(id);
  for (let hop = 0; hop < 5 && story?.mergedInto; hop++) story = await store.getStory(story.mergedInto);
  return story;
}

/** The story as the alert describes it: at the level and spread the alert is about. */
function summarise(story: StoryRecord, alert: AlertDecision, rules: CompiledRules): StorySummary {
  return {
    id: story.id,
    size: story.size,
    outlets: story.outlets,
    firstSeenAt: story.firstSeenAt,
    level: alert.level,
    score: scoreStory(rules.sensitivity, story.best, story.outlets.length).score,
    reasons: storyReasons(rules.sensitivity, story),
    spread: alert.spread,
  };
}
