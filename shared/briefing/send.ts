/**
 * Writes and sends the morning briefing for the period since the previous one, once per London date:
 * a retried schedule finds the date recorded and sends nothing.
 */
import type { Config } from '../config/schema.js';
import type { Mailer } from '../email/message.js';
import type { BriefingLog, BriefingRecord, ItemStore } from '../store/dynamo-store.js';
import { londonDate } from '../time.js';
import { renderBriefing } from './render.js';

export interface BriefingDeps {
  config: Config;
  store: ItemStore & BriefingLog;
  mailer: Mailer;
}

/** With no previous briefing, the first one covers the last day. */
const FIRST_WINDOW_MS = 24 * 60 * 60 * 1000;

export type BriefingOutcome =
  | { status: 'sent'; record: BriefingRecord; location?: string }
  | { status: 'already-sent'; record: BriefingRecord };

export async function sendBriefing(now: Date, deps: BriefingDeps): Promise<BriefingOutcome> {
  const localDate = londonDate(now);
  const existing = await deps.store.getBriefing(localDate);
  if (existing) return { status: 'already-sent', record: existing };

  const previous = await deps.store.lastBriefing();
  const from = previous ? new Date(previous.windowTo) : new Date(now.getTime() - FIRST_WINDOW_MS);
  const items = await deps.store.itemsSeenBetween(from, now);
  const email = renderBriefing({ config: deps.config, items, window: { from, to: now }, generatedAt: now });
  const { messageId, location } = await deps.mailer.send({
    from: deps.config.briefing.from,
    to: deps.config.briefing.to,
    subject: email.subject,
    text: email.text,
    html: email.html,
    tag: `briefing-${localDate}`,
  });
  const record: BriefingRecord = {
    localDate,
    windowFrom: from.toISOString(),
    windowTo: now.toISOString(),
    sentAt: now.toISOString(),
    itemCount: items.length,
    sensitiveCount: items.filter((i) => i.sensitivity.sensitive).length,
    messageId,
  };
  await deps.store.recordBriefing(record);
  return { status: 'sent', record, ...(location ? { location } : {}) };
}
