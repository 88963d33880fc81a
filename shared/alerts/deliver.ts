/**
 * Sends one email per sensitive item, once: the alert log is checked before sending and written
 * after, so a retried message does not email the office twice.
 */
import type { Config } from '../config/schema.js';
import type { Mailer } from '../email/message.js';
import type { AlertMessage } from '../model.js';
import type { AlertLog } from '../store/dynamo-store.js';
import { renderAlert } from './render.js';

export interface AlertDeps {
  config: Config;
  log: AlertLog;
  mailer: Mailer;
  now: () => Date;
}

export async function deliverAlert(message: AlertMessage, deps: AlertDeps): Promise<'sent' | 'already-sent'> {
  const { item } = message;
  if (await deps.log.alertSent(item.id)) return 'already-sent';
  const now = deps.now();
  const email = renderAlert({ config: deps.config, item, generatedAt: now });
  const { messageId } = await deps.mailer.send({
    from: deps.config.alerts.from ?? deps.config.briefing.from,
    to: deps.config.alerts.to,
    subject: email.subject,
    text: email.text,
    html: email.html,
    tag: `alert-${item.id.slice(0, 8)}`,
  });
  await deps.log.recordAlertSent(item.id, now, messageId);
  return 'sent';
}
