/**
 * What each function may do to the table: exactly the DynamoDB calls the store adapters its
 * handler's container uses make (shared/adapters/aws/*-store.ts, query-all.ts), and writes only to
 * the partition-key prefixes it owns (shared/adapters/aws/keys.ts), enforced with
 * `dynamodb:LeadingKeys`. No function may Scan, BatchWriteItem or BatchGetItem: only the CLI's
 * backup and status do those, locally, with the user's own credentials.
 *
 * Who writes what (reads are GetItem and Query on any key: the stories, the grid and the briefing
 * read across prefixes):
 * - poller: SOURCE#<id> (source state; Put only). It reads only its source states (GetItem).
 * - classifier: ITEM#<id> (the item, its version, "alert queued"), STORIES#<day> (story rows),
 *   PRIORITY#<id>#<month> (index rows; deleted when a new version no longer matches a priority).
 * - alerter: STORY#<id> (alerts sent, deliveries, the email thread, steps covered), ITEM#<id>
 *   (an item's alert row and pre-story deliveries: sk ALERT / DELIVERY#…) and HELD (quiet hours).
 *   A delivery claim is deleted after a failed send, a held alert once sent.
 * - briefing: BRIEFING#<date> (the record and its send claim, deleted after a failed send) and
 *   BRIEFING (the last one).
 * - planner: GRID#<week> (plan and slots; slots replanned away are deleted). No Update.
 * - review-api: GRID#<week> (edits, approvals, POST /plan, which may delete slots replanned away),
 *   GRIDREAD#<week> (the draft-read log), ALERTACTION#<alert> (acknowledged / handled, conditional
 *   updates) and ACKLINK#<nonce> (an acknowledge link used, a conditional put). It can change no
 *   item, story, source state, briefing or sent alert.
 *
 * A prefix covers the whole partition: the alerter's ITEM#* also covers an item's own row, which
 * IAM cannot tell apart by sort key; its code writes only sk ALERT and DELIVERY#… there.
 */
import type { FunctionId } from '../shared/platform/topology.js';

export type TableReadAction = 'dynamodb:GetItem' | 'dynamodb:Query';
export type TableWriteAction = 'dynamodb:PutItem' | 'dynamodb:UpdateItem' | 'dynamodb:DeleteItem';

export interface TableAccess {
  /** Reads, on any key of the table and its indexes. */
  readonly reads: readonly TableReadAction[];
  /** Writes, each allowed only where every partition key the request touches matches `writeKeys`. */
  readonly writes: readonly TableWriteAction[];
  /** Partition-key patterns (IAM StringLike: `*` is any text) this function may write. */
  readonly writeKeys: readonly string[];
}

const READ = ['dynamodb:GetItem', 'dynamodb:Query'] as const;

/**
 * Review-API key prefixes. New routes that write (alert actions, saved searches) add their own
 * prefix here, next to a comment naming the route, and a row in test/infra/table-access.test.ts;
 * never a wildcard and never an item, story or source prefix.
 */
const REVIEW_API_WRITE_KEYS = [
  'GRID#*', // slot edits, approvals, POST /plan
  'GRIDREAD#*', // who read which week's drafts
  'ALERTACTION#*', // POST /api/alerts/{id}/acknowledge|handled (alert-routes.ts)
  'ACKLINK#*', // /ack/{token}: each acknowledge link works once (ack-link.ts)
] as const;

export const TABLE_ACCESS: Readonly<Record<FunctionId, TableAccess>> = {
  poller: { reads: ['dynamodb:GetItem'], writes: ['dynamodb:PutItem'], writeKeys: ['SOURCE#*'] },
  classifier: {
    reads: READ,
    writes: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
    writeKeys: ['ITEM#*', 'STORIES#*', 'PRIORITY#*'],
  },
  alerter: { reads: READ, writes: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'], writeKeys: ['STORY#*', 'ITEM#*', 'HELD'] },
  briefing: { reads: READ, writes: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'], writeKeys: ['BRIEFING#*', 'BRIEFING'] },
  planner: { reads: READ, writes: ['dynamodb:PutItem', 'dynamodb:DeleteItem'], writeKeys: ['GRID#*'] },
  'review-api': { reads: READ, writes: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'], writeKeys: REVIEW_API_WRITE_KEYS },
};
