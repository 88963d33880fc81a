/**
 * The two gates every feed-supplied string passes before it enters HTML: text and attribute
 * values go through escapeHtml, link targets through safeHref (and then escapeHtml, since a
 * valid URL may still contain "&").
 */

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes & < > " ' so the result is safe as element text and inside a quoted attribute value. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}

/** Longer than any real article link; a guard against a feed stuffing megabytes into an href. */
const MAX_HREF_LENGTH = 4096;

/**
 * The link to put in an href, or undefined when the link must not be clickable.
 *
 * Only absolute http: and https: URLs pass. `javascript:`, `data:`, `vbscript:`, relative and
 * malformed links, and links carrying credentials (`https://bbc.co.uk@evil.example/`, a phishing
 * shape no publisher uses) are refused. The result is the WHATWG-normalised href (spaces, quotes
 * and angle brackets percent-encoded); escape it with escapeHtml when writing the attribute,
 * because "&" in a query string stays as it is.
 */
export function safeHref(url: string): string | undefined {
  const candidate = url.trim();
  if (candidate === '' || candidate.length > MAX_HREF_LENGTH) return undefined;
  // The URL parser silently drops tabs and newlines ("java\tscript:" parses as javascript:) and
  // would resolve "//host/path" against nothing; require the scheme to be spelt out plainly.
  if (!/^https?:\/\//i.test(candidate)) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(candidate);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  if (parsed.username !== '' || parsed.password !== '') return undefined;
  if (parsed.hostname === '') return undefined;
  return parsed.href;
}
