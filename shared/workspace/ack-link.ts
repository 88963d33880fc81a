/**
 * The one-click "acknowledge" link in alert emails: `<reviewUrl>/ack/<token>`, where the token is
 * the alert id, who the email went to, when the link expires and a random nonce, signed with
 * HMAC-SHA-256 under a secret only the stack holds (SSM SecureString in AWS, a file in the data
 * dir locally). The signature is the credential, so the route needs no sign-in; the nonce is
 * recorded when the link is used, so each link works once; and the link expires after 72 hours.
 *
 * Opening the link (GET) only shows a page with a button: mail scanners and link previews that
 * follow links must not acknowledge. The button POSTs to the same address, which records it.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import * as z from 'zod';
import { alertId, type Actor } from './alert-actions.js';
import type { AlertOwnerStep } from '../deliver/alerts/deliver.js';
import type { AlertLinks } from '../deliver/alerts/render.js';
import { escapeHtml } from '../deliver/render/escape.js';
import { londonDateTime } from '../deliver/render/time.js';
import { NotFoundError } from '../grid/errors.js';
import { acknowledgeAlert, alertView, findAlert, type AlertsDeps } from './alerts-api.js';

export const ACK_LINK_HOURS = 72;
/** The secret's size: 256 bits, the HMAC's own. */
export const ACK_SECRET_BYTES = 32;
const MAX_TOKEN_CHARS = 2_000;

const payloadSchema = z.strictObject({
  /** The alert id (workspace-store.ts alertId). */
  a: z.string().max(200),
  /** Who the email went to, as its To line says. */
  r: z.string().max(1_000),
  /** Expiry, Unix seconds. */
  e: z.number().int(),
  /** Random, recorded when the link is used. */
  n: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
});
type AckPayload = z.infer<typeof payloadSchema>;

const mac = (secret: Buffer, body: string): Buffer => createHmac('sha256', secret).update(body).digest();

/** A signed, single-use token acknowledging `alertId`, good for ACK_LINK_HOURS from `now`. */
export function signAckToken(alertId: string, recipient: string, secret: Buffer, now: Date): string {
  const payload: AckPayload = {
    a: alertId,
    r: recipient,
    e: Math.floor(now.getTime() / 1000) + ACK_LINK_HOURS * 3_600,
    n: randomBytes(18).toString('base64url'),
  };
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${mac(secret, body).toString('base64url')}`;
}

export type AckCheck = { ok: true; payload: AckPayload } | { ok: false; why: 'malformed' | 'tampered' | 'expired' };

/** Checks the signature (in constant time) before reading anything in the token, then the expiry. */
export function verifyAckToken(token: string, secret: Buffer, now: Date): AckCheck {
  const [body, signature, extra] = token.length <= MAX_TOKEN_CHARS ? token.split('.') : [];
  if (!body || !signature || extra !== undefined || !/^[A-Za-z0-9_-]+$/.test(body) || !/^[A-Za-z0-9_-]+$/.test(signature))
    return { ok: false, why: 'malformed' };
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(secret, body);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, why: 'tampered' };
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, why: 'malformed' };
  }
  const parsed = payloadSchema.safeParse(json);
  if (!parsed.success) return { ok: false, why: 'malformed' };
  if (now.getTime() >= parsed.data.e * 1000) return { ok: false, why: 'expired' };
  return { ok: true, payload: parsed.data };
}

export interface AckLinkDeps extends AlertsDeps {
  /** The stack's signing secret. */
  readonly secret: Buffer;
  /** The review page's address, for the "open the story" link; absent: none is shown. */
  readonly reviewUrl?: string | undefined;
}

/** What the ack route answers: a small HTML page and its status. */
export interface AckPage {
  readonly status: number;
  readonly html: string;
}

const WHY_WORDS = {
  malformed: 'This acknowledge link is not complete. Copy the whole link from the email, or acknowledge the alert on the review page.',
  tampered: 'This acknowledge link is not valid. Acknowledge the alert on the review page instead.',
  expired: `This acknowledge link has expired (links work for ${ACK_LINK_HOURS} hours). Acknowledge the alert on the review page instead.`,
} as const;

/** The alert email's link to its story in the workspace. */
function storyLink(reviewUrl: string, storyId: string): string {
  return `${reviewUrl.replace(/\/+$/, '')}/#/story/${encodeURIComponent(storyId)}`;
}

