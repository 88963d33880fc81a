import { describe, expect, it } from 'vitest';
import { LocalScheduler, nextRun } from '../../../../infra/local/scheduler.js';
import { nextWeeklyOccurrence } from '../../../../shared/platform/time.js';
import { schedulesFor, type ScheduleSpec } from '../../../../shared/platform/topology.js';
import { testConfig } from '../../../support/config.js';

const weekdays = testConfig([{ id: 'paper', url: 'https://paper.example/feed' }]);
const everyDay = testConfig([{ id: 'paper', url: 'https://paper.example/feed' }], {
  briefing: { time: '07:00', days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], to: ['pa@hartwell.example'], from: 'despatch@hartwell.example' } as never,
  alerts: { to: ['pa@hartwell.example'], quietHours: { from: '22:00', to: '07:00' } } as never,
});

const spec = (config: typeof weekdays, id: string): ScheduleSpec => {
  const found = schedulesFor(config).find((s) => s.id === id);
  if (!found) throw new Error(`no schedule ${id}`);
  return found;
};

describe('the briefing at 07:00 London time, right across the clock changes', () => {
  it.each([
    // Last Sunday of March 2026 (29 Mar): clocks go forward at 01:00 UTC; 07:00 BST is 06:00 UTC.
    ['the Sunday the clocks go forward', '2026-03-28T07:00:00Z', '2026-03-29T06:00:00.000Z'],
    ['the Monday after', '2026-03-29T06:00:00Z', '2026-03-30T06:00:00.000Z'],
    // Last Sunday of October 2026 (25 Oct): clocks go back at 01:00 UTC; 07:00 GMT is 07:00 UTC.
    ['the Sunday the clocks go back', '2026-10-24T06:00:00Z', '2026-10-25T07:00:00.000Z'],
    ['the Monday after', '2026-10-25T07:00:00Z', '2026-10-26T07:00:00.000Z'],
  ])('runs on %s at 07:00 on the local scheduler (from %s)', (_label, after, expected) => {
    expect(nextRun(spec(everyDay, 'briefing'), new Date(after)).toISOString()).toBe(expected);
  });

  it('goes from Friday to Monday on weekdays, across the March change (Friday GMT, Monday BST)', () => {
    const friday = new Date('2026-03-27T07:00:00Z');

    expect(nextRun(spec(weekdays, 'briefing'), friday).toISOString()).toBe('2026-03-30T06:00:00.000Z');
    expect(nextWeeklyOccurrence(friday, 7, 0, ['mon', 'tue', 'wed', 'thu', 'fri']).toISOString()).toBe('2026-03-30T06:00:00.000Z');
  });

  it('goes from Friday to Monday on weekdays, across the October change (Friday BST, Monday GMT)', () => {
    const friday = new Date('2026-10-23T06:00:00Z');

    expect(nextRun(spec(weekdays, 'briefing'), friday).toISOString()).toBe('2026-10-26T07:00:00.000Z');
    expect(nextWeeklyOccurrence(friday, 7, 0, ['mon', 'tue', 'wed', 'thu', 'fri']).toISOString()).toBe('2026-10-26T07:00:00.000Z');
  });

  it('runs once, not twice, on the night the clocks go back, even at a time that happens twice', () => {
    // 01:30 happens twice on 25 Oct 2026 (00:30 and 01:30 UTC); the schedule fires at the later one, once.
    const first = nextWeeklyOccurrence(new Date('2026-10-24T12:00:00Z'), 1, 30, ['sun']);
    const next = nextWeeklyOccurrence(first, 1, 30, ['sun']);

    expect(first.toISOString()).toBe('2026-10-25T01:30:00.000Z');
    expect(next.toISOString()).toBe('2026-11-01T01:30:00.000Z');
  });
});

describe('the end of quiet hours', () => {
  it('sends held alerts every day at the end of quiet hours, London time, with the release input', () => {
    const release = spec(everyDay, 'alerts-release-held');

    expect(release).toMatchObject({ target: 'alerter', timeZone: 'Europe/London', input: { v: 1, kind: 'release-held' } });
    expect(release.expression).toEqual({ kind: 'weekly', hour: 7, minute: 0, days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] });
    expect(nextRun(release, new Date('2026-03-28T07:00:00Z')).toISOString()).toBe('2026-03-29T06:00:00.000Z');
    expect(nextRun(release, new Date('2026-10-24T06:00:00Z')).toISOString()).toBe('2026-10-25T07:00:00.000Z');
  });

  it('has no such schedule without quiet hours', () => {
    expect(schedulesFor(weekdays).map((s) => s.id)).not.toContain('alerts-release-held');
  });
});

describe('the local scheduler retries a failed run as the topology says', () => {
  const spec = (attempts: number): ScheduleSpec => ({ ...schedulesFor(weekdays)[0]!, retry: { attempts, maxAgeSeconds: 600 } });

  it('tries again after a failure, and is quiet when a retry succeeds', async () => {
    let calls = 0;
    const failed: number[] = [];
    const scheduler = new LocalScheduler(
      [],
      async () => {
        calls++;
        if (calls < 3) throw new Error('dynalite not ready');
      },
      { retryDelayMs: 1, onFailedRun: (_s, _e, attempts) => failed.push(attempts) },
    );
    await scheduler.runWithRetries(spec(3));
    expect(calls).toBe(3);
    expect(failed).toEqual([]);
  });

  it('reports the run as failed after the first attempt and all its retries', async () => {
    let calls = 0;
    const failed: { attempts: number; message: string }[] = [];
    const scheduler = new LocalScheduler(
      [],
      async () => {
        calls++;
        throw new Error('the poller crashed');
      },
      { retryDelayMs: 1, onFailedRun: (_s, error, attempts) => failed.push({ attempts, message: (error as Error).message }) },
    );
    await scheduler.runWithRetries(spec(3));
    expect(calls).toBe(4);
    expect(failed).toEqual([{ attempts: 4, message: 'the poller crashed' }]);
  });
});
