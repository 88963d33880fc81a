/**
 * `despatch briefing [--date YYYY-MM-DD] [--dry-run] [--config FILE] [--data-dir DIR]`: the morning
 * briefing on demand, from the data in the data dir (what `despatch start` and `run --once` keep).
 *
 * - no option: writes and sends today's briefing now (to the outbox, and SMTP if configured), once
 *   per date exactly as the schedule does; says so if today's has gone already.
 * - --dry-run: the briefing as it would go now, written to the outbox as .html and .txt; nothing is
 *   sent and today is not marked as done.
 * - --date: that morning's briefing again, from its archive record (its period and the sources
 *   failing then), written to the outbox as .html and .txt; nothing is sent.
 */
import { join } from 'node:path';
import { BriefingNotFoundError, previewBriefing, sendBriefing } from '../../shared/deliver/briefing/send.js';
import type { Config } from '../../shared/platform/config/schema.js';
import { alsoToOutbox, createOutboxMailer, writeOutboxFiles } from '../../shared/adapters/local/outbox.js';
import { createSmtpMailer } from '../../shared/adapters/local/smtp.js';
import { londonSince } from '../../shared/deliver/render/time.js';
import { countsText } from '../../shared/deliver/briefing/counts.js';
import { DamagedDataDirError, DataDirInUseError, withLocalStore } from '../../infra/local/data-dir.js';
import { UsageError } from '../args.js';

export interface BriefingCommandOptions {
  config: Config;
  dataDir: string;
  date?: string | undefined;
  dryRun: boolean;
  now?: Date;
}

/** The data dir cannot be used: nothing there yet, or another process holds it. */
export class BriefingDataError extends Error {
  override readonly name = 'BriefingDataError';
}

/** What the command prints; throws BriefingDataError / BriefingNotFoundError with a plain message. */
export async function runBriefing(options: BriefingCommandOptions): Promise<string> {
  if (options.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.date))
    throw new UsageError(`--date must be a date such as 2026-11-24 (got "${options.date}")`);
  const now = options.now ?? new Date();
  const outbox = join(options.dataDir, 'outbox');
  const noData = () => new BriefingDataError(`No data in ${options.dataDir} yet: run "despatch run --once" or "despatch start" first.`);
  // Works while "despatch start" runs (through its endpoint): one briefing per date holds either way.
  const result = await withLocalStore(options.dataDir, options.config.retention.days, async (store) => {
    const deps = { config: options.config, store };
    if (options.date !== undefined || options.dryRun) {
      const preview = await previewBriefing(now, deps, options.date);
      const tag = options.date ? `briefing-${options.date}-archive` : 'briefing-dry-run';
      const [html, text] = await writeOutboxFiles(outbox, tag, now, [
        ['.html', preview.email.html],
        ['.txt', preview.email.text],
      ]);
      const what = options.date
        ? `The briefing sent on ${options.date}, rendered again from its archive record`
        : 'Dry run: the briefing as it would go now (not sent, today not marked as done)';
      return [
        `${what}:`,
        `  ${preview.email.subject}`,
        `  Period: ${londonSince(preview.window.from)} to ${londonSince(preview.window.to)}; ${countsText({ items: preview.itemCount, stories: preview.storyCount, sensitiveItems: preview.sensitiveItemCount, sensitiveStories: preview.sensitiveCount })}, ${count(preview.failing.length, 'source')} failing.`,
        `  HTML: ${html ?? ''}`,
        `  Text: ${text ?? ''}`,
      ].join('\n');
    }
    const smtp = options.config.email.smtp;
    const mailer = smtp ? alsoToOutbox(createSmtpMailer(smtp), outbox) : createOutboxMailer(outbox);
    const outcome = await sendBriefing(now, { ...deps, mailer });
    if (outcome.status === 'already-sent') {
      return `Today's briefing (${outcome.record.localDate}) was already sent at ${londonSince(new Date(outcome.record.sentAt))}: nothing sent again. Use --dry-run to see what a briefing now would say, or --date ${outcome.record.localDate} to see that one again.`;
    }
    return [
      `Briefing for ${outcome.record.localDate} sent${smtp ? ` through ${smtp.host}` : ''}:`,
      `  ${outcome.record.subject ?? ''}`,
      `  ${outcome.location ?? outbox}`,
    ].join('\n');
  });
  if (result === undefined) throw noData();
  return result;
}

/** What main.ts calls. */
export async function briefingCommand(options: BriefingCommandOptions): Promise<number> {
  try {
    console.log(await runBriefing(options));
    return 0;
  } catch (error) {
    if (
      error instanceof BriefingDataError ||
      error instanceof BriefingNotFoundError ||
      error instanceof DataDirInUseError ||
      error instanceof DamagedDataDirError
    ) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
