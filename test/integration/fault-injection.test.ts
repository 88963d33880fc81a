/**
 * Nothing lost under the faults people meet: the real CLI, as a child process, over 40 loopback
 * feeds of 25 items, killed with SIGKILL mid-poll, mid-alert and mid-classify, then run again to
 * the end; and stopped with SIGTERM and SIGINT. Every served item is stored exactly once (counted in
 * the store by `despatch status --json`), nothing is left queued or dead-lettered, and the alert
 * that fell due was delivered.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { despatch, despatchBin } from '../support/cli.js';
import { startManyFeeds, type ManyFeeds } from '../support/many-feeds.js';

const FEEDS = 40;
const ITEMS = 25;

let dir: string;
let feeds: ManyFeeds;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'despatch-faults-'));
  feeds = await startManyFeeds({ dir, feeds: FEEDS, itemsPerFeed: ITEMS, delayMs: 40, sensitiveEvery: 8 });
});
afterAll(async () => {
  await feeds?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function runOnce(dataDir: string): Run {
  const child = spawn(process.execPath, [despatchBin, 'run', '--once', '--config', feeds.configFile, '--data-dir', dataDir], {
    env: { ...process.env, CI: 'true' },
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Waits until `ready` holds (checked every 50 ms), then sends the signal; fails if the run ended first. */
async function signalWhen(run: Run, ready: () => boolean, signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  let ended = false;
  void run.exited.then(() => (ended = true));
  while (!ready()) {
    if (ended) throw new Error(`the run ended before the kill point:\n${run.stdout()}\n${run.stderr()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  run.child.kill(signal);
  return run.exited;
}

const polledAtLeast = (run: Run, n: number) => () => new RegExp(`^\\[(\\d+)/${FEEDS}\\]`, 'm').test(run.stderr()) && sourcesPolled(run.stderr()) >= n;
function sourcesPolled(stderr: string): number {
  return Math.max(0, ...[...stderr.matchAll(new RegExp(`^\\[(\\d+)/${FEEDS}\\]`, 'gm'))].map((m) => Number(m[1])));
}
const classifying = (run: Run) => () => /Processing: [1-9]\d* classified, [1-9]\d* waiting/.test(run.stderr());
const alertFiles = (dataDir: string) =>
  existsSync(join(dataDir, 'outbox')) ? readdirSync(join(dataDir, 'outbox')).filter((f) => /-alert-.*\.eml$/.test(f)) : [];

async function status(dataDir: string) {
  const result = await despatch(['status', '--json', '--config', feeds.configFile, '--data-dir', dataDir]);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as {
    items: { stored: number };
    queues: Record<'ingest' | 'alerts', { waiting: number; inFlight: number }> & Record<'ingestDlq' | 'alertsDlq', { waiting: number }>;
  };
}

async function expectNothingLost(dataDir: string) {
  const s = await status(dataDir);
  expect(s.items.stored).toBe(FEEDS * ITEMS);
  expect(s.queues).toEqual({ ingest: { waiting: 0, inFlight: 0 }, ingestDlq: { waiting: 0 }, alerts: { waiting: 0, inFlight: 0 }, alertsDlq: { waiting: 0 } });
  // The Mayor's sensitive story was alerted (whatever step the kills left it at).
  const subjects = alertFiles(dataDir).map((f) => /^Subject: (.*)$/m.exec(readFileSync(join(dataDir, 'outbox', f), 'utf8'))?.[1] ?? '');
  expect(subjects.some((s) => /Sensitive/.test(s) && /Hartwell_Mayor/.test(s))).toBe(true);
}

describe('fault injection: the real CLI killed and stopped mid-run', () => {
  it('loses nothing when killed with SIGKILL mid-poll, mid-alert and mid-classify, then run again', async () => {
    const dataDir = join(dir, 'sigkill');
    const first = runOnce(dataDir);
    expect((await signalWhen(first, polledAtLeast(first, 10), 'SIGKILL')).signal).toBe('SIGKILL');

    const second = runOnce(dataDir);
    expect((await signalWhen(second, () => alertFiles(dataDir).length > 0, 'SIGKILL')).signal).toBe('SIGKILL');

    const third = runOnce(dataDir);
    const thirdEnd = await signalWhen(third, classifying(third), 'SIGKILL').catch(() => undefined); // may finish first: little may be left
    expect(thirdEnd === undefined || thirdEnd.signal === 'SIGKILL').toBe(true);

    const last = runOnce(dataDir);
    const end = await last.exited;
    expect(end.code, last.stderr()).toBe(0);
    await expectNothingLost(dataDir);
  }, 240_000);

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`finishes the batch in hand on ${signal}, says what is left, and the next run completes`, async () => {
      const dataDir = join(dir, signal);
      const first = runOnce(dataDir);
      const end = await signalWhen(first, signal === 'SIGTERM' ? classifying(first) : polledAtLeast(first, 5), signal);
      expect(end.code).toBe(signal === 'SIGTERM' ? 143 : 130);
      expect(first.stderr()).toMatch(new RegExp(`Stopping \\(${signal}\\)`));
      if (signal === 'SIGTERM') expect(first.stdout()).toMatch(/Stopped before the end: \d+ item\(s\) and \d+ alert\(s\) are still queued/);

      const last = runOnce(dataDir);
      expect((await last.exited).code, last.stderr()).toBe(0);
      await expectNothingLost(dataDir);
    }, 180_000);
  }
});
