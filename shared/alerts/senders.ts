/**
 * The ports an alert leaves through besides email: text messages (Amazon SNS in AWS, the outbox on
 * a laptop) and webhooks (Teams or Slack, POSTed through the project's safe fetch). Locally a copy
 * of every webhook post is kept in the outbox too, so what was sent can be read afterwards.
 */
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { writeOutboxFiles } from '../email/outbox.js';
import { safeFetch, type SafeFetchOptions } from '../http/safe-fetch.js';

export interface SmsSender {
  send(to: string, text: string, tag: string): Promise<{ messageId: string; location?: string }>;
}

export interface WebhookPoster {
  post(url: string, payload: Record<string, unknown>, tag: string): Promise<{ messageId: string; location?: string }>;
}

/** SNS accepted the request but did not say which message it queued: treat as not sent. */
export class SmsSendError extends Error {
  override readonly name = 'SmsSendError';
}

/**
 * SNS Publish straight to a phone number, as a transactional message (delivered ahead of
 * promotional ones, and not subject to their opt-out lists). The sender id shows where the network
 * supports one; UK networks do.
 */
export function createSnsSmsSender(client: SNSClient, opts: { senderId?: string } = {}): SmsSender {
  return {
    async send(to, text) {
      const out = await client.send(
        new PublishCommand({
          PhoneNumber: to,
          Message: text,
          MessageAttributes: {
            'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
            ...(opts.senderId ? { 'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: opts.senderId } } : {}),
          },
        }),
      );
      if (!out.MessageId) throw new SmsSendError(`SNS returned no MessageId for the text message to ${maskNumber(to)}`);
      return { messageId: out.MessageId };
    },
  };
}

/** Locally: each text message becomes <stamp>-<tag>.sms.txt in the outbox. */
export function createOutboxSmsSender(dir: string, opts: { now?: () => Date } = {}): SmsSender {
  const now = opts.now ?? (() => new Date());
  return {
    async send(to, text, tag) {
      const date = now();
      const [location] = await writeOutboxFiles(dir, tag, date, [['.sms.txt', `To: ${to}\nDate: ${date.toISOString()}\n\n${text}\n`]]);
      return { messageId: `outbox-${date.getTime()}`, ...(location ? { location } : {}) };
    },
  };
}

/** JSON POSTed through safeFetch: the same address policy, time limits and size cap as every other request. */
export function createWebhookPoster(fetchOptions: Omit<SafeFetchOptions, 'method' | 'body' | 'contentType'>): WebhookPoster {
  return {
    async post(url, payload) {
      const result = await safeFetch(url, { ...fetchOptions, method: 'POST', body: JSON.stringify(payload), contentType: 'application/json; charset=utf-8', accept: 'application/json, text/plain, */*' });
      const host = new URL(result.finalUrl).host;
      return { messageId: `webhook-${host}-${Date.now()}` };
    },
  };
}

/** Locally: post as configured, then keep a copy as <stamp>-<tag>.webhook.json in the outbox. */
export function withOutboxCopy(poster: WebhookPoster, dir: string, opts: { now?: () => Date } = {}): WebhookPoster {
  const now = opts.now ?? (() => new Date());
  return {
    async post(url, payload, tag) {
      const sent = await poster.post(url, payload, tag);
      const [location] = await writeOutboxFiles(dir, tag, now(), [['.webhook.json', `${JSON.stringify({ url: redactUrl(url), payload }, null, 2)}\n`]]);
      return { ...sent, ...(location ? { location } : {}) };
    },
  };
}

/** Webhook addresses carry their secret in the path or query: keep the host and say the rest is hidden. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}/…`;
  } catch {
    return '(webhook address)';
  }
}

/** "+44770090…23": enough to tell numbers apart in a log, not enough to text someone. */
export function maskNumber(number: string): string {
  return number.length > 8 ? `${number.slice(0, 8)}…${number.slice(-2)}` : '…';
}
