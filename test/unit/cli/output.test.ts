import { describe, expect, it } from 'vitest';
import { describeSource, formatSummary, terminalLine, type RunSummary } from '../../../cli/output.js';
import type { SourcePollResult } from '../../../shared/ingest/poller/poll-group.js';

const result = (extra: Partial<SourcePollResult>): SourcePollResult => ({
  sourceId: 'bbc',
  sourceName: 'BBC News',
  status: 'ok',
  newItems: 2,
  alreadySeen: 5,
  tooOld: 0,
  ...extra,
});

function summary(sources: SourcePollResult[]): RunSummary {
  return {
    polls: [{ group: 'press', startedAt: '2026-12-07T07:00:00Z', finishedAt: '2026-12-07T07:00:05Z', sources }],
    perPriority: [],
    untagged: 0,
    counts: { items: 0, stories: 0, sensitiveItems: 0, sensitiveStories: 0 },
    alertsSent: 0,
    briefing: 'written',
    outboxDir: '/data/outbox',
    queuesDrained: true,
    stopped: false,
    waiting: { items: 0, alerts: 0 },
    deadLetters: 0,
  };
}

describe('the run summary', () => {
  it('says how many items of a source were too old to be news, and why, after the new and the seen', () => {
    expect(describeSource(result({ tooOld: 67, tooOldReason: 'older than 3 days' }))).toBe(
      'ok      BBC News: 2 new, 5 already seen, 67 older than 3 days, skipped',
    );
  });

  it('says how many new items had no date and were counted as published when first seen', () => {
    expect(describeSource(result({ undated: 2 }))).toBe('ok      BBC News: 2 new, 5 already seen, 2 undated (counted as published when first seen)');
  });

  it('adds nothing to a source with nothing skipped, and totals the skipped items under the sources', () => {
    expect(describeSource(result({}))).toBe('ok      BBC News: 2 new, 5 already seen');
    const text = formatSummary(
      summary([
        result({ tooOld: 67, tooOldReason: 'older than 3 days' }),
        result({ sourceId: 'bills', sourceName: 'Bills', newItems: 0, alreadySeen: 0, tooOld: 309, tooOldReason: 'older than 14 days' }),
      ]),
    );
    expect(text).toContain('  ok      Bills: 0 new, 0 already seen, 309 older than 14 days, skipped');
    expect(text).toContain('Items: 2 new, 5 already seen, 376 too old to be news (skipped; see each source above)');
    expect(formatSummary(summary([result({})]))).toContain('Items: 2 new, 5 already seen\n');
  });
});

describe('text from outside, on a terminal', () => {
  it('drops escape sequences, OSC 52 clipboard writes, controls and direction overrides', () => {
    const hostile =
      'Council \u001b[31mred\u001b[0m news\u001b]52;c;ZXZpbA==\u0007 here\u001b]8;;http://evil.example\u001b\\link\u001b]8;;\u001b\\ \u009b2J\u0007\u0000\u202Eend\r\nnext';
    const safe = terminalLine(hostile);
    expect(safe).toBe('Council red news herelink end next');
    expect(safe).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e]/);
  });

  it('counts sensitive stories and their items as the briefing does', () => {
    const counts = { items: 19, stories: 14, sensitiveItems: 5, sensitiveStories: 2 };
    expect(formatSummary({ ...summary([result({})]), counts })).toContain(
      'New this run: 2 sensitive stories (5 items), 19 items in 14 stories; alerts sent: 0',
    );
    expect(formatSummary({ ...summary([result({})]), counts: { items: 1, stories: 1, sensitiveItems: 1, sensitiveStories: 1 } })).toContain(
      'New this run: 1 sensitive story (1 item), 1 item in 1 story;',
    );
  });
});
