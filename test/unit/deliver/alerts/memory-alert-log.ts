/**
 * The alerter's store ports in memory, with the DynamoDB adapter's rules: a claim succeeds only
 * when there is none or a stale unfinished one; a finished delivery is never claimed again.
 */
import type { AlertLog } from '../../../../shared/deliver/ports.js';
import type { AlertThread, AlertThreadLog, ClaimResult, DeliveryLog, DeliveryOwner, HeldAlert, HeldAlertStore } from '../../../../shared/deliver/ports.js';
import type { StoryAlertLog } from '../../../../shared/classify/ports.js';
import type { AlertMessage } from '../../../../shared/platform/model.js';

const ownerKey = (owner: DeliveryOwner, key: string) => `${'storyId' in owner ? `STORY#${owner.storyId}` : `ITEM#${owner.itemId}`}/${key}`;

export class MemoryAlertLog implements AlertLog, StoryAlertLog, DeliveryLog, HeldAlertStore, AlertThreadLog {
  readonly deliveries = new Map<string, { state: 'sending' | 'sent'; claimedAt: string; messageId?: string }>();
  readonly steps = new Set<string>();
  readonly items = new Set<string>();
  readonly held = new Map<string, HeldAlert>();
  readonly threads = new Map<string, AlertThread>();

  async alertSent(itemId: string) {
    return this.items.has(itemId);
  }
  async recordAlertSent(itemId: string) {
    this.items.add(itemId);
  }
  async alertsSentBetween() {
    return this.items.size + this.steps.size;
  }
  async storyAlertSent(storyId: string, key: string) {
    return this.steps.has(`${storyId}/${key}`);
  }
  async recordStoryAlertSent(storyId: string, key: string) {
    this.steps.add(`${storyId}/${key}`);
  }
  async claimDelivery(owner: DeliveryOwner, key: string, now: Date, leaseSeconds: number): Promise<ClaimResult> {
    const k = ownerKey(owner, key);
    const row = this.deliveries.get(k);
    if (row?.state === 'sent') return 'done';
    if (row && Date.parse(row.claimedAt) > now.getTime() - leaseSeconds * 1000) return 'busy';
    this.deliveries.set(k, { state: 'sending', claimedAt: now.toISOString() });
    return 'claimed';
  }
  async completeDelivery(owner: DeliveryOwner, key: string, _sentAt: Date, messageId: string) {
    const k = ownerKey(owner, key);
    this.deliveries.set(k, { ...(this.deliveries.get(k) ?? { claimedAt: '' }), state: 'sent', messageId });
  }
  async releaseDelivery(owner: DeliveryOwner, key: string) {
    const k = ownerKey(owner, key);
    if (this.deliveries.get(k)?.state === 'sending') this.deliveries.delete(k);
  }
  async markStepCovered(storyId: string, key: string) {
    this.steps.add(`${storyId}/${key}`);
  }
  async alertThread(storyId: string) {
    return this.threads.get(storyId);
  }
  async addToAlertThread(storyId: string, subject: string, messageId: string) {
    const thread = this.threads.get(storyId) ?? { subject, messageIds: [] };
    if (!thread.messageIds.includes(messageId)) this.threads.set(storyId, { subject: thread.subject, messageIds: [...thread.messageIds, messageId] });
  }
  async holdAlert(key: string, message: AlertMessage, heldAt: Date) {
    if (!this.held.has(key)) this.held.set(key, { key, heldAt: heldAt.toISOString(), message: structuredClone(message) });
  }
  async heldAlerts() {
    return [...this.held.values()].sort((a, b) => a.heldAt.localeCompare(b.heldAt));
  }
  async removeHeldAlert(key: string) {
    this.held.delete(key);
  }
  /** Delivery keys marked sent, for assertions. */
  sent(): string[] {
    return [...this.deliveries].filter(([, v]) => v.state === 'sent').map(([k]) => k);
  }
}
