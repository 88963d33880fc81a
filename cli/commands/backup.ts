/**
 * `despatch backup [--out FILE]` and `despatch restore FILE`: the local data dir as one file and
 * back. A backup works with Despatch stopped or running (it reads through the running stack's
 * endpoint). It takes the queues first, then the table: an item that moves from a queue into the
 * store while the backup runs is then in the backup at least once (the classifier stores an item
 * once however often it is delivered), never in neither. The file is gzipped JSON lines ending in a
 * count of what it holds, so a cut-off backup is refused rather than restored in part.
 *
 * Restore needs Despatch stopped; it moves whatever data is in the data dir aside (never deletes it)
 * and brings back the table and the queued messages.
 */
import { createReadStream, createWriteStream, existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import { BatchWriteItemCommand, DynamoDBClient, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import * as z from 'zod';
import type { Config } from '../../shared/platform/config/schema.js';
import { buildTopology } from '../../shared/platform/topology.js';
import { BackupError, DATA_MARKER, DATABASE_DIR, DataDirInUseError, LOCAL_TABLE_NAME, markDataDir, openLocalTable } from '../../infra/local/data-dir.js';
import { ensureTable } from '../../infra/local/provision.js';
import { JOURNAL_FILE, readJournal, type JournalEvent } from '../../infra/local/queue-journal.js';
import { startDynalite } from '../../infra/local/servers.js';
import { readLocalStackInfo } from '../../infra/local/stack-info.js';
import { newLocalCredentials, type LocalCredentials } from '../../infra/local/local-guard.js';

const FORMAT = 'despatch-backup';
const QUEUES_DIR = 'queues';

const lineSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('header'), format: z.literal(FORMAT), version: z.literal(1), createdAt: z.string(), whileRunning: z.boolean() }),
  z.object({ t: z.literal('row'), item: z.record(z.string(), z.unknown()) }),
  z.object({ t: z.literal('queue'), event: z.record(z.string(), z.unknown()) }),
  z.object({ t: z.literal('end'), rows: z.number().int(), messages: z.number().int() }),
]);

/** Binary attributes (the deflated item bodies) as base64 in JSON, and back. */
function replacer(_key: string, value: unknown): unknown {
  return value instanceof Uint8Array ? { $b64: Buffer.from(value).toString('base64') } : value;
}
function reviver(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    if (Object.keys(record).length === 1 && typeof record.$b64 === 'string') return new Uint8Array(Buffer.from(record.$b64, 'base64'));
  }
  return value;
}

function localClient(endpoint: string, credentials: LocalCredentials): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: 'eu-west-2', credentials });
}

export function defaultBackupFile(now = new Date()): string {
  return resolve(`despatch-backup-${now.toISOString().slice(0, 19).replace(/[:T]/g, '-')}.jsonl.gz`);
}

export async function backup(options: { dataDir: string; out: string; now?: Date }): Promise<{ file: string; rows: number; messages: number }> {
  const whileRunning = readLocalStackInfo(options.dataDir) !== undefined;
  // Queues first (see the header comment): an item is then never in neither.
  const model = readJournal(join(options.dataDir, QUEUES_DIR));
  const queueEvents: JournalEvent[] = [
    ...[...model.queues].map(([queue, config]): JournalEvent => ({ op: 'queue', queue, config })),
    ...[...model.messages.values()].map((m): JournalEvent => ({
      op: 'send',
      queue: m.queue,
      id: m.id,
      body: m.body,
      at: m.firstSentAt,
      firstSentAt: m.firstSentAt,
      ...(model.isDead(m) ? { dead: true } : {}),
      ...(m.lastError ? { lastError: m.lastError } : {}),
    })),
  ];
  const table = await openLocalTable(options.dataDir);
  if (!table && model.messages.size === 0) throw new BackupError(`There is no data in ${options.dataDir} to back up.`);
  const client = table ? localClient(table.endpoint, table.credentials) : undefined;
  const partial = `${options.out}.partial`;
  let rows = 0;
  try {
    async function* lines(): AsyncGenerator<string> {
      yield `${JSON.stringify({ t: 'header', format: FORMAT, version: 1, createdAt: (options.now ?? new Date()).toISOString(), whileRunning })}\n`;
      for (const event of queueEvents) yield `${JSON.stringify({ t: 'queue', event })}\n`;
      let start: Record<string, AttributeValue> | undefined;
      if (client) {
        do {
          const page = await client.send(new ScanCommand({ TableName: LOCAL_TABLE_NAME, ...(start ? { ExclusiveStartKey: start } : {}) }));
          for (const item of page.Items ?? []) {
            rows++;
            yield `${JSON.stringify({ t: 'row', item }, replacer)}\n`;
          }
          start = page.LastEvaluatedKey;
        } while (start);
      }
      yield `${JSON.stringify({ t: 'end', rows, messages: model.messages.size })}\n`;
    }
    await pipeline(Readable.from(lines()), createGzip(), createWriteStream(partial));
    renameSync(partial, options.out);
  } finally {
    client?.destroy();
    await table?.close();
  }
  return { file: options.out, rows, messages: model.messages.size };
}

