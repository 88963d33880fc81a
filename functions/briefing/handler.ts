/** Scheduler → briefing: the morning email for the period since the previous one, once per date. */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { sendBriefing, type BriefingOutcome } from '../../shared/briefing/send.js';
import { briefingEventSchema } from '../../shared/model.js';
import { config, logger, mailer, store } from '../../shared/runtime/container.js';
import { parseInput } from '../../shared/runtime/parse-event.js';

async function brief(event: unknown): Promise<BriefingOutcome> {
  const input = parseInput(briefingEventSchema, event, 'briefing schedule input');
  const now = input.now ? new Date(input.now) : new Date();
  const outcome = await sendBriefing(now, { config: config(), store: store(), mailer: mailer() });
  logger.info('briefing', { status: outcome.status, date: outcome.record.localDate, items: outcome.record.itemCount });
  return outcome;
}

export const handler = middy(brief).use(injectLambdaContext(logger));
