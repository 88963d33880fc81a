/**
 * Alerts queue → alerter: each sensitive story step to its routes (email, webhook, SMS), each at
 * most once; in quiet hours, below critical, held. Schedule at the end of quiet hours → alerter:
 * sends what was held.
 */
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { deliverAlert, releaseHeldAlerts, type AlertDeps, type ReleaseOutcome } from '../../shared/deliver/alerts/deliver.js';
import { alertMessageSchema, releaseHeldEventSchema } from '../../shared/platform/model.js';
import { ackSecret, alertConfig, config, logger, mailer, metrics, smsSender, store, webhookPoster } from '../../shared/runtime/container.js';
import { parseInput, parseJsonBody } from '../../shared/runtime/parse-event.js';
import { lambdaHandler } from '../../shared/runtime/middleware.js';
import { sqsBatchProcessor } from '../../shared/runtime/batch.js';
import { alertEmailLinks } from '../../shared/workspace/ack-link.js';

const processor = sqsBatchProcessor();

const deps = async (): Promise<AlertDeps> => ({
  // With the routes' secrets, read from Parameter Store at cold start.
  config: await alertConfig(),
  log: store(),
  stories: store(),
  mailer: mailer(config('alerter').email),
  webhooks: webhookPoster(),
  sms: smsSender(),
  now: () => new Date(),
  // The story view and the signed one-click acknowledge link (the review page's address from the configuration).
  links: async (alert, recipients) =>
    alertEmailLinks(alert, recipients, { reviewUrl: config('alerter').briefing.reviewUrl, secret: await ackSecret(), now: new Date() }),
  // Never silent: what could not be sent, to how many, and why (the record then fails and is retried).
  onFailure: (f) => logger.error('alert delivery failed', { what: f.what, recipients: f.recipients, attempts: f.attempts, reason: f.reason }),
  // The alert went and is recorded; only a step after it failed (the outbox copy). Not retried: that would send it again.
  onDegraded: (what, error) => logger.warn('alert sent, but a step after it failed', { what, error: error instanceof Error ? error.message : String(error) }),
});

async function alertRecord(record: SQSRecord): Promise<void> {
  const message = parseJsonBody(alertMessageSchema, record.body, 'alert message');
  const outcome = await deliverAlert(message, await deps()).catch((error: unknown) => {
    // The record fails and comes back; say why here, where the log is read.
    logger.error('alert not delivered; it will be retried', {
      correlationId: message.item.id,
      itemId: message.item.id,
      storyId: message.story?.id,
      error: error instanceof Error ? error.message : String(error),
    });
    throw error;
  });
  if (outcome.status === 'sent') metrics.addMetric('AlertsSent', MetricUnit.Count, 1);
  logger.info('alert handled', {
    correlationId: message.item.id,
    itemId: message.item.id,
    storyId: message.story?.id,
    status: outcome.status,
    delivered: outcome.delivered,
  });
}

async function alert(event: unknown, context: Context): Promise<SQSBatchResponse | ReleaseOutcome> {
  // In order, not in parallel: a batch can hold two steps of one story (new, then spread), and the
  // first, listing every outlet by then, makes the second unnecessary.
  if (isSqsEvent(event)) return processPartialResponse(event, alertRecord, processor, { context, processInParallel: false });
  parseInput(releaseHeldEventSchema, event, 'alerter schedule input');
  const outcome = await releaseHeldAlerts(await deps());
  metrics.addMetric('AlertsSent', MetricUnit.Count, outcome.released);
  logger.info('held alerts released', { ...outcome });
  return outcome;
}

function isSqsEvent(event: unknown): event is SQSEvent {
  return typeof event === 'object' && event !== null && 'Records' in event && Array.isArray(event.Records);
}

export const handler = lambdaHandler(alert);
