/**
 * The workspace's port for the alerts sent and what the office did about each (the adapter is
 * shared/adapters/aws/workspace-store.ts), with the alert ids both sides agree on.
 */
import * as z from 'zod';

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

export const STORY_ALERT_ID = /^(\d{8}(?:T\d{9})?-[a-f0-9]{32})\.([a-z-]+)\.([a-z]+)\.(\d+)$/;
export const ITEM_ALERT_ID = /^([a-f0-9]{32})\.item$/;

/** Whether the text is an alert id as alertId() makes them (checked before it reaches a key). */
export function isAlertId(id: string): boolean {
  return STORY_ALERT_ID.test(id) || ITEM_ALERT_ID.test(id);
}

/** The alert id for a story step or an old per-item alert: URL-safe (story ids are yyyymmdd-hex, steps reason#level#spread). */
export function alertId(owner: { readonly storyId: string } | { readonly itemId: string }, step: string): string {
  return 'storyId' in owner ? `${owner.storyId}.${step.replace(/#/g, '.')}` : `${owner.itemId}.item`;
}
