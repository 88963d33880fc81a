/** Alerts queue → alerter: one email per sensitive item, never two. */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { deliverAlert } from '../../shared/alerts/deliver.js';
import { alertMessageSchema } from '../../shared/model.js';
import { config, logger, mailer, store } from '../../shared/runtime/container.js';
import { parseJsonBody } from '../../shared/runtime/parse-event.js';

const processor = new BatchProcessor(EventType.SQS);

async function alertRecord(record: SQSRecord): Promise<void> {
  const message = parseJsonBody(alertMessageSchema, record.body, 'alert message');
  const status = await deliverAlert(message, { config: config(), log: store(), mailer: mailer(), now: () => new Date() });
  logger.info('alert handled', { itemId: message.item.id, status });
}

const alert = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> =>
  processPartialResponse(event, alertRecord, processor, { context });

export const handler = middy(alert).use(injectLambdaContext(logger));
