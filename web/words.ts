/**
 * Times and levels as the Story and Alerts views say them: London wall-clock time (the office's),
 * and the alert emails' words for a level. Kept here, not imported from the server's renderers,
 * so the page's bundle does not take in the email code.
 */
import type { AlertView } from '../shared/workspace/views.js';

export function when(iso: string): string {
  return new Date(iso).toLocaleString('en-GB', { timeZone: 'Europe/London', dateStyle: 'medium', timeStyle: 'short' });
}

/** As shared/deliver/alerts/view.ts's LEVEL_WORDS. */
export const LEVEL_WORDS: Readonly<Record<AlertView['level'], string>> = { none: 'Not sensitive', watch: 'Watch', high: 'High', critical: 'Critical' };

/** Who did what to an alert, and when, in one line. */
export function alertStateLine(alert: AlertView): string {
  if (alert.handled) return `Handled by ${alert.handled.by.name}, ${when(alert.handled.at)}: “${alert.handled.note}”`;
  if (alert.acknowledged)
    return `Acknowledged${alert.acknowledged.via === 'email' ? ' from the alert email' : ''} by ${alert.acknowledged.by.name}, ${when(alert.acknowledged.at)}`;
  return 'New: nobody has acknowledged it yet';
}
