/**
 * Feed links as we keep them: absolute http(s) only, the same story always spelled the same way
 * (an item without a guid is identified by this link alone, so a tracking parameter or a reordered
 * query must not make it a new item), every other query parameter byte for byte.
 */

/**
 * Query parameters (compared lower-cased) that only track the reader or the campaign; they never
 * change what page is served. utm_* is matched by prefix.
 */
const TRACKING_PARAMS = new Set([
  // Referrers, as newsletters, aggregators and social sites add them (they change on every share).
  'ref',
  'ref_src',
  'ref_url',
  'referrer',
  'source_ref',
  'smid',
  'sr_share',
  // Ad and social click ids.
  'fbclid',
  'gclid',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'igshid',
  'yclid',
  'twclid',
  'ttclid',
  'li_fat_id',
  'rb_clickid',
  'srsltid',
  's_kwcid',
  '__twitter_impression',
  // Analytics and e-mail tools: Google Analytics, Mailchimp, HubSpot, Marketo, Omniture, AT Internet, Microsoft, Yahoo.
  '_ga',
  '_gl',
  'mc_cid',
  'mc_eid',
  '_hsenc',
  '_hsmi',
  'hsctatracking',
  'mkt_tok',
  'vero_id',
  'oly_enc_id',
  'oly_anon_id',
  'cmp',
  'cmpid',
  'ocid',
  'xtor',
  'wt.mc_id',
  'wt_mc_id',
  'guccounter',
  'guce_referrer',
  'guce_referrer_sig',
  // The BBC's at_* and ito, comScore's ns_*.
  'at_medium',
  'at_campaign',
  'at_custom1',
  'at_custom2',
  'at_custom3',
  'at_custom4',
  'at_link_origin',
  'at_link_type',
  'at_link_id',
  'at_ptr_name',
  'at_bbc_team',
  'at_format',
  'ito',
  'ns_mchannel',
  'ns_source',
  'ns_campaign',
  'ns_linkname',
  'ns_fee',
]);

/** The AMP rendering of a page is the same story: ?amp, ?amp=1, ?outputType=amp. */
function asksForAmp(key: string, value: string): boolean {
  return (key === 'amp' && ['', '1', 'true'].includes(value.toLowerCase())) || (key === 'outputtype' && value.toLowerCase() === 'amp');
}

/**
 * Absolute http(s) URL with: lower-case scheme and host, no default port, no fragment (but on Parliament's hosts: see FRAGMENT_HOSTS), no
 * credentials, no tracking parameters (utm_*, ref, fbclid, gclid, BBC at_*, ...), the remaining
 * parameters sorted by name (publishers reorder them between polls), no trailing slash on a path without a query (the root keeps
 * its "/"). A literal "&amp;" (a publisher escaping twice) is read as "&". Relative URLs resolve
 * against `base`. Anything else (javascript:, mailto:, garbage) → undefined.
 */
export function canonicalUrl(raw: string, base?: string): string | undefined {
  const url = parseHttpUrl(raw.replace(/&amp;/gi, '&'), base);
  if (!url) return undefined;
  if (!keepsFragment(url)) url.hash = '';
  url.username = '';
  url.password = '';
  url.search = withoutTracking(url.search);
  if (url.search === '' && url.pathname.length > 1) url.pathname = url.pathname.replace(/\/+$/, '') || '/';
  return url.href;
}

/**
 * Parliament's pages use the fragment to point inside a long page: Hansard's
 * #contribution-{id} is the one speech in a debate of hundreds. Those hosts keep it; on every other
 * host (the press) a fragment (#comments, #top) is the same page, and dropping it keeps dedup working.
 */
const FRAGMENT_HOSTS = /(^|\.)(parliament\.uk|theyworkforyou\.com)$/;

function keepsFragment(url: URL): boolean {
  return url.hash.length > 1 && FRAGMENT_HOSTS.test(url.hostname);
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

/**
 * Filters the raw query text and sorts what is left by parameter name, leaving each parameter byte
 * for byte as the publisher wrote it. The sort is stable, so repeated names (tag=b&tag=a) keep
 * their order, which can matter to the page.
 */
function withoutTracking(search: string): string {
  if (search.length <= 1) return '';
  const kept = search
    .slice(1)
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const at = pair.indexOf('=');
      const key = safeDecode(at < 0 ? pair : pair.slice(0, at));
      return { pair, key, lower: key.toLowerCase(), value: at < 0 ? '' : safeDecode(pair.slice(at + 1)) };
    })
    .filter(({ lower, value }) => !lower.startsWith('utm_') && !TRACKING_PARAMS.has(lower) && !asksForAmp(lower, value))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return kept.length > 0 ? `?${kept.map((p) => p.pair).join('&')}` : '';
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
