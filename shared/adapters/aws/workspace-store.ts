/**
 * The workspace's own rows (keys.ts): the alerts sent, read from the rows the alerter already
 * writes when an email goes (STORY#<id> ALERT#<step> with its ALERTS#<day> index entry, and the
 * older ITEM#<id> ALERT); what the office did about each (acknowledged, handled with a note, who
 * and when) under ALERTACTION#; and the acknowledge links used, so each works once.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { keys, utcDaysBetween } from './keys.js';
import { queryAll } from './query-all.js';

/** One alert that went out. */
export interface SentAlert {
  /** `<story id>.<reason>.<level>.<spread>` for a story's alert, `<item id>.item` for one sent before stories. */
  readonly id: string;
  readonly storyId?: string;
  readonly itemId?: string;
  /** The story step ("new#high#0"), or "item". */
  readonly step: string;
  readonly sentAt: string;
}

const actorSchema = z.object({ id: z.string(), name: z.string() });
export type Actor = z.infer<typeof actorSchema>;

export const alertActionSchema = z.object({
  acknowledgedBy: actorSchema.optional(),
  acknowledgedAt: z.string().optional(),
  /** "email" when it came from the one-click link in the alert email. */
  acknowledgedVia: z.enum(['page', 'email']).optional(),
  handledBy: actorSchema.optional(),
  handledAt: z.string().optional(),
  note: z.string().optional(),
});
export type AlertAction = z.infer<typeof alertActionSchema>;

export interface AlertActionStore {
  /** Every alert sent in [from, to], newest first. */
  sentAlertsBetween(from: Date, to: Date): Promise<SentAlert[]>;
  /** The alerts sent for one story, oldest first (covered steps, never emailed, are left out). */
  storyAlertsSent(storyId: string): Promise<SentAlert[]>;
  /** The sent alert with this id, or undefined when no such alert went. */
  sentAlert(alertId: string): Promise<SentAlert | undefined>;
  alertAction(alertId: string): Promise<AlertAction | undefined>;
  /** Records the first acknowledgement; "already" when someone acknowledged it before (theirs is kept). */
  acknowledgeAlert(alertId: string, who: Actor, at: Date, via: 'page' | 'email'): Promise<'acknowledged' | 'already'>;
  /** Records it handled with the note, acknowledging it too if nobody had; "already" when someone handled it first (theirs is kept). */
  handleAlert(alertId: string, who: Actor, at: Date, note: string): Promise<'handled' | 'already'>;
  /** Marks an acknowledge link used: true the first time, false ever after (until the row expires with the link). */
  useAckLink(nonce: string, expiresAt: Date): Promise<boolean>;
}

const STORY_ALERT_ID = /^(\d{8}-[a-f0-9]{32})\.([a-z-]+)\.([a-z]+)\.(\d+)$/;
const ITEM_ALERT_ID = /^([a-f0-9]{32})\.item$/;
const STEP_SK = /^ALERT#([a-z-]+#[a-z]+#\d+)$/;

/** Whether the text is an alert id as alertId() makes them (checked before it reaches a key). */
export function isAlertId(id: string): boolean {
  return STORY_ALERT_ID.test(id) || ITEM_ALERT_ID.test(id);
}

/** The alert id for a story step or an old per-item alert: URL-safe (story ids are yyyymmdd-hex, steps reason#level#spread). */
export function alertId(owner: { readonly storyId: string } | { readonly itemId: string }, step: string): string {
  return 'storyId' in owner ? `${owner.storyId}.${step.replace(/#/g, '.')}` : `${owner.itemId}.item`;
}

/** A sent-alert row (pk, sk, sentAt) as a SentAlert; undefined for rows that are not one. */
function sentFrom(row: Record<string, unknown>): SentAlert | undefined {
  const pk = String(row.pk);
  const sk = String(row.sk);
  const sentAt = typeof row.sentAt === 'string' ? row.sentAt : undefined;
  // A step an earlier alert covered has a row too, but no index entry and no sentAt: it was never emailed.
  if (!sentAt || row.gsi1pk === undefined) return undefined;
  const step = STEP_SK.exec(sk)?.[1];
  if (pk.startsWith('STORY#') && step) {
    const storyId = pk.slice('STORY#'.length);
    return { id: alertId({ storyId }, step), storyId, step, sentAt };
  }
  if (pk.startsWith('ITEM#') && sk === 'ALERT') {
    const itemId = pk.slice('ITEM#'.length);
    return { id: alertId({ itemId }, 'item'), itemId, step: 'item', sentAt };
  }
  return undefined;
}

