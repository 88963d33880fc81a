import { describe, expect, it } from 'vitest';
import { londonDate, londonWholeDays, nextWeeklyOccurrence } from '../../../../shared/platform/time.js';

const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;

describe('nextWeeklyOccurrence', () => {
  it('is 07:00 GMT (07:00Z) in winter and 07:00 BST (06:00Z) in summer', () => {
    expect(nextWeeklyOccurrence(new Date('2026-11-23T08:00:00Z'), 7, 0, weekdays).toISOString()).toBe('2026-11-24T07:00:00.000Z');
    expect(nextWeeklyOccurrence(new Date('2026-06-01T05:00:00Z'), 7, 0, weekdays).toISOString()).toBe('2026-06-01T06:00:00.000Z');
  });

  it("skips the weekend: after Friday's briefing the next is Monday", () => {
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

describe('londonWholeDays', () => {
  const iso = (r: { start: Date; end: Date }) => [r.start.toISOString(), r.end.toISOString()];

  it('runs from midnight today to midnight after the seventh day, whatever the hour asked at', () => {
    // Winter (GMT): London midnight is 00:00Z.
    expect(iso(londonWholeDays(new Date('2026-12-07T15:02:00Z'), 7))).toEqual(['2026-12-07T00:00:00.000Z', '2026-12-14T00:00:00.000Z']);
    // Summer (BST): London midnight is 23:00Z the evening before; 23:30Z is already the next London day.
    expect(iso(londonWholeDays(new Date('2026-06-10T23:30:00Z'), 7))).toEqual(['2026-06-10T23:00:00.000Z', '2026-06-17T23:00:00.000Z']);
  });

  it('is 167 hours over the week the clocks go forward and 169 over the week they go back', () => {
    // Clocks go forward on Sunday 29 March 2026 and back on Sunday 25 October 2026.
    const spring = londonWholeDays(new Date('2026-03-27T15:02:00Z'), 7);
    expect(iso(spring)).toEqual(['2026-03-27T00:00:00.000Z', '2026-04-02T23:00:00.000Z']);
    expect((spring.end.getTime() - spring.start.getTime()) / 3_600_000).toBe(167);
    const autumn = londonWholeDays(new Date('2026-10-23T14:02:00Z'), 7);
    expect(iso(autumn)).toEqual(['2026-10-22T23:00:00.000Z', '2026-10-30T00:00:00.000Z']);
    expect((autumn.end.getTime() - autumn.start.getTime()) / 3_600_000).toBe(169);
  });

  it('crosses a month and a year end on the calendar', () => {
    expect(iso(londonWholeDays(new Date('2026-12-29T08:00:00Z'), 7))).toEqual(['2026-12-29T00:00:00.000Z', '2027-01-05T00:00:00.000Z']);
  });
});
