/** What the command line prints: a progress bar on a terminal, plain lines otherwise, and the run summary. */
import { removeInvisible } from '../shared/platform/invisible.js';
import type { PollSummary, SourcePollResult } from '../shared/ingest/poller/poll-group.js';
import { countsText, type StoryCounts } from '../shared/deliver/briefing/counts.js';

export interface Progress {
  source(result: SourcePollResult): void;
  done(): void;
}

export function createProgress(total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  let done = 0;
  if (!stream.isTTY) {
    return {
      source: (r) => {
        done++;
        stream.write(`[${done}/${total}] ${describeSource(r)}\n`);
      },
      done: () => undefined,
    };
  }
  const width = 30;
  const draw = (label: string) => {
    const filled = total === 0 ? width : Math.round((done / total) * width);
    stream.write(`\r\x1b[2K[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} sources ${label.slice(0, 40)}`);
  };
  draw('');
  return {
    source: (r) => {
      done++;
      draw(r.sourceId);
    },
    done: () => stream.write('\r\x1b[2K'),
  };
}

/**
 * One line of text that came from outside (a feed's title, a server's error) made safe for a
 * terminal: escape sequences (colours, cursor moves, OSC 52 writing the clipboard, OSC 8 links),
 * other C0 and C1 controls and text-direction overrides are dropped; a line break becomes a space.
 */
export function terminalLine(text: string): string {
  return removeInvisible(
    text
      // ESC [ ... final byte (CSI), ESC ] ... BEL or ESC \ (OSC), and the other two-byte escapes.
      .replace(/\u001B\[[0-?]*[ -/]*[@-~]|\u009B[0-?]*[ -/]*[@-~]/g, '')
      .replace(/(?:\u001B\]|\u009D)[^\u0007\u001B\u009C]*(?:\u0007|\u001B\\|\u009C)?/g, '')
      .replace(/\u001B[@-Z\\-_]?/g, '')
      .replace(/[\r\n\t]+/g, ' ')
      .replace(/[\u0000-\u001F\u007F-\u009F]/g, ''),
  ).text;
}

export function describeSource(r: SourcePollResult): string {
  return terminalLine(describeSourceRaw(r));
}

function describeSourceRaw(r: SourcePollResult): string {
  switch (r.status) {
    case 'ok':
      return `ok      ${r.sourceName}: ${r.newItems} new, ${r.alreadySeen} already seen${skippedText(r)}`;
    case 'not-modified':
      return `ok      ${r.sourceName}: unchanged since last poll`;
    case 'failed':
      return `FAILED  ${r.sourceName}: ${r.reason ?? 'unknown error'}`;
    case 'skipped':
      return `skipped ${r.sourceName}: ${r.reason ?? 'waiting before trying again'}`;
  }
}

/** ", 12 older than 3 days, skipped", and how many new items had no date, so neither is a surprise. */
function skippedText(r: SourcePollResult): string {
  const old = r.tooOld > 0 ? `, ${r.tooOld} ${r.tooOldReason ?? 'too old'}, skipped` : '';
  const undated = r.undated ? `, ${r.undated} undated (counted as published when first seen)` : '';
  const deferred = r.deferred ? `, ${r.deferred} more new deferred to the next poll (over the per-poll cap)` : '';
  return `${old}${undated}${deferred}`;
}

export interface RunSummary {
  polls: PollSummary[];
  perPriority: { name: string; count: number }[];
  untagged: number;
  /** The new items counted as the briefing counts them ("2 sensitive stories (5 items)"), so the two say the same. */
  counts: StoryCounts;
  alertsSent: number;
  briefing: string;
  outboxDir: string;
  queuesDrained: boolean;
  /** Stopped by Ctrl-C or SIGTERM before the end. */
  stopped: boolean;
  /** Left on the queues (kept on disk, processed at the next start). */
  waiting: { items: number; alerts: number };
  deadLetters: number;
}

export function formatSummary(s: RunSummary): string {
  const sources = s.polls.flatMap((p) => p.sources);
  const failed = sources.filter((r) => r.status === 'failed');
  const skipped = sources.filter((r) => r.status === 'skipped').length;
  const lines = [
    '',
    `Sources: ${sources.length - failed.length - skipped} ok, ${failed.length} failed${skipped > 0 ? `, ${skipped} skipped (waiting before trying again)` : ''}`,
    ...sources.map((r) => `  ${describeSource(r)}`),
    `Items: ${sum(sources.map((r) => r.newItems))} new, ${sum(sources.map((r) => r.alreadySeen))} already seen${tooOldText(sum(sources.map((r) => r.tooOld)))}`,
    'Items per priority (new this run):',
    ...s.perPriority.map((p) => `  ${p.name}: ${p.count}`),
    `  (no priority): ${s.untagged}`,
    `New this run: ${countsText(s.counts)}; alerts sent: ${s.alertsSent}`,
    `Briefing: ${s.briefing}`,
    `Outbox: ${s.outboxDir}`,
  ];
  if (s.stopped || !s.queuesDrained) {
    lines.push(
      `Stopped before the end: ${s.waiting.items} item(s) and ${s.waiting.alerts} alert(s) are still queued. They are kept on disk and processed at the next "despatch start" or "run --once".`,
    );
  }
  if (s.deadLetters > 0) {
    lines.push(
      `Warning: ${s.deadLetters} message(s) failed repeatedly and are set aside (in a dead-letter queue): "despatch redrive --list" shows why, "despatch redrive" tries them again.`,
    );
  }
  return lines.join('\n');
}

/** Items new to us but older than their source's maxAgeDays: seen, never briefed. */
function tooOldText(n: number): string {
  return n > 0 ? `, ${n} too old to be news (skipped; see each source above)` : '';
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
