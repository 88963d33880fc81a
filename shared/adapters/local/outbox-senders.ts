/** Locally a copy of every text message and webhook post is kept in the outbox, so what was sent can be read afterwards. */
import type { SmsSender, WebhookPoster } from '../../deliver/ports.js';
import { redactUrl } from '../../deliver/alerts/redact.js';
import { writeOutboxFiles } from './outbox.js';

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

/**
 * Locally: post as configured, and keep a copy as <stamp>-<tag>.webhook.json in the outbox. The
 * post is the send; the copy is `keepCopy`, run after the post is recorded, so a copy that cannot
 * be written never makes the webhook post again.
 */
export function withOutboxCopy(poster: WebhookPoster, dir: string, opts: { now?: () => Date } = {}): WebhookPoster {
  const now = opts.now ?? (() => new Date());
  return {
    post: (url, payload, tag) => poster.post(url, payload, tag),
    async keepCopy(url, payload, tag) {
      const [location] = await writeOutboxFiles(dir, tag, now(), [['.webhook.json', `${JSON.stringify({ url: redactUrl(url), payload }, null, 2)}\n`]]);
      return location ? { location } : {};
    },
  };
}
