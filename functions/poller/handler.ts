/** Scheduler → poller: polls one source group and queues what is new. */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { fetchSource } from '../../shared/feeds/fetch-source.js';
import { pollEventSchema } from '../../shared/model.js';
import { pollGroup, type PollSummary } from '../../shared/poller/poll-group.js';
import { sendMessages } from '../../shared/queue/send-batch.js';
import { ENV, requireEnv } from '../../shared/env.js';
import { config, logger, sqs, store } from '../../shared/runtime/container.js';
import { parseInput } from '../../shared/runtime/parse-event.js';
import { pollProgress } from '../../shared/runtime/progress.js';

async function poll(event: unknown): Promise<PollSummary> {
  const { group } = parseInput(pollEventSchema, event, 'poll schedule input');
  const queueUrl = requireEnv(ENV.ingestQueueUrl);
  const summary = await pollGroup(group, {
    config: config(),
    store: store(),
    fetchSource: (source, state) => fetchSource(source, state, { network: config().network, now: new Date() }),
    enqueue: (items) => sendMessages(sqs(), queueUrl, items.map((item) => ({ key: item.id, body: JSON.stringify({ v: 1, kind: 'item', item }) }))),
    now: () => new Date(),
    onSourceDone: (result) => pollProgress.emit('source', result),
  });
  for (const source of summary.sources.filter((s) => s.status === 'failed')) {
    logger.warn('source failed', { sourceId: source.sourceId, reason: source.reason });
  }
  logger.info('group polled', { group, newItems: summary.sources.reduce((n, s) => n + s.newItems, 0) });
  return summary;
}

export const handler = middy(poll).use(injectLambdaContext(logger));
