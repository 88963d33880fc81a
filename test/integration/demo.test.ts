/**
 * `despatch start --demo` as a new user runs it, twice in a day: the terminal says which alerts went
 * (how, when, about what), and the second run still writes a briefing, marked as a re-run.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { despatchBin } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'despatch-demo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the demo until it is up and waiting, then stops it with Ctrl-C; returns what it printed. */
async function demo(dataDir: string): Promise<string> {
  const child = spawn(process.execPath, [despatchBin, 'start', '--demo', '--data-dir', dataDir], { env: { ...process.env, CI: 'true' } });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    while (!/Press Ctrl-C to stop/.test(out)) {
      if (child.exitCode !== null) throw new Error(`the demo ended: ${out}\n${err}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    return out;
  } finally {
    child.kill('SIGKILL');
  }
}

describe('the demo', () => {
  it('says which alerts it sent, and writes a briefing every time it runs', async () => {
    // Prepare
    const dataDir = join(dir, 'data');
    // Act
    const first = await demo(dataDir);
    const second = await demo(dataDir);
    // Assess: the alerts, in London time, by channel, about the story
    expect(first).toMatch(/Alert sent at \d{2}:\d{2} \(London time\) by email[^\n]*: Critical coverage: Calls grow for Hartwell Mayor Sam Okafor to resign/);
    expect(first).toMatch(/Briefing for \d{4}-\d{2}-\d{2}: \d+ sensitive stories \(\d+ items\), \d+ items in \d+ stories/);
    // The demo's own Parliament fixtures: a written question answered, in the briefing's Parliament section
    expect(first).toMatch(/ok\s+Written questions: 2 new/);
    const briefing = readdirSync(join(dataDir, 'outbox')).find((f) => /-briefing-\d{4}-\d{2}-\d{2}\.html$/.test(f));
    const html = readFileSync(join(dataDir, 'outbox', briefing ?? 'missing'), 'utf8');
    expect(html).toMatch(/Parliament \(\d+\)/);
    expect(html).toContain('Dana Whitfield (Labour): Written question to Ministry of Housing, Communities and Local Government, answered: ');
    expect(html).toContain('Dana Whitfield (Labour): Written question to Department for Transport: Bus Services: Hartwell');
    // Debates, motions and committees from the demo's Hansard, EDM and Committees fixtures; the MP by name through its Members fixture
    expect(first).toMatch(/ok\s+Hansard: 2 new/);
    expect(first).toMatch(/ok\s+Early Day Motions: 1 new/);
    expect(first).toMatch(/ok\s+Parliament committees: 1 new/);
    expect(first).toContain('Dana Whitfield: Dana Whitfield (Labour, Hartwell North, House of Commons), member 4321');
    expect(html).toContain('Dana Whitfield (Lab): Dana Whitfield in the Commons: Business of the House');
    expect(html).toMatch(/Dana Whitfield in the Commons: <mark[^>]*>Temporary Accommodation<\/mark>: London Boroughs/);
    expect(html).toContain('Dana Whitfield (Labour): Early Day Motion 512');
    expect(html).toContain('Hartwell Community Library');
    expect(html).toContain('Local government finance: the funding of London boroughs, including Hartwell');
    // The second run the same day: nothing new to alert, and a briefing written as a re-run
    expect(second).toContain('No alerts sent: nothing new reached the alert level.');
    const rerun = /wrote it again as a re-run, not sent: (\S+)/.exec(second)?.[1];
    expect(rerun).toMatch(/briefing-rerun\.html$/);
    expect(existsSync(rerun!)).toBe(true);
  }, 240_000);
});
