/**
 * Feed links as we keep them: absolute http(s) only, the same story always spelled the same way
 * (so identity does not depend on tracking parameters), every other query parameter byte for byte.
 */

/** Query parameters that only track the reader; they never change what page is served. */
const TRACKING_PARAMS = new Set([
  'fbclid', 'gclid', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'igshid', 'mc_cid', 'mc_eid', 'cmp',
  'at_medium', 'at_campaign', 'at_custom1', 'at_custom2', 'at_custom3', 'at_custom4', 'at_link_origin',
  'at_link_type', 'at_link_id', 'at_ptr_name', 'at_bbc_team', 'at_format', 'ito', 'ns_mchannel',
  'ns_source', 'ns_campaign', 'ns_linkname', 'ns_fee',
]);

/**
 * Absolute http(s) URL with: lower-case host, no fragment, no credentials, no tracking parameters
 * (utm_*, fbclid, gclid, BBC at_*, ...), no trailing slash on a path without a query (the root keeps
 * its "/"). A literal "&amp;" (a publisher escaping twice) is read as "&". Relative URLs resolve
 * against `base`. Anything else (javascript:, mailto:, garbage) → undefined.
 */
export function canonicalUrl(raw: string, base?: string): string | undefined {
  const url = parseHttpUrl(raw.replace(/&amp;/gi, '&'), base);
  if (!url) return undefined;
  url.hash = '';
  url.username = '';
  url.password = '';
  url.search = withoutTracking(url.search);
  if (url.search === '' && url.pathname.length > 1) url.pathname = url.pathname.replace(/\/+$/, '') || '/';
  return url.href;
}

/** Resolves without canonicalising: a base URL's trailing slash matters for what is relative to it. */
export function resolveHttpUrl(raw: string | undefined, base: string): string | undefined {
  return raw ? parseHttpUrl(raw, base)?.href : undefined;
}

function parseHttpUrl(raw: string, base?: string): URL | undefined {
  const text = raw.trim();
  if (!text) return undefined;
  try {
    const url = base === undefined ? new URL(text) : new URL(text, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** Filters the raw query text, leaving every other parameter byte for byte as the publisher wrote it. */
function withoutTracking(search: string): string {
  if (search.length <= 1) return '';
  const kept = search
    .slice(1)
    .split('&')
    .filter((pair) => {
      const key = safeDecode(pair.split('=')[0] ?? '').toLowerCase();
      return pair !== '' && !key.startsWith('utm_') && !TRACKING_PARAMS.has(key);
    });
  return kept.length > 0 ? `?${kept.join('&')}` : '';
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
