/**
 * The UK Parliament Bills API (bills-api.parliament.uk/api/v1/Bills, newest update first) as
 * items: one item per bill per stage, so a bill moving on ("Renters' Rights Bill: report stage,
 * House of Lords") is new to the reader, while the same bill at the same stage is not. The JSON is
 * validated with zod; an answer of another shape fails the source with a reason naming the field.
 */
import * as z from 'zod';
import type { ItemDetails } from '../../platform/model.js';
import type { FeedEntry, ParsedFeed } from '../feeds/parse.js';
import { escapeHtml } from '../feeds/xml-nodes.js';
// Zone-less times are London's (the Bills API writes "2025-11-20T16:03:21.1233333"): read as the other Parliament readers read them.
import { londonInstant } from './api.js';
import type { BillEntry } from './bill-stages.js';

export class BillsApiError extends Error {
  readonly reason: string;
  constructor(reason: string, options?: { cause?: unknown }) {
    super(reason, options);
    this.name = 'BillsApiError';
    this.reason = reason;
  }
}

const stageSchema = z.object({
  /** This bill's own stage record: a bill that returns to a stage (ping-pong) gets a new one. */
  id: z.number().int().nullish(),
  /** The kind of stage (second reading, report stage, ...). */
  stageId: z.number().int().nullish(),
  description: z.string().min(1),
  abbreviation: z.string().nullish(),
  house: z.string().min(1),
  stageSittings: z.array(z.object({ date: z.string().nullish() })).nullish(),
});

const billSchema = z.object({
  billId: z.number().int().positive(),
  shortTitle: z.string().min(1),
  currentHouse: z.string().nullish(),
  originatingHouse: z.string().nullish(),
  lastUpdate: z.string().min(1),
  isAct: z.boolean().nullish(),
  isDefeated: z.boolean().nullish(),
  billWithdrawn: z.string().nullish(),
  currentStage: stageSchema.nullish(),
});

export const billsResponseSchema = z.object({
  items: z.array(billSchema),
  totalResults: z.number().int().nullish(),
});
type Bill = z.infer<typeof billSchema>;

const BILL_PAGE = 'https://bills.parliament.uk/bills/';
const HOUSES: Record<string, string> = { commons: 'House of Commons', lords: 'House of Lords' };

/** Reads the API's answer (already decoded text); throws BillsApiError with a plain reason. */
export function parseBillsResponse(text: string): ParsedFeed {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const looksHtml = /^\s*</.test(text);
    throw new BillsApiError(looksHtml ? 'the Bills API sent a web page instead of JSON' : 'the Bills API sent something that is not JSON', { cause: error });
  }
  const parsed = billsResponseSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.map(String).join('.') : 'the answer';
    throw new BillsApiError(`the Bills API answered in an unexpected shape (${where}: ${issue?.message ?? 'invalid'})`, { cause: parsed.error });
  }
  return { title: 'UK Parliament bills', entries: parsed.data.items.map(toEntry) };
}

function toEntry(bill: Bill): BillEntry {
  const stage = bill.currentStage ?? undefined;
  const house = stage ? houseName(stage.house) : undefined;
  const stageWords = stage ? stageText(stage.description) : undefined;
  const title = [bill.shortTitle, [stageWords, house].filter(Boolean).join(', ')].filter(Boolean).join(': ');
  const details: ItemDetails = { documentType: bill.isAct ? 'Act of Parliament' : 'Bill' };
  if (stage) details.billStage = stage.description;
  if (house) details.billHouse = house;
  const entry: BillEntry = {
    billTitle: bill.shortTitle,
    guid: `parliament-bill:${bill.billId}:stage:${stageIdentity(stage)}`,
    guidIsPermaLink: false,
    title: escapeHtml(title),
    link: `${BILL_PAGE}${bill.billId}`,
    summaryHtml: escapeHtml(summaryOf(bill, stageWords, house)),
    categories: [],
    kind: 'bill',
    details,
  };
  const published = londonInstant(bill.lastUpdate);
  entry.published = published ?? bill.lastUpdate;
  return entry;
}

/** Each stage a bill reaches has its own record id; without one, the kind of stage and the house stand in. */
function stageIdentity(stage: Bill['currentStage']): string {
  if (!stage) return 'none';
  if (stage.id !== null && stage.id !== undefined) return String(stage.id);
  return `${stage.stageId ?? ''}:${stage.house}:${stage.description}`;
}

/** "Commons" → "House of Commons"; anything else as given, unless it names no house ("Unassigned"). */
function houseName(house: string): string | undefined {
  const known = HOUSES[house.trim().toLowerCase()];
  if (known) return known;
  return /^(unassigned|all|none)$/i.test(house.trim()) ? undefined : house.trim();
}

/** "Report stage" → "report stage", as it reads after a colon; "Royal Assent" keeps its capitals. */
function stageText(description: string): string {
  const text = description.trim();
  if (/^royal assent/i.test(text)) return text;
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function summaryOf(bill: Bill, stageWords: string | undefined, house: string | undefined): string {
  const parts: string[] = [];
  if (bill.isAct) parts.push('Now an Act of Parliament.');
  else if (bill.billWithdrawn) parts.push('Withdrawn.');
  else if (bill.isDefeated) parts.push('Defeated.');
  else if (stageWords) parts.push(`Now at ${stageWords}${house ? ` in the ${house}` : ''}.`);
  const sitting = bill.currentStage?.stageSittings
    ?.map((s) => s.date)
    .filter((d): d is string => Boolean(d))
    .at(-1);
  const sittingAt = sitting ? londonInstant(sitting) : undefined;
  if (sittingAt)
    parts.push(`Sitting: ${new Date(sittingAt).toLocaleDateString('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric' })}.`);
  const origin = bill.originatingHouse ? houseName(bill.originatingHouse) : undefined;
  if (origin) parts.push(`Started in the ${origin}.`);
  return parts.join(' ');
}
