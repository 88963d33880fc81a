/**
 * What each function may do to the table, derived from the DynamoDB calls its code makes through
 * the store adapters (shared/adapters/aws/*-store.ts use only GetItem, PutItem, UpdateItem,
 * DeleteItem and Query). No function may Scan, BatchWriteItem or BatchGetItem: only the CLI's
 * backup and status do those, locally, with the user's own credentials.
 *
 * Deletes, and who needs them:
 * - classifier: an item reclassified out of a priority leaves its PRIORITY# index entry;
 * - alerter: a delivery claim released after a failed send, an alert held in quiet hours once sent;
 * - briefing: its send claim released after a failed send;
 * - planner: slots replanned away (grid-store savePlan);
 * - review-api: POST /plan replans the week through the same savePlan, so it may delete, but only
 *   items whose partition key is GRID#<week> (dynamodb:LeadingKeys): never an item, story, source
 *   state, briefing or the draft-read log.
 *   Its Story and Alerts views read stories, items, briefings and the sent alerts (Get, Query on
 *   gsi1), and write only ALERTACTION# (acknowledged / handled, conditional updates) and
 *   ACKLINK# (an acknowledge link used, a conditional put): within READ and WRITE, no delete.
 */
import type { FunctionId } from '../shared/platform/topology.js';

export type TableAction = 'dynamodb:GetItem' | 'dynamodb:Query' | 'dynamodb:PutItem' | 'dynamodb:UpdateItem' | 'dynamodb:DeleteItem';

export interface TableAccess {
  readonly actions: readonly TableAction[];
  /** DeleteItem only on items whose partition key matches one of these patterns. */
  readonly deleteOnly?: readonly string[];
}

const READ = ['dynamodb:GetItem', 'dynamodb:Query'] as const;
const WRITE = ['dynamodb:PutItem', 'dynamodb:UpdateItem'] as const;

export const TABLE_ACCESS: Readonly<Record<FunctionId, TableAccess>> = {
  poller: { actions: [...READ, ...WRITE] },
  classifier: { actions: [...READ, ...WRITE, 'dynamodb:DeleteItem'] },
  alerter: { actions: [...READ, ...WRITE, 'dynamodb:DeleteItem'] },
  briefing: { actions: [...READ, ...WRITE, 'dynamodb:DeleteItem'] },
  planner: { actions: [...READ, ...WRITE, 'dynamodb:DeleteItem'] },
  'review-api': { actions: [...READ, ...WRITE], deleteOnly: ['GRID#*'] },
};
