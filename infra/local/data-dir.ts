/**
 * The local data dir and its protection. It holds the DynamoDB data (LevelDB under `dynamodb/`),
 * the queues' journal (`queues/`), the outbox, and `despatch-data.json`, written once the table
 * exists, which says there is data here that must not silently become an empty database.
 *
 * - A damaged or partial database (no CURRENT file, or one naming a manifest that is not there, as
 *   after a lost file or an interrupted copy) is refused with a clear message: LevelDB would
 *   otherwise create a new empty database over it and delete the old data files.
 * - A database another process holds (the LevelDB lock) is reported as in use, not as a stack trace.
 * - Read-only commands reach the data through the running stack's endpoint when one is running
 *   (`openLocalTable`), so they need not stop it.
 */
import { accessSync, constants, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { DynamoDBClient, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { createDynamoStore, type Store } from '../../shared/adapters/aws/dynamo-store.js';
import { readLocalStackInfo, type LocalStackInfo } from './stack-info.js';
import { startDynalite } from './servers.js';
import { newLocalCredentials, type LocalCredentials } from './local-guard.js';

export const DATA_MARKER = 'despatch-data.json';
export const DATABASE_DIR = 'dynamodb';
/** The search archive's day files and term indexes (shared/adapters/local/file-archive.ts). */
export const ARCHIVE_DIR = 'archive';
/** The table the local stack makes (runtime.ts). */
export const LOCAL_TABLE_NAME = 'despatch';

export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    detail: string,
  ) {
    super(
      `The data in ${dataDir} is in use by another process (${detail}). Is "despatch start" or "run --once" running on it? Stop it first, or run this command while it runs if it only reads.`,
    );
    this.name = 'DataDirInUseError';
  }
}

export class DamagedDataDirError extends Error {
  constructor(
    readonly dataDir: string,
    detail: string,
  ) {
    super(
      `Refusing to open the data in ${dataDir}: ${detail}. Nothing has been changed. Restore it with "despatch restore FILE" from a backup, or move the directory away to start afresh.`,
    );
    this.name = 'DamagedDataDirError';
  }
}

/** A backup that cannot be written or restored (no data, a cut-off file). */
export class BackupError extends Error {
  override readonly name = 'BackupError';
}

const markerSchema = z.object({ createdAt: z.string(), format: z.literal(1) });

/** Says that this data dir holds a database, from now on (idempotent). */
export function markDataDir(dataDir: string, now = new Date()): void {
  const path = join(dataDir, DATA_MARKER);
  if (!existsSync(path)) writeFileSync(path, `${JSON.stringify({ createdAt: now.toISOString(), format: 1 }, null, 2)}\n`);
}

/** Throws DamagedDataDirError when the database in the data dir cannot be opened as it is. */
export function checkDatabase(dataDir: string): void {
  const dbDir = join(dataDir, DATABASE_DIR);
  const marked = existsSync(join(dataDir, DATA_MARKER));
  if (marked) markerSchema.parse(JSON.parse(readFileSync(join(dataDir, DATA_MARKER), 'utf8')));
  const files = existsSync(dbDir) ? readdirSync(dbDir) : [];
  const dataFiles = files.filter((f) => /\.(ldb|sst|log)$/.test(f) || f.startsWith('MANIFEST-'));
  if (files.length === 0 || (dataFiles.length === 0 && !files.includes('CURRENT'))) {
    if (marked) throw new DamagedDataDirError(dataDir, `its database (${dbDir}) is missing or empty, though ${DATA_MARKER} says data was kept here`);
    return; // a new data dir
  }
  if (!files.includes('CURRENT')) throw new DamagedDataDirError(dataDir, `the database's CURRENT file is missing (${dbDir})`);
  const manifest = readFileSync(join(dbDir, 'CURRENT'), 'utf8').trim();
  if (!/^MANIFEST-\d+$/.test(manifest) || !files.includes(manifest)) {
    throw new DamagedDataDirError(dataDir, `the database's CURRENT file names ${manifest ? `"${manifest.slice(0, 40)}"` : 'nothing'}, which is not there`);
  }
}

