/**
 * `despatch sources [--config FILE] [--data-dir DIR]`: the health of every source, read from the
 * local store in the data dir (the DynamoDB data `despatch start` and `run --once` keep): last
 * success, last error with its reason, failures in a row, and when the next attempt will be; under
 * the table, each source's warning (a feed read after repair, links left out) and refused items.
 * Opens the store without polling anything.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBClient, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Config } from '../../shared/platform/config/schema.js';
import { formatHealthTable, sourceHealthRows, sourceNotes, sourceSkips } from '../../shared/ingest/poller/source-health.js';
import { createDynamoStore } from '../../shared/adapters/aws/dynamo-store.js';
import { type SourceState } from '../../shared/ingest/ports.js';
import { LOCAL_REGION } from '../../infra/local/runtime.js';
import { startDynalite } from '../../infra/local/servers.js';

export interface SourcesOptions {
  config: Config;
  dataDir: string;
  now?: Date;
}

export class DataDirInUseError extends Error {
  constructor(readonly dataDir: string, cause: unknown) {
    super(`Cannot read the source states in ${dataDir}: the data is in use (is "despatch start" running on it? stop it first)`, { cause });
    this.name = 'DataDirInUseError';
  }
}

/** The table as text, with a one-line summary under it. */
export async function runSources(options: SourcesOptions): Promise<string> {
  const dbDir = join(options.dataDir, 'dynamodb');
  const states = existsSync(dbDir) ? await readStates(options.config, dbDir, options.dataDir) : [];
  return sourcesReport(options.config, states, options.now ?? new Date(), options.dataDir);
}

/** The report from the states already read: the table, a summary line, then warnings and refused items. */
export function sourcesReport(config: Config, states: readonly SourceState[], now: Date, dataDir: string): string {
  const rows = sourceHealthRows(config, states, now);
  const failing = states.filter((s) => s.consecutiveFailures > 0 && config.sources.some((c) => c.id === s.sourceId)).length;
  const waiting = states.filter((s) => s.notBefore && Date.parse(s.notBefore) > now.getTime()).length;
  const note = states.length === 0 ? `\nNo source has been polled yet with the data in ${dataDir} (run "despatch run --once" or "despatch start").` : '';
  const notes = sourceNotes(config, states, now);
  const noted = states.filter((s) => s.warning || (s.refused ?? []).length > 0).length;
  const summary =
    `\n${config.sources.length} sources: ${failing} failing, ${waiting} waiting before the next attempt` +
    (noted > 0 ? `, ${noted} with warnings or refused items (below).` : '.');
  const notesText = notes.length > 0 ? `\n\nWarnings and refused items:\n${notes.map((n) => `  ${n}`).join('\n')}` : '';
  const skips = sourceSkips(config, states, now);
  const skipsText =
    skips.length > 0 ? `\n\nToo old to be news (marked seen, never briefed; each source's maxAgeDays sets the limit):\n${skips.map((n) => `  ${n}`).join('\n')}` : '';
  return `${formatHealthTable(rows)}\n${summary}${notesText}${skipsText}${note}`;
}

/** What main.ts calls. */
export async function sourcesCommand(options: SourcesOptions): Promise<number> {
  try {
    console.log(await runSources(options));
    return 0;
  } catch (error) {
    if (!(error instanceof DataDirInUseError)) throw error;
    console.error(error.message);
    return 1;
  }
}

/**
 * dynalite opens LevelDB after it starts listening, and reports a failure to open it (the data is
 * locked by another process) as an unhandled 'error' event, which would end this process with a
 * stack trace. While the states are read, that one failure becomes DataDirInUseError instead.
 */
function dataLockedBy(dataDir: string): { failure: Promise<never>; release: () => void } {
  let listener: ((error: Error) => void) | undefined;
  const failure = new Promise<never>((_, reject) => {
    listener = (error: Error) => {
      if (/\block\b/i.test(error.message)) reject(new DataDirInUseError(dataDir, error));
      else throw error;
    };
    process.on('uncaughtException', listener);
  });
  failure.catch(() => undefined);
  return { failure, release: () => listener && process.off('uncaughtException', listener) };
}

async function readStates(config: Config, dbDir: string, dataDir: string): Promise<SourceState[]> {
  const locked = dataLockedBy(dataDir);
  try {
    return await Promise.race([readStatesUnguarded(config, dbDir, dataDir), locked.failure]);
  } finally {
    locked.release();
  }
}

async function readStatesUnguarded(config: Config, dbDir: string, dataDir: string): Promise<SourceState[]> {
  const dynamo = await startDynalite(dbDir);
  const client = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: LOCAL_REGION,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  const doc = DynamoDBDocumentClient.from(client);
  try {
    const store = createDynamoStore(doc, process.env.TABLE_NAME ?? 'despatch', { retentionDays: config.retention.days });
    const listed = await store.listSourceStates();
    // States written before they were listed (older data) are read one by one.
    const listedIds = new Set(listed.map((s) => s.sourceId));
    const missing = await Promise.all(config.sources.filter((s) => !listedIds.has(s.id)).map((s) => store.getSourceState(s.id)));
    return [...listed, ...missing.filter((s): s is SourceState => s !== undefined)];
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return [];
    if (/lock/i.test(error instanceof Error ? error.message : '')) throw new DataDirInUseError(dataDir, error);
    throw error;
  } finally {
    doc.destroy();
    await dynamo.close();
  }
}
