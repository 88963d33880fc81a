import { describe, expect, it } from 'vitest';
import { schedulesFor, queues, functions } from '../../../../shared/platform/topology.js';
import { testConfig } from '../../../support/config.js';

const config = testConfig([{ id: 'paper', url: 'https://paper.example/feed' }]);

describe('schedulesFor', () => {
  it('polls each group at its own rate and briefs at the configured London time', () => {
    const schedules = schedulesFor(config);
    expect(schedules.find((s) => s.id === 'poll-press')).toMatchObject({
      target: 'poller',
      expression: { kind: 'rate', seconds: 600 },
      input: { v: 1, group: 'press' },
    });
    expect(schedules.find((s) => s.id === 'briefing')).toMatchObject({ timeZone: 'Europe/London', expression: { kind: 'weekly', hour: 7, minute: 0 } });
  });

  it('checks the briefing was sent 15 minutes after its time, on the same days', () => {
    expect(schedulesFor(config).find((s) => s.id === 'briefing-check')).toMatchObject({
      target: 'briefing',
      expression: { kind: 'weekly', hour: 7, minute: 15, days: ['mon', 'tue', 'wed', 'thu', 'fri'] },
      input: { v: 1, check: true },
    });
  });

  it('moves the check to the next day when the briefing is just before midnight', () => {
    const late = { ...config, briefing: { ...config.briefing, time: '23:50', days: ['fri' as const, 'sun' as const] } };
    expect(schedulesFor(late).find((s) => s.id === 'briefing-check')?.expression).toEqual({ kind: 'weekly', hour: 0, minute: 5, days: ['sat', 'mon'] });
  });
});

describe('queues', () => {
  it('give the consumer six times its timeout before a message reappears', () => {
    expect(queues.ingest.visibilityTimeoutSeconds).toBe(6 * functions.classifier.timeoutSeconds);
    expect(queues.alerts.visibilityTimeoutSeconds).toBe(6 * functions.alerter.timeoutSeconds);
  });
});
