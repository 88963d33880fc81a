/**
 * Delivers one alert step of a story (new, level rise, spread) to every route for its level, each
 * delivery at most once: a delivery is claimed in the table before it is sent and marked sent
 * after, so a retried message sends only what did not go the first time. In quiet hours an alert
 * below critical is held instead, and sent by releaseHeldAlerts when they end.
 *
 * Flow: already fully sent? → quiet hours? hold → for each delivery (email, webhook, sms): claim →
 * send with retries → mark sent with the provider's message id (or, if the send failed, release the
 * claim and report) → keep the local copy, best effort → record the step as sent.
 *
 * Once a provider has accepted a delivery nothing can make it go again: the claim is marked sent
 * before anything else runs, a failure to mark it keeps the claim (a retry finds it busy), and what
 * fails after (the outbox copy, dropping held alerts) is reported through onDegraded.
 */
import type { Config } from '../../platform/config/schema.js';
import { domainOf, type Mailer } from '../email/message.js';
import { sendWithRetries, type RetryPolicy, type SendFailure } from '../email/retry.js';
import type { AlertMessage, ClassifiedItem } from '../../platform/model.js';
import type { AlertLog } from '../ports.js';
import type { ItemStore } from '../../classify/ports.js';
import type { AlertThread, AlertThreadLog, DeliveryLog, DeliveryOwner, HeldAlertStore } from '../ports.js';
import type { StoryAlertLog, StoryStore } from '../../classify/ports.js';
import { smsText, slackPayload, teamsPayload } from './channels.js';
import { isQuietTime } from './quiet-hours.js';
import { renderAlertView, type AlertLinks } from './render.js';
import { alertRoutes, deliveriesFor, levelRank, type Delivery } from './routes.js';
import type { SmsSender, WebhookPoster } from '../ports.js';
import { maskNumber, redactUrl } from './redact.js';
import { buildAlertView, type AlertView } from './view.js';
import { afterRecorded, recordSent, SentNotRecordedError } from '../after-send.js';

/** Each webhook kind the configuration accepts, and how its message is built: a new kind must be added here to compile. */
const WEBHOOK_KINDS = {
  teams: { label: 'Teams', payload: teamsPayload },
  slack: { label: 'Slack', payload: slackPayload },
} satisfies Record<Extract<Delivery, { channel: 'webhook' }>['kind'], { label: string; payload: (view: AlertView) => Record<string, unknown> }>;

export interface AlertDeps {
  /** What delivering reads of the configuration (the alerter's projection carries it). */
  config: Pick<Config, 'alerts' | 'sensitivity' | 'council' | 'mayor'> & { briefing: Pick<Config['briefing'], 'from' | 'replyTo'> };
  log: AlertLog & StoryAlertLog & DeliveryLog & HeldAlertStore & AlertThreadLog;
  /** To list every outlet carrying the story, with links; without it the alert names this item's outlet. */
  stories?: Pick<StoryStore, 'getStory'> & Pick<ItemStore, 'getItemRecord'>;
  mailer: Mailer;
  webhooks?: WebhookPoster;
  sms?: SmsSender;
  now: () => Date;
  /** Told about each send that failed after its retries (the handler logs it as an error). */
  onFailure?: (failure: SendFailure) => void;
  /** Told when a step after a recorded send failed (the outbox copy): logged, never retried by sending again. */
  onDegraded?: (what: string, error: unknown) => void;
  retry?: RetryPolicy;
  /** The alert's links in the email (story view, one-click acknowledge) for its story step (or item) and the email's recipients; absent: none. */
  links?: (alert: AlertOwnerStep, recipients: readonly string[]) => Promise<AlertLinks>;
}

/** Which alert an email is: a story's step, or an item's alert from before stories. */
export type AlertOwnerStep = { readonly storyId: string; readonly step: string } | { readonly itemId: string };

export type AlertOutcome = {
  /** superseded: the story has risen since this step was queued, and the higher alert (queued too) says it all. */
  status: 'sent' | 'already-sent' | 'held' | 'superseded';
  /** The deliveries made by this call, e.g. ["email", "sms-447700900123"]. */
  delivered: string[];
};

/** Some deliveries failed after their retries; the message says which and why. The ones that went stay sent. */
export class AlertDeliveryError extends Error {
  override readonly name = 'AlertDeliveryError';
}

/** Another run holds the claim on a delivery right now; the message is retried later. */
export class AlertBusyError extends Error {
  override readonly name = 'AlertBusyError';
}

