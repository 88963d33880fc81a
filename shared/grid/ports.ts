/**
 * What the grid needs: where weeks, slots and the log of draft reads are kept. Implemented by
 * shared/adapters/aws/grid-store.ts.
 */
import * as z from 'zod';
import type { GridWeek, Slot } from './model.js';

export const draftReadSchema = z.object({
  week: z.string(),
  who: z.string(),
  at: z.string(),
  /** What was read: "week", "export csv". */
  what: z.string(),
});

export type DraftRead = z.infer<typeof draftReadSchema>;

export interface SavePlanOutcome {
  readonly written: number;
  /** Slots someone changed while the planner ran: theirs are kept. */
  readonly raced: number;
}

export interface GridStore {
  getWeek(week: string): Promise<GridWeek | undefined>;
  getSlot(week: string, id: string): Promise<Slot | undefined>;
  /** Writes a plan over the stored one: new and redrafted slots, and removes drafts no longer in it. */
  savePlan(grid: GridWeek, previous: GridWeek | undefined): Promise<SavePlanOutcome>;
  /** Writes a slot if the stored one is still at `expectedVersion`; otherwise ConflictError. */
  putSlot(slot: Slot, expectedVersion: number): Promise<void>;
  logDraftRead(read: DraftRead): Promise<void>;
  draftReads(week: string): Promise<DraftRead[]>;
}
