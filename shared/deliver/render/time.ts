/**
 * Times as the Mayor's office reads them: Europe/London wall-clock time, right on either side of
 * the clock changes. Built from formatToParts so the layout does not depend on the ICU version's
 * punctuation (only its month abbreviations, e.g. "Sept").
 */
import { TIME_ZONE } from '../../platform/topology.js';

const PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

interface LondonParts {
  weekday: string;
  day: string;
  month: string;
  hour: string;
  minute: string;
}

function londonParts(at: Date): LondonParts {
  const parts: LondonParts = { weekday: '', day: '', month: '', hour: '', minute: '' };
  for (const part of PARTS.formatToParts(at)) {
    if (part.type === 'weekday' || part.type === 'day' || part.type === 'month' || part.type === 'hour' || part.type === 'minute') {
      parts[part.type] = part.value;
    }
  }
  return parts;
}

/** "Tue 24 Nov" */
export function londonDay(at: Date): string {
  const p = londonParts(at);
  return `${p.weekday} ${p.day} ${p.month}`;
}

/** "18:05" */
export function londonClock(at: Date): string {
  const p = londonParts(at);
  return `${p.hour}:${p.minute}`;
}

/** "Mon 23 Nov, 18:05": when an item appeared. */
export function londonDateTime(at: Date): string {
  return `${londonDay(at)}, ${londonClock(at)}`;
}

/** "Mon 23 Nov 07:00": the start of the period a briefing covers. */
export function londonSince(at: Date): string {
  return `${londonDay(at)} ${londonClock(at)}`;
}
