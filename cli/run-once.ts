/**
 * `despatch run --once`: every source polled once, the queues drained to empty (however long that
 * takes), the briefing written, and a summary that is true because it is read back from the store
 * and the queues' journal. A stop (Ctrl-C, SIGTERM) finishes the batch in hand and says what is
 * left; nothing queued is lost, it is processed at the next start.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Config } from '../shared/platform/config/schema.js';
import { createDynamoStore } from '../shared/adapters/aws/dynamo-store.js';
import { pollProgress } from '../shared/runtime/progress.js';
import { briefingCounts } from '../shared/deliver/briefing/render.js';
import { recordCountsText } from '../shared/deliver/briefing/counts.js';
import { LOCAL_REGION, LocalStack, type DrainProgress } from '../infra/local/runtime.js';
import { createProgress, formatSummary, type RunSummary } from './output.js';
import { unlessStopped, type StopSignal } from './stop-signal.js';

export interface RunOnceOptions {
  config: Config;
  dataDir: string;
  inMemory?: boolean;
  now?: () => Date;
  progressStream?: NodeJS.WriteStream;
  stop?: StopSignal;
}

export async function runOnce(options: RunOnceOptions): Promise<{ summary: RunSummary; text: string }> {
  const now = options.now ?? (() => new Date());
  const stream = options.progressStream ?? process.stderr;
  // Retries locally after 2 s rather than 3 minutes, so a failing message reaches its DLQ within the run.
  const stack = await LocalStack.start({ config: options.config, dataDir: options.dataDir, inMemory: options.inMemory ?? false, visibilityTimeoutSeconds: 2 });
  try {
    if (stack.restored.restored > 0) {
      stream.write(
        `Picked up ${stack.restored.restored} message(s) an earlier run left on the queues${stack.restored.deadLettered > 0 ? ` (${stack.restored.deadLettered} set aside after failing repeatedly: see "despatch redrive --list")` : ''}.\n`,
      );
    }
    const runStart = now();
    const progress = createProgress(options.config.sources.length, stream);
    const onSource = progress.source.bind(progress);
    pollProgress.on('source', onSource);
    const polled = await unlessStopped(stack.pollAllGroups(), options.stop).finally(() => {
      pollProgress.off('source', onSource);
      progress.done();
    });
    const polls = 'value' in polled ? polled.value : [];
    let lastLine = '';
    const onProgress = (p: DrainProgress) => {
      const line = describeDrain(p);
      if (line !== lastLine) stream.write(`${line}\n`);
      lastLine = line;
    };
    const { drained } = 'value' in polled ? await stack.drain({ ...(options.stop ? { signal: options.stop.signal } : {}), onProgress }) : { drained: false };
    const stopped = options.stop?.signal.aborted ?? false;
    const briefing = stopped ? undefined : await stack.briefing(now());

    const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: stack.endpoints.dynamodb, region: LOCAL_REGION, credentials: stack.credentials }));
    const store = createDynamoStore(doc, process.env.TABLE_NAME ?? 'despatch', { retentionDays: options.config.retention.days });
    const items = await store.itemsSeenBetween(runStart, now());
    const alertsSent = await store.alertsSentBetween(runStart, now());
    doc.destroy();

    const standing = stack.standing();
    const summary: RunSummary = {
      polls,
      perPriority: options.config.priorities.map((p) => ({ name: p.name, count: items.filter((i) => i.priorities.some((t) => t.id === p.id)).length })),
      untagged: items.filter((i) => i.priorities.length === 0).length,
      counts: briefingCounts(options.config, items),
      alertsSent,
      briefing: !briefing
        ? 'not written (stopped before the queues were empty)'
        : briefing.status === 'sent'
          ? `written for ${briefing.record.localDate}: ${recordCountsText(briefing.record)}${'location' in briefing && briefing.location ? ` → ${briefing.location}` : ''}`
          : `already sent for ${briefing.record.localDate} (one briefing per day); nothing new written`,
      outboxDir: stack.outboxDir,
      queuesDrained: drained,
      stopped,
      waiting: { items: standing.ingest.waiting + standing.ingest.inFlight, alerts: standing.alerts.waiting + standing.alerts.inFlight },
      deadLetters: standing.ingestDlq.waiting + standing.alertsDlq.waiting,
    };
    return { summary, text: formatSummary(summary) };
  } finally {
    await stack.stop();
  }
}

export function describeDrain(p: DrainProgress): string {
  return `Processing: ${p.classified} classified, ${p.waiting} waiting, ${p.deadLettered} set aside (failed repeatedly)`;
}

/** 0: all done; 3: done, but a source failed or a message is dead-lettered; a stop: 128 + the signal. */
export function runExitCode(summary: RunSummary): number {
  const failedSources = summary.polls.some((p) => p.sources.some((s) => s.status === 'failed'));
  return failedSources || summary.deadLetters > 0 || !summary.queuesDrained ? 3 : 0;
}
