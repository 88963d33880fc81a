/**
 * Runs the topology's schedules on one machine: rates as repeating timers, the weekly briefing at
 * the next matching Europe/London wall-clock time (recomputed after each run, so the clock changes
 * are handled the same way EventBridge Scheduler handles them).
 */
import type { ScheduleSpec } from '../../shared/platform/topology.js';
import { nextWeeklyOccurrence } from '../../shared/platform/time.js';

export interface ScheduledRun {
  spec: ScheduleSpec;
  at: Date;
}

export class LocalScheduler {
  private timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly schedules: readonly ScheduleSpec[],
    private readonly fire: (spec: ScheduleSpec) => Promise<void>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  start(): void {
    for (const spec of this.schedules) this.arm(spec);
  }

  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers = [];
  }

  /** When each schedule fires next. */
  upcoming(): ScheduledRun[] {
    return this.schedules.map((spec) => ({ spec, at: nextRun(spec, this.now()) }));
  }

  private arm(spec: ScheduleSpec): void {
    const delay = Math.max(0, nextRun(spec, this.now()).getTime() - this.now().getTime());
    // setTimeout cannot wait more than ~24.8 days; a weekly schedule never needs to.
    const timer = setTimeout(() => {
      this.timers = this.timers.filter((t) => t !== timer);
      void this.fire(spec).finally(() => this.arm(spec));
    }, delay);
    timer.unref?.();
    this.timers.push(timer);
  }
}

export function nextRun(spec: ScheduleSpec, after: Date): Date {
  const { expression } = spec;
  if (expression.kind === 'rate') return new Date(after.getTime() + expression.seconds * 1000);
  return nextWeeklyOccurrence(after, expression.hour, expression.minute, expression.days);
}