/** Longer than the alerter's time limit: a claim older than this belongs to a run that died mid-send. */
const CLAIM_LEASE_SECONDS = 120;
/** Items read to list the outlets carrying a story. */
const MAX_COVERAGE_ITEMS = 12;

export async function deliverAlert(message: AlertMessage, deps: AlertDeps, opts: { releasedFrom?: { heldAt: Date } } = {}): Promise<AlertOutcome> {
  const { item, story } = message;
  const owner: DeliveryOwner = story ? { storyId: story.id } : { itemId: item.id };
  const step = stepKey(message);
  if (story ? await deps.log.storyAlertSent(story.id, step) : await deps.log.alertSent(item.id)) return { status: 'already-sent', delivered: [] };

  const now = deps.now();
  const level = story?.level ?? (item.sensitivity.level === 'none' ? 'high' : item.sensitivity.level);
  // A rise within one classification batch (high, then critical a few milliseconds later) queues
  // two steps; the office should get one alert, at the higher level. The story record says what
  // has been queued since: a step below that level is covered by the one above it.
  if (story && (await risenSince(story.id, level, deps))) {
    await deps.log.markStepCovered(story.id, step, now);
    return { status: 'superseded', delivered: [] };
  }
  const quiet = deps.config.alerts.quietHours;
  if (!opts.releasedFrom && level !== 'critical' && isQuietTime(now, quiet)) {
    await deps.log.holdAlert(heldKey(message), message, now);
    return { status: 'held', delivered: [] };
  }

  const known = await storyItems(message, deps);
  const thread = story ? await deps.log.alertThread(story.id) : undefined;
  const view = buildAlertView({
    config: deps.config,
    item,
    generatedAt: now,
    reason: message.reason,
    story,
    coverage: known.items,
    ...(thread && thread.messageIds.length > 0 ? { thread: { subject: thread.subject } } : {}),
    ...(opts.releasedFrom && quiet ? { held: { heldAt: opts.releasedFrom.heldAt, quietHours: quiet } } : {}),
  });
  const deliveries = deliveriesFor(level, alertRoutes(deps.config));
  const delivered: string[] = [];
  const failed: string[] = [];
  const busy: string[] = [];
  for (const delivery of deliveries) {
    // A text message is the most intrusive: one per story and level, so a story spreading at the
    // same level is followed up by email and webhook only.
    const perLevel = delivery.channel === 'sms' && story !== undefined;
    const key = perLevel ? `level#${story.level}#${delivery.key}` : `${step}#${delivery.key}`;
    const claim = await deps.log.claimDelivery(owner, key, now, CLAIM_LEASE_SECONDS);
    if (claim === 'done') continue;
    // A text for this level is being sent for another step of the story (a batch holds both): that
    // step owns it, and retries it if it fails.
    if (claim === 'busy' && perLevel) continue;
    if (claim === 'busy') {
      busy.push(describe(delivery));
      continue;
    }
    let sent: Sent;
    try {
      sent = await send(delivery, view, message, deps, thread, step);
    } catch (error) {
      // Nothing was accepted: let a retry claim it.
      await deps.log.releaseDelivery(owner, key);
      failed.push(`${describe(delivery)}: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    // Accepted: from here on the claim is never released, whatever fails.
    try {
      await recordSent(`the ${describe(delivery)}`, () => deps.log.completeDelivery(owner, key, deps.now(), sent.messageId), deps.retry);
    } catch (error) {
      if (!(error instanceof SentNotRecordedError)) throw error;
      failed.push(`${describe(delivery)}: ${error.message}`);
      continue;
    }
    delivered.push(delivery.key);
    // The email's Message-ID joins the story's thread, for the next follow-up to reply to. Best
    // effort: the alert went, and a follow-up without it only starts a new conversation.
    const threadId = sent.threadMessageId;
    if (story && threadId)
      await afterRecorded(`threading the alert "${view.subject}"`, () => deps.log.addToAlertThread(story.id, view.subject, threadId, now), deps.onDegraded);
    if (sent.keepCopy) await afterRecorded(`the outbox copy of the ${describe(delivery)}`, sent.keepCopy, deps.onDegraded);
  }
  if (failed.length > 0)
    throw new AlertDeliveryError(
      `Alert "${view.subject}" not delivered to ${failed.join('; ')}${delivered.length > 0 ? ` (sent: ${delivered.join(', ')})` : ''}`,
    );
  if (busy.length > 0) throw new AlertBusyError(`Alert "${view.subject}" is being sent by another run to ${busy.join(', ')}; will check again`);

  if (story) {
    await deps.log.recordStoryAlertSent(story.id, step, now, delivered.join(',') || 'none');
    // This alert listed every outlet carrying the story by now: a spread follow-up for a number it
    // already showed would only repeat it (two steps of one story often arrive in one batch).
    for (const threshold of deps.config.sensitivity.spreadAlerts) {
      if (threshold > story.spread && threshold <= known.outlets) await deps.log.markStepCovered(story.id, `spread#${story.level}#${threshold}`, now);
    }
  } else await deps.log.recordAlertSent(item.id, now, delivered.join(',') || 'none');
  // A critical alert says all there is to say about the story: what was held for it overnight is dropped.
  // Best effort: a retry would find the step sent and stop before this, so throwing would only hide it.
  if (story && level === 'critical' && quiet)
    await afterRecorded(`dropping the alerts held for story ${story.id}`, () => dropHeldFor(story.id, deps), deps.onDegraded);
  return { status: 'sent', delivered };
}

/** A delivery the provider accepted, and the copy to keep of it once that is recorded (locally, the outbox). */
interface Sent {
  messageId: string;
  /** An email's Message-ID as recipients see it, for the follow-ups' In-Reply-To and References. */
  threadMessageId?: string;
  keepCopy?: () => Promise<unknown>;
}

async function send(
  delivery: Delivery,
  view: ReturnType<typeof buildAlertView>,
  message: AlertMessage,
  deps: AlertDeps,
  thread: AlertThread | undefined,
  step: string,
): Promise<Sent> {
  const tag = `alert-${(message.story?.id ?? message.item.id).slice(-8)}`;
  const options = { ...(deps.retry ? { policy: deps.retry } : {}), ...(deps.onFailure ? { onFailure: deps.onFailure } : {}) };
  switch (delivery.channel) {
    case 'email': {
      const links = deps.links ? await deps.links(message.story ? { storyId: message.story.id, step } : { itemId: message.item.id }, delivery.to) : undefined;
      const rendered = renderAlertView(view, { config: deps.config, ...(links ? { links } : {}) });
      const replyTo = deps.config.alerts.replyTo ?? deps.config.briefing.replyTo;
      const from = deps.config.alerts.from ?? deps.config.briefing.from;
      const earlier = thread?.messageIds ?? [];
      const email = {
        from,
        to: [...delivery.to],
        ...(replyTo ? { replyTo } : {}),
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
        tag,
        // The same id on a retry of this step, so a copy or a resend is recognisably the same message.
        messageId: alertMessageId(message, from),
        // A follow-up replies to the story's earlier alerts: mail clients then show one conversation.
        ...(earlier.length > 0 ? { headers: { 'In-Reply-To': earlier[earlier.length - 1] ?? '', References: earlier.join(' ') } } : {}),
      };
      const { messageId, headerMessageId } = await sendWithRetries(
        `the alert email "${email.subject}"`,
        delivery.to.length,
        () => deps.mailer.send(email),
        options,
      );
      const { mailer } = deps;
      return {
        messageId,
        threadMessageId: headerMessageId ?? email.messageId,
        ...(mailer.keepCopy ? { keepCopy: () => mailer.keepCopy?.(email) ?? Promise.resolve() } : {}),
      };
    }
    case 'webhook': {
      const poster = deps.webhooks;
      if (!poster) throw new AlertDeliveryError('no webhook sender is set up in this runtime');
      const webhook = WEBHOOK_KINDS[delivery.kind];
      const payload = webhook.payload(view);
      const postTag = `${tag}-${delivery.kind}`;
      const { messageId } = await sendWithRetries(
        `the ${webhook.label} alert (${redactUrl(delivery.url)})`,
        1,
        () => poster.post(delivery.url, payload, postTag),
        options,
      );
      return { messageId, ...(poster.keepCopy ? { keepCopy: () => poster.keepCopy?.(delivery.url, payload, postTag) ?? Promise.resolve() } : {}) };
    }
    case 'sms': {
      const sender = deps.sms;
      if (!sender) throw new AlertDeliveryError('no text-message sender is set up in this runtime');
      const text = smsText(view);
      // No copy step: locally the outbox file is the text message itself.
      const { messageId } = await sendWithRetries(
        `the text message (${maskNumber(delivery.to)})`,
        1,
        () => sender.send(delivery.to, text, `${tag}-sms`),
        options,
      );
      return { messageId };
    }
  }
}

/** "<alert.<story>.<step>@<sender's domain>>": one per alert step, made only of characters a Message-ID allows. */
function alertMessageId(message: AlertMessage, from: string): string {
  const owner = message.story ? `${message.story.id}.${stepKey(message)}` : `item.${message.item.id}`;
  return `<alert.${owner.replace(/[^A-Za-z0-9.-]+/g, '-')}@${domainOf(from)}>`;
}

function describe(delivery: Delivery): string {
  if (delivery.channel === 'email') return `email (${delivery.to.length} recipient${delivery.to.length === 1 ? '' : 's'})`;
  if (delivery.channel === 'webhook') return `${delivery.kind} webhook ${redactUrl(delivery.url)}`;
  return `text message ${maskNumber(delivery.to)}`;
}

/**
 * The story's items that the alert lists under "where" (read from the story record, at most a
 * dozen), and how many outlets carry it now.
 */
async function storyItems(message: AlertMessage, deps: AlertDeps): Promise<{ items: ClassifiedItem[]; outlets: number }> {
  const { story, item } = message;
  const fallback = { items: [item], outlets: story?.outlets.length ?? 1 };
  const stories = deps.stories;
  if (!story || !stories) return fallback;
  try {
    const record = await stories.getStory(story.id);
    const ids = (record?.members ?? []).filter((id) => id !== item.id).slice(0, MAX_COVERAGE_ITEMS - 1);
    const others = await Promise.all(ids.map((id) => stories.getItemRecord(id)));
    return { items: [item, ...others.flatMap((r) => (r ? [r.item] : []))], outlets: Math.max(record?.outlets.length ?? 0, story.outlets.length) };
  } catch {
    // The outlets are a nicety; the alert itself must not wait on them.
    return fallback;
  }
}

/** Whether an alert above `level` has been queued for the story since (its record's last alert). A record that cannot be read says no: better two alerts than none. */
async function risenSince(storyId: string, level: Parameters<typeof levelRank>[0], deps: AlertDeps): Promise<boolean> {
  const record = await deps.stories?.getStory(storyId).catch(() => undefined);
  return record !== undefined && levelRank(record.alerted.level) > levelRank(level);
}

/** One story step: its reason, level and spread threshold. Old messages (no story) are one step per item. */
export function stepKey(message: AlertMessage): string {
  return message.story ? `${message.reason}#${message.story.level}#${message.story.spread}` : 'item';
}

function heldKey(message: AlertMessage): string {
  return message.story ? `${message.story.id}#${stepKey(message)}` : `ITEM#${message.item.id}`;
}

async function dropHeldFor(storyId: string, deps: AlertDeps): Promise<void> {
  for (const held of await deps.log.heldAlerts()) {
    if (held.message.story?.id === storyId) await deps.log.removeHeldAlert(held.key);
  }
}

export interface ReleaseOutcome {
  /** Stories alerted now that quiet hours are over. */
  released: number;
  /** Held alerts left out because a later or stronger alert about the same story was sent instead. */
  superseded: number;
}

/**
 * Sends what was held in quiet hours, one alert per story: the strongest step held for it (highest
 * level, then widest spread, then latest), with every outlet carrying it by now. A failed story
 * stays held and the release fails (so Scheduler retries it); the others are sent.
 */
export async function releaseHeldAlerts(deps: AlertDeps): Promise<ReleaseOutcome> {
  const held = await deps.log.heldAlerts();
  const byStory = new Map<string, typeof held>();
  for (const h of held) {
    const id = h.message.story?.id ?? `item-${h.message.item.id}`;
    byStory.set(id, [...(byStory.get(id) ?? []), h]);
  }
  let released = 0;
  let superseded = 0;
  const failures: string[] = [];
  for (const group of byStory.values()) {
    const strongest = [...group].sort(
      (a, b) =>
        levelRank(b.message.story?.level ?? b.message.item.sensitivity.level) - levelRank(a.message.story?.level ?? a.message.item.sensitivity.level) ||
        (b.message.story?.spread ?? 0) - (a.message.story?.spread ?? 0) ||
        b.heldAt.localeCompare(a.heldAt),
    )[0];
    if (!strongest) continue;
    try {
      const first = group.reduce((earliest, h) => (h.heldAt < earliest ? h.heldAt : earliest), strongest.heldAt);
      await deliverAlert(strongest.message, deps, { releasedFrom: { heldAt: new Date(first) } });
      for (const h of group) await deps.log.removeHeldAlert(h.key);
      released += 1;
      superseded += group.length - 1;
    } catch (error) {
      failures.push(error instanceof Error ? error.message : String(error));
    }
  }
  if (failures.length > 0)
    throw new AlertDeliveryError(
      `${failures.length} held alert${failures.length === 1 ? '' : 's'} could not be sent (they stay held): ${failures.join(' | ')}`,
    );
  return { released, superseded };
}
