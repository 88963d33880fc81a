/**
 * `despatch search` as a person runs it: the real command line in a child process, over an archive
 * written through the real file archive (past days sealed and indexed, today's day file open).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileArchive } from '../../shared/adapters/local/file-archive.js';
import { EXPORT_COLUMNS } from '../../shared/workspace/search-api.js';
import { londonDate } from '../../shared/platform/time.js';
import { despatch } from '../support/cli.js';
import { item } from '../unit/grid/fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'despatch-search-cli-'));
const dataDir = join(dir, 'data');
const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY);

const items = {
  old: item({ title: 'Temporary accommodation bill rises', summary: 'Costs of temporary accommodation.', seenAt: daysAgo(20).toISOString() }),
  apart: item({ title: 'Accommodation that is temporary', summary: 'The words, not the phrase.', seenAt: daysAgo(10).toISOString() }),
  recent: item({
    title: 'Mayor defends temporary accommodation contract',
    summary: 'The council says the contract was fair.',
    priority: { id: 'housing', name: 'Housing' },
    sensitive: true,
    seenAt: daysAgo(3).toISOString(),
  }),
  // A feed's title carrying terminal escapes: a colour, a title-setting OSC, a C1 CSI, a reversal.
  hostile: item({
    title: 'Temporary accommodation \u001b[31mred\u001b[0m \u001b]0;owned\u0007 \u009b2J \u202eesrever',
    summary: '=HYPERLINK("http://evil.example")',
    seenAt: daysAgo(1).toISOString(),
  }),
  today: item({ title: 'Bus lanes extended', summary: 'Transport news.', seenAt: new Date().toISOString() }),
};

const run = (...args: string[]) => despatch(['search', ...args, '--demo', '--data-dir', dataDir]);

beforeAll(async () => {
  // Each item archived on its own day, in order, so the archive seals and indexes the days behind it.
  let now = new Date();
  const archive = createFileArchive(join(dataDir, 'archive'), { retentionDays: 400, now: () => now });
  for (const i of Object.values(items)) {
    now = new Date(i.seenAt);
    await archive.append(i);
  }
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('despatch search', () => {
  it('prints the phrase matches in the date range, newest first, with no terminal control from a feed', async () => {
    const { code, stdout } = await run('"temporary accommodation"', '--from', londonDate(daysAgo(12)));

    expect(code).toBe(0);
    expect(stdout).toContain('2 items match "temporary accommodation"');
    const recentAt = stdout.indexOf('Mayor defends temporary accommodation contract');
    const hostileAt = stdout.indexOf('Temporary accommodation red');
    expect(hostileAt).toBeGreaterThan(0);
    expect(recentAt).toBeGreaterThan(hostileAt);
    expect(stdout).not.toContain('Accommodation that is temporary'); // not the phrase
    expect(stdout).not.toContain('bill rises'); // before --from
    expect(stdout).toContain(items.recent.link);
    expect(stdout).toContain('By priority: housing 1');
    expect(stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
  });

  it('prints --json as an array of the hits with the fields scripts need', async () => {
    const { code, stdout } = await run('temporary NEAR/3 accommodation', '--priority', 'housing', '--json');

    expect(code).toBe(0);
    const hits = JSON.parse(stdout) as Record<string, unknown>[];
    expect(hits).toEqual([
      expect.objectContaining({
        id: items.recent.id,
        title: items.recent.title,
        url: items.recent.link,
        sourceId: items.recent.sourceId,
        publishedAt: items.recent.publishedAt,
        priorities: ['housing'],
        level: 'high',
        storyId: null,
      }),
    ]);
  });

  it('keeps --json the same JSON while escaping what a terminal would act on', async () => {
    const { stdout } = await run('title:owned', '--json');

    expect(stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    const [hit] = JSON.parse(stdout) as { title: string }[];
    expect(hit?.title).toBe(items.hostile.title);
  });

  it("writes --export csv through the API's export: every match", async () => {
    const out = join(dir, 'found.csv');
    const { code, stdout } = await run('temporary OR bus', '--export', 'csv', '--out', out);

    expect(code).toBe(0);
    expect(stdout).toContain(out);
    const lines = readFileSync(out, 'utf8')
      .replace(/^\ufeff/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe(EXPORT_COLUMNS.join(','));
    expect(lines).toHaveLength(6);
  });

  it('shows a query mistake with its column as despatch match does, exit 2', async () => {
    const { code, stderr } = await run('housing AND (rent');

    expect(code).toBe(2);
    expect(stderr).toContain('The query has a mistake: unbalanced parenthesis at column 13');
    expect(stderr).toContain(`  housing AND (rent\n  ${' '.repeat(12)}^`);
  });

  it('names a wrong option value, exit 2, and exits 1 when nothing matches', async () => {
    const wrong = await run('housing', '--kind', 'poem');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('--kind');

    const none = await run('zeppelin');
    expect(none.code).toBe(1);
    expect(none.stdout).toContain('No archived item matches zeppelin.');
  });
});
