/**
 * `run --once` over 300 feeds x 50 items stores 15,000 of 15,000, counted in the store. Before the
 * drain ran to empty it gave up after 120 s and 8,325 were lost. The time and memory are printed by
 * `npm run bench:load`; this asserts only the count (it takes some minutes on two cores).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { despatch } from '../support/cli.js';
import { startManyFeeds, type ManyFeeds } from '../support/many-feeds.js';

let dir: string;
let feeds: ManyFeeds;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'despatch-load-'));
  feeds = await startManyFeeds({ dir, feeds: 300, itemsPerFeed: 50, delayMs: 10, sensitiveEvery: 50 });
});
afterAll(async () => {
  await feeds?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('stores every one of 15,000 items served by 300 feeds in one run --once', async () => {
  const dataDir = join(dir, 'data');
  const run = await despatch(['run', '--once', '--config', feeds.configFile, '--data-dir', dataDir], { timeoutMs: 1_500_000 });
  expect(run.code, run.stderr.slice(-2000)).toBe(0);
  const status = await despatch(['status', '--json', '--config', feeds.configFile, '--data-dir', dataDir]);
  expect(JSON.parse(status.stdout)).toMatchObject({ items: { stored: 15_000 }, queues: { ingest: { waiting: 0, inFlight: 0 }, ingestDlq: { waiting: 0 } } });
}, 1_600_000);
