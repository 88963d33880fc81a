/**
 * One poller run over a group of 500 sources, each answering in 50 ms from a loopback server: the
 * real fetch (safe fetch, decode, parse, normalise), pollGroup's bounded concurrency and per-host
 * limit, an in-memory store and a queue that discards. Prints seconds and sources per second for:
 *   - 500 sources spread over 100 hosts (as a real catalogue is), and
 *   - 500 sources on one host (the per-host limit is then what bounds the run).
 * Host names are resolved by the bench to 127.0.0.1, so nothing but loopback is ever contacted.
 * Run: npm run bench:poll  (or npx tsx bench/poll-500.ts [sources] [delayMs])
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { configSchema, type Config } from '../shared/platform/config/schema.js';
import { fetchSource } from '../shared/ingest/fetch-source.js';
import { safeFetch } from '../shared/ingest/http/safe-fetch.js';
import { DEFAULT_GROUP_CONCURRENCY, pollGroup } from '../shared/ingest/poller/poll-group.js';
import type { SourceState } from '../shared/ingest/ports.js';

const SOURCES = Number(process.argv[2] ?? 500);
const DELAY_MS = Number(process.argv[3] ?? 50);
const TARGET_SECONDS = 60;

function feed(n: number): string {
  const items = Array.from(
    { length: 20 },
    (_, i) =>
      `<item><title>Story ${i} from source ${n}</title><link>https://news${n}.example/story/${i}</link><guid>s${n}-${i}</guid>` +
      `<pubDate>Mon, 23 Nov 2026 0${i % 8}:00:00 GMT</pubDate><description>&lt;p&gt;A short summary of story ${i}.&lt;/p&gt;</description></item>`,
  ).join('');
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Source ${n}</title><link>https://news${n}.example/</link>${items}</channel></rss>`;
}

async function startServer(): Promise<{ port: number; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const n = Number(/\/feed\/(\d+)/.exec(req.url ?? '')?.[1] ?? 0);
    setTimeout(() => res.writeHead(200, { 'Content-Type': 'application/rss+xml; charset=utf-8' }).end(feed(n)), DELAY_MS);
  });
  server.maxConnections = 10_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', 1024, resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function configFor(port: number, hosts: number): Config {
  return configSchema.parse({
    council: { name: 'Bench', short: 'Bench' },
    mayor: { name: 'Bench' },
    priorities: [{ id: 'p', name: 'P', query: 'story' }],
    sensitivity: { triggers: ['x'] },
    groups: [{ id: 'press', every: '10m' }],
    sources: Array.from({ length: SOURCES }, (_, n) => ({
      id: `source-${n}`,
      name: `Source ${n}`,
      kind: 'rss',
      url: `http://host-${n % hosts}.bench.test:${port}/feed/${n}`,
      group: 'press',
    })),
    briefing: { to: ['bench@example.org'], from: 'bench@example.org' },
    alerts: { to: ['bench@example.org'] },
    network: { allowPrivateHosts: true, contact: 'bench@example.org', timeoutSeconds: 30 },
  });
}

async function runOnce(port: number, hosts: number): Promise<{ seconds: number; ok: number; items: number }> {
  const config = configFor(port, hosts);
  const states = new Map<string, SourceState>();
  let items = 0;
  const started = performance.now();
  const summary = await pollGroup('press', {
    config,
    store: {
      getSourceState: async (id) => states.get(id),
      putSourceState: async (state) => void states.set(state.sourceId, state),
    },
    fetchSource: (source, state) =>
      fetchSource(source, state, {
        network: config.network,
        now: new Date(),
        // Every bench host name is loopback; the address policy still checks it (allowPrivateHosts).
        fetch: (url, options) => safeFetch(url, { ...options, resolve: async () => [{ address: '127.0.0.1', family: 4 }] }),
      }),
    enqueue: async (batch) => {
      items += batch.length;
      return { sent: batch.map((i) => i.id), failed: [] };
    },
    now: () => new Date(),
  });
  const seconds = (performance.now() - started) / 1000;
  const ok = summary.sources.filter((s) => s.status === 'ok').length;
  const failed = summary.sources.filter((s) => s.status === 'failed');
  if (failed.length > 0) console.log(`  ${failed.length} failed, e.g. ${failed[0]?.reason}`);
  return { seconds, ok, items };
}

const server = await startServer();
try {
  console.log(`poll-500: ${SOURCES} sources, each answering in ${DELAY_MS} ms; group concurrency ${DEFAULT_GROUP_CONCURRENCY}, 2 per host`);
  for (const hosts of [100, 1]) {
    const { seconds, ok, items } = await runOnce(server.port, hosts);
    const verdict = seconds < TARGET_SECONDS ? `under the ${TARGET_SECONDS} s target` : `OVER the ${TARGET_SECONDS} s target`;
    console.log(
      `  ${hosts === 1 ? 'one host    ' : `${hosts} hosts   `}: ${seconds.toFixed(2)} s, ${(SOURCES / seconds).toFixed(0)} sources/s, ${ok}/${SOURCES} ok, ${items} items queued (${verdict})`,
    );
  }
} finally {
  await server.close();
}
