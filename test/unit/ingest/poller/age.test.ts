import { describe, expect, it } from 'vitest';
import { ageClassOf, maxAgeDaysFor, splitByAge, tooOld } from '../../../../shared/ingest/poller/age.js';
import { configSchema, type SourceConfig } from '../../../../shared/platform/config/schema.js';
import type { NormalisedItem } from '../../../../shared/platform/model.js';
import { testConfig } from '../../../support/config.js';

const now = new Date('2026-12-07T07:00:00Z');
const config = testConfig([{ id: 'paper', url: 'https://paper.example/feed' }]);

const source = (extra: Partial<SourceConfig> = {}): SourceConfig => ({
  id: 'paper',
  name: 'Paper',
  kind: 'rss',
  url: 'https://paper.example/feed',
  group: 'press',
  outlet: 'local',
  ...extra,
});

function item(publishedAt: string, extra: Partial<NormalisedItem> = {}): NormalisedItem {
  return {
    id: 'a'.repeat(32),
    sourceId: 'paper',
    sourceName: 'Paper',
    group: 'press',
    title: 'T',
    link: 'https://paper.example/1',
    summary: '',
    categories: [],
    publishedAt,
    seenAt: now.toISOString(),
    kind: 'article',
    ...extra,
  };
}

describe('how old an item may be', () => {
  it('gives each kind of news its default: press 3 days, official 7, Parliament and legislation 14', () => {
    expect(maxAgeDaysFor(item(''), source(), config)).toBe(3);
    expect(maxAgeDaysFor(item(''), source({ outlet: 'official' }), config)).toBe(7);
    expect(maxAgeDaysFor(item('', { kind: 'consultation' }), source(), config)).toBe(7);
    expect(maxAgeDaysFor(item('', { kind: 'bill' }), source(), config)).toBe(14);
    expect(maxAgeDaysFor(item('', { link: 'https://services.parliament.uk/bills/2017-19/x.html' }), source({ outlet: 'official' }), config)).toBe(14);
    expect(maxAgeDaysFor(item('', { kind: 'legislation' }), source({ outlet: 'official' }), config)).toBe(14);
    expect(ageClassOf(item('', { kind: 'meeting' }), source({ kind: 'moderngov' }))).toBe('meetings');
  });

  it('is cut at exactly the limit: 3 days and a second ago is too old, 3 days ago is not', () => {
    expect(tooOld(item('2026-12-04T06:59:59Z'), source(), config, now)).toEqual({ reason: 'older than 3 days' });
    expect(tooOld(item('2026-12-04T07:00:00Z'), source(), config, now)).toBeUndefined();
  });

  it('never cuts an item the publisher gave no date, or a date in the future: it counts as published when first seen', () => {
    expect(tooOld(item(now.toISOString(), { dateFlag: 'missing' }), source(), config, now)).toBeUndefined();
    expect(tooOld(item('2019-01-01T00:00:00Z', { dateFlag: 'missing' }), source(), config, now)).toBeUndefined();
    expect(tooOld(item('2019-01-01T00:00:00Z', { dateFlag: 'future' }), source(), config, now)).toBeUndefined();
  });

  it('judges a meeting by its date, not by when it was listed: one listed a month ago for tomorrow is kept, one held last week is cut', () => {
    const listed = '2026-11-07T09:00:00Z';
    const meeting = (meetingDate: string) => item(listed, { kind: 'meeting', details: { meetingDate } });
    const council = source({ kind: 'moderngov', outlet: 'official' });
    expect(tooOld(meeting('2026-12-08T19:00:00Z'), council, config, now)).toBeUndefined();
    // A day-only date lasts to the end of that London day: yesterday's is within the 1-day default.
    expect(tooOld(meeting('2026-12-06'), council, config, now)).toBeUndefined();
    expect(tooOld(meeting('2026-11-30'), council, config, now)).toEqual({ reason: 'past meetings (more than 1 day ago)' });
    expect(tooOld(item(listed, { kind: 'meeting' }), council, config, now)).toBeUndefined();
  });

  it("takes the source's own limit first, then the configuration-wide one (a number sets every kind)", () => {
    const everyKind = configSchema.parse({ ...config, maxAgeDays: 30 });
    expect(everyKind.maxAgeDays).toEqual({ press: 30, official: 30, parliament: 30, legislation: 30, meetings: 30 });
    expect(maxAgeDaysFor(item(''), source(), everyKind)).toBe(30);
    expect(maxAgeDaysFor(item(''), source({ maxAgeDays: 1 }), everyKind)).toBe(1);
    const pressOnly = configSchema.parse({ ...config, maxAgeDays: { press: 5 } });
    expect(pressOnly.maxAgeDays).toEqual({ press: 5, official: 7, parliament: 14, legislation: 14, meetings: 1 });
  });

  it('refuses a limit of 0 days or less, saying where', () => {
    const result = configSchema.safeParse({ ...config, sources: [{ ...config.sources[0], maxAgeDays: 0 }] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ['sources', 0, 'maxAgeDays'], message: 'must be more than 0 days' });
  });

  it('counts what it cut, with one reason, or each reason with its count when a source mixes kinds', () => {
    const old = '2026-11-01T00:00:00Z';
    const same = splitByAge([item(old), item(now.toISOString()), item(old)], source(), config, now);
    expect(same).toMatchObject({ tooOld: 2, reason: 'older than 3 days' });
    expect(same.news).toHaveLength(1);
    const mixed = splitByAge([item(old), item(old, { kind: 'bill' }), item('2026-11-01T00:00:00Z', { kind: 'bill' })], source(), config, now);
    expect(mixed).toMatchObject({ tooOld: 3, reason: '1 older than 3 days; 2 older than 14 days' });
  });
});
