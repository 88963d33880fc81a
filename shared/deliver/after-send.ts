/**
 * What happens once a provider (SES, SMTP, SNS, a webhook) has accepted a message: its record is
 * written first, with the provider's message id, and only then anything else (the local outbox
 * copy). Whatever fails after the record is reported and dropped, because the only thing a retry
 * could do about it is send the message again.
 *
 * The one window this cannot close: a crash between the provider's acceptance and the record.
 * The claim is then left "sending", and once its lease has passed a retry takes it and sends again.
 */
import { DEFAULT_RETRY, type RetryPolicy } from './email/retry.js';

/**
 * The provider accepted the message but the store would not record it. The caller keeps its claim
 * (it does not release it), so a retry while the lease is fresh finds it busy instead of sending.
 */
export class SentNotRecordedError extends Error {
  override readonly name = 'SentNotRecordedError';
}

/**
 * Writes the record of a send that went, trying again with the send's pauses: a throttled store a
 * second later is far better than a second copy of the message.
 */
export async function recordSent(what: string, write: () => Promise<void>, policy: RetryPolicy = DEFAULT_RETRY): Promise<void> {
  const sleep = policy.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let attempt = 1; ; attempt += 1) {
    try {
      await write();
      return;
    } catch (error) {
      if (attempt >= policy.attempts) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new SentNotRecordedError(`${what} was sent but could not be recorded after ${attempt} attempt${attempt === 1 ? '' : 's'}: ${reason}`, {
          cause: error,
        });
      }
      await sleep(policy.delaysMs[Math.min(attempt - 1, policy.delaysMs.length - 1)] ?? 0);
    }
  }
}

/** A step after the record (the outbox copy): its failure goes to `onDegraded` and nowhere else. */
export async function afterRecorded<T>(what: string, step: () => Promise<T>, onDegraded?: (what: string, error: unknown) => void): Promise<T | undefined> {
  try {
    return await step();
  } catch (error) {
    onDegraded?.(what, error);
    return undefined;
  }
}
