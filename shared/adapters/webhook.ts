import { safeFetch, type SafeFetchOptions } from '../ingest/http/safe-fetch.js';
import type { WebhookPoster } from '../deliver/ports.js';

/**
 * JSON POSTed through safeFetch: the same address policy, time limits and size cap as every other
 * request. The webhook's name is resolved once, every address it gives is checked, and the socket
 * connects only to those checked addresses (safeFetch's pinned lookup), so a name that answers a
 * private, loopback, link-local, CGNAT, multicast or metadata address — in any IPv4-mapped or
 * embedded IPv6 spelling — is refused before anything connects, and no second DNS answer can
 * differ from the checked one. That holds even where the feeds may reach private hosts (local
 * development): the configuration admits a private webhook only as the literal 127.0.0.1.
 */
export function createWebhookPoster(fetchOptions: Omit<SafeFetchOptions, 'method' | 'body' | 'contentType' | 'namesMustResolvePublic'>): WebhookPoster {
  return {
    async post(url, payload) {
      const result = await safeFetch(url, {
        ...fetchOptions,
        namesMustResolvePublic: true,
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
