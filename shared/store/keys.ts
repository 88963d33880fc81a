/**
 * Single-table key design. Access patterns:
 * - item by id                      pk ITEM#<id>        sk ITEM
 * - items first seen in a period    gsi1pk SEEN#<UTC day>  gsi1sk <seenAt>#<id>   (the briefing)
 * - alert delivered for an item     pk ITEM#<id>        sk ALERT  (gsi1 ALERTS#<UTC day>, for "alerts sent since")
 * - source state by source          pk SOURCE#<id>      sk STATE
 * - briefing by date                pk BRIEFING#<local date>  sk BRIEFING
 * - the previous briefing           pk BRIEFING         sk LAST
 */
export const keys = {
  item: (id: string) => ({ pk: `ITEM#${id}`, sk: 'ITEM' }),
  itemAlert: (id: string) => ({ pk: `ITEM#${id}`, sk: 'ALERT' }),
  sourceState: (sourceId: string) => ({ pk: `SOURCE#${sourceId}`, sk: 'STATE' }),
  briefing: (localDate: string) => ({ pk: `BRIEFING#${localDate}`, sk: 'BRIEFING' }),
  lastBriefing: () => ({ pk: 'BRIEFING', sk: 'LAST' }),
  seenDay: (iso: string) => `SEEN#${iso.slice(0, 10)}`,
  alertsDay: (iso: string) => `ALERTS#${iso.slice(0, 10)}`,
};

/** UTC calendar days (YYYY-MM-DD) touched by [from, to], in order. */
export function utcDaysBetween(from: Date, to: Date): string[] {
  const days: string[] = [];
  const cursor = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()));
  while (cursor.getTime() <= to.getTime()) {
    days.push(cursor.toISOString().slice(0, 10));
    cursor.setUTCDate(cursor.getUTCDate() + 1);
  }
  return days;
}
