import { describe, expect, it } from 'vitest';
import { missedBriefingDue } from '../../../../shared/deliver/briefing/missed.js';
import type { Config } from '../../../../shared/platform/config/schema.js';
import { sentOn } from '../../../support/briefing-log.js';
import { testConfig } from '../../../support/config.js';

/** Briefings on weekdays at 07:00 London (the defaults). */
const weekdays = testConfig([{ id: 'paper', url: 'https://paper.example/feed' }]);
const everyDay = testConfig([{ id: 'paper', url: 'https://paper.example/feed' }], {
  briefing: { ...weekdays.briefing, days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] },
} as Partial<Config>);

const log = (sent: string[] = []) => sentOn(sent);

describe('missedBriefingDue', () => {
  it('is null before 07:00 London on a briefing day: the schedule will send it', async () => {
    // Monday 23 Nov 2026, 06:59 GMT (= London).
    expect(await missedBriefingDue(new Date('2026-11-23T06:59:59Z'), weekdays, log())).toBeNull();
  });

  it('is the date from 07:00 London on a briefing day with no briefing sent, and still late in the evening', async () => {
    expect(await missedBriefingDue(new Date('2026-11-23T07:00:00Z'), weekdays, log())).toBe('2026-11-23');
    expect(await missedBriefingDue(new Date('2026-11-23T09:30:00Z'), weekdays, log())).toBe('2026-11-23');
    expect(await missedBriefingDue(new Date('2026-11-23T23:59:00Z'), weekdays, log())).toBe('2026-11-23');
  });

  it('is null once that date has its briefing', async () => {
    expect(await missedBriefingDue(new Date('2026-11-23T09:30:00Z'), weekdays, log(['2026-11-23']))).toBeNull();
    // Yesterday's briefing says nothing about today's.
    expect(await missedBriefingDue(new Date('2026-11-24T09:30:00Z'), weekdays, log(['2026-11-23']))).toBe('2026-11-24');
  });

  it('is null on a day with no briefing (Saturday, with weekday briefings)', async () => {
    expect(await missedBriefingDue(new Date('2026-11-21T09:30:00Z'), weekdays, log())).toBeNull();
    expect(await missedBriefingDue(new Date('2026-11-21T09:30:00Z'), everyDay, log())).toBe('2026-11-21');
  });

  it('reads the day on London time: 00:30 Tuesday London in summer is still Monday in UTC', async () => {
    // 23:30Z Monday 1 June = 00:30 BST Tuesday 2 June: Tuesday's briefing time has not come.
    expect(await missedBriefingDue(new Date('2026-06-01T23:30:00Z'), weekdays, log(['2026-06-01']))).toBeNull();
  });

  it('uses British Summer Time: 07:00 BST is 06:00 UTC', async () => {
    // Monday 1 June 2026.
    expect(await missedBriefingDue(new Date('2026-06-01T05:59:00Z'), weekdays, log())).toBeNull();
    expect(await missedBriefingDue(new Date('2026-06-01T06:00:00Z'), weekdays, log())).toBe('2026-06-01');
  });

  it('is right on both clock-change Sundays', async () => {
    // 29 March 2026: clocks go forward at 01:00 UTC; 07:00 BST is 06:00 UTC.
    expect(await missedBriefingDue(new Date('2026-03-29T05:59:00Z'), everyDay, log())).toBeNull();
    expect(await missedBriefingDue(new Date('2026-03-29T06:00:00Z'), everyDay, log())).toBe('2026-03-29');
    // 25 October 2026: clocks go back at 01:00 UTC; 07:00 GMT is 07:00 UTC.
    expect(await missedBriefingDue(new Date('2026-10-25T06:59:00Z'), everyDay, log())).toBeNull();
    expect(await missedBriefingDue(new Date('2026-10-25T07:00:00Z'), everyDay, log())).toBe('2026-10-25');
  });

  it('follows a configured briefing time', async () => {
    const late = testConfig([{ id: 'paper', url: 'https://paper.example/feed' }], { briefing: { ...weekdays.briefing, time: '08:30' } } as Partial<Config>);
    expect(await missedBriefingDue(new Date('2026-11-23T08:29:00Z'), late, log())).toBeNull();
    expect(await missedBriefingDue(new Date('2026-11-23T08:30:00Z'), late, log())).toBe('2026-11-23');
  });
});
