/**
 * Which days GET /api/coverage covers. `?week=` (or nothing: this week) keeps its meaning — the
 * week and the lookback before it, up to today; `?from=&to=` (London dates, inclusive) names any
 * range up to MAX_COVERAGE_DAYS long, so a person can look at "since 1 November" and click a bar.
 */
import * as z from 'zod';
import { addDays, daysBetween, isoWeekOf, weekDates } from '../grid/calendar.js';
import { InvalidRequestError } from '../grid/errors.js';

/**
 * The longest range asked for at once: coverage reads the item store, not the archive, and a quarter
 * is already ~270,000 items at reference load; longer questions are for search.
 */
export const MAX_COVERAGE_DAYS = 92;

export interface CoverageRange {
  from: string;
  /** At most today: there is nothing to count after it. */
  to: string;
}

const day = z.iso.date();

export interface CoverageParams {
  week: string | null;
  from: string | null;
  to: string | null;
}

/**
 * The range for the parameters; throws InvalidRequestError naming the parameter at fault.
 * `checkWeek` is the API's own week check (refuses week 53 of a 52-week year as the grid does).
 * A range in the future comes back with `to` before `from`: the caller shows it empty, as it
 * always has a future week.
 */
export function coverageRange(params: CoverageParams, today: string, lookbackDays: number, checkWeek: (week: string) => string): CoverageRange {
  if (params.from === null && params.to === null) {
    const dates = weekDates(params.week ? checkWeek(params.week) : isoWeekOf(today));
    const last = dates[6] as string;
    return { from: addDays(dates[0] as string, -lookbackDays), to: last < today ? last : today };
  }
  if (params.week) throw new InvalidRequestError('Ask for a week or for from/to, not both.');
  const from = params.from === null ? undefined : parseDay('from', params.from);
  const to = params.to === null ? undefined : parseDay('to', params.to);
  // One end alone: a week from `from`, or the week up to `to`.
  const start = from ?? addDays(to as string, -6);
  const end = to ?? addDays(start, 6);
  if (end < start) throw new InvalidRequestError(`to (${end}) is before from (${start}).`);
  const length = daysBetween(start, end) + 1;
  if (length > MAX_COVERAGE_DAYS)
    throw new InvalidRequestError(`The range is ${length} days; coverage shows at most ${MAX_COVERAGE_DAYS} at once (search covers the whole archive).`);
  return { from: start, to: end < today ? end : today };
}

function parseDay(name: 'from' | 'to', value: string): string {
  const parsed = day.safeParse(value);
  if (!parsed.success) throw new InvalidRequestError(`${name} must be a date as YYYY-MM-DD, not "${value.slice(0, 40)}".`);
  return parsed.data;
}