/**
 * Whether another process holds the LevelDB lock: opened and closed again before dynalite opens
 * it, so a held lock becomes DataDirInUseError rather than dynalite's unhandled 'error' event.
 */
export async function probeDatabaseLock(dataDir: string): Promise<void> {
  const dbDir = join(dataDir, DATABASE_DIR);
  if (!existsSync(join(dbDir, 'CURRENT'))) return;
  const require = createRequire(import.meta.url);
  const leveldown = require('leveldown') as (path: string) => LevelDown;
  const db = leveldown(dbDir);
  await new Promise<void>((resolve, reject) =>
    db.open({ createIfMissing: false, errorIfExists: false }, (error) => {
      if (!error) return db.close(() => resolve());
      reject(
        /lock/i.test(error.message)
          ? new DataDirInUseError(dataDir, 'its database is locked')
          : new DamagedDataDirError(dataDir, `the database cannot be opened: ${error.message}`),
      );
    }),
  );
}

interface LevelDown {
  open(options: { createIfMissing: boolean; errorIfExists: boolean }, callback: (error: Error | undefined | null) => void): void;
  close(callback: () => void): void;
}

/** Checks what could make the data dir unusable while the stack runs; undefined when all is well. */
export function dataDirProblem(dataDir: string): string | undefined {
  if (!existsSync(dataDir)) return `the data dir ${dataDir} has disappeared`;
  if (!existsSync(join(dataDir, DATABASE_DIR, 'CURRENT'))) return `the database in ${join(dataDir, DATABASE_DIR)} has disappeared`;
  try {
    accessSync(dataDir, constants.W_OK);
    accessSync(join(dataDir, DATABASE_DIR), constants.W_OK);
  } catch {
    return `the data dir ${dataDir} is no longer writable`;
  }
  return undefined;
}

export interface LocalTable {
  endpoint: string;
  /** What requests to `endpoint` must be signed with (the running stack's, or this command's own). */
  credentials: LocalCredentials;
  /** A stack was running on the data dir; its emulator is used and left as it was. */
  running: LocalStackInfo | undefined;
  close(): Promise<void>;
}

/**
 * The data dir's table for a command that reads (or writes a little): the running stack's DynamoDB
 * endpoint when one runs on it, otherwise dynalite started on the data here (undefined when the
 * data dir has no database yet).
 */
export async function openLocalTable(dataDir: string): Promise<LocalTable | undefined> {
  const running = readLocalStackInfo(dataDir);
  if (running) return { endpoint: running.dynamodb, credentials: running.credentials, running, close: async () => undefined };
  if (!existsSync(join(dataDir, DATABASE_DIR, 'CURRENT'))) {
    checkDatabase(dataDir); // a marked data dir whose database went is damage, not "nothing yet"
    return undefined;
  }
  checkDatabase(dataDir);
  await probeDatabaseLock(dataDir);
  const credentials = newLocalCredentials();
  const server = await startDynalite(join(dataDir, DATABASE_DIR), { credentials });
  return { endpoint: server.endpoint, credentials, running: undefined, close: () => server.close() };
}

/**
 * Runs `use` with a store on the data dir's table (see openLocalTable); undefined when the data dir
 * has no database yet or its table was never made.
 */
export async function withLocalStore<T>(
  dataDir: string,
  retentionDays: number,
  use: (store: Store, table: { doc: DynamoDBDocumentClient; tableName: string; running: boolean }) => Promise<T>,
): Promise<T | undefined> {
  const table = await openLocalTable(dataDir);
  if (!table) return undefined;
  const client = new DynamoDBClient({ endpoint: table.endpoint, region: 'eu-west-2', credentials: table.credentials, maxAttempts: 2 });
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  try {
    return await use(createDynamoStore(doc, LOCAL_TABLE_NAME, { retentionDays }), { doc, tableName: LOCAL_TABLE_NAME, running: table.running !== undefined });
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  } finally {
    doc.destroy();
    await table.close();
  }
}
