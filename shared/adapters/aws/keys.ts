/**
 * Single-table key design. Access patterns:
 * - item by id                      pk ITEM#<id>        sk ITEM   (the item as deflated JSON in itemZ: item-codec.ts)
 *     A changed item (same id, new headline or snippet) replaces the row, conditional on the
 *     version read (`itemVersion`, absent = 1); it keeps its first-seen day in gsi1.
 * - items first seen in a period    gsi1pk SEEN#<UTC day>  gsi1sk <seenAt>#<id>   (the briefing)
 * - alert delivered for an item     pk ITEM#<id>        sk ALERT  (gsi1 ALERTS#<UTC day>, for "alerts sent since")
 * - source state by source          pk SOURCE#<id>      sk STATE
 * - the watched members' lookups    pk MEMBERS          sk DIRECTORY  (member-cache.ts; refreshed weekly)
 * - briefing by date                pk BRIEFING#<local date>  sk BRIEFING
 * - the previous briefing           pk BRIEFING         sk LAST
 * - stories started on a day        pk STORIES#<UTC day it was started>  sk STORY#<story id>
 *     One row per story (shared/classify/stories/story.ts): size, outlets, members (the first 20),
 *     signatures, level, alerts decided, deflated in `storyZ` (older rows: the `story` map);
 *     written with a version condition. The story id starts with the time it was started
 *     (yyyymmddThhmmssmmm-…; older rows yyyymmdd-…), so a story is found by id too and a day's
 *     rows are in the order they were started. A classifier container reads the last 48 h of these
 *     partitions once, then only the rows started since it last looked (story-window.ts): no scan, no index.
 * - items of a story                the story row's `members` (item ids), then item by id
 * - alert emailed for a story       pk STORY#<story id>  sk ALERT#<reason>#<level>#<spread>
 *                                   (gsi1 ALERTS#<UTC day>, counted with the item alerts)
 * - delivery of an alert step to one channel target (an email, a webhook, a phone number)
 *                                   pk STORY#<story id> (ITEM#<id> for pre-story messages)  sk DELIVERY#<reason>#<level>#<spread>#<target>
 *                                   (text messages: sk DELIVERY#level#<level>#sms-<number>, one per story and level)
 *     A claim written before sending (state sending, claimedAt), then marked sent: at most once per
 *     story, step and route even when retried (shared/adapters/aws/delivery-store.ts).
 * - the email thread of a story's alerts  pk STORY#<story id>  sk THREAD  (subject fixed at the first alert, Message-IDs)
 * - a story step an earlier alert covered  pk STORY#<story id>  sk ALERT#<step>  (no gsi1: not counted as sent)
 * - alerts held in quiet hours      pk HELD  sk <story id>#<reason>#<level>#<spread> (or ITEM#<id>)
 *     The queued message as JSON; deleted when the end-of-quiet-hours schedule has sent it.
 * - the briefing being sent         pk BRIEFING#<local date>  sk CLAIM   (claimed before sending, so two runs never both send)
 * - items by priority and period    pk PRIORITY#<priority id>#<UTC month>  sk <seenAt>#<item id>
 *     A small row per tag (title, outlet, link, level, story), so the grid and charts read a
 *     priority's month without reading items; no GSI (an item has several priorities). A new
 *     version of an item rewrites its rows and deletes those of priorities it no longer matches.
 * - the social media grid of a week pk GRID#<ISO week>  sk PLAN | SLOT#<date>_<hhmm>_<channel>
 *     One Query reads the week. A slot carries `version`; every write is conditional on the version
 *     the writer read (shared/adapters/aws/grid-store.ts), so a second editor gets a conflict, not a lost edit.
 * - who read a week's drafts        pk GRIDREAD#<ISO week>  sk <at>#<who>   (drafts are confidential)
 * - what the office did about an alert  pk ALERTACTION#<alert id>  sk STATE  (acknowledged / handled: who, when, note)
 *     Each step written on condition it has not been taken, so two people acting at once record one.
 * - an acknowledge link used        pk ACKLINK#<link nonce>  sk USED  (single use; expires with the link)
 *
 * Write units for a new item of typical size (measured in test/integration/classification.test.ts):
 * the item row 1 + its gsi1 copy 1 + one priority row 1 = 3. The story row it starts or joins is 1
 * more while that row is under 1 KB (deflated: about 0.45 KB for a story of one outlet, 0.75 KB
 * for a sensitive story of two; past 1 KB from about 30 outlets), so 4 in all for an item with one priority.
 * An item that makes an alert due costs 2 more: marking the alert queued rewrites the item row and
 * its gsi1 copy.
 */
export const keys = {
  item: (id: string) => ({ pk: `ITEM#${id}`, sk: 'ITEM' }),
  itemAlert: (id: string) => ({ pk: `ITEM#${id}`, sk: 'ALERT' }),
  sourceState: (sourceId: string) => ({ pk: `SOURCE#${sourceId}`, sk: 'STATE' }),
  briefing: (localDate: string) => ({ pk: `BRIEFING#${localDate}`, sk: 'BRIEFING' }),
  lastBriefing: () => ({ pk: 'BRIEFING', sk: 'LAST' }),
  seenDay: (iso: string) => `SEEN#${iso.slice(0, 10)}`,
  alertsDay: (iso: string) => `ALERTS#${iso.slice(0, 10)}`,
  story: (day: string, storyId: string) => ({ pk: `STORIES#${day}`, sk: `STORY#${storyId}` }),
  storiesDay: (day: string) => `STORIES#${day}`,
  storyAlert: (storyId: string, key: string) => ({ pk: `STORY#${storyId}`, sk: `ALERT#${key}` }),
  alertThread: (storyId: string) => ({ pk: `STORY#${storyId}`, sk: 'THREAD' }),
  priorityItem: (priorityId: string, seenAt: string, itemId: string) => ({ pk: `PRIORITY#${priorityId}#${seenAt.slice(0, 7)}`, sk: `${seenAt}#${itemId}` }),
  priorityMonth: (priorityId: string, month: string) => `PRIORITY#${priorityId}#${month}`,
  delivery: (owner: { readonly storyId: string } | { readonly itemId: string }, key: string) => ({
    pk: 'storyId' in owner ? `STORY#${owner.storyId}` : `ITEM#${owner.itemId}`,
    sk: `DELIVERY#${key}`,
  }),
  heldAlert: (key: string) => ({ pk: 'HELD', sk: key }),
  briefingClaim: (localDate: string) => ({ pk: `BRIEFING#${localDate}`, sk: 'CLAIM' }),
  alertAction: (alertId: string) => ({ pk: `ALERTACTION#${alertId}`, sk: 'STATE' }),
  ackLink: (nonce: string) => ({ pk: `ACKLINK#${nonce}`, sk: 'USED' }),
};

/** UTC months (YYYY-MM) touched by [from, to], in order. */
export function utcMonthsBetween(from: Date, to: Date): string[] {
  const months: string[] = [];
  const cursor = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), 1));
  while (cursor.getTime() <= to.getTime()) {
    months.push(cursor.toISOString().slice(0, 7));
    cursor.setUTCMonth(cursor.getUTCMonth() + 1);
  }
  return months;
}

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