export function createAlertActionStore(doc: DynamoDBDocumentClient, tableName: string): AlertActionStore {
  const conditional = async <T>(write: () => Promise<unknown>, done: T, refused: T): Promise<T> => {
    try {
      await write();
      return done;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return refused;
      throw error;
    }
  };

  return {
    async sentAlertsBetween(from, to) {
      const alerts: SentAlert[] = [];
      for (const day of utcDaysBetween(from, to)) {
        const rows = await queryAll(doc, {
          TableName: tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :p AND gsi1sk BETWEEN :a AND :b',
          ExpressionAttributeValues: { ':p': keys.alertsDay(`${day}T`), ':a': from.toISOString(), ':b': `${to.toISOString()}#~` },
        });
        for (const row of rows) {
          const sent = sentFrom(row);
          if (sent) alerts.push(sent);
        }
      }
      return alerts.sort((a, b) => b.sentAt.localeCompare(a.sentAt) || a.id.localeCompare(b.id));
    },

    async storyAlertsSent(storyId) {
      const rows = await queryAll(doc, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :p AND begins_with(sk, :s)',
        ExpressionAttributeValues: { ':p': `STORY#${storyId}`, ':s': 'ALERT#' },
        ConsistentRead: true,
      });
      return rows.flatMap((row) => sentFrom(row) ?? []).sort((a, b) => a.sentAt.localeCompare(b.sentAt));
    },

    async sentAlert(id) {
      const story = STORY_ALERT_ID.exec(id);
      const item = ITEM_ALERT_ID.exec(id);
      const key = story ? keys.storyAlert(story[1] ?? '', `${story[2]}#${story[3]}#${story[4]}`) : item ? keys.itemAlert(item[1] ?? '') : undefined;
      if (!key) return undefined;
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
      return Item ? sentFrom(Item) : undefined;
    },

    async alertAction(id) {
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: keys.alertAction(id), ConsistentRead: true }));
      return Item ? alertActionSchema.parse(Item) : undefined;
    },

    acknowledgeAlert(id, who, at, via) {
      return conditional(
        () =>
          doc.send(
            new UpdateCommand({
              TableName: tableName,
              Key: keys.alertAction(id),
              UpdateExpression: 'SET acknowledgedBy = :who, acknowledgedAt = :at, acknowledgedVia = :via',
              ConditionExpression: 'attribute_not_exists(acknowledgedAt)',
              ExpressionAttributeValues: { ':who': who, ':at': at.toISOString(), ':via': via },
            }),
          ),
        'acknowledged' as const,
        'already' as const,
      );
    },

    handleAlert(id, who, at, note) {
      return conditional(
        () =>
          doc.send(
            new UpdateCommand({
              TableName: tableName,
              Key: keys.alertAction(id),
              UpdateExpression:
                'SET handledBy = :who, handledAt = :at, note = :note, acknowledgedBy = if_not_exists(acknowledgedBy, :who), acknowledgedAt = if_not_exists(acknowledgedAt, :at), acknowledgedVia = if_not_exists(acknowledgedVia, :via)',
              ConditionExpression: 'attribute_not_exists(handledAt)',
              ExpressionAttributeValues: { ':who': who, ':at': at.toISOString(), ':note': note, ':via': 'page' },
            }),
          ),
        'handled' as const,
        'already' as const,
      );
    },

    useAckLink(nonce, expiresAt) {
      return conditional(
        () =>
          doc.send(
            new PutCommand({
              TableName: tableName,
              Item: { ...keys.ackLink(nonce), expiresAt: Math.ceil(expiresAt.getTime() / 1000) },
              ConditionExpression: 'attribute_not_exists(pk)',
            }),
          ),
        true,
        false,
      );
    },
  };
}
