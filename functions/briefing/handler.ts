/** Scheduler → briefing: the morning email for the period since the previous one, once per date; or, as the check, whether it went. */
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { checkBriefingSent, sendBriefing, type BriefingCheck, type BriefingOutcome } from '../../shared/deliver/briefing/send.js';
import { briefingEventSchema } from '../../shared/platform/model.js';
import { config, logger, mailer, metrics, store } from '../../shared/runtime/container.js';
import { parseInput } from '../../shared/runtime/parse-event.js';
import { lambdaHandler } from '../../shared/runtime/middleware.js';

async function brief(event: unknown): Promise<BriefingOutcome | BriefingCheck> {
  const input = parseInput(briefingEventSchema, event, 'briefing schedule input');
  const now = input.now ? new Date(input.now) : new Date();
  if (input.check) {
    const check = await checkBriefingSent(now, { config: config('briefing'), store: store() });
    metrics.addMetric('BriefingMissing', MetricUnit.Count, check.status === 'missing' ? 1 : 0);
    if (check.status === 'missing') logger.error('briefing not sent', { date: check.localDate });
    return check;
  }
  const outcome = await sendBriefing(now, {
    config: config('briefing'),
    store: store(),
    mailer: mailer(config('briefing').email),
    // Never silent: a send that failed after its retries is logged with the recipient count and reason, then the run fails.
    onFailure: (f) => logger.error('briefing not delivered', { what: f.what, recipients: f.recipients, attempts: f.attempts, reason: f.reason }),
    onDegraded: (what, error) => logger.warn('briefing sent without some details', { what, error: error instanceof Error ? error.message : String(error) }),
  });
  if (outcome.status === 'sent') metrics.addMetric('BriefingsSent', MetricUnit.Count, 1);
  // correlationIds: the ids every other function logs an item under, so one item can be followed to its briefing.
  logger.info('briefing', {
    status: outcome.status,
    date: outcome.record.localDate,
    items: outcome.record.itemCount,
    ...(outcome.status === 'sent' ? { correlationIds: outcome.itemIds } : {}),
  });
  return outcome;
}

export const handler = lambdaHandler(brief);
