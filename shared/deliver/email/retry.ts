/**
 * A failed send is tried again a couple of times with growing pauses (a throttled SES call, an SMTP
 * server restarting, a webhook's 503), then reported: the error is logged with the number of
 * recipients and the reason, and thrown, so the function fails and the queue or Scheduler retries
 * it (and, in the end, its dead-letter queue and alarm catch it). Never silent.
 *
 * Failures that another attempt a second later cannot fix (a message SES rejects, an SMTP 5xx,
 * a webhook's 404) are not retried here; they are still thrown.
 */
import { FetchError } from '../../ingest/http/safe-fetch.js';
import { EmailCompositionError, PermanentSendError, type EmailMessage, type Mailer } from './message.js';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  readonly attempts: number;
  /** The pause before each retry, in order (the last repeats). */
  readonly delaysMs: readonly number[];
  readonly sleep?: (ms: number) => Promise<void>;
}

/** Three attempts over about three seconds: well inside the alerter's 30-second limit. */
export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, delaysMs: [500, 2_000] };

/** What a sender reports when it has given up, for the log. */
export interface SendFailure {
  readonly what: string;
  readonly recipients: number;
  readonly attempts: number;
  readonly reason: string;
  readonly error: unknown;
}

/** Sending failed after every attempt; the message names what, to how many, how often and why. */
export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';
  constructor(
    readonly failure: Omit<SendFailure, 'error'>,
    options: { cause: unknown },
  ) {
    super(
      `Could not send ${failure.what} to ${failure.recipients} recipient${failure.recipients === 1 ? '' : 's'} after ${failure.attempts} attempt${failure.attempts === 1 ? '' : 's'}: ${failure.reason}`,
      options,
    );
  }
}

/**
 * Runs `send` until it succeeds or the attempts run out; then calls `onFailure` and throws a
 * DeliveryError that says what could not be sent, to how many, and why.
 */
export async function sendWithRetries<T>(
  what: string,
  recipients: number,
  send: () => Promise<T>,
  opts: { policy?: RetryPolicy; onFailure?: (failure: SendFailure) => void } = {},
): Promise<T> {
  const policy = opts.policy ?? DEFAULT_RETRY;
  const sleep = policy.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let attempt = 0;
  for (;;) {
    attempt += 1;
    try {
      return await send();
    } catch (error) {
      if (attempt >= policy.attempts || isPermanent(error)) {
        const failure: SendFailure = { what, recipients, attempts: attempt, reason: reasonOf(error), error };
        opts.onFailure?.(failure);
        throw new DeliveryError({ what, recipients, attempts: attempt, reason: failure.reason }, { cause: error });
      }
      const delays = policy.delaysMs;
      await sleep(delays[Math.min(attempt - 1, delays.length - 1)] ?? 0);
    }
  }
}

/** A Mailer whose sends are retried and reported as above; its copy step (never retried: it is not a send) is kept. */
export function withRetries(mailer: Mailer, opts: { policy?: RetryPolicy; onFailure?: (failure: SendFailure) => void } = {}): Mailer {
  return {
    send: (message: EmailMessage) => sendWithRetries(`"${message.subject}"`, message.to.length, () => mailer.send(message), opts),
    ...(mailer.keepCopy ? { keepCopy: mailer.keepCopy.bind(mailer) } : {}),
  };
}

function isPermanent(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error instanceof PermanentSendError) return true;
  if (error instanceof FetchError) {
    if (error.code === 'http-status')
      return error.httpStatus !== undefined && error.httpStatus >= 400 && error.httpStatus < 500 && error.httpStatus !== 408 && error.httpStatus !== 429;
    return error.code === 'invalid-url' || error.code === 'blocked-scheme' || error.code === 'blocked-address' || error.code === 'insecure-redirect';
  }
  return false;
}

function reasonOf(error: unknown): string {
  if (error instanceof FetchError) return error.reason;
  if (error instanceof PermanentSendError && !(error instanceof EmailCompositionError)) return error.message.slice(0, 500);
  if (error instanceof Error) return `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}`.slice(0, 500);
  return String(error).slice(0, 500);
}
