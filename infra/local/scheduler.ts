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

export interface SchedulerOptions {
  now?: () => Date;
  /** Told when a run failed its first attempt and all its retries (in AWS it would go to the failed-runs queue). */
  onFailedRun?: (spec: ScheduleSpec, error: unknown, attempts: number) => void;
  /** The pause before each retry; grows with each (Scheduler backs off too). */
  retryDelayMs?: number;
}

export class LocalScheduler {
  private timers: NodeJS.Timeout[] = [];
  private readonly now: () => Date;

  constructor(
    private readonly schedules: readonly ScheduleSpec[],
    /** Runs the schedule's target; a throw is a failed attempt, retried as the topology's policy says. */
    private readonly fire: (spec: ScheduleSpec) => Promise<void>,
    private readonly options: SchedulerOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
  }

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

  /** One scheduled run: the first attempt and up to `retry.attempts` more, while the run is still worth making. */
  async runWithRetries(spec: ScheduleSpec): Promise<void> {
    const started = this.now().getTime();
    const delay = this.options.retryDelayMs ?? 5_000;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.fire(spec);
        return;
      } catch (error) {
        const tooLate = this.now().getTime() + delay * attempt - started > spec.retry.maxAgeSeconds * 1000;
        if (attempt > spec.retry.attempts || tooLate) {
          this.options.onFailedRun?.(spec, error, attempt);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, delay * attempt).unref?.());
      }
    }
  }

  private arm(spec: ScheduleSpec): void {
    const delay = Math.max(0, nextRun(spec, this.now()).getTime() - this.now().getTime());
    // setTimeout cannot wait more than ~24.8 days; a weekly schedule never needs to.
    const timer = setTimeout(() => {
      this.timers = this.timers.filter((t) => t !== timer);
      void this.runWithRetries(spec).finally(() => this.arm(spec));
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
