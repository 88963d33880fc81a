/**
 * The briefing nobody sent: `despatch start` begun after the briefing time on a briefing day would
 * otherwise wait for tomorrow's schedule and say nothing. Pure apart from reading the log, so the
 * caller decides what to do with the answer (send it once, and say so).
 */
import type { Config } from '../../platform/config/schema.js';
import { londonDate, londonParts } from '../../platform/time.js';
import type { BriefingLog } from '../ports.js';

/**
 * The London date (YYYY-MM-DD) whose briefing is due now and has not been sent: today is a
 * briefing day, its briefing time (Europe/London, either side of the clock changes) has passed and
 * no briefing is recorded for it. Otherwise null: before the time the schedule will send it, and
 * on a day without a briefing there is nothing to miss. Only today counts: a briefing missed on an
 * earlier day is not sent late (the next one covers its period anyway).
 */
export async function missedBriefingDue(now: Date, config: Pick<Config, 'briefing'>, briefingLog: Pick<BriefingLog, 'getBriefing'>): Promise<string | null> {
  const [hour, minute] = config.briefing.time.split(':').map(Number) as [number, number];
  const local = londonParts(now);
  if (!config.briefing.days.includes(local.weekday)) return null;
  if (local.hour * 60 + local.minute < hour * 60 + minute) return null;
  const date = londonDate(now);
  return (await briefingLog.getBriefing(date)) ? null : date;
}
