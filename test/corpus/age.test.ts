/**
 * A first run over real captured feeds, read in place from ../shared/corpus through the same
 * fetchSource the poller uses, with a fixed "now": what is older than its source's maxAgeDays is
 * remembered as seen but never queued, and counted as too old; undated items are kept, flagged.
 * Before maxAgeDays existed, the "today" run below queued 457 items (447 of them from 2017 to
 * September 2026); now it queues the 10 undated ones.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fetchSource } from '../../shared/ingest/fetch-source.js';
import type { safeFetch } from '../../shared/ingest/http/safe-fetch.js';
import { pollGroup, type PollDeps, type SourcePollResult } from '../../shared/ingest/poller/poll-group.js';
import type { SourceState } from '../../shared/ingest/ports.js';
import type { Config, SourceConfig } from '../../shared/platform/config/schema.js';
import type { NormalisedItem } from '../../shared/platform/model.js';
import { testConfig } from '../support/config.js';
import { available } from '../support/required.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const realDir = path.resolve(repoRoot, '..', 'shared', 'corpus', 'feeds', 'real');
const present = available(
  'corpus',
  fs.existsSync(realDir),
  `[corpus] ${realDir} is missing: the age scenario tests are skipped (a fresh clone has no ../shared).`,
);

const DAY_MS = 86_400_000;

/** Each source of the scenario and the capture it serves. */
const FEEDS: Record<string, { file: string; kind: SourceConfig['kind']; outlet: SourceConfig['outlet'] }> = {
  bbc: { file: 'bbc-news-home-2021.xml', kind: 'rss', outlet: 'national' },
  mail: { file: 'dailymail-2021.xml', kind: 'rss', outlet: 'national' },
  bills: { file: 'parliament-public-bills-2018.rss', kind: 'rss', outlet: 'official' },
  legislation: { file: 'legislation-publication-log-2026-09-24.feed', kind: 'atom', outlet: 'official' },
  telegraph: { file: 'dailytelegraph-au-rss092-no-dates.xml', kind: 'rss', outlet: 'local' },
};

function scenarioConfig(only: readonly string[], edit: (config: Config) => Config = (c) => c): Config {
  const base = testConfig(only.map((id) => ({ id, url: `https://${id}.example/feed`, kind: FEEDS[id]?.kind === 'atom' ? 'atom' : 'rss' })));
  const config = { ...base, sources: base.sources.map((s) => ({ ...s, outlet: FEEDS[s.id]?.outlet ?? s.outlet })) };
  return edit(config);
}

/** The poller's dependencies, with the corpus captures as the network and a clock that stands still. */
function harness(config: Config, now: Date) {
  const states = new Map<string, SourceState>();
  const queued: NormalisedItem[] = [];
  const fetch: typeof safeFetch = async (url) => {
    const id = new URL(url).hostname.split('.')[0] ?? '';
    const feed = FEEDS[id];
    if (!feed) throw new Error(`no capture for ${url}`);
    return { status: 'ok', finalUrl: url, body: fs.readFileSync(path.join(realDir, feed.file)) };
  };
  const deps: PollDeps = {
    config,
    store: { getSourceState: async (id) => states.get(id), putSourceState: async (s) => void states.set(s.sourceId, structuredClone(s)) },
    fetchSource: (source, state) => fetchSource(source, state, { network: config.network, now, fetch }),
    enqueue: async (items) => {
      queued.push(...items);
      return { sent: items.map((i) => i.id), failed: [] };
    },
    now: () => now,
  };
  return { deps, states, queued };
}

/** Every item the capture gives, as the poller sees it. */
async function itemsOf(id: string, now: Date): Promise<NormalisedItem[]> {
  const config = scenarioConfig([id]);
  const source = config.sources[0]!;
  const outcome = await harness(config, now).deps.fetchSource(source, {});
  if (outcome.kind !== 'ok') throw new Error('expected items');
  return outcome.items;
}

const byId = (results: readonly SourcePollResult[]) => new Map(results.map((r) => [r.sourceId, r]));
const olderThan = (items: readonly NormalisedItem[], now: Date, days: number) =>
  items.filter((i) => !i.dateFlag && Date.parse(i.publishedAt) < now.getTime() - days * DAY_MS);

