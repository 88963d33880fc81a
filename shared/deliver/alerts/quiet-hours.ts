/**
 * Quiet hours, on London's clock: "22:00" to "07:00" runs over midnight; the start is inside, the
 * end is not, so the end-of-quiet-hours schedule (at `to`) finds them over.
 */
import { londonParts } from '../../platform/time.js';

export interface QuietHours {
  readonly from: string;
  readonly to: string;
}

export function isQuietTime(at: Date, quiet: QuietHours | undefined): boolean {
  if (!quiet) return false;
  const p = londonParts(at);
  const now = p.hour * 60 + p.minute;
  const from = minutes(quiet.from);
  const to = minutes(quiet.to);
  return from < to ? now >= from && now < to : now >= from || now < to;
}

function minutes(clock: string): number {
  const [h, m] = clock.split(':').map(Number) as [number, number];
  return h * 60 + m;
}
