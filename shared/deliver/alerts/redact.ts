/** What of a webhook address or a phone number may appear in logs and outbox copies. */

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
