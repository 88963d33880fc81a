/** Scheduler → poller: polls one source group and queues what is new. */
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { failingSources } from '../../shared/ingest/poller/source-health.js';
import { fetchSource, watchForConfig } from '../../shared/ingest/fetch-source.js';
import { ingestMessage, pollEventSchema } from '../../shared/platform/model.js';
import { pollGroup, type PollSummary } from '../../shared/ingest/poller/poll-group.js';
import { config, ingestQueue, logger, metrics, store } from '../../shared/runtime/container.js';
import { parseInput } from '../../shared/runtime/parse-event.js';
import { pollProgress } from '../../shared/runtime/progress.js';
import { lambdaHandler } from '../../shared/runtime/middleware.js';

/** How many of this group's sources have failed for longer than the briefing's threshold (the "sources failing" alarm). */
async function failingTooLong(summary: PollSummary): Promise<number> {
  const suspect = summary.sources.filter((s) => s.status === 'failed' || s.status === 'skipped');
  const states = await Promise.all(suspect.map((s) => store().getSourceState(s.sourceId)));
  const known = states.filter((s): s is NonNullable<typeof s> => s !== undefined);
  return failingSources(known, new Date(), config('poller').briefing.failingSourceHours).length;
}

async function poll(event: unknown): Promise<PollSummary> {
  const { group } = parseInput(pollEventSchema, event, 'poll schedule input');
  // Names and seats in parliament.members, resolved through the Members API once a week (cached in the table).
  const { watch, resolved } = await watchForConfig(config('poller'), { network: config('poller').network, now: new Date(), cache: store() });
  for (const lookup of resolved.lookups) if ('reason' in lookup) logger.warn('watched member not resolved', { given: lookup.given, reason: lookup.reason });
  const summary = await pollGroup(group, {
    config: config('poller'),
    store: store(),
    fetchSource: (source, state) => fetchSource(source, state, { network: config('poller').network, now: new Date(), watch }),
    enqueue: (items) => {
      // The item id is the correlation id every function logs the item under, through to its alert and briefing.
      for (const item of items) logger.info('item queued', { correlationId: item.id, sourceId: item.sourceId, title: item.title });
      return ingestQueue().sendBatch(items.map((item) => ({ key: item.id, body: JSON.stringify(ingestMessage(item)) })));
    },
    now: () => new Date(),
    onSourceDone: (result) => pollProgress.emit('source', result),
  });
  const failed = summary.sources.filter((s) => s.status === 'failed');
  for (const source of failed) logger.warn('source failed', { sourceId: source.sourceId, reason: source.reason });
  metrics.addMetric(
    'ItemsQueued',
    MetricUnit.Count,
    summary.sources.reduce((n, s) => n + s.newItems, 0),
  );
  metrics.addMetric('SourcesFailed', MetricUnit.Count, failed.length);
  metrics.addMetric('SourcesFailingTooLong', MetricUnit.Count, await failingTooLong(summary));
  logger.info('group polled', { group, newItems: summary.sources.reduce((n, s) => n + s.newItems, 0) });
  return summary;
}

export const handler = lambdaHandler(poll);
