/**
 * Classifies one queued item and stores it exactly once. A sensitive item is stored with its alert
 * "pending", the alert is queued, then marked "queued": a crash in between is repaired by the
 * redelivered message, and the alerter ignores a second alert for the same item.
 */
import type { AlertMessage, ClassifiedItem, NormalisedItem } from '../model.js';
import type { ItemStore } from '../store/dynamo-store.js';
import { classifyText, type CompiledRules } from './rules.js';

export interface ClassifyDeps {
  rules: CompiledRules;
  store: ItemStore;
  sendAlert: (message: AlertMessage) => Promise<void>;
  now: () => Date;
}

export type ClassifyOutcome = { status: 'stored' | 'duplicate'; item: ClassifiedItem; alertQueued: boolean };

export async function classifyAndStore(input: NormalisedItem, deps: ClassifyDeps): Promise<ClassifyOutcome> {
  const existing = await deps.store.getItemRecord(input.id);
  if (existing) {
    // Redelivery: the item is stored. Only an alert that never reached the queue is still owed.
    const owed = existing.alertState === 'pending';
    if (owed) await queueAlert(existing.item, deps);
    return { status: 'duplicate', item: existing.item, alertQueued: owed };
  }

  const { priorities, sensitivity } = classifyText({ title: input.title, summary: input.summary }, deps.rules);
  const item: ClassifiedItem = { ...input, priorities, sensitivity, classifiedAt: deps.now().toISOString() };
  const created = await deps.store.putItemIfAbsent({ item, ...(sensitivity.sensitive ? { alertState: 'pending' as const } : {}) });
  if (created === 'exists') return { status: 'duplicate', item, alertQueued: false };
  if (sensitivity.sensitive) await queueAlert(item, deps);
  return { status: 'stored', item, alertQueued: sensitivity.sensitive };
}

async function queueAlert(item: ClassifiedItem, deps: ClassifyDeps): Promise<void> {
  await deps.sendAlert({ v: 1, kind: 'sensitive-item', item });
  await deps.store.markAlertQueued(item.id);
}
