/**
 * The command line as a person runs it: a child process, `despatch run --once`, against feeds on
 * loopback; the summary it prints must be true, and a bad config must say where it is wrong.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { despatch } from '../support/cli.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rss, testConfig } from '../support/config.js';
import { startTestServer, type TestServer } from '../support/local-server.js';

describe('despatch run --once', () => {
  let server: TestServer;
  let dir: string;

  beforeAll(async () => {
    const anHourAgo = new Date(Date.now() - 3_600_000).toISOString();
    server = await startTestServer({
      '/a.xml': {
        body: rss([
          { guid: 'a1', title: 'Hartwell Mayor criticised by ombudsman over repairs' },
          { guid: 'a2', title: 'New council homes for Riverside' },
        ]),
      },
      '/b.atom': {
        type: 'application/atom+xml',
        // Dated an hour ago: an item older than its source's maxAgeDays (3 days for the press) is not news.
        body: `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>B</title><id>urn:b</id><updated>${anHourAgo}</updated>
          <entry><id>urn:b:1</id><title>TfL confirms bus route 12 changes</title><link href="https://b.example/1"/><updated>${anHourAgo}</updated><summary>Changes from Monday.</summary></entry></feed>`,
      },
    });
    dir = mkdtempSync(join(tmpdir(), 'despatch-cli-'));
    const config = testConfig([
      { id: 'paper-a', url: `${server.baseUrl}/a.xml` },
      { id: 'paper-b', url: `${server.baseUrl}/b.atom`, kind: 'atom' },
      { id: 'gone', url: `${server.baseUrl}/gone.xml` },
    ]);
    writeFileSync(join(dir, 'despatch.yaml'), stringify(config));
  });

  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('polls, processes and briefs, and prints a true summary', async () => {
    // Act
    const { code, stdout, stderr } = await despatch(['run', '--once', '--config', join(dir, 'despatch.yaml'), '--data-dir', join(dir, 'data')]);
    // Assess: done, but a source failed, and the exit code says so (3)
    expect(code, stderr).toBe(3);
    expect(stdout).toContain('Sources: 2 ok, 1 failed');
    expect(stdout).toMatch(/FAILED\s+gone: .*404/);
    expect(stdout).toContain('Items: 3 new, 0 already seen');
    expect(stdout).toMatch(/Housing: 1\b/);
    expect(stdout).toMatch(/Transport: 1\b/);
    expect(stdout).toContain('New this run: 1 sensitive story (1 item), 3 items in 3 stories; alerts sent: 1');
    expect(stdout).toMatch(/Briefing: written for \d{4}-\d{2}-\d{2}: 1 sensitive story \(1 item\), 3 items in 3 stories/);
    // Plain progress lines when not on a terminal.
    expect(stderr).toMatch(/\[1\/3\]/);
    const outbox = readdirSync(join(dir, 'data', 'outbox'));
    expect(outbox.filter((f) => f.endsWith('.eml'))).toHaveLength(2);
    expectNoLibraryOutput(stdout + stderr);
  });

  it('remembers what it has seen: a second run finds nothing new', async () => {
    const { code, stdout, stderr } = await despatch(['run', '--once', '--config', join(dir, 'despatch.yaml'), '--data-dir', join(dir, 'data')]);
    expect(code).toBe(3); // "gone" still fails
    expect(stdout).toContain('Items: 0 new, 3 already seen');
    expect(stdout).toContain('already sent for');
    // A quiet run counts nothing: Powertools' "No application metrics to publish" must not show.
    expectNoLibraryOutput(stdout + stderr);
  });

  it('exits non-zero naming the file, line and field of a configuration mistake', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'council: { name: Hartwell }\nmayor: { name: Sam }\n');
    const { code, stderr } = await despatch(['run', '--once', '--config', bad]);
    expect(code).not.toBe(0);
    expect(stderr).toContain(`${bad}:1: council.short: is required`);
  });
});

/** What a library says for developers (Powertools' warnings, JSON log lines, CloudWatch metric lines) never reaches the person at the terminal. */
function expectNoLibraryOutput(output: string): void {
  expect(output).not.toContain('No application metrics');
  expect(output).not.toContain('"_aws"');
  expect(output).not.toMatch(/^\{"level":/m);
  expect(output).not.toMatch(/NodeVersionSupportWarning|DeprecationWarning|ExperimentalWarning/);
}
