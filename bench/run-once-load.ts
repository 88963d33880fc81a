/**
 * `run --once` over many feeds, as a person runs it (the CLI as a child process) against loopback
 * feeds: prints the items served, the items stored (counted in the store by `despatch status
 * --json`, not taken from the run's own summary), the wall time and the child's peak memory.
 * Run: npm run bench:load  (or npx tsx bench/run-once-load.ts [feeds] [itemsPerFeed]); default 300 x 50.
 * Never fails on a time; exits 1 only if an item was lost.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { despatchBin } from '../test/support/cli.js';
import { startManyFeeds } from '../test/support/many-feeds.js';

const FEEDS = Number(process.argv[2] ?? 300);
const ITEMS = Number(process.argv[3] ?? 50);

const dir = mkdtempSync(join(tmpdir(), 'despatch-load-'));
const feeds = await startManyFeeds({ dir, feeds: FEEDS, itemsPerFeed: ITEMS, delayMs: 20, sensitiveEvery: 25 });
const dataDir = join(dir, 'data');

function run(args: string[], timed = false): Promise<{ code: number | null; stdout: string; stderr: string; seconds: number; peakMb: number }> {
  const started = Date.now();
  // /usr/bin/time is not everywhere; the child reports its own peak resident memory on exit instead.
  const child = spawn(process.execPath, ['--import', join(import.meta.dirname, 'peak-rss.mjs'), despatchBin, ...args], { env: { ...process.env, CI: 'true' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    if (timed && process.stderr.isTTY && /^Processing:/m.test(d.toString()))
      process.stderr.write(
        d
          .toString()
          .split('\n')
          .filter((l) => l.startsWith('Processing:'))
          .slice(-1)[0] + '\r',
      );
  });
  return new Promise((resolve) =>
    child.on('exit', (code) => {
      const peak = /peak-rss-mb=(\d+)/.exec(stderr)?.[1];
      resolve({ code, stdout, stderr, seconds: (Date.now() - started) / 1000, peakMb: Number(peak ?? NaN) });
    }),
  );
}

try {
  const once = await run(['run', '--once', '--config', feeds.configFile, '--data-dir', dataDir], true);
  const status = await run(['status', '--json', '--config', feeds.configFile, '--data-dir', dataDir]);
  const stored = (JSON.parse(status.stdout) as { items: { stored: number } }).items.stored;
  const served = FEEDS * ITEMS;
  console.log(`\nrun --once over ${FEEDS} feeds x ${ITEMS} items: exit ${once.code}`);
  console.log(`  items served: ${served}`);
  console.log(`  items stored: ${stored} (lost: ${served - stored})`);
  console.log(`  wall time: ${once.seconds.toFixed(1)} s (${(served / once.seconds).toFixed(0)} items/s)`);
  console.log(`  peak memory of the run: ${once.peakMb} MB`);
  process.exitCode = stored === served ? 0 : 1;
} finally {
  await feeds.close();
  rmSync(dir, { recursive: true, force: true });
}
