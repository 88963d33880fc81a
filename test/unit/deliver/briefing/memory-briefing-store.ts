/** The briefing's store ports in memory, with the claim rules of the DynamoDB adapter. */
import type { StoryRecord } from '../../../../shared/classify/stories/story.js';
import type { ClassifiedItem } from '../../../../shared/platform/model.js';
import type { BriefingRecord } from '../../../../shared/deliver/ports.js';
import type { SourceState } from '../../../../shared/ingest/ports.js';

export class MemoryBriefingStore {
  items: ClassifiedItem[] = [];
  states: SourceState[] = [];
  stories = new Map<string, StoryRecord>();
  readonly briefings = new Map<string, BriefingRecord>();
  last: BriefingRecord | undefined;
  readonly claims = new Map<string, string>();
  /** Make listSourceStates fail, as a store outage would. */
  statesFail = false;

  async itemsSeenBetween(from: Date, to: Date) {
    return this.items.filter((i) => i.seenAt >= from.toISOString() && i.seenAt <= to.toISOString());
  }
  async getBriefing(localDate: string) {
    return this.briefings.get(localDate);
  }
  async lastBriefing() {
    return this.last;
  }
  async recordBriefing(record: BriefingRecord) {
    this.briefings.set(record.localDate, record);
    this.last = record;
  }
  async claimBriefing(localDate: string, now: Date, leaseSeconds: number): Promise<'claimed' | 'busy'> {
    const claimedAt = this.claims.get(localDate);
    if (claimedAt && Date.parse(claimedAt) > now.getTime() - leaseSeconds * 1000) return 'busy';
    this.claims.set(localDate, now.toISOString());
    return 'claimed';
  }
  async releaseBriefing(localDate: string) {
    this.claims.delete(localDate);
  }
  async listSourceStates() {
    if (this.statesFail) throw new Error('ProvisionedThroughputExceededException');
    return this.states;
  }
  async getStory(id: string) {
    return this.stories.get(id);
  }
}
