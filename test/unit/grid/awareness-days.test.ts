import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { awarenessBetween, awarenessCalendar, FIXED_DAYS, MOVABLE_DAYS, placeMovable } from '../../../shared/grid/awareness-days.js';
import { daysBetween, weekdayOf } from '../../../shared/grid/calendar.js';

const movable = (name: string) => {
  const day = MOVABLE_DAYS.find((d) => d.name === name);
  if (!day) throw new Error(`no ${name}`);
  return day;
};

/** The published dates, checked against a calendar (and the organisers' announcements for 2023-2025). */
const EXPECTED: [number, string, string, string, string][] = [
  // year, Remembrance Sunday, Armed Forces Day, Mental Health Awareness Week starts, Local Democracy Week starts
  [2023, '2023-11-12', '2023-06-24', '2023-05-15', '2023-10-09'],
  [2024, '2024-11-10', '2024-06-29', '2024-05-13', '2024-10-14'],
  [2025, '2025-11-09', '2025-06-28', '2025-05-12', '2025-10-13'],
  [2026, '2026-11-08', '2026-06-27', '2026-05-11', '2026-10-12'],
  [2027, '2027-11-14', '2027-06-26', '2027-05-10', '2027-10-11'],
  [2028, '2028-11-12', '2028-06-24', '2028-05-08', '2028-10-09'],
  [2029, '2029-11-11', '2029-06-30', '2029-05-14', '2029-10-15'],
  [2030, '2030-11-10', '2030-06-29', '2030-05-13', '2030-10-14'],
  [2031, '2031-11-09', '2031-06-28', '2031-05-12', '2031-10-13'],
  [2032, '2032-11-14', '2032-06-26', '2032-05-10', '2032-10-11'],
];

describe('UK awareness calendar: movable days', () => {
  it.each(EXPECTED)('places them right in %i', (year, remembrance, armedForces, mentalHealth, localDemocracy) => {
    // Act / Assess
    expect(placeMovable(movable('Remembrance Sunday'), year).from).toBe(remembrance);
    expect(placeMovable(movable('Armed Forces Day'), year).from).toBe(armedForces);
    expect(placeMovable(movable('Mental Health Awareness Week'), year)).toEqual({ from: mentalHealth, to: expect.any(String), span: 'week' });
    expect(placeMovable(movable('Local Democracy Week'), year).from).toBe(localDemocracy);
  });

  it('always puts Remembrance Sunday on the second Sunday of November and Armed Forces Day on the last Saturday of June', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1990, max: 2100 }), (year) => {
        // Act
        const remembrance = placeMovable(movable('Remembrance Sunday'), year).from;
        const armedForces = placeMovable(movable('Armed Forces Day'), year).from;
        // Assess
        expect(weekdayOf(remembrance)).toBe('sun');
        expect(Number(remembrance.slice(8))).toBeGreaterThanOrEqual(8);
        expect(Number(remembrance.slice(8))).toBeLessThanOrEqual(14);
        expect(weekdayOf(armedForces)).toBe('sat');
        expect(armedForces.slice(5, 7)).toBe('06');
        expect(Number(armedForces.slice(8))).toBeGreaterThan(30 - 7);
      }),
    );
  });

  it('makes Local Democracy Week the Monday-to-Sunday week around 15 October', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1990, max: 2100 }), (year) => {
        // Act
        const week = placeMovable(movable('Local Democracy Week'), year);
        // Assess
        expect(weekdayOf(week.from)).toBe('mon');
        expect(daysBetween(week.from, week.to)).toBe(6);
        expect(week.from <= `${year}-10-15` && `${year}-10-15` <= week.to).toBe(true);
      }),
    );
  });
});

describe('UK awareness calendar: data', () => {
  it('holds every fixed date in the reference list, each with a hashtag', () => {
    // Assess
    expect(FIXED_DAYS).toHaveLength(30);
    for (const day of FIXED_DAYS) expect(day.hashtag).toMatch(/^#\w+$/);
    expect(awarenessCalendar(2026).find((o) => o.name === 'World AIDS Day')).toMatchObject({ from: '2026-12-01', span: 'day', tone: 'awareness' });
  });

  it('finds what falls in a week across the new year', () => {
    // Act
    const found = awarenessBetween('2026-12-28', '2027-01-31').map((o) => `${o.from} ${o.name}`);
    // Assess
    expect(found).toContain('2027-01-27 Holocaust Memorial Day');
  });
});
