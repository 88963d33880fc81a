import { safeFetch, type SafeFetchOptions } from '../ingest/http/safe-fetch.js';
import type { WebhookPoster } from '../deliver/ports.js';

/** JSON POSTed through safeFetch: the same address policy, time limits and size cap as every other request. */
export function createWebhookPoster(fetchOptions: Omit<SafeFetchOptions, 'method' | 'body' | 'contentType'>): WebhookPoster {
  return {
    async post(url, payload) {
      const result = await safeFetch(url, {
        ...fetchOptions,
        method: 'POST',
        body: JSON.stringify(payload),
        contentType: 'application/json; charset=utf-8',
        accept: 'application/json, text/plain, */*',
      });
      const host = new URL(result.finalUrl).host;
      return { messageId: `webhook-${host}-${Date.now()}` };
    },
  };
}
