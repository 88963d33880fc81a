/**
 * The read-only commands while `despatch start --demo` runs on the same data dir (issue 12: sources,
 * briefing --dry-run and grid were refused): the real stack in a child process holding the
 * database's lock, each command run against its data dir as a person in another terminal would,
 * then Ctrl-C, and nothing it collected is lost.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { despatch, despatchBin } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'despatch-read-running-'));
const dataDir = join(dir, 'data');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = (...args: string[]) => despatch([...args, '--demo', '--data-dir', dataDir]);
const storedItems = async () => (JSON.parse((await cli('status', '--json')).stdout) as { items: { stored: number } }).items.stored;
const foundIds = async () =>
  (JSON.parse((await cli('search', 'Hartwell OR Mayor OR council', '--json', '--limit', '200')).stdout) as { id: string }[]).map((h) => h.id).sort();

describe('read-only commands while despatch start runs', () => {
  it('search, sources, briefing --dry-run, grid and status read the running data dir; Ctrl-C then loses nothing', async () => {
    // Prepare: the demo running, up and waiting (its first polls processed, the briefing written)
    const child = spawn(process.execPath, [despatchBin, 'start', '--demo', '--data-dir', dataDir], { env: { ...process.env, CI: 'true' } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      while (!/Press Ctrl-C to stop/.test(out)) {
        if (child.exitCode !== null) throw new Error(`despatch start ended: ${out}\n${err}`);
        await new Promise((r) => setTimeout(r, 100));
      }

      // Act and assess: each command, one after the other, while it runs
      const search = await cli('search', '"temporary accommodation"');
      expect(search.stderr).toBe('');
      expect(search.code).toBe(0);
      expect(search.stdout).toContain('Calls grow for Hartwell Mayor Sam Okafor to resign');

      const sources = await cli('sources');
      expect(sources.code).toBe(0);
      expect(sources.stdout).toMatch(/hartwell-gazette\s+press\s+rss\s+\d+ \w+, \d{2}:\d{2}\s+0/);

      const dryRun = await cli('briefing', '--dry-run');
      expect(dryRun.code).toBe(0);
      expect(dryRun.stdout).toContain('Dry run: the briefing as it would go now');

      const grid = await cli('grid');
      expect(grid.code).toBe(0);
      expect(grid.stdout).toMatch(/^Social media grid for /);
      expect(grid.stdout).toContain('"despatch start" is running on this data dir');

      const status = await cli('status');
      expect(status.code).toBe(0);
      expect(status.stdout).toContain(': running');

      const storedWhileRunning = await storedItems();
      const idsWhileRunning = await foundIds();
      expect(storedWhileRunning).toBeGreaterThan(20);
      expect(idsWhileRunning.length).toBeGreaterThan(10);

      // Stopped with Ctrl-C: it finishes cleanly, and every item is still there, stored and archived
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      expect(out).toContain('Stopped. Nothing was left waiting.');
      expect(await storedItems()).toBe(storedWhileRunning);
      expect(await foundIds()).toEqual(idsWhileRunning);
    } finally {
      child.kill('SIGKILL');
    }
  }, 420_000);
});
