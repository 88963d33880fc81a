/**
 * Classifies one queued item, puts it in its story and stores it exactly once; queues an alert when
 * the story first becomes sensitive, when its level rises, and when it spreads past a threshold.
 *
 * Order matters for crashes: the story join and the priority rows are written first (both can be
 * repeated harmlessly), the item last (a conditional put: its existence means "done"), with its
 * alert "pending"; then the alert is queued and marked "queued". A redelivered message finds the
 * item and only re-queues an alert still pending; the alerter ignores a second copy.
 */
import { assignStory, oneAtATime } from './stories/assign.js';
import { encodeSignature, shingles, signature } from './stories/signature.js';
import type { AlertDecision, StoryRecord } from './stories/story.js';
import type { AlertMessage, ClassifiedItem, NormalisedItem, StorySummary } from '../platform/model.js';
import type { ItemStore } from './ports.js';
import type { PriorityIndex, StoryStore } from './ports.js';
import { classifyText, outletOf, type CompiledRules } from './compile-rules.js';
import { scoreStory, storyReasons, storySensitivity } from './sensitivity/score.js';

export interface ClassifyDeps {
  rules: CompiledRules;
  store: ItemStore & StoryStore & PriorityIndex;
  sendAlert: (message: AlertMessage) => Promise<void>;
  now: () => Date;
}

export type ClassifyOutcome = { status: 'stored' | 'duplicate'; item: ClassifiedItem; alertQueued: boolean };

export async function classifyAndStore(input: NormalisedItem, deps: ClassifyDeps): Promise<ClassifyOutcome> {
  const existing = await deps.store.getItemRecord(input.id);
  if (existing) {
    // Redelivery: the item is stored. Only an alert that never reached the queue is still owed.
    const owed = existing.alertState === 'pending';
    if (owed) await queueAlert(existing.item, existing.alert, deps);
    return { status: 'duplicate', item: existing.item, alertQueued: owed };
  }

  const { rules } = deps;
  const outlet = outletOf(rules, input);
  const { priorities, assessment } = classifyText({ title: input.title, summary: input.summary, sourceId: input.sourceId, link: input.link }, rules, outlet);
  const member = {
    itemId: input.id,
    sourceId: input.sourceId,
    sourceName: outlet.name,
    seenAt: input.seenAt,
    signature: encodeSignature(signature(shingles(input, rules.commonWords))),
    priorities: priorities.map((p) => p.id),
    evidence: assessment.evidence,
  };
  const { story, alert } = await oneAtATime(() =>
    assignStory(member, {
      store: deps.store,
      assess: (best, outlets) => scoreStory(rules.sensitivity, best, outlets),
      policy: rules.sensitivity.settings,
      now: deps.now,
    }),
  );

  const sensitivity = storySensitivity(rules.sensitivity, story, { sourceId: input.sourceId, spans: assessment.spans });
  const item: ClassifiedItem = { ...input, priorities, sensitivity, clusterId: story.id, classifiedAt: deps.now().toISOString() };
  if (priorities.length > 0) await deps.store.indexByPriority(item);
  const created = await deps.store.putItemIfAbsent({ item, ...(alert ? { alertState: 'pending' as const, alert } : {}) });
  if (created === 'exists') return { status: 'duplicate', item, alertQueued: false };
  if (alert) await queueAlert(item, alert, deps, story);
  return { status: 'stored', item, alertQueued: alert !== undefined };
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
