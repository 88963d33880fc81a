/** A briefing log that answers "was the briefing of this date sent?" from a list of dates. */
import type { BriefingLog, BriefingRecord } from '../../shared/deliver/ports.js';

export function briefingRecord(localDate: string): BriefingRecord {
  return { localDate, windowFrom: '', windowTo: '', sentAt: '', itemCount: 0, sensitiveCount: 0, messageId: 'm' };
}

export function sentOn(dates: readonly string[]): Pick<BriefingLog, 'getBriefing'> {
  return { getBriefing: async (date) => (dates.includes(date) ? briefingRecord(date) : undefined) };
}
