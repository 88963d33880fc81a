import { describe, expect, it } from 'vitest';
import { londonDateTime, londonDay, londonSince, publishedAgo } from '../../../../shared/deliver/render/time.js';

const now = new Date('2026-12-07T07:00:00Z');

describe('dates as the office reads them', () => {
  it('leaves the year off a date in this year, London time', () => {
    expect(londonDay(new Date('2026-11-24T12:00:00Z'), now)).toBe('Tue 24 Nov');
    expect(londonDateTime(new Date('2026-12-01T18:05:00Z'), now)).toBe('Tue 1 Dec, 18:05');
  });

  it('says the year of a date in another year, so last December is not read as this week', () => {
    expect(londonDay(new Date('2025-12-01T12:00:00Z'), now)).toBe('Mon 1 Dec 2025');
    expect(londonDateTime(new Date('2021-10-15T09:30:00Z'), now)).toBe('Fri 15 Oct 2021, 10:30');
    expect(londonSince(new Date('2017-06-27T06:00:00Z'), now)).toBe('Tue 27 Jun 2017 07:00');
    expect(londonDay(new Date('2027-01-04T12:00:00Z'), now)).toBe('Mon 4 Jan 2027');
  });

  it("takes the day and the year from London's calendar, not UTC's, on either side of midnight", () => {
    // 23:30 UTC on 30 June is 00:30 on 1 July in London (BST).
    expect(londonDateTime(new Date('2026-06-30T23:30:00Z'), now)).toBe('Wed 1 Jul, 00:30');
    // New Year's Eve, a minute before midnight, seen from a minute after it: last year.
    const newYear = new Date('2027-01-01T00:01:00Z');
    expect(londonDay(new Date('2026-12-31T23:59:00Z'), newYear)).toBe('Thu 31 Dec 2026');
    expect(londonDay(new Date('2027-01-01T00:00:00Z'), newYear)).toBe('Fri 1 Jan');
  });

  it('says how long ago something was published in London calendar days, then weeks, months and years', () => {
    expect(publishedAgo(new Date('2026-12-06T23:30:00Z'), now)).toBe('published yesterday');
    expect(publishedAgo(new Date('2026-12-04T07:00:00Z'), now)).toBe('published 3 days ago');
    expect(publishedAgo(new Date('2026-11-16T07:00:00Z'), now)).toBe('published 3 weeks ago');
    expect(publishedAgo(new Date('2026-09-24T07:00:00Z'), now)).toBe('published 2 months ago');
    expect(publishedAgo(new Date('2021-10-17T07:00:00Z'), now)).toBe('published 5 years ago');
    expect(publishedAgo(new Date('2026-12-07T00:30:00Z'), now)).toBe('published today');
  });
});
