/**
 * `despatch grid` as a person runs it: after `despatch run --once` has read some feeds, plan next
 * week, print it, and export it to a file a spreadsheet opens.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { despatch } from '../support/cli.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { followingWeek } from '../../shared/grid/plan-week.js';
import { rss } from '../support/config.js';
import { startTestServer, type TestServer } from '../support/local-server.js';
import { gridConfig } from '../unit/grid/fixtures.js';



describe('despatch grid', () => {
  let server: TestServer;
  let dir: string;
  let configFile: string;

  beforeAll(async () => {
    server = await startTestServer({
      '/a.xml': {
        body: rss([
          { guid: 'a1', title: 'Hartwell Mayor criticised by ombudsman over temporary accommodation' },
          { guid: 'a2', title: 'New council homes for Riverside' },
          { guid: 'a3', title: 'TfL confirms bus route 12 changes' },
        ]),
      },
    });
    dir = mkdtempSync(join(tmpdir(), 'despatch-grid-cli-'));
    const config = gridConfig({ channels: [{ id: 'x', days: ['mon', 'tue', 'wed', 'thu', 'fri'], times: ['08:30', '17:30'], maxPerDay: 2 }] });
    configFile = join(dir, 'despatch.yaml');
    writeFileSync(configFile, stringify({ ...config, sources: [{ id: 'paper-a', name: 'Paper A', kind: 'rss', url: `${server.baseUrl}/a.xml`, group: 'press', outlet: 'local' }] }));
    const once = await despatch(['run', '--once', '--config', configFile, '--data-dir', join(dir, 'data')]);
    expect(once.code, once.stderr).toBe(0);
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('plans next week from the stories read, and sets the sensitive one aside', async () => {
    // Act
    const { code, stdout, stderr } = await despatch(['grid', '--config', configFile, '--data-dir', join(dir, 'data')]);
    // Assess
    expect(code, stderr).toBe(0);
    expect(stdout).toContain(`Social media grid for ${followingWeek(new Date())} — London Borough of Hartwell`);
    expect(stdout).toContain('priority story: New council homes for Riverside');
    expect(stdout).toMatch(/Why: Housing: coverage \(Paper A\), (today|yesterday)\./);
    expect(stdout).toMatch(/Needs a response\? \(1 sensitive story, never planned as posts\)\n {2}- Hartwell Mayor criticised by ombudsman/);
  }, 120_000);

  it('exports the week as CSV, one row per post', async () => {
    // Prepare
    const out = join(dir, 'grid.csv');
    // Act
    const { code, stdout, stderr } = await despatch(['grid', '--config', configFile, '--data-dir', join(dir, 'data'), '--export', 'csv', '--out', out]);
    // Assess
    expect(code, stderr).toBe(0);
    const rows = readFileSync(out, 'utf8').replace(/^\ufeff/, '').trimEnd().split('\r\n');
    expect(rows[0]).toBe('Date,Time,Channel,Text,Hook,Status,Alt text');
    expect(stdout).toContain(`Wrote CSV (${rows.length - 1} rows) to ${out}`);
  }, 120_000);

  it('says plainly what is wrong with a week or an export', async () => {
    // Act
    const badWeek = await despatch(['grid', '--config', configFile, '--week', '2026-49']);
    const noOut = await despatch(['grid', '--config', configFile, '--export', 'xlsx']);
    // Assess
    expect(badWeek.code).toBe(2);
    expect(badWeek.stderr).toContain('--week "2026-49" is not an ISO week: write it like 2026-W49');
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain('--export needs --out FILE');
  });
});
