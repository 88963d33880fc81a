import { describe, expect, it } from 'vitest';
import { sourcesReport } from '../../../cli/commands/sources.js';
import type { SourceState } from '../../../shared/ingest/ports.js';
import { testConfig } from '../../support/config.js';

const now = new Date('2026-11-23T07:00:00Z');
const config = testConfig([
  { id: 'gazette', url: 'https://gazette.example/feed' },
  { id: 'courier', url: 'https://courier.example/feed' },
  { id: 'quiet', url: 'https://quiet.example/feed' },
]);

const healthy = (sourceId: string, extra: Partial<SourceState> = {}): SourceState => ({
  sourceId,
  seenIds: ['a'],
  consecutiveFailures: 0,
  lastSuccessAt: '2026-11-23T06:50:00.000Z',
  lastAttemptAt: '2026-11-23T06:50:00.000Z',
  ...extra,
});

describe('despatch sources report', () => {
  it('lists each warning and refused item under the table, and counts the sources that have them', () => {
    // Prepare
    const states = [
      healthy('courier', {
        refused: [
          {
            at: '2026-11-23T06:50:00.000Z',
            itemId: 'b'.repeat(32),
            title: 'Huge story',
            reason: "its queue message would be 300 KB, more than the queue's limit of 256 KB",
          },
        ],
      }),
      healthy('gazette', { warning: { at: '2026-11-23T06:50:00.000Z', reason: 'the feed was truncated or malformed and was read after repair' } }),
      healthy('quiet'),
    ];
    // Act
    const report = sourcesReport(config, states, now, '/data');
    // Assess
    expect(report).toContain('3 sources: 0 failing, 0 waiting before the next attempt, 2 with warnings or refused items (below).');
    const notes = report.slice(report.indexOf('Warnings and refused items:')).split('\n');
    expect(notes).toEqual([
      'Warnings and refused items:',
      '  gazette: warning 23 Nov, 06:50: the feed was truncated or malformed and was read after repair',
      `  courier: refused 23 Nov, 06:50: "Huge story" (item ${'b'.repeat(32)}): its queue message would be 300 KB, more than the queue's limit of 256 KB`,
    ]);
  });

  it('adds nothing when no source has a warning or a refused item', () => {
    // Act
    const report = sourcesReport(config, [healthy('gazette')], now, '/data');
    // Assess
    expect(report).toContain('3 sources: 0 failing, 0 waiting before the next attempt.');
    expect(report).not.toContain('Warnings');
  });

  it('lists, under the table, each source whose latest polls skipped items too old to be news, how many and why', () => {
    // Prepare
    const states = [healthy('gazette'), healthy('courier', { tooOld: { at: '2026-11-23T06:50:00.000Z', count: 12, reason: 'older than 3 days' } })];
    // Act
    const report = sourcesReport(config, states, now, '/data');
    // Assess
    const skipped = report.slice(report.indexOf('Too old to be news')).split('\n');
    expect(skipped).toEqual([
      "Too old to be news (marked seen, never briefed; each source's maxAgeDays sets the limit):",
      '  courier: 12 older than 3 days, skipped (23 Nov, 06:50)',
    ]);
    expect(sourcesReport(config, [healthy('gazette')], now, '/data')).not.toContain('Too old');
  });
});

describe('times in despatch sources', () => {
  it('show the year when it is not this year, so a source last read a year ago does not look recent', () => {
    // Prepare
    const states = [healthy('gazette', { lastSuccessAt: '2025-11-20T09:15:00.000Z' }), healthy('courier')];
    // Act
    const report = sourcesReport(config, states, now, '/data');
    // Assess
    expect(report).toMatch(/gazette\s+press\s+rss\s+20 Nov 2025, 09:15/);
    expect(report).toMatch(/courier\s+press\s+rss\s+23 Nov, 06:50/);
  });
});

describe('despatch sources: watched members', () => {
  it('says what each entry of parliament.members came to: the member, why not (terminal-safe), or not looked up yet', () => {
    // Prepare
    const withMembers = { ...config, parliament: { members: ['Lewisham North', 'Jo Smith', 4705], membersApi: 'https://members-api.parliament.uk' } };
    const lookups = [
      {
        given: 'Lewisham North',
        at: '2026-11-23T06:50:00.000Z',
        member: { id: 4491, name: 'Vicky Foxcroft', party: 'Labour', house: 'House of Commons', constituency: 'Lewisham North' },
      },
      { given: 'Jo Smith', at: '2026-11-23T06:50:00.000Z', reason: '"Jo Smith" matches 2 current members (Jo Smith\u001b[31m, id 5001; …)' },
    ];
    // Act
    const report = sourcesReport(withMembers, [healthy('gazette')], now, '/data', lookups);
    // Assess
    expect(report).toContain('Watched members (parliament.members):');
    expect(report).toContain('Lewisham North: Vicky Foxcroft (Labour, Lewisham North, House of Commons), member 4491');
    expect(report).toContain('Jo Smith: not watched — "Jo Smith" matches 2 current members (Jo Smith, id 5001; …)');
    expect(report).toContain('4705: not looked up yet');
    expect(report).not.toContain('\u001b');
  });
});
