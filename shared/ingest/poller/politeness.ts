/**
 * Being a polite client: how long to leave a source alone after it fails or asks us to wait, and
 * how many requests go to one host at once. Plain functions over plain data, so the rules can be
 * read (and tested) apart from the polling.
 */
import { FetchError } from '../http/fetch-error.js';

/** The longest a failing source is left alone, so a source that is fixed is picked up within hours. */
export const MAX_BACKOFF_MS = 6 * 60 * 60 * 1000;
/** The longest wait a Retry-After may impose: a server asking for a week would otherwise silence a source unseen. */
export const MAX_RETRY_AFTER_MS = 24 * 60 * 60 * 1000;

export interface NextAttempt {
  notBefore?: string;
  notBeforeReason?: string;
}

/**
 * When to try a source again after its `failures`-th failure in a row. The first failure waits for
 * the next scheduled poll (most failures are passing); from the second on, polls are skipped in
 * growing numbers — 1, 3, 7, 15 … — up to six hours. A Retry-After on 429 or 503 is honoured
 * exactly (up to a day); whichever wait is longer wins.
 *
 * Back-off ends half a poll interval before the poll that should run, so a schedule that fires a
 * few seconds early still polls; Retry-After has no such slack, because the server asked.
 */
export function nextAttempt(failures: number, error: unknown, attemptAt: Date, intervalMs: number): NextAttempt {
  const skippedPolls = failures >= 2 ? 2 ** (failures - 1) - 1 : 0;
  const backoffMs = skippedPolls > 0 ? Math.min(skippedPolls * intervalMs + intervalMs / 2, MAX_BACKOFF_MS) : 0;
  const retryAfter = error instanceof FetchError ? error.retryAfterSeconds : undefined;
  const retryMs = retryAfter !== undefined ? Math.min(retryAfter * 1000, MAX_RETRY_AFTER_MS) : 0;
  if (retryMs <= 0 && backoffMs <= 0) return {};
  if (retryMs >= backoffMs) {
    const status = error instanceof FetchError && error.httpStatus ? ` (HTTP ${error.httpStatus})` : '';
    return { notBefore: new Date(attemptAt.getTime() + retryMs).toISOString(), notBeforeReason: `the server asked us to wait${status}` };
  }
  return { notBefore: new Date(attemptAt.getTime() + backoffMs).toISOString(), notBeforeReason: `backing off after ${failures} failures in a row` };
}

const londonClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const londonYear = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric' });

/**
 * "23 Nov, 14:05" on London's clock: how times are shown to the office; "23 Nov 2025, 14:05" when
 * not in `now`'s year, so a source that last worked a year ago does not look as if it did last week.
 */
export function londonTimeText(iso: string, now: Date = new Date()): string {
  const at = new Date(iso);
  const year = londonYear.format(at);
  if (year === londonYear.format(now)) return londonClock.format(at);
  const parts = londonClock.formatToParts(at);
  const text = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${text('day')} ${text('month')} ${year}, ${text('hour')}:${text('minute')}`;
}

/** The host a request goes to: what a publisher counts our requests by. */
export function hostOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return url;
  }
}

/**
 * Runs `work` over `inputs` with at most `total` in flight, and at most `perHost` for any one host.
 * A free slot goes to the first waiting input whose host has room, so one busy host never holds
 * up the rest. Results keep the input order.
 */
export function runPerHost<T, R>(
  inputs: readonly T[],
  host: (input: T) => string,
  limits: { total: number; perHost: number },
  work: (input: T) => Promise<R>,
): Promise<R[]> {
  return new Promise<R[]>((resolve, reject) => {
    const results = new Array<R>(inputs.length);
    const waiting = inputs.map((input, index) => ({ input, index, host: host(input) }));
    const busy = new Map<string, number>();
    let running = 0;
    let finished = 0;
    let failed = false;
    if (inputs.length === 0) {
      resolve(results);
      return;
    }
    const pump = (): void => {
      for (let i = 0; i < waiting.length && running < limits.total;) {
        const next = waiting[i];
        if (!next || (busy.get(next.host) ?? 0) >= limits.perHost) {
          i += 1;
          continue;
        }
        waiting.splice(i, 1);
        running += 1;
        busy.set(next.host, (busy.get(next.host) ?? 0) + 1);
        work(next.input).then(
          (result) => {
            results[next.index] = result;
            settle(next.host);
          },
          (error: unknown) => {
            failed = true;
            reject(error);
            settle(next.host);
          },
        );
      }
    };
    const settle = (doneHost: string): void => {
      running -= 1;
      finished += 1;
      busy.set(doneHost, (busy.get(doneHost) ?? 1) - 1);
      if (failed) return;
      if (finished === inputs.length) resolve(results);
      else pump();
    };
    pump();
  });
}
