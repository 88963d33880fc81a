/**
 * The law on council publicity, as the planner applies it. Every channel run by council staff
 * follows the Code of Recommended Practice on Local Authority Publicity (s.4 Local Government Act
 * 1986): objective, even-handed, never party political (s.2). In a pre-election period — from the
 * notice of election to polling day — staff-run channels carry no publicity about the Mayor and
 * nothing politically controversial; factual notices (meetings, consultations, awareness days)
 * may continue. The reasons are written for the assistant, who has to defend each decision.
 */
import type { GridChannelConfig, GridConfig } from '../platform/config/schema.js';
import { shortDate } from './calendar.js';
import type { Hook } from './model.js';
import { queryInWords } from './query-words.js';

export type PreElectionPeriod = GridConfig['preElection'][number];

/** The pre-election period a date falls in, if any (both ends inclusive). */
export function preElectionPeriodOn(date: string, grid: GridConfig): PreElectionPeriod | undefined {
  return grid.preElection.find((p) => p.noticeOfElection <= date && date <= p.poll);
}

export function describePeriod(period: PreElectionPeriod): string {
  const name = period.name ? `${period.name}: ` : '';
  return `${name}pre-election period from the notice of election (${shortDate(period.noticeOfElection)}) to the poll (${shortDate(period.poll)})`;
}

export type PublicityDecision = { readonly allowed: true } | { readonly allowed: false; readonly reason: string };

const CODE = 'Code of Recommended Practice on Local Authority Publicity';

/** Whether a hook may become a post on a channel on a date, and if not, why not. */
export function publicityDecision(hook: Hook, channel: GridChannelConfig, date: string, grid: GridConfig): PublicityDecision {
  if (!channel.staffRun) return { allowed: true };
  const period = preElectionPeriodOn(date, grid);
  if (!period) return { allowed: true };
  const during = `In the ${describePeriod(period)}, staff-run channels carry`;
  if (hook.aboutMayor) {
    return { allowed: false, reason: `${during} no publicity about the Mayor, and this story names the Mayor (${CODE}).` };
  }
  if (hook.controversial.length > 0) {
    // The terms are rule queries ('"Lib Dem*"'): the reason says them in words.
    const terms = hook.controversial.map(queryInWords).join(', ');
    return { allowed: false, reason: `${during} nothing politically controversial, and this mentions ${terms} (${CODE}).` };
  }
  if (hook.kind === 'priority' || hook.kind === 'legislation') {
    const what = hook.priorityName ? `the Mayor's priority "${hook.priorityName}"` : "the Mayor's programme";
    return { allowed: false, reason: `${during} no promotion of ${what}; it can be planned again after the poll (${CODE}).` };
  }
  return { allowed: true };
}

/** Whether a post on this channel and date must be written neutrally (no Mayor's voice). */
export function mustBeNeutral(channel: GridChannelConfig, date: string, grid: GridConfig): boolean {
  return channel.staffRun && preElectionPeriodOn(date, grid) !== undefined;
}
