/**
 * `despatch grid` as a person runs it: after `despatch run --once` has read some feeds, plan the
 * week, print it (as text and as --json), and export it to a file a spreadsheet opens. The council's
 * own feed is drafted from; the paper's story is a talking point; news is planned for the days up to
 * grid.recencyDays after it was published, so the week planned is this one.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { despatch } from '../support/cli.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoWeekOf } from '../../shared/grid/calendar.js';
import { londonDate } from '../../shared/platform/time.js';
import { rss } from '../support/config.js';
import { startTestServer, type TestServer } from '../support/local-server.js';
import { gridConfig } from '../unit/grid/fixtures.js';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { withLocalStore } from '../../infra/local/data-dir.js';
import { addDays } from '../../shared/grid/calendar.js';
import { describeWeek } from '../../cli/week.js';

/** The week's rows exactly as the table holds them (plan and slots), read with no Despatch running. */
async function storedWeek(dataDir: string, week: string): Promise<string> {
  const rows = await withLocalStore(dataDir, 30, async (_store, table) => {
    const out = await table.doc.send(
      new QueryCommand({ TableName: table.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `GRID#${week}` } }),
    );
    return out.Items ?? [];
  });
  return JSON.stringify(rows);
}

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
      '/b.xml': { body: rss([{ guid: 'b1', title: 'Homeless shelter adds 40 beds in Riverside' }]) },
    });
    dir = mkdtempSync(join(tmpdir(), 'despatch-grid-cli-'));
    const config = gridConfig({ channels: [{ id: 'x', days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], times: ['08:30', '17:30'], maxPerDay: 2 }] });
    configFile = join(dir, 'despatch.yaml');
    writeFileSync(
      configFile,
      stringify({
        ...config,
        sources: [
          { id: 'council-a', name: 'Council A press office', kind: 'rss', url: `${server.baseUrl}/a.xml`, group: 'council', outlet: 'official' },
          { id: 'paper-b', name: 'Paper B', kind: 'rss', url: `${server.baseUrl}/b.xml`, group: 'press', outlet: 'local' },
        ],
      }),
    );
    const once = await despatch(['run', '--once', '--config', configFile, '--data-dir', join(dir, 'data')]);
    expect(once.code, once.stderr).toBe(0);
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const week = () => isoWeekOf(londonDate(new Date()));

  it('plans the week from the stories read, and sets the sensitive one aside', async () => {
    // Act
    const { code, stdout, stderr } = await despatch(['grid', '--config', configFile, '--data-dir', join(dir, 'data'), '--week', week()]);
    // Assess
    expect(code, stderr).toBe(0);
    expect(stdout).toContain(`Social media grid for ${describeWeek(week())} (week ${week()}) — London Borough of Hartwell`);
    // The week and the time in words, London time: never "2026-12-02T14:44:03Z"
    expect(stdout).toMatch(/\nPlanned \w{3} \d{1,2} \w{3}, \d{2}:\d{2} \(London time\)\n/);
    expect(stdout).not.toMatch(/\d{2}:\d{2}:\d{2}(\.\d+)?Z/);
    expect(stdout).toContain('priority story: New council homes for Riverside');
    expect(stdout).toMatch(/Why: Housing: the council\u2019s own news \(Council A press office\), published (today|yesterday)\./);
    expect(stdout).toMatch(
      /Checks: recent: published [^\n]*; not sensitive at any level \(watch included\); no tragedy terms; no criticism of the council, the Mayor or the cabinet; from the council's own source \(Council A press office\)/,
    );
    expect(stdout).toMatch(
      /Talking points \(1 press story for you to choose; not drafted in the Mayor's voice\)\n {2}- Homeless shelter adds 40 beds in Riverside — Paper B/,
    );
    expect(stdout).toMatch(/Needs a response\? \(1 sensitive story, never planned as posts\)\n {2}- Hartwell Mayor criticised by ombudsman/);
  }, 120_000);

  it('prints the planned week as JSON with --json', async () => {
    // Act
    const { code, stdout, stderr } = await despatch(['grid', '--config', configFile, '--data-dir', join(dir, 'data'), '--week', week(), '--json']);
    // Assess
    expect(code, stderr).toBe(0);
    const planned = JSON.parse(stdout) as {
      week: string;
      slots: Record<string, unknown>[];
      talkingPoints: { title: string; checks: string[] }[];
      needsResponse: { title: string }[];
    };
    expect(planned.week).toBe(week());
    const homes = planned.slots.find((s) => (s.hook as { title: string }).title === 'New council homes for Riverside');
    expect(homes).toMatchObject({
      channel: 'x',
      time: expect.stringMatching(/^(08:30|17:30)$/),
      status: 'draft',
      hook: { kind: 'priority', title: 'New council homes for Riverside', priority: 'Housing' },
      items: [{ id: expect.stringMatching(/^[a-f0-9]{32}$/), title: 'New council homes for Riverside', sourceName: 'Council A press office' }],
      text: expect.stringContaining('New council homes for Riverside'),
      checks: expect.arrayContaining(['no tragedy terms', "from the council's own source (Council A press office)"]),
    });
    expect(planned.slots.every((s) => Array.isArray(s.checks) && (s.checks as string[]).length > 0)).toBe(true);
    expect(planned.talkingPoints.map((t) => t.title)).toEqual(['Homeless shelter adds 40 beds in Riverside']);
    expect(planned.needsResponse.map((n) => n.title)).toEqual(['Hartwell Mayor criticised by ombudsman over temporary accommodation']);
  }, 120_000);

  it('exports the week as CSV, one row per post', async () => {
    // Prepare
    const out = join(dir, 'grid.csv');
    // Act
    const { code, stdout, stderr } = await despatch(['grid', '--config', configFile, '--data-dir', join(dir, 'data'), '--export', 'csv', '--out', out]);
    // Assess
    expect(code, stderr).toBe(0);
    const rows = readFileSync(out, 'utf8')
      .replace(/^\ufeff/, '')
      .trimEnd()
      .split('\r\n');
    expect(rows[0]).toBe('Date,Time,Channel,Text,Hook,Status,Alt text,Checks');
    expect(stdout).toContain(`Wrote CSV (${rows.length - 1} rows) to ${out}`);
  }, 120_000);

  it('prints the same plan every time: printing never re-plans, --replan does', async () => {
    // Prepare: the week planned once (by the first print, or an earlier test)
    const data = join(dir, 'data');
    const first = await despatch(['grid', '--config', configFile, '--data-dir', data, '--week', week()]);
    expect(first.code, first.stderr).toBe(0);
    const planned = await storedWeek(data, week());
    expect(JSON.parse(planned)).not.toHaveLength(0);
    // Act
    const again = await despatch(['grid', '--config', configFile, '--data-dir', data, '--week', week()]);
    const json = await despatch(['grid', '--config', configFile, '--data-dir', data, '--week', week(), '--json']);
    // Assess: the table holds the very same rows, and what was printed is the same
    expect(again.code, again.stderr).toBe(0);
    expect(json.code, json.stderr).toBe(0);
    expect(await storedWeek(data, week())).toBe(planned);
    expect(again.stdout).toBe(first.stdout);
    // The planner's CloudWatch metric lines and library warnings are not for the terminal.
    expect(first.stdout + first.stderr).not.toMatch(/"_aws"|No application metrics/);
    // Act: re-planning is asked for by name
    const replan = await despatch(['grid', '--config', configFile, '--data-dir', data, '--week', week(), '--replan']);
    // Assess
    expect(replan.code, replan.stderr).toBe(0);
    expect(await storedWeek(data, week())).not.toBe(planned);
  }, 180_000);

  it('takes the week as "this", "next" or any date in it', async () => {
    // Prepare
    const data = join(dir, 'data');
    const today = londonDate(new Date());
    // Act
    const thisWeek = await despatch(['grid', '--config', configFile, '--data-dir', data, '--week', 'this', '--json']);
    const byDate = await despatch(['grid', '--config', configFile, '--data-dir', data, '--week', addDays(today, 7), '--json']);
    const next = await despatch(['grid', '--config', configFile, '--data-dir', data, '--week', 'next', '--json']);
    // Assess
    expect(thisWeek.code, thisWeek.stderr).toBe(0);
    expect((JSON.parse(thisWeek.stdout) as { week: string }).week).toBe(week());
    expect((JSON.parse(byDate.stdout) as { week: string }).week).toBe(isoWeekOf(addDays(today, 7)));
    expect((JSON.parse(next.stdout) as { week: string }).week).toBe(isoWeekOf(addDays(today, 7)));
  }, 180_000);

  it('says plainly what is wrong with a week or an export', async () => {
    // Act
    const badWeek = await despatch(['grid', '--config', configFile, '--week', '2026-49']);
    const noOut = await despatch(['grid', '--config', configFile, '--export', 'xlsx']);
    // Assess
    expect(badWeek.code).toBe(2);
    expect(badWeek.stderr).toContain(
      '--week "2026-49" is not a week: write "this", "next", a date in the week such as 2026-12-07, or a week number such as 2026-W49',
    );
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain('--export needs --out FILE');
  });
});
