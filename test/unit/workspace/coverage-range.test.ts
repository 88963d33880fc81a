/** Which days GET /api/coverage covers: a week as before, or a from/to range, bounded and checked. */
import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../../../shared/grid/errors.js';
import { coverageRange, MAX_COVERAGE_DAYS } from '../../../shared/workspace/coverage-range.js';

const TODAY = '2026-12-09'; // a Wednesday
const none = { week: null, from: null, to: null };
const checkWeek = (week: string) => week;

describe('coverageRange', () => {
  it('keeps the old meaning without from/to: this week and the lookback, up to today', () => {
    expect(coverageRange(none, TODAY, 14, checkWeek)).toEqual({ from: '2026-11-23', to: TODAY });
    expect(coverageRange({ ...none, week: '2026-W49' }, TODAY, 0, checkWeek)).toEqual({ from: '2026-11-30', to: '2026-12-06' });
  });

  it('takes a from/to range as given, capped at today', () => {
    expect(coverageRange({ ...none, from: '2026-11-01', to: '2026-11-30' }, TODAY, 14, checkWeek)).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(coverageRange({ ...none, from: '2026-12-01', to: '2026-12-31' }, TODAY, 14, checkWeek)).toEqual({ from: '2026-12-01', to: TODAY });
    // One end alone: a week from it, or the week up to it.
    expect(coverageRange({ ...none, from: '2026-11-01' }, TODAY, 14, checkWeek)).toEqual({ from: '2026-11-01', to: '2026-11-07' });
    expect(coverageRange({ ...none, to: '2026-11-07' }, TODAY, 14, checkWeek)).toEqual({ from: '2026-11-01', to: '2026-11-07' });
  });

  it.each([
    [{ ...none, from: 'yesterday', to: TODAY }, /from must be a date/],
    [{ ...none, from: TODAY, to: '2026-12-01' }, /before from/],
    [{ ...none, from: '2026-01-01', to: TODAY }, new RegExp(`at most ${MAX_COVERAGE_DAYS}`)],
    [{ week: '2026-W49', from: '2026-12-01', to: TODAY }, /not both/],
  ])('refuses %j, naming the mistake', (params, message) => {
    expect(() => coverageRange(params, TODAY, 14, checkWeek)).toThrow(InvalidRequestError);
    expect(() => coverageRange(params, TODAY, 14, checkWeek)).toThrow(message);
  });
});
