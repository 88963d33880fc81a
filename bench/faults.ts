/**
 * The faults of issue 10's table, against `despatch start` as a person runs it (the CLI as a child
 * process, 40 loopback feeds of 25 items): killed or stopped at a point, started again, and the
 * store read back by `despatch status --json` (never the program's own summary). Prints one row per
 * fault: items served, items stored, lost. Exits 1 if any row lost an item. Takes a few minutes.
 * Run: npm run bench:faults
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { despatch, despatchBin } from '../test/support/cli.js';
import { rss, testConfig } from '../test/support/config.js';
import { startFeedServer } from '../test/support/feed-server.js';
import { startManyFeeds } from '../test/support/many-feeds.js';

const FEEDS = 40;
const ITEMS = 25;
const dir = mkdtempSync(join(tmpdir(), 'despatch-faults-bench-'));

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function start(configFile: string, dataDir: string): Started {
  const child = spawn(process.execPath, [despatchBin, 'start', '--config', configFile, '--data-dir', dataDir], { env: { ...process.env, CI: 'true' } });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => out, exited };
}

interface Status {
  items: { stored: number };
  queues: Record<string, { waiting: number; inFlight?: number }>;
}

async function status(configFile: string, dataDir: string): Promise<Status | undefined> {
  const result = await despatch(['status', '--json', '--config', configFile, '--data-dir', dataDir]);
  return result.code === 0 ? (JSON.parse(result.stdout) as Status) : undefined;
}

async function until(check: () => Promise<boolean> | boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

const queuesEmpty = (s: Status) => Object.values(s.queues).every((q) => q.waiting === 0 && (q.inFlight ?? 0) === 0);

/** Starts again after the fault, waits for the queues to empty, stops it and counts the store. */
async function restartAndCount(configFile: string, dataDir: string, served: number): Promise<number> {
  const again = start(configFile, dataDir);
  await until(() => /Press Ctrl-C to stop/.test(again.output()), 120_000);
  await until(async () => {
    const s = await status(configFile, dataDir);
    return s !== undefined && s.items.stored >= served && queuesEmpty(s);
  }, 120_000);
  again.child.kill('SIGTERM');
  await again.exited;
  return (await status(configFile, dataDir))?.items.stored ?? 0;
}

const rows: { fault: string; served: number; stored: number }[] = [];

async function manyFeedsRow(fault: string, signal: NodeJS.Signals, point: (run: Started, configFile: string, dataDir: string) => Promise<boolean>) {
  const rowDir = join(dir, String(rows.length));
  const feeds = await startManyFeeds({ dir: mkdtempSync(join(dir, 'feeds-')), feeds: FEEDS, itemsPerFeed: ITEMS, delayMs: 40, sensitiveEvery: 8 });
  try {
    const first = start(feeds.configFile, rowDir);
    const reached = await point(first, feeds.configFile, rowDir);
    if (!reached) console.error(`  (${fault}: the kill point was not reached before the run finished)`);
    first.child.kill(signal);
    await first.exited;
    const stored = await restartAndCount(feeds.configFile, rowDir, FEEDS * ITEMS);
    rows.push({ fault, served: FEEDS * ITEMS, stored });
  } finally {
    await feeds.close();
  }
}

const duringFirstPoll = (run: Started) => until(() => /feed 10: 25 new/.test(run.output()), 60_000);
const afterClassified = (n: number) => (_run: Started, configFile: string, dataDir: string) =>
  until(async () => ((await status(configFile, dataDir))?.items.stored ?? 0) >= n, 120_000);

try {
  await manyFeedsRow('start killed (SIGKILL) during the first poll, restarted', 'SIGKILL', duringFirstPoll);
  await manyFeedsRow('start killed (SIGKILL) after 200 were classified, restarted', 'SIGKILL', afterClassified(200));
  await manyFeedsRow('Ctrl-C (SIGINT) during the first poll, restarted', 'SIGINT', duringFirstPoll);
  await manyFeedsRow('SIGTERM while classifying, restarted', 'SIGTERM', afterClassified(300));

  // One item whose link is ~300 KB among 11 sources: the item is refused alone, the group goes on.
  const longLink = `https://example.org/${'a'.repeat(300_000)}`;
  const bodies: Record<string, string> = {};
  for (let f = 0; f < 11; f++) {
    bodies[`/g-${f}.xml`] = rss(
      Array.from({ length: f === 0 ? 21 : 18 }, (_, i) => ({
        guid: `g${f}-${i}`,
        title: `Group feed ${f} story ${i}`,
        ...(f === 0 && i === 0 ? { link: longLink } : {}),
      })),
    );
  }
  const server = await startFeedServer(
    Object.fromEntries(Object.entries(bodies).map(([p, body]) => [p, (_req, res) => res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(body)])),
  );
  try {
    const configFile = join(dir, 'group.yaml');
    writeFileSync(
      configFile,
      stringify(
        testConfig(
          Object.keys(bodies).map((p, f) => ({ id: `g-${f}`, url: `${server.baseUrl}${p}`, group: 'press' })),
          { network: { allowPrivateHosts: true, contact: 'tests@hartwell.example', timeoutSeconds: 20, maxBodyBytes: 5 * 1024 * 1024, perHostConcurrency: 8 } },
        ),
      ),
    );
    const dataDir = join(dir, 'group');
    const once = await new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, [despatchBin, 'run', '--once', '--config', configFile, '--data-dir', dataDir], {
        env: { ...process.env, CI: 'true' },
        stdio: 'ignore',
      });
      child.on('exit', resolve);
    });
    const served = 21 + 10 * 18;
    const stored = (await status(configFile, dataDir))?.items.stored ?? 0;
    // The item with the 300 KB link is stored with its link cut to 2,048 characters, so all count.
    rows.push({ fault: `one item with a ~300 KB link, in a group of 11 sources (run --once exit ${once})`, served, stored });
  } finally {
    await server.close();
  }

  console.log('\n| what happened | items served | stored | lost |\n|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.fault} | ${r.served} | ${r.stored} | ${r.served - r.stored} |`);
  console.log('\n(run --once over 300 feeds x 50 items: npm run bench:load)');
  process.exitCode = rows.every((r) => r.stored === r.served) ? 0 : 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
