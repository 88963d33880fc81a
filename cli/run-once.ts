/**
 * `despatch run --once`: every source polled once, the queues drained, the briefing written, and a
 * summary that is true because it is read back from the store.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Config } from '../shared/platform/config/schema.js';
import { createDynamoStore } from '../shared/adapters/aws/dynamo-store.js';
import { pollProgress } from '../shared/runtime/progress.js';
import { LocalStack } from '../infra/local/runtime.js';
import { createProgress, formatSummary, type RunSummary } from './output.js';

export interface RunOnceOptions {
  config: Config;
  dataDir: string;
  inMemory?: boolean;
  now?: () => Date;
  progressStream?: NodeJS.WriteStream;
}

export async function runOnce(options: RunOnceOptions): Promise<{ summary: RunSummary; text: string }> {
  const now = options.now ?? (() => new Date());
  // Retries locally after 2 s rather than 3 minutes, so a failing message reaches its DLQ within the run.
  const stack = await LocalStack.start({ config: options.config, dataDir: options.dataDir, inMemory: options.inMemory ?? false, visibilityTimeoutSeconds: 2 });
  try {
    const runStart = now();
    const progress = createProgress(options.config.sources.length, options.progressStream);
    const onSource = progress.source.bind(progress);
    pollProgress.on('source', onSource);
    const polls = await stack.pollAllGroups().finally(() => {
      pollProgress.off('source', onSource);
      progress.done();
    });
    const { drained } = await stack.drain();
    const briefing = await stack.briefing(now());

    const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: stack.endpoints.dynamodb }));
    const store = createDynamoStore(doc, process.env.TABLE_NAME ?? 'despatch', { retentionDays: options.config.retention.days });
    const items = await store.itemsSeenBetween(runStart, now());
    const alertsSent = await store.alertsSentBetween(runStart, now());
    doc.destroy();

    const summary: RunSummary = {
      polls,
      perPriority: options.config.priorities.map((p) => ({ name: p.name, count: items.filter((i) => i.priorities.some((t) => t.id === p.id)).length })),
      untagged: items.filter((i) => i.priorities.length === 0).length,
      sensitive: items.filter((i) => i.sensitivity.sensitive).length,
      alertsSent,
      briefing:
        briefing.status === 'sent'
          ? `written for ${briefing.record.localDate} (${briefing.record.itemCount} items, ${briefing.record.sensitiveCount} sensitive)${'location' in briefing && briefing.location ? `: ${briefing.location}` : ''}`
          : `already sent for ${briefing.record.localDate} (one briefing per day); nothing new written`,
      outboxDir: stack.outboxDir,
      queuesDrained: drained,
      deadLetters: (await stack.queueDepth('ingest', 'dlq')).total + (await stack.queueDepth('alerts', 'dlq')).total,
    };
    return { summary, text: formatSummary(summary) };
  } finally {
    await stack.stop();
  }
}
