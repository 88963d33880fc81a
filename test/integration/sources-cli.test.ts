/**
 * `despatch sources` as a person runs it: a child process reading the data dir a local stack left
 * behind, printing one row per source with its last success, failures, next attempt and last error.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { despatch } from '../support/cli.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalStack } from '../../infra/local/runtime.js';
import { rss, testConfig } from '../support/config.js';
import { startFeedServer, type FeedServer } from '../support/feed-server.js';

describe('despatch sources', () => {
  let server: FeedServer;
  let dir: string;
  let configFile: string;
  let config: ReturnType<typeof testConfig>;

  beforeAll(async () => {
    // Prepare: one good source, one gone, one asking us to wait; polled once on a stack whose data stays in the dir.
    server = await startFeedServer({
      '/gazette.xml': { headers: { 'Content-Type': 'application/rss+xml' }, body: rss([{ guid: 'g1', title: 'Mayor opens library' }]) },
      '/busy.xml': { status: 503, headers: { 'Retry-After': '7200' }, body: '' },
    });
    dir = mkdtempSync(join(tmpdir(), 'despatch-sources-'));
    config = testConfig([
      { id: 'gazette', url: `${server.baseUrl}/gazette.xml` },
      { id: 'gone', url: `${server.baseUrl}/gone.xml` },
      { id: 'busy', url: `${server.baseUrl}/busy.xml`, group: 'council' },
    ]);
    configFile = join(dir, 'despatch.yaml');
    writeFileSync(configFile, stringify(config));
    const stack = await LocalStack.start({ config, dataDir: join(dir, 'data') });
    try {
      await stack.pollAllGroups();
    } finally {
      await stack.stop();
    }
  });

  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints each source with its health, read from the data dir', async () => {
    // Act
    const { code, stdout, stderr } = await despatch(['sources', '--config', configFile, '--data-dir', join(dir, 'data')]);
    // Assess
    expect(code, stderr).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toMatch(/^SOURCE\s+GROUP\s+KIND\s+LAST SUCCESS\s+FAILURES\s+NEXT ATTEMPT\s+LAST ERROR$/);
    const row = (id: string) => lines.find((l) => l.startsWith(`${id} `)) ?? '';
    expect(row('gazette')).toMatch(/^gazette\s+press\s+rss\s+\d{1,2} \w{3,4}, \d{2}:\d{2}\s+0\s+next poll \(every 10m\)$/);
    expect(row('gone')).toMatch(/^gone\s+press\s+rss\s+never\s+1\s+next poll \(every 10m\)\s+\d{1,2} \w{3,4}, \d{2}:\d{2}: HTTP 404 Not Found$/);
    expect(row('busy')).toMatch(
      /^busy\s+council\s+rss\s+never\s+1\s+after \d{1,2} \w{3,4}, \d{2}:\d{2} \(the server asked us to wait \(HTTP 503\)\)\s+.*HTTP 503 Service Unavailable/,
    );
    expect(stdout).toContain('3 sources: 2 failing, 1 waiting before the next attempt.');
  });

  it('reads the same health while despatch start runs on the data dir, as briefing --dry-run does', async () => {
    // Prepare: the stack running on the data dir, holding its lock (as `despatch start` does)
    const running = await LocalStack.start({ config, dataDir: join(dir, 'data') });
    try {
      // Act: read-only commands from another terminal
      const sources = await despatch(['sources', '--config', configFile, '--data-dir', join(dir, 'data')]);
      const briefing = await despatch(['briefing', '--dry-run', '--config', configFile, '--data-dir', join(dir, 'data')]);
      // Assess
      expect(sources.code, sources.stderr).toBe(0);
      expect(sources.stdout).toMatch(/^gazette\s+press\s+rss\s+\d{1,2} \w{3,4}, \d{2}:\d{2}\s+0\s+/m);
      expect(briefing.code, briefing.stderr).toBe(0);
      expect(briefing.stdout).toMatch(/^Dry run: the briefing as it would go/);
    } finally {
      await running.stop();
    }
  }, 60_000);

  it('says so when nothing has been polled yet', async () => {
    // Act
    const { code, stdout } = await despatch(['sources', '--config', configFile, '--data-dir', join(dir, 'empty')]);
    // Assess
    expect(code).toBe(0);
    expect(stdout).toMatch(/^gazette\s+press\s+rss\s+never polled\s+0\s+next poll \(every 10m\)$/m);
    expect(stdout).toContain('No source has been polled yet');
  });
});
