/**
 * A bill moving on says from what to what ("Renters' Rights Bill: Committee stage → Report stage,
 * House of Lords"). Each stage a bill reaches is its own item (bills.ts), so the stage it left is
 * known only from the previous poll: the source's state keeps, per bill, the stage item last seen
 * and the stage before it. The "from" is fixed when the stage changes and kept while the bill stays
 * at that stage, so an item's title never changes between polls (a changed title would be news again).
 * Works on the Bills API's entries and the old Parliament RSS's (p4:stage) alike: both are kind bill.
 */
import * as z from 'zod';
import type { FeedEntry } from '../feeds/parse.js';
import { escapeHtml } from '../feeds/xml-nodes.js';

const stageSchema = z.object({ stage: z.string(), house: z.string().optional() });
export const billStagesSchema = z.record(z.string(), z.object({ guid: z.string(), now: stageSchema, from: stageSchema.optional() }));
/** Per bill (its page's link): the stage item last seen, where the bill is, and where it was before. */
export type BillStages = z.infer<typeof billStagesSchema>;
type Stage = z.infer<typeof stageSchema>;

/** The most bills remembered: the bills of a session or two; the longest untouched are forgotten first. */
const MAX_BILLS = 1000;

/** A bill entry's own title (no stage) for readers that make one: the from → to title is built from it. */
export interface BillEntry extends FeedEntry {
  billTitle?: string;
}

export function withStageChanges(entries: readonly BillEntry[], previous: BillStages | undefined): { entries: FeedEntry[]; stages: BillStages } {
  const stages: BillStages = { ...(previous ?? {}) };
  const out = entries.map((entry): FeedEntry => {
    const { billTitle, ...plain } = entry;
    const now = stageOf(entry);
    const key = entry.link ?? '';
    if (entry.kind !== 'bill' || !now || !key || !entry.guid) return plain;
    const before = stages[key];
    const from = before ? (before.guid === entry.guid ? before.from : before.now) : undefined;
    delete stages[key];
    stages[key] = { guid: entry.guid, now, ...(from ? { from } : {}) };
    if (!from || !billTitle || sameStage(from, now)) return plain;
    const moved = movedText(from, now);
    return {
      ...plain,
      title: escapeHtml(`${billTitle}: ${moved}`),
      summaryHtml: `${escapeHtml(`Moved: ${moved}.`)}${plain.summaryHtml ? ` ${plain.summaryHtml}` : ''}`,
      details: { ...plain.details, billStageFrom: [from.stage, from.house].filter(Boolean).join(', ') },
    };
  });
  const keys = Object.keys(stages);
  for (const key of keys.slice(0, Math.max(0, keys.length - MAX_BILLS))) delete stages[key];
  return { entries: out, stages };
}

function stageOf(entry: FeedEntry): Stage | undefined {
  const stage = entry.details?.billStage?.trim();
  if (!stage) return undefined;
  const house = entry.details?.billHouse?.trim();
  return house ? { stage, house } : { stage };
}

function sameStage(a: Stage, b: Stage): boolean {
  return a.stage.toLowerCase() === b.stage.toLowerCase() && (a.house ?? '') === (b.house ?? '');
}

/** "Committee stage → Report stage, House of Lords"; across Houses each side names its own. */
function movedText(from: Stage, to: Stage): string {
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  if ((from.house ?? '') === (to.house ?? '')) return `${cap(from.stage)} → ${cap(to.stage)}${to.house ? `, ${to.house}` : ''}`;
  return `${cap(from.stage)}${from.house ? `, ${from.house}` : ''} → ${cap(to.stage)}${to.house ? `, ${to.house}` : ''}`;
}