export async function restore(options: {
  dataDir: string;
  file: string;
  config: Config;
  now?: Date;
}): Promise<{ rows: number; messages: number; movedAside?: string }> {
  if (readLocalStackInfo(options.dataDir)) throw new DataDirInUseError(options.dataDir, 'a local stack is running on it; stop it before restoring');
  if (!existsSync(options.file)) throw new BackupError(`No backup file ${options.file}`);
  const rowsIn: Record<string, AttributeValue>[] = [];
  const events: string[] = [];
  let end: { rows: number; messages: number } | undefined;
  let header = false;
  const reader = createInterface({ input: createReadStream(options.file).pipe(createGunzip()), crlfDelay: Infinity });
  try {
    for await (const text of reader) {
      if (text === '') continue;
      const line = lineSchema.parse(JSON.parse(text, reviver));
      if (line.t === 'header') header = true;
      else if (line.t === 'row') rowsIn.push(line.item as Record<string, AttributeValue>);
      else if (line.t === 'queue') events.push(JSON.stringify(line.event));
      else end = line;
    }
  } catch (error) {
    throw new BackupError(`${options.file} is not a whole Despatch backup (${error instanceof Error ? error.message : String(error)}); nothing was restored.`);
  }
  if (!header || !end || end.rows !== rowsIn.length) {
    throw new BackupError(`${options.file} is cut off or not a Despatch backup (it does not end with its own count); nothing was restored.`);
  }

  // Whatever is here is moved aside, not deleted: a restore over the wrong data dir can be undone.
  let movedAside: string | undefined;
  const present = [DATABASE_DIR, QUEUES_DIR, DATA_MARKER].filter((name) => existsSync(join(options.dataDir, name)));
  if (present.length > 0) {
    movedAside = join(options.dataDir, `before-restore-${(options.now ?? new Date()).toISOString().replace(/[:.]/g, '-')}`);
    mkdirSync(movedAside, { recursive: true });
    for (const name of present) renameSync(join(options.dataDir, name), join(movedAside, name));
  }
  mkdirSync(join(options.dataDir, QUEUES_DIR), { recursive: true });
  writeFileSync(join(options.dataDir, QUEUES_DIR, JOURNAL_FILE), events.map((e) => `${e}\n`).join(''));

  const credentials = newLocalCredentials();
  const server = await startDynalite(join(options.dataDir, DATABASE_DIR), { credentials });
  const client = localClient(server.endpoint, credentials);
  try {
    await ensureTable(client, LOCAL_TABLE_NAME, buildTopology(options.config));
    for (let i = 0; i < rowsIn.length; i += 25) {
      let pending = rowsIn.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt > 10) throw new BackupError('The local table kept refusing writes during the restore.');
        const { UnprocessedItems } = await client.send(new BatchWriteItemCommand({ RequestItems: { [LOCAL_TABLE_NAME]: pending } }));
        pending = (UnprocessedItems?.[LOCAL_TABLE_NAME] ?? []).flatMap((r) => (r.PutRequest?.Item ? [{ PutRequest: { Item: r.PutRequest.Item } }] : []));
      }
    }
  } finally {
    client.destroy();
    await server.close();
  }
  markDataDir(options.dataDir);
  return { rows: rowsIn.length, messages: end.messages, ...(movedAside ? { movedAside } : {}) };
}
