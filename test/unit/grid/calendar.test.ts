import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, InvalidWeekError, isoWeekOf, longDateFrom, shortDate, shortDateFrom, weekDates, weekdayOf } from '../../../shared/grid/calendar.js';

describe('ISO weeks', () => {
  it.each([
    ['2026-W49', '2026-11-30', '2026-12-06'],
    ['2026-W01', '2025-12-29', '2026-01-04'],
    ['2020-W53', '2020-12-28', '2021-01-03'],
    ['2027-W52', '2027-12-27', '2028-01-02'],
  ])('%s runs from Monday %s to Sunday %s', (week, monday, sunday) => {
    // Act
    const dates = weekDates(week);
    // Assess
    expect(dates).toHaveLength(7);
    expect(dates[0]).toBe(monday);
    expect(dates[6]).toBe(sunday);
  });

  it('refuses week 53 in a year that has 52, and anything not written like 2026-W49', () => {
    // Act / Assess
    expect(weekDates('2026-W53')[0]).toBe('2026-12-28'); // 2026 starts on a Thursday: 53 weeks
    expect(() => weekDates('2025-W53')).toThrow(InvalidWeekError);
    expect(() => weekDates('2026-49')).toThrow(/write it as year, W and week number, e.g. 2026-W49/);
  });

  it('puts every day of a week back in that week, Monday first', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 365 * 12 }), (offset) => {
        // Prepare
        const date = addDays('2024-01-01', offset);
        // Act
        const dates = weekDates(isoWeekOf(date));
        // Assess
        expect(dates).toContain(date);
        expect(weekdayOf(dates[0] as string)).toBe('mon');
      }),
    );
  });
});

describe('dates with the year where it is not this year', () => {
  it('adds the year to a date in another year than today, and only then', () => {
    expect(shortDateFrom('2027-01-01', '2026-12-28')).toBe('Fri 1 Jan 2027');
    expect(shortDateFrom('2026-12-31', '2026-12-28')).toBe('Thu 31 Dec');
    expect(longDateFrom('2027-01-01', '2026-12-28')).toBe('Friday 1 January 2027');
    expect(shortDate('2027-01-01')).toBe('Fri 1 Jan');
  });
});