function ackLink(reviewUrl: string, token: string): string {
  return `${reviewUrl.replace(/\/+$/, '')}/ack/${token}`;
}

/**
 * The alert email's two links: its story in the workspace, and the acknowledge link signed for the
 * email's recipients. None without a review page address; no acknowledge link without a secret.
 */
export function alertEmailLinks(
  alert: AlertOwnerStep,
  recipients: readonly string[],
  opts: { reviewUrl: string | undefined; secret: Buffer | undefined; now: Date },
): AlertLinks {
  if (!opts.reviewUrl) return {};
  const id = 'storyId' in alert ? alertId({ storyId: alert.storyId }, alert.step) : alertId({ itemId: alert.itemId }, 'item');
  return {
    ...('storyId' in alert ? { story: storyLink(opts.reviewUrl, alert.storyId) } : {}),
    ...(opts.secret ? { acknowledge: ackLink(opts.reviewUrl, signAckToken(id, recipients.join(', '), opts.secret, opts.now)) } : {}),
  };
}

/** GET shows the alert and a button; POST records the acknowledgement, once. */
export async function ackLinkPage(method: 'GET' | 'POST', token: string, deps: AckLinkDeps): Promise<AckPage> {
  const now = deps.now();
  const check = verifyAckToken(token, deps.secret, now);
  if (!check.ok) return page(check.why === 'expired' ? 410 : 403, 'Link not accepted', `<p>${escapeHtml(WHY_WORDS[check.why])}</p>`, deps, undefined);
  const { a: alertId, r: recipient, e: expires, n: nonce } = check.payload;
  const sent = await findAlert(alertId, deps).catch((error: unknown) => {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  });
  if (!sent) return page(404, 'Alert not found', '<p>That alert is no longer kept.</p>', deps, undefined);
  const view = await alertView(sent, deps);
  const about = `<p><b>${escapeHtml(view.title)}</b>${view.sourceName ? ` (${escapeHtml(view.sourceName)})` : ''}</p><p>Sent ${escapeHtml(londonDateTime(new Date(view.sentAt), now))}: ${escapeHtml(view.reason)}.</p>`;
  const done = view.acknowledged
    ? `<p>Acknowledged by ${escapeHtml(view.acknowledged.by.name)} at ${escapeHtml(londonDateTime(new Date(view.acknowledged.at), now))}.</p>`
    : '';
  if (method === 'GET') {
    // A form posting to this very address: scripts are not allowed on the page (CSP), nor needed.
    const form = `<form method="post"><button type="submit">Acknowledge this alert</button></form>`;
    return page(200, 'Acknowledge this alert?', `${about}${done}${form}`, deps, view.storyId);
  }
  if (!(await deps.actions.useAckLink(nonce, new Date(expires * 1000))))
    return page(409, 'Link already used', `<p>This acknowledge link has been used already; each works once.</p>${about}${done}`, deps, view.storyId);
  const who: Actor = { id: recipient, name: recipient };
  const after = await acknowledgeAlert(alertId, who, 'email', deps);
  const by = after.acknowledged;
  const line = by
    ? `<p>Acknowledged${by.via === 'email' ? ' from email' : ''} by ${escapeHtml(by.by.name)} at ${escapeHtml(londonDateTime(new Date(by.at), now))}.</p>`
    : '';
  return page(200, 'Alert acknowledged', `${about}${line}`, deps, view.storyId);
}

function page(status: number, title: string, bodyHtml: string, deps: AckLinkDeps, storyId: string | null | undefined): AckPage {
  const open = deps.reviewUrl && storyId ? `<p><a href="${escapeHtml(storyLink(deps.reviewUrl, storyId))}">Open the story on the review page</a></p>` : '';
  const html = `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)} · Despatch</title><link rel="stylesheet" href="/style.css"></head><body><main><h1>${escapeHtml(title)}</h1>${bodyHtml}${open}</main></body></html>`;
  return { status, html };
}
