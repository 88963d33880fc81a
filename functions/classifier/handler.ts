/** Ingest queue → classifier: tags each item, puts it in its story, stores it once, queues an alert when its story needs one. */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { classifyAndStore } from '../../shared/classifier/classify-item.js';
import { ingestMessageSchema } from '../../shared/model.js';
import { ENV, requireEnv } from '../../shared/env.js';
import { logger, metrics, rules, sqs, store } from '../../shared/runtime/container.js';
import { parseJsonBody } from '../../shared/runtime/parse-event.js';

const processor = new BatchProcessor(EventType.SQS);

async function classifyRecord(record: SQSRecord): Promise<void> {
  const { item } = parseJsonBody(ingestMessageSchema, record.body, 'ingest message');
  const alertsQueueUrl = requireEnv(ENV.alertsQueueUrl);
  const outcome = await classifyAndStore(item, {
    rules: rules(),
    store: store(),
    sendAlert: async (message) => {
      await sqs().send(new SendMessageCommand({ QueueUrl: alertsQueueUrl, MessageBody: JSON.stringify(message) }));
    },
    now: () => new Date(),
  });
  if (outcome.status === 'stored') {
    metrics.addMetric('ItemsStored', MetricUnit.Count, 1);
    if (outcome.item.sensitivity.sensitive) metrics.addMetric('ItemsSensitive', MetricUnit.Count, 1);
  }
  logger.info('item classified', {
    correlationId: item.id,
    itemId: item.id,
    status: outcome.status,
    storyId: outcome.item.clusterId,
    sensitivityLevel: outcome.item.sensitivity.level,
    alertQueued: outcome.alertQueued,
  });
}

const classify = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> =>
  processPartialResponse(event, classifyRecord, processor, { context });

export const handler = middy(classify).use(injectLambdaContext(logger)).use(logMetrics(metrics));
