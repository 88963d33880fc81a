/**
 * Polite polling against a loopback server that counts requests, with the real fetchSource and a
 * clock the test moves: conditional GET, Retry-After, back-off after repeated failures, a per-host
 * limit, and how long a source has been failing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fetchSource } from '../../../../shared/ingest/fetch-source.js';
import { pollGroup, type PollDeps, type SourcePollResult } from '../../../../shared/ingest/poller/poll-group.js';
import { nextAttempt, runPerHost } from '../../../../shared/ingest/poller/politeness.js';
import { failingSources } from '../../../../shared/ingest/poller/source-health.js';
import { FetchError } from '../../../../shared/ingest/http/fetch-error.js';
import type { SourceState } from '../../../../shared/ingest/ports.js';
import { rss, testConfig } from '../../../support/config.js';
import { startFeedServer, type FeedServer, type RouteHandler } from '../../../support/feed-server.js';

const MINUTE = 60_000;

let server: FeedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** One source on a loopback route, the real fetcher, an in-memory store that counts writes, a movable clock. */
async function harness(route: RouteHandler) {
  server = await startFeedServer({ '/feed.xml': route });
  const config = testConfig([{ id: 'paper', url: `${server.baseUrl}/feed.xml` }]);
  const states = new Map<string, SourceState>();
  let writes = 0;
  let clock = new Date('2026-11-23T07:00:00Z');
  const deps: PollDeps = {
    config,
    store: {
      getSourceState: async (id) => structuredClone(states.get(id)),
      putSourceState: async (state) => {
        writes += 1;
        states.set(state.sourceId, structuredClone(state));
      },
    },
    fetchSource: (source, state) => fetchSource(source, state, { network: config.network, now: clock }),
    enqueue: async (items) => ({ sent: items.map((i) => i.id), failed: [] }),
    now: () => clock,
  };
  const poll = async (): Promise<SourcePollResult> => {
    const summary = await pollGroup('press', deps);
    const result = summary.sources[0];
    if (!result) throw new Error('no result');
    return result;
  };
  return {
    poll,
    state: () => states.get('paper'),
    writes: () => writes,
    requests: () => server?.requests.length ?? 0,
    advance: (ms: number) => (clock = new Date(clock.getTime() + ms)),
  };
}

describe('conditional GET', () => {
  it('sends the stored ETag; a 304 is not parsed and costs no write', async () => {
    // Prepare
    const h = await harness((req, res) => {
      if (req.headers['if-none-match'] === '"v1"') res.writeHead(304).end();
      else res.writeHead(200, { ETag: '"v1"', 'Content-Type': 'application/rss+xml' }).end(rss([{ guid: 'a', title: 'Library reopens' }]));
    });
    const first = await h.poll();
    const writesAfterFirst = h.writes();
    h.advance(10 * MINUTE);
    // Act
    const second = await h.poll();
    // Assess
    expect(first).toMatchObject({ status: 'ok', newItems: 1 });
    expect(second).toMatchObject({ status: 'not-modified', newItems: 0 });
    expect(server?.requests[1]?.headers['if-none-match']).toBe('"v1"');
    expect(h.writes() - writesAfterFirst).toBe(0);
  });
});

describe('Retry-After', () => {
  it('is honoured: no request before the time the server asked for, and the wait is not a failure', async () => {
    // Prepare
    let busy = true;
    const h = await harness((_req, res) => {
      if (busy) res.writeHead(429, { 'Retry-After': '1800' }).end('slow down');
      else res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(rss([{ guid: 'a', title: 'Library reopens' }]));
    });
    // Act
    const refused = await h.poll();
    h.advance(10 * MINUTE);
    const writesBeforeSkip = h.writes();
    const skipped = await h.poll();
    const writesAfterSkip = h.writes();
    const stateWhileWaiting = h.state();
    busy = false;
    h.advance(21 * MINUTE);
    const resumed = await h.poll();
    // Assess
    expect(refused).toMatchObject({ status: 'failed', reason: 'HTTP 429 Too Many Requests (the server asks us to wait 1800 s)' });
    expect(skipped).toEqual(expect.objectContaining({ status: 'skipped', reason: 'the server asked us to wait (HTTP 429); next attempt after 23 Nov, 07:30' }));
    expect(writesAfterSkip).toBe(writesBeforeSkip);
    expect(stateWhileWaiting).toMatchObject({ consecutiveFailures: 1, notBefore: '2026-11-23T07:30:00.000Z' });
    expect(resumed).toMatchObject({ status: 'ok', newItems: 1 });
    expect(h.requests()).toBe(2);
    expect(h.state()).toMatchObject({ consecutiveFailures: 0 });
    expect(h.state()?.notBefore).toBeUndefined();
    expect(h.state()?.failingSince).toBeUndefined();
  });
});

