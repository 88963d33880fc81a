/** Ingest queue → classifier: tags each item, puts it in its story, stores it once (and each changed version of it), queues an alert when its story needs one. */
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { classifyAndStore } from '../../shared/classify/classify-item.js';
import { ingestMessageSchema } from '../../shared/platform/model.js';
import { alertsQueue, archive, logger, metrics, rules, store } from '../../shared/runtime/container.js';
import { parseJsonBody } from '../../shared/runtime/parse-event.js';
import { lambdaHandler } from '../../shared/runtime/middleware.js';
import { sqsBatchProcessor } from '../../shared/runtime/batch.js';

const processor = sqsBatchProcessor();

async function classifyRecord(record: SQSRecord): Promise<void> {
  const { item } = parseJsonBody(ingestMessageSchema, record.body, 'ingest message');
  const outcome = await classifyAndStore(item, {
    rules: rules(),
    store: store(),
    sendAlert: async (message) => {
      const { failed } = await alertsQueue().sendBatch([{ key: item.id, body: JSON.stringify(message) }]);
      // Throwing leaves the item's alert pending, so this record is retried and the alert queued again.
      if (failed[0]) throw new Error(`The alert for ${item.id} could not be queued: ${failed[0].reason}`);
    },
    now: () => new Date(),
  });
  // After the store: a redelivered message archives the stored item again (search drops the copy),
  // so a crash between the two loses nothing.
  await archive()?.append(outcome.item);
  if (outcome.status === 'stored') {
    metrics.addMetric('ItemsStored', MetricUnit.Count, 1);
    if (outcome.item.sensitivity.sensitive) metrics.addMetric('ItemsSensitive', MetricUnit.Count, 1);
  }
  // A publisher changed the headline or snippet of an item already stored: a new version of it.
  if (outcome.status === 'updated') metrics.addMetric('ItemsUpdated', MetricUnit.Count, 1);
  logger.info('item classified', {
    correlationId: item.id,
    itemId: item.id,
    status: outcome.status,
    storyId: outcome.item.clusterId,
    version: outcome.item.version ?? 1,
    sensitivityLevel: outcome.item.sensitivity.level,
    alertQueued: outcome.alertQueued,
  });
}

const classify = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => processPartialResponse(event, classifyRecord, processor, { context });

export const handler = lambdaHandler(classify);
