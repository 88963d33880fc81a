/**
 * The data dir is protected and readable while in use, through the real CLI: a damaged database is
 * refused and left as it was; status, sources and backup work while `despatch start` runs; a backup
 * restores into a new data dir with the same items; the data dir vanishing stops `start` loudly.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { despatch, despatchBin } from '../support/cli.js';
import { startManyFeeds, type ManyFeeds } from '../support/many-feeds.js';

let dir: string;
let feeds: ManyFeeds;
const stored = async (dataDir: string) => {
  const result = await despatch(['status', '--json', '--config', feeds.configFile, '--data-dir', dataDir]);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as {
    running: boolean;
    items: { stored: number };
    sources: { ok: number; failing: number };
    briefing: { lastSent: string | null; counts: string | null };
  };
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'despatch-datadir-'));
  feeds = await startManyFeeds({ dir, feeds: 4, itemsPerFeed: 5 });
});
afterAll(async () => {
  await feeds?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the data dir', () => {
  it('refuses a database whose CURRENT file is gone, and leaves its files as they were', async () => {
    const dataDir = join(dir, 'damaged');
    expect((await despatch(['run', '--once', '--config', feeds.configFile, '--data-dir', dataDir])).code).toBe(0);
    rmSync(join(dataDir, 'dynamodb', 'CURRENT'));
    const before = readdirSync(join(dataDir, 'dynamodb')).sort();
    const sizes = before.map((f) => statSync(join(dataDir, 'dynamodb', f)).size);

    const again = await despatch(['run', '--once', '--config', feeds.configFile, '--data-dir', dataDir]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/Refusing to open the data in .*CURRENT file is missing.*despatch restore FILE/s);
    expect(readdirSync(join(dataDir, 'dynamodb')).sort()).toEqual(before);
    expect(before.map((f) => statSync(join(dataDir, 'dynamodb', f)).size)).toEqual(sizes);
    expect((await despatch(['status', '--config', feeds.configFile, '--data-dir', dataDir])).code).toBe(1);
  }, 120_000);

  it('refuses to make an empty database where one was kept and has gone', async () => {
    const dataDir = join(dir, 'gone');
    expect((await despatch(['run', '--once', '--config', feeds.configFile, '--data-dir', dataDir])).code).toBe(0);
    rmSync(join(dataDir, 'dynamodb'), { recursive: true });
    const again = await despatch(['run', '--once', '--config', feeds.configFile, '--data-dir', dataDir]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/its database .* is missing or empty/);
    expect(existsSync(join(dataDir, 'dynamodb'))).toBe(false);
  }, 120_000);

  it('answers status, sources and backup while start runs; the backup restores elsewhere; a vanished data dir stops start loudly', async () => {
    const dataDir = join(dir, 'running');
    const child = spawn(process.execPath, [despatchBin, 'start', '--config', feeds.configFile, '--data-dir', dataDir], { env: { ...process.env, CI: 'true' } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      while (!/Press Ctrl-C to stop/.test(out)) {
        if (child.exitCode !== null) throw new Error(`start ended: ${out}\n${err}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      const running = await stored(dataDir);
      expect(running).toMatchObject({ running: true, items: { stored: 20 }, sources: { ok: 4, failing: 0 } });
      const sources = await despatch(['sources', '--config', feeds.configFile, '--data-dir', dataDir]);
      expect(sources.code, sources.stderr).toBe(0);
      expect(sources.stdout).toMatch(/4 sources: 0 failing/);

      const file = join(dir, 'backup.jsonl.gz');
      const backup = await despatch(['backup', '--out', file, '--data-dir', dataDir]);
      expect(backup.code, backup.stderr).toBe(0);
      const restored = join(dir, 'restored');
      const restore = await despatch(['restore', file, '--config', feeds.configFile, '--data-dir', restored]);
      expect(restore.code, restore.stderr).toBe(0);
      expect(await stored(restored)).toMatchObject({ running: false, items: { stored: 20 }, sources: { ok: 4 } });

      rmSync(dataDir, { recursive: true, force: true });
      expect(await exited).toBe(1);
      expect(err).toMatch(/ERROR: the data dir .* has disappeared/);
    } finally {
      child.kill('SIGKILL');
    }
  }, 180_000);
});
