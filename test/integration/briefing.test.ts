/**
 * The morning briefing on the local stack (dynalite, local SQS, the real handlers): it goes out when
 * half the sources are failing and names them; it goes once per date however often it is invoked;
 * and `despatch briefing` shows it on demand from the data kept.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalStack } from '../../infra/local/runtime.js';
import { runBriefing } from '../../cli/commands/briefing.js';
import { BriefingNotFoundError } from '../../shared/deliver/briefing/send.js';
import { headerValue, readMime } from '../unit/deliver/email/mime-helpers.js';
import { rss, testConfig } from '../support/config.js';
import { startTestServer, type TestServer } from '../support/local-server.js';

const stories = {
  housing: { guid: 'h1', title: '240 council homes approved for Riverside', description: 'Planning committee backs the scheme.' },
  bus: { guid: 'b1', title: 'Bus route 47 extended to the hospital', description: 'TfL confirms the change.' },
};

describe('the briefing on the local stack', () => {
  let server: TestServer;
  let stack: LocalStack | undefined;
  let dataDir: string;
  const config = (baseUrl: string) =>
    testConfig([
      { id: 'gazette', url: `${baseUrl}/gazette.xml` },
      { id: 'daily', url: `${baseUrl}/daily.xml` },
      { id: 'weekly', url: `${baseUrl}/gone.xml` },
      { id: 'radio', url: `${baseUrl}/broken.xml` },
    ]);
  const briefings = () => readdirSync(join(dataDir, 'outbox')).filter((f) => /briefing-.*\.eml$/.test(f));
  /** Half a day after the polls: the failing sources have failed for longer than failingSourceHours (12). */
  const morning = new Date(Date.now() + 13 * 3_600_000);

  beforeAll(async () => {
    // Prepare: four sources, two of them failing.
    server = await startTestServer({
      '/gazette.xml': { body: rss([stories.housing]) },
      '/daily.xml': { body: rss([stories.bus]) },
      '/broken.xml': { status: 500, body: 'Internal Server Error' },
    });
    dataDir = mkdtempSync(join(tmpdir(), 'despatch-briefing-it-'));
    stack = await LocalStack.start({ config: config(server.baseUrl), dataDir, visibilityTimeoutSeconds: 1 });
    await stack.pollAllGroups();
    await stack.drain();
  });

  afterAll(async () => {
    await stack?.stop();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('goes out when half the sources are failing, and lists them with the reason', async () => {
    // Act
    const outcome = await stack!.briefing(morning);

    // Assess
    expect(outcome.status).toBe('sent');
    const [file] = briefings();
    const { headers, parts } = readMime(readFileSync(join(dataDir, 'outbox', file!)));
    expect(headerValue(headers, 'Subject')).toMatch(
      /^Political developments — \w{3} \d{1,2} \w{3}: no sensitive stories, 2 items in 2 stories, 2 sources failing$/,
    );
    const text = parts[0]?.body ?? '';
    expect(text).toContain(stories.housing.title);
    expect(text).toContain(stories.bus.title);
    expect(text).toMatch(/\* weekly: failing since .* \(1[23] hours, 1 attempt\)\. Last error: HTTP 404 Not Found/);
    expect(text).toMatch(/\* radio: failing since .* \(1[23] hours, 1 attempt\)\. Last error: HTTP 500 Internal Server Error/);
  });

  it('is sent once for the date however often the schedule fires', async () => {
    const again = await stack!.briefing(new Date(morning.getTime() + 60_000));

    expect(again.status).toBe('already-sent');
    expect(briefings()).toHaveLength(1);
  });

  describe('despatch briefing', () => {
    beforeAll(async () => {
      // The command reads the data dir itself: the running stack must let go of it first.
      await stack?.stop();
      stack = undefined;
    });

    it('--dry-run writes the HTML and text to the outbox, sends nothing and marks nothing', async () => {
      const later = new Date(morning.getTime() + 86_400_000);

      const printed = await runBriefing({ config: config(server.baseUrl), dataDir, dryRun: true, now: later });
      const printedAgain = await runBriefing({ config: config(server.baseUrl), dataDir, dryRun: true, now: later });

      expect(printed).toMatch(/^Dry run: the briefing as it would go now \(not sent, today not marked as done\):/);
      const outbox = readdirSync(join(dataDir, 'outbox'));
      expect(outbox.filter((f) => f.endsWith('briefing-dry-run.html') || f.endsWith('briefing-dry-run-2.html'))).toHaveLength(2);
      expect(outbox.filter((f) => /briefing-dry-run(-2)?\.txt$/.test(f))).toHaveLength(2);
      expect(printedAgain).toContain('Dry run');
      expect(briefings()).toHaveLength(1);
    });

    it('--date shows that morning again from its archive record', async () => {
      const date = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(morning);

      const printed = await runBriefing({ config: config(server.baseUrl), dataDir, dryRun: false, date });

      expect(printed).toContain(`The briefing sent on ${date}, rendered again from its archive record:`);
      const txt = readdirSync(join(dataDir, 'outbox')).find((f) => f.endsWith(`briefing-${date}-archive.txt`));
      const text = readFileSync(join(dataDir, 'outbox', txt!), 'utf8');
      expect(text).toContain(stories.housing.title);
      expect(text).toContain('Sources failing (2)');
      expect(briefings()).toHaveLength(1);
    });

    it('--date for a day with no briefing says so', async () => {
      await expect(runBriefing({ config: config(server.baseUrl), dataDir, dryRun: false, date: '2020-01-01' })).rejects.toThrow(BriefingNotFoundError);
      await expect(runBriefing({ config: config(server.baseUrl), dataDir, dryRun: false, date: '1 Jan' })).rejects.toThrow(
        '--date must be a date such as 2026-11-24',
      );
    });

    it("without options sends today's briefing once, and says so when it has gone", async () => {
      const nextDay = new Date(morning.getTime() + 86_400_000);

      const sent = await runBriefing({ config: config(server.baseUrl), dataDir, dryRun: false, now: nextDay });
      const again = await runBriefing({ config: config(server.baseUrl), dataDir, dryRun: false, now: nextDay });

      expect(sent).toMatch(/^Briefing for \d{4}-\d{2}-\d{2} sent:\n {2}Political developments — /);
      expect(again).toMatch(/was already sent at .*: nothing sent again/);
      expect(briefings()).toHaveLength(2);
    });
  });
});