describe.skipIf(!present)('corpus: the first run is not a flood of old news', () => {
  const today = new Date('2026-12-07T07:00:00Z');

  it('queues none of the 2017–2026 items on a run in December 2026, counts each as too old with its limit, and keeps the undated ones, flagged', async () => {
    // Prepare
    const ids = Object.keys(FEEDS);
    const h = harness(scenarioConfig(ids), today);
    const served = new Map(await Promise.all(ids.map(async (id) => [id, await itemsOf(id, today)] as const)));
    // Act
    const summary = await pollGroup('press', h.deps);
    // Assess: only the undated Telegraph items are news, published "when first seen"
    const results = byId(summary.sources);
    const undated = served.get('telegraph') ?? [];
    expect(undated.length).toBeGreaterThan(0);
    expect(h.queued.map((i) => i.id).sort()).toEqual(undated.map((i) => i.id).sort());
    for (const item of h.queued) expect(item).toMatchObject({ dateFlag: 'missing', publishedAt: today.toISOString(), seenAt: today.toISOString() });
    expect(results.get('telegraph')).toMatchObject({ status: 'ok', newItems: undated.length, tooOld: 0 });
    // Assess: every dated item is older than its source's limit, and is counted as such
    for (const [id, days] of [
      ['bbc', 3],
      ['mail', 3],
      ['bills', 14],
      ['legislation', 14],
    ] as const) {
      const items = served.get(id) ?? [];
      expect(olderThan(items, today, days)).toHaveLength(items.length);
      expect(results.get(id)).toMatchObject({ status: 'ok', newItems: 0, alreadySeen: 0, tooOld: items.length, tooOldReason: `older than ${days} days` });
    }
  });

  it('remembers the old items as seen: a later poll of the same feeds queues nothing and counts them as already seen', async () => {
    // Prepare
    const ids = Object.keys(FEEDS);
    const h = harness(scenarioConfig(ids), today);
    await pollGroup('press', h.deps);
    const first = h.queued.length;
    // Act
    const again = await pollGroup('press', h.deps);
    // Assess
    expect(h.queued).toHaveLength(first);
    for (const r of again.sources) expect(r).toMatchObject({ newItems: 0, tooOld: 0 });
    const bbc = byId(again.sources).get('bbc');
    expect(bbc?.alreadySeen).toBe((await itemsOf('bbc', today)).length);
    // The skip is recorded on the source's state for `despatch sources`, from the poll that made it.
    expect(h.states.get('bbc')?.tooOld).toMatchObject({ count: bbc?.alreadySeen, reason: 'older than 3 days' });
  });

  it('at the time of capture, queues exactly the BBC and MailOnline items of the last 3 days and skips the rest', async () => {
    // Prepare: the evening the two feeds were captured
    const captured = new Date('2021-10-17T18:00:00Z');
    const h = harness(scenarioConfig(['bbc', 'mail']), captured);
    const bbc = await itemsOf('bbc', captured);
    const mail = await itemsOf('mail', captured);
    const old = [...olderThan(bbc, captured, 3), ...olderThan(mail, captured, 3)];
    // Act
    const summary = await pollGroup('press', h.deps);
    // Assess
    expect(old.length).toBeGreaterThan(0);
    expect(old.length).toBeLessThan(bbc.length + mail.length);
    const oldIds = new Set(old.map((i) => i.id));
    expect(h.queued.map((i) => i.id).sort()).toEqual(
      [...bbc, ...mail]
        .filter((i) => !oldIds.has(i.id))
        .map((i) => i.id)
        .sort(),
    );
    for (const item of h.queued) expect(Date.parse(item.publishedAt)).toBeGreaterThanOrEqual(captured.getTime() - 3 * DAY_MS);
    const results = byId(summary.sources);
    expect(results.get('bbc')?.tooOld).toBe(olderThan(bbc, captured, 3).length);
    expect(results.get('mail')?.tooOld).toBe(olderThan(mail, captured, 3).length);
  });

  it('takes the limit from the source, then from the configuration-wide maxAgeDays, then from the kind of source', async () => {
    // Prepare
    const captured = new Date('2021-10-17T18:00:00Z');
    const config = scenarioConfig(['bbc', 'mail'], (c) => ({
      ...c,
      maxAgeDays: { ...c.maxAgeDays, press: 20 },
      sources: c.sources.map((s) => (s.id === 'mail' ? { ...s, maxAgeDays: 0.5 } : s)),
    }));
    const h = harness(config, captured);
    const bbc = await itemsOf('bbc', captured);
    const mail = await itemsOf('mail', captured);
    // Act
    const results = byId((await pollGroup('press', h.deps)).sources);
    // Assess: BBC's oldest item (1 Oct) is within 20 days; the Mail keeps only the last 12 hours
    expect(results.get('bbc')).toMatchObject({ newItems: bbc.length, tooOld: 0 });
    expect(olderThan(mail, captured, 0.5).length).toBeGreaterThan(0);
    expect(results.get('mail')).toMatchObject({ tooOld: olderThan(mail, captured, 0.5).length, tooOldReason: 'older than 12 hours' });
  });
});
