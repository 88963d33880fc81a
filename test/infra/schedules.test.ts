import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../shared/platform/config/load.js';
import { join } from 'node:path';
import { repoRoot } from '../../infra/paths.js';
import { scheduleExpression, UnsupportedScheduleError, weekDayField } from '../../infra/schedules.js';
import { schedulesFor } from '../../shared/platform/topology.js';
import { arnOf, buildStack, removeOutdirs, TEST_CONFIG_YAML, testConfig } from './support.js';

afterAll(removeOutdirs);

describe('Schedules', () => {
  it('polls each source group at its configured rate, with the group as input', () => {
    // Prepare
    const { stack } = buildStack();
    // Act
    const template = Template.fromStack(stack);
    // Assess: press every 10m, legislation every 1h, council every 1d in the test configuration.
    const poller = arnOf(stack, stack.pipeline.functions.poller.fn);
    for (const [group, rate] of [
      ['press', 'rate(10 minutes)'],
      ['legislation', 'rate(1 hour)'],
      ['council', 'rate(1 day)'],
    ] as const) {
      template.hasResourceProperties('AWS::Scheduler::Schedule', {
        ScheduleExpression: rate,
        State: 'ENABLED',
        FlexibleTimeWindow: { Mode: 'OFF' },
        Target: Match.objectLike({ Arn: poller, Input: JSON.stringify({ v: 1, group }) }),
      });
    }
    // Three polls, the briefing, and the briefing's check a quarter of an hour later.
    expect(Object.keys(template.findResources('AWS::Scheduler::Schedule'))).toHaveLength(5);
  });

  it('checks 15 minutes after the briefing time that the briefing was sent', () => {
    const { stack } = buildStack();
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 7 ? * MON,WED,FRI *)', // the test configuration briefs at 06:45 on Mon, Wed, Fri
      ScheduleExpressionTimezone: 'Europe/London',
      Target: Match.objectLike({ Arn: arnOf(stack, stack.pipeline.functions.briefing.fn), Input: JSON.stringify({ v: 1, check: true }) }),
    });
  });

  it('sends the briefing at the configured time and days, Europe/London', () => {
    // Prepare: 06:45 on mon, wed, fri in the test configuration.
    const { stack } = buildStack();
    // Act
    const template = Template.fromStack(stack);
    // Assess
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(45 6 ? * MON,WED,FRI *)',
      ScheduleExpressionTimezone: 'Europe/London',
      Target: Match.objectLike({ Arn: arnOf(stack, stack.pipeline.functions.briefing.fn), Input: JSON.stringify({ v: 1 }) }),
    });
  });

  it("sends the example configuration's briefing at 07:00 on weekdays", () => {
    // Prepare
    const config = loadConfigFile(join(repoRoot, 'config/example.yaml'));
    const { stack } = buildStack({ config });
    // Act
    const template = Template.fromStack(stack);
    // Assess
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 7 ? * MON-FRI *)',
      ScheduleExpressionTimezone: 'Europe/London',
    });
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(10 minutes)',
      Target: Match.objectLike({ Input: JSON.stringify({ v: 1, group: 'press' }) }),
    });
  });

  it('retries delivery a few times and then keeps the run in the failed-runs queue', () => {
    // Prepare
    const { stack } = buildStack();
    // Act
    const template = Template.fromStack(stack);
    // Assess: no schedule relies on Scheduler's default of 185 retries over 24 hours.
    const schedules = Object.values(template.findResources('AWS::Scheduler::Schedule'));
    for (const schedule of schedules) {
      expect(schedule.Properties.Target.DeadLetterConfig).toEqual({ Arn: arnOf(stack, stack.stateful.failedRuns) });
      expect(schedule.Properties.Target.RetryPolicy.MaximumRetryAttempts).toBeLessThanOrEqual(5);
    }
    // A poll is worthless once the next one is due.
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(10 minutes)',
      Target: Match.objectLike({ RetryPolicy: Match.objectLike({ MaximumEventAgeInSeconds: 600 }) }),
    });
  });

  it('lets Scheduler invoke only the function each schedule targets', () => {
    // Prepare
    const { stack } = buildStack();
    // Act
    const template = Template.fromStack(stack);
    // Assess
    for (const target of ['poller', 'briefing'] as const) {
      const fn = arnOf(stack, stack.pipeline.functions[target].fn);
      template.hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: {
          Statement: Match.arrayWith([{ Action: 'lambda:InvokeFunction', Effect: 'Allow', Resource: [fn, { 'Fn::Join': ['', [fn, ':*']] }] }]),
        },
      });
    }
  });

  it('rejects a poll interval Scheduler cannot express, naming the schedule', () => {
    // Prepare: the configuration schema already refuses such intervals; this guards hand-built topologies.
    const spec = { ...schedulesFor(testConfig())[0]!, expression: { kind: 'rate', seconds: 90 } } as const;
    // Act
    const build = (): unknown => scheduleExpression(spec);
    // Assess
    expect(build).toThrow(UnsupportedScheduleError);
    expect(build).toThrow(/poll-press: every 90s is not a whole number of minutes/);
  });
});

describe('weekDayField', () => {
  it.each([
    [['mon', 'tue', 'wed', 'thu', 'fri'], 'MON-FRI'],
    [['mon', 'wed', 'fri'], 'MON,WED,FRI'],
    [['sat', 'sun'], 'SUN,SAT'],
    [['fri', 'mon', 'tue', 'tue'], 'MON-TUE,FRI'],
    [['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], 'SUN-SAT'],
  ] as const)('writes %j as %s', (days, field) => {
    // Act / Assess
    expect(weekDayField(days)).toBe(field);
  });
});
