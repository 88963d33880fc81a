/**
 * The classifier's store ports in memory, with the same conditional-write rules as the DynamoDB
 * adapter (an item is put once and replaced only over the version read; a story write must expect
 * the stored version). Every call yields to the event loop first, as a network call would, so
 * concurrent use interleaves as in AWS.
 */
import type { StoryRecord } from '../../../shared/classify/stories/story.js';
import { storyDay } from '../../../shared/classify/stories/story.js';
import type { ItemStore, StoredItemRecord } from '../../../shared/classify/ports.js';
import type { PriorityEntry, PriorityIndex, StoryStore } from '../../../shared/classify/ports.js';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

export class MemoryStore implements ItemStore, StoryStore, PriorityIndex {
  readonly records = new Map<string, StoredItemRecord>();
  readonly stories = new Map<string, StoryRecord>();
  readonly priorityRows = new Map<string, PriorityEntry>();
  /** Story writes made, including ones refused for a stale version. */
  storyWrites = 0;

  async putItemIfAbsent(record: StoredItemRecord): Promise<'created' | 'exists'> {
    await tick();
    if (this.records.has(record.item.id)) return 'exists';
    this.records.set(record.item.id, structuredClone(record));
    return 'created';
  }

  async replaceItem(record: StoredItemRecord, expected: number): Promise<'replaced' | 'conflict'> {
    await tick();
    const stored = this.records.get(record.item.id);
    if (!stored || (stored.item.version ?? 1) !== expected) return 'conflict';
    this.records.set(record.item.id, structuredClone(record));
    return 'replaced';
  }

  async getItemRecord(id: string): Promise<StoredItemRecord | undefined> {
    await tick();
    const record = this.records.get(id);
    return record && structuredClone(record);
  }

  async markAlertQueued(id: string): Promise<void> {
    await tick();
    const record = this.records.get(id);
    if (record) record.alertState = 'queued';
  }

  async itemsSeenBetween(): Promise<never[]> {
    return [];
  }

  async storiesFirstSeenBetween(from: Date, to: Date): Promise<StoryRecord[]> {
    await tick();
    const first = from.toISOString().slice(0, 10);
    const last = to.toISOString().slice(0, 10);
    return [...this.stories.values()].filter((s) => storyDay(s.id) >= first && storyDay(s.id) <= last).map((s) => structuredClone(s));
  }

  async getStory(id: string): Promise<StoryRecord | undefined> {
    await tick();
    const story = this.stories.get(id);
    return story && structuredClone(story);
  }

  async putStory(story: StoryRecord, expected: number | undefined): Promise<'written' | 'conflict'> {
    await tick();
    this.storyWrites++;
    const stored = this.stories.get(story.id);
    if (expected === undefined ? stored !== undefined : stored?.version !== expected) return 'conflict';
    this.stories.set(story.id, structuredClone({ ...story, version: (expected ?? 0) + 1 }));
    return 'written';
  }

  async indexByPriority(item: Parameters<PriorityIndex['indexByPriority']>[0]): Promise<void> {
    await tick();
    for (const tag of item.priorities) {
      this.priorityRows.set(`${tag.id}#${item.id}`, {
        itemId: item.id,
        priorityId: tag.id,
        seenAt: item.seenAt,
        title: item.title,
        sourceId: item.sourceId,
        sourceName: item.sourceName,
        link: item.link,
        level: item.sensitivity.level,
        ...(item.clusterId ? { clusterId: item.clusterId } : {}),
      });
    }
  }

  async removeFromPriorities(item: { id: string }, priorityIds: readonly string[]): Promise<void> {
    await tick();
    for (const id of priorityIds) this.priorityRows.delete(`${id}#${item.id}`);
  }

  async itemsByPriority(priorityId: string): Promise<PriorityEntry[]> {
    return [...this.priorityRows.values()].filter((r) => r.priorityId === priorityId);
  }
}
