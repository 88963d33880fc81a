/**
 * `despatch status [--json] [--config FILE] [--data-dir DIR]`: how the local pipeline stands, read
 * from the store and the queues' journal, whether or not `despatch start` is running: items stored
 * (counted in the store), messages waiting and in flight on each queue and its dead-letter queue,
 * sources ok and failing, the last briefing sent.
 */
import { join } from 'node:path';
import { ScanCommand, type DynamoDBDocumentClient, type ScanCommandOutput } from '@aws-sdk/lib-dynamodb';
import type { Config } from '../../shared/platform/config/schema.js';
import { readJournal } from '../../infra/local/queue-journal.js';
import { queueStanding, type QueueStanding } from '../../infra/local/runtime.js';
import { readLocalStackInfo } from '../../infra/local/stack-info.js';
import { DamagedDataDirError, DataDirInUseError, withLocalStore } from '../../infra/local/data-dir.js';
import { readStates } from './sources.js';
import { recordCountsText } from '../../shared/deliver/briefing/counts.js';

export interface LocalStatus {
  running: boolean;
  dataDir: string;
  items: { stored: number };
  queues: QueueStanding;
  sources: { ok: number; failing: number; neverPolled: number };
  /** The last briefing's date and its counts, said as the briefing says them. */
  briefing: { lastSent: string | null; counts: string | null };
}

export async function localStatus(config: Config, dataDir: string, now = new Date()): Promise<LocalStatus> {
  const running = readLocalStackInfo(dataDir) !== undefined;
  const queues = queueStanding(readJournal(join(dataDir, 'queues')), now.getTime());
  const fromStore = await withLocalStore(dataDir, config.retention.days, async (store, table) => {
    const states = await readStates(config, store);
    const configured = new Set(config.sources.map((s) => s.id));
    const known = states.filter((s) => configured.has(s.sourceId));
    return {
      stored: await countItems(table),
      failing: known.filter((s) => s.consecutiveFailures > 0).length,
      ok: known.filter((s) => s.consecutiveFailures === 0).length,
      last: await store.lastBriefing(),
    };
  });
  return {
    running,
    dataDir,
    items: { stored: fromStore?.stored ?? 0 },
    queues,
    sources: {
      ok: fromStore?.ok ?? 0,
      failing: fromStore?.failing ?? 0,
      neverPolled: config.sources.length - (fromStore ? fromStore.ok + fromStore.failing : 0),
    },
    briefing: { lastSent: fromStore?.last?.localDate ?? null, counts: fromStore?.last ? recordCountsText(fromStore.last) : null },
  };
}

/** Items in the store, counted there (a Scan that returns counts only; the table is local). */
async function countItems(table: { doc: DynamoDBDocumentClient; tableName: string }): Promise<number> {
  let count = 0;
  let start: ScanCommandOutput['LastEvaluatedKey'];
  do {
    const page = await table.doc.send(
      new ScanCommand({
        TableName: table.tableName,
        Select: 'COUNT',
        FilterExpression: 'sk = :item AND begins_with(pk, :prefix)',
        ExpressionAttributeValues: { ':item': 'ITEM', ':prefix': 'ITEM#' },
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    count += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  return count;
}

export function formatStatus(s: LocalStatus): string {
  const q = s.queues;
  return [
    `Despatch (${s.dataDir}): ${s.running ? 'running' : 'not running'}`,
    `  Items stored: ${s.items.stored}`,
    `  Queued items: ${q.ingest.waiting} waiting, ${q.ingest.inFlight} being processed; set aside after failing repeatedly: ${q.ingestDlq.waiting}`,
    `  Queued alerts: ${q.alerts.waiting} waiting, ${q.alerts.inFlight} being processed; set aside after failing repeatedly: ${q.alertsDlq.waiting}`,
    `  Sources: ${s.sources.ok} ok, ${s.sources.failing} failing${s.sources.neverPolled > 0 ? `, ${s.sources.neverPolled} never polled` : ''}`,
    `  Last briefing sent: ${s.briefing.lastSent ? `${s.briefing.lastSent}${s.briefing.counts ? ` (${s.briefing.counts})` : ''}` : 'none yet'}`,
    ...(q.ingestDlq.waiting + q.alertsDlq.waiting > 0
      ? ['  "despatch redrive --list" shows why the messages set aside failed; "despatch redrive" tries them again.']
      : []),
  ].join('\n');
}

/** What main.ts calls. */
export async function statusCommand(options: { config: Config; dataDir: string; json: boolean }): Promise<number> {
  try {
    const status = await localStatus(options.config, options.dataDir);
    console.log(options.json ? JSON.stringify(status, null, 2) : formatStatus(status));
    return 0;
  } catch (error) {
    if (!(error instanceof DataDirInUseError) && !(error instanceof DamagedDataDirError)) throw error;
    console.error(error.message);
    return 1;
  }
}
