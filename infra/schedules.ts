/**
 * Turns the topology's schedules into EventBridge Scheduler expressions. The topology says *when*;
 * this file only translates, and says how hard Scheduler should try to deliver a run.
 */
import { Duration, TimeZone } from 'aws-cdk-lib';
import { ScheduleExpression as Expression } from 'aws-cdk-lib/aws-scheduler';
import type { Weekday } from '../shared/platform/config/schema.js';
import type { ScheduleExpression, ScheduleSpec } from '../shared/platform/topology.js';

/** A schedule that EventBridge Scheduler cannot express; the message says which and why. */
export class UnsupportedScheduleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedScheduleError';
  }
}

/** Cron day-of-week names in cron's own order (SUN = 1), so a range never wraps past Saturday. */
const CRON_DAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** The cron day-of-week field for a set of days, with runs written as ranges: "MON-FRI", "SUN,TUE-THU". */
export function weekDayField(days: readonly Weekday[]): string {
  const wanted = new Set(days);
  const parts: string[] = [];
  let start = -1;
  CRON_DAYS.forEach((day, i) => {
    if (wanted.has(day) && start < 0) start = i;
    const runEnds = start >= 0 && (i === CRON_DAYS.length - 1 || !wanted.has(CRON_DAYS[i + 1] as Weekday));
    if (runEnds) {
      const first = (CRON_DAYS[start] as Weekday).toUpperCase();
      parts.push(i === start ? first : `${first}-${day.toUpperCase()}`);
      start = -1;
    }
  });
  if (parts.length === 0) throw new UnsupportedScheduleError('a weekly schedule needs at least one day');
  return parts.join(',');
}

/** The Scheduler expression for a topology schedule: rates in minutes, weekly times in the schedule's zone. */
export function scheduleExpression(spec: ScheduleSpec): Expression {
  const expression: ScheduleExpression = spec.expression;
  switch (expression.kind) {
    case 'rate': {
      // Scheduler rates are whole minutes, hours or days; the config allows "90s", which it cannot run.
      if (expression.seconds % 60 !== 0) {
        throw new UnsupportedScheduleError(
          `${spec.id}: every ${expression.seconds}s is not a whole number of minutes, which EventBridge Scheduler needs (use e.g. "2m")`,
        );
      }
      // A rate has no time of day, but the topology gives every schedule its zone; keep it visible.
      const rate = Expression.rate(Duration.minutes(expression.seconds / 60)).expressionString;
      return Expression.expression(rate, TimeZone.of(spec.timeZone));
    }
    case 'weekly':
      return Expression.cron({
        minute: String(expression.minute),
        hour: String(expression.hour),
        weekDay: weekDayField(expression.days),
        timeZone: TimeZone.of(spec.timeZone),
      });
  }
}

/** How long Scheduler keeps retrying a run it could not deliver: the topology's policy, as CDK wants it. */
export function maxDeliveryAge(spec: ScheduleSpec): Duration {
  return Duration.seconds(spec.retry.maxAgeSeconds);
}
