import { describe, expect, it } from 'vitest';
import { londonDate, nextWeeklyOccurrence } from '../../../../shared/platform/time.js';

const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;

describe('nextWeeklyOccurrence', () => {
  it('is 07:00 GMT (07:00Z) in winter and 07:00 BST (06:00Z) in summer', () => {
    expect(nextWeeklyOccurrence(new Date('2026-11-23T08:00:00Z'), 7, 0, weekdays).toISOString()).toBe('2026-11-24T07:00:00.000Z');
    expect(nextWeeklyOccurrence(new Date('2026-06-01T05:00:00Z'), 7, 0, weekdays).toISOString()).toBe('2026-06-01T06:00:00.000Z');
  });

  it('skips the weekend: after Friday\'s briefing the next is Monday', () => {
    expect(nextWeeklyOccurrence(new Date('2026-11-27T07:00:00Z'), 7, 0, weekdays).toISOString()).toBe('2026-11-30T07:00:00.000Z');
  });

  it('crosses the last Sunday of March (clocks go forward) correctly', () => {
    // Sunday 29 March 2026: Friday 27th 07:00 GMT, then Monday 30th 07:00 BST = 06:00Z.
    expect(nextWeeklyOccurrence(new Date('2026-03-27T07:00:00Z'), 7, 0, weekdays).toISOString()).toBe('2026-03-30T06:00:00.000Z');
  });

  it('crosses the last Sunday of October (clocks go back) correctly', () => {
    // Sunday 25 October 2026: Friday 23rd 07:00 BST = 06:00Z, then Monday 26th 07:00 GMT.
    expect(nextWeeklyOccurrence(new Date('2026-10-23T06:00:00Z'), 7, 0, weekdays).toISOString()).toBe('2026-10-26T07:00:00.000Z');
  });

  it('honours a schedule that includes the weekend', () => {
    expect(nextWeeklyOccurrence(new Date('2026-11-28T10:30:00Z'), 9, 30, ['sat', 'sun']).toISOString()).toBe('2026-11-29T09:30:00.000Z');
  });
});

describe('londonDate', () => {
  it('is the London calendar date, not the UTC one', () => {
    expect(londonDate(new Date('2026-06-30T23:30:00Z'))).toBe('2026-07-01');
    expect(londonDate(new Date('2026-12-31T23:30:00Z'))).toBe('2026-12-31');
  });
});