describe('back-off', () => {
  it('skips 1, then 3, then 7 polls of a source that keeps failing, and says why', async () => {
    // Prepare: the group is polled every 10 minutes; the server fails every time.
    const h = await harness((_req, res) => res.writeHead(500).end('oops'));
    const statuses: string[] = [];
    // Act: two and a half hours of polls.
    for (let i = 0; i < 16; i += 1) {
      statuses.push((await h.poll()).status);
      h.advance(10 * MINUTE);
    }
    // Assess
    expect(statuses).toEqual([
      'failed',
      'failed',
      'skipped',
      'failed',
      'skipped',
      'skipped',
      'skipped',
      'failed',
      'skipped',
      'skipped',
      'skipped',
      'skipped',
      'skipped',
      'skipped',
      'skipped',
      'failed',
    ]);
    expect(h.requests()).toBe(5);
    expect(h.state()).toMatchObject({
      consecutiveFailures: 5,
      failingSince: '2026-11-23T07:00:00.000Z',
      notBeforeReason: 'backing off after 5 failures in a row',
    });
  });

  it('never waits longer than six hours, nor a Retry-After longer than a day', () => {
    // Prepare
    const at = new Date('2026-11-23T07:00:00Z');
    const tooLong = new FetchError('http-status', 'HTTP 503', { httpStatus: 503, retryAfterSeconds: 30 * 86_400 });
    // Act
    const backoff = nextAttempt(20, new Error('x'), at, 60 * MINUTE);
    const retry = nextAttempt(1, tooLong, at, 10 * MINUTE);
    // Assess
    expect(backoff.notBefore).toBe('2026-11-23T13:00:00.000Z');
    expect(retry).toEqual({ notBefore: '2026-11-24T07:00:00.000Z', notBeforeReason: 'the server asked us to wait (HTTP 503)' });
  });
});

describe('per-host limit', () => {
  it('never has more than two requests at once to one host, while other hosts proceed', async () => {
    // Prepare
    const inputs = [...Array.from({ length: 8 }, () => 'a.example'), ...Array.from({ length: 8 }, () => 'b.example'), 'c.example'];
    const inFlight = new Map<string, number>();
    const most = new Map<string, number>();
    let mostOverall = 0;
    // Act
    await runPerHost(
      inputs,
      (host) => host,
      { total: 32, perHost: 2 },
      async (host) => {
        inFlight.set(host, (inFlight.get(host) ?? 0) + 1);
        most.set(host, Math.max(most.get(host) ?? 0, inFlight.get(host) ?? 0));
        mostOverall = Math.max(
          mostOverall,
          [...inFlight.values()].reduce((a, b) => a + b, 0),
        );
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight.set(host, (inFlight.get(host) ?? 1) - 1);
      },
    );
    // Assess
    expect(Object.fromEntries(most)).toEqual({ 'a.example': 2, 'b.example': 2, 'c.example': 1 });
    expect(mostOverall).toBe(5);
  });

  it('keeps the input order in the results and respects the overall limit', async () => {
    // Prepare
    let running = 0;
    let most = 0;
    // Act
    const results = await runPerHost(
      [1, 2, 3, 4, 5, 6],
      (n) => `h${n}`,
      { total: 3, perHost: 2 },
      async (n) => {
        running += 1;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 7 - n));
        running -= 1;
        return n * 10;
      },
    );
    // Assess
    expect(results).toEqual([10, 20, 30, 40, 50, 60]);
    expect(most).toBe(3);
  });
});

describe('failing sources for the briefing', () => {
  const now = new Date('2026-11-23T07:00:00Z');
  const state = (sourceId: string, failingSince: string | undefined, consecutiveFailures: number): SourceState => ({
    sourceId,
    seenIds: [],
    consecutiveFailures,
    ...(failingSince ? { failingSince, lastError: { at: '2026-11-23T06:50:00Z', reason: 'HTTP 404 Not Found' } } : {}),
  });

  it('lists sources failing for longer than the threshold, longest first', () => {
    // Prepare
    const states = [
      state('recent', '2026-11-23T04:00:00Z', 3),
      state('old', '2026-11-21T07:00:00Z', 40),
      state('healthy', undefined, 0),
      state('twelve-hours', '2026-11-22T19:00:00Z', 10),
    ];
    // Act
    const failing = failingSources(states, now, 12);
    // Assess
    expect(failing).toEqual([
      { sourceId: 'old', failingSince: '2026-11-21T07:00:00Z', consecutiveFailures: 40, reason: 'HTTP 404 Not Found', hours: 48 },
      { sourceId: 'twelve-hours', failingSince: '2026-11-22T19:00:00Z', consecutiveFailures: 10, reason: 'HTTP 404 Not Found', hours: 12 },
    ]);
  });
});
