/** What story assignment needs: where stories are read and written (shared/adapters/aws/story-store.ts). */
import type { StoryRecord } from './story.js';

export interface StoryStore {
  /**
   * Stories started on the UTC days from `from` to `to` (the day partitions their ids name): this
   * container's writes at once, other containers' within about a second (story-window.ts).
   */
  storiesFirstSeenBetween(from: Date, to: Date): Promise<StoryRecord[]>;
  getStory(id: string): Promise<StoryRecord | undefined>;
  /**
   * Writes the story as version `expected + 1` if the stored one is still version `expected`
   * (`undefined`: only if there is none yet); "conflict" when another writer got there first.
   */
  putStory(story: StoryRecord, expected: number | undefined): Promise<'written' | 'conflict'>;
}
