/**
 * Fetch once, classify once, for many councils: 100 councils, each watching 300 sources and
 * writing 300 queries (30,000 queries), over sources they largely share (national press,
 * GOV.UK, Parliament and regional titles). Every distinct feed URL is fetched once, through the
 * real poller (safe fetch, decode, parse, normalise) from a loopback server; every distinct item is
 * prepared once and matched once against all councils' queries in one percolator, and each match
 * goes to its council only if that council watches the item's source. Prints items/s and the
 * monthly cost per council, shared ingestion against a stack per council, from the cost model.
 * Host names resolve to 127.0.0.1: nothing but loopback is contacted.
 * Run: npm run bench:tenants  (or npx tsx bench/tenants.ts [councils] [queries-per-council])
 */
import http from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { compileQuery, indexCompiled, prepareText } from '../shared/classify/rules/index.js';
import { fetchSource } from '../shared/ingest/fetch-source.js';
import { safeFetch } from '../shared/ingest/http/safe-fetch.js';
import { pollGroup } from '../shared/ingest/poller/poll-group.js';
import type { SourceState } from '../shared/ingest/ports.js';
import { monthlyCost, type Workload } from '../shared/platform/cost/model.js';
import { defaultPerOperation, perOperationSchema, type PerOperation } from '../shared/platform/cost/per-operation.js';
import { configSchema, type Config } from '../shared/platform/config/schema.js';
import type { NormalisedItem } from '../shared/platform/model.js';

const COUNCILS = Number(process.argv[2] ?? 100);
const QUERIES_PER_COUNCIL = Number(process.argv[3] ?? 300);
const SOURCES_PER_COUNCIL = 300;
/** Sources every council watches (national press, GOV.UK, Parliament, legislation). */
const SHARED = 150;
/** Regional sources, each watched by the councils of its region (10 councils a region). */
const PER_REGION = 150;
const COUNCILS_PER_REGION = 10;
const ITEMS_PER_FEED = 20;
/** Reference load per council, as in `despatch cost --sources 300 --every 10m --items-per-day 3000`. */
const ITEMS_PER_DAY_PER_COUNCIL = 3000;
const EVERY_SECONDS = 600;

/** Small deterministic PRNG (mulberry32), so runs compare. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(20261207);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

// A Zipf-like vocabulary: common words, then topical ones, then each council's own place names.
const COMMON = 'the of and to a in for is on that by with said was it as at be from has have will are not this but they'.split(' ');
const SYLLABLES = ['ba', 'con', 'de', 'ter', 'mi', 'lo', 'ran', 'sel', 'vi', 'por', 'tu', 'men', 'ka', 'ris', 'ol', 'ent', 'ing', 'ly'];
const pseudo = (): string => Array.from({ length: 2 + Math.floor(random() * 3) }, () => pick(SYLLABLES)).join('');
const TOPICAL = Array.from({ length: 3000 }, pseudo);
const PLACES = Array.from({ length: COUNCILS }, () => Array.from({ length: 8 }, () => `${pseudo()}ton`));
const regions = Math.ceil(COUNCILS / COUNCILS_PER_REGION);

function word(region: number): string {
  const r = random();
  if (r < 0.45) return pick(COMMON);
  // Skewed towards the first topical words, as real news is.
  if (r < 0.97) return TOPICAL[Math.floor(TOPICAL.length * random() ** 2)]!;
  const council = Math.min(COUNCILS - 1, region * COUNCILS_PER_REGION + Math.floor(random() * COUNCILS_PER_REGION));
  return pick(PLACES[council]!);
}

function prose(chars: number, region: number): string {
  let out = '';
  while (out.length < chars) out += (out ? ' ' : '') + word(region);
  return out.slice(0, chars);
}

const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** Feed n: shared sources (n < SHARED) write about every region, regional ones about theirs. */
function feed(n: number): string {
  const region = n < SHARED ? Math.floor(random() * regions) : Math.floor((n - SHARED) / PER_REGION);
  const items = Array.from(
    { length: ITEMS_PER_FEED },
    (_, i) =>
      `<item><title>${escapeXml(prose(90, region))}</title><link>https://news${n}.example/story/${i}</link><guid>s${n}-${i}</guid>` +
      `<pubDate>Mon, 07 Dec 2026 0${i % 8}:00:00 GMT</pubDate><description>${escapeXml(prose(1900, region))}</description></item>`,
  ).join('');
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Source ${n}</title><link>https://news${n}.example/</link>${items}</channel></rss>`;
}

const distinctSources = SHARED + regions * PER_REGION;
/** Which sources each council watches: all the shared ones and its region's. */
const watches = Array.from({ length: COUNCILS }, (_, c) => {
  const region = Math.floor(c / COUNCILS_PER_REGION);
  return new Set([...Array.from({ length: SHARED }, (_, n) => n), ...Array.from({ length: PER_REGION }, (_, k) => SHARED + region * PER_REGION + k)]);
});
const feeds = Array.from({ length: distinctSources }, (_, n) => feed(n));

// Each council's queries: its place names with topical words, a few NOTs, NEARs and phrases.
function councilQuery(c: number): string {
  const place = pick(PLACES[c]!);
  const topic = (): string => TOPICAL[Math.floor(random() * 1500)]!;
  const r = random();
  if (r < 0.35) return `(${place} OR ${pick(PLACES[c]!)}) AND (${topic()} OR ${topic()})`;
  if (r < 0.55) return `${place} NEAR/10 ${topic()}`;
  if (r < 0.7) return `"${topic()} ${topic()}" OR ${topic()} ${place}`;
  if (r < 0.85) return `${topic()} AND ${topic()} NOT ${topic()}`;
  return `title:${place} OR (${topic().slice(0, 4)}* AND ${place})`;
}
const owners: number[] = [];
const compiled = Array.from({ length: COUNCILS * QUERIES_PER_COUNCIL }, (_, q) => {
  const council = Math.floor(q / QUERIES_PER_COUNCIL);
  owners.push(council);
  return compileQuery(councilQuery(council));
});
const index = indexCompiled(compiled);

async function startServer(): Promise<{ port: number; requests: () => number; close: () => Promise<void> }> {
  let requests = 0;
  const server = http.createServer((req, res) => {
    requests++;
    const n = Number(/\/feed\/(\d+)/.exec(req.url ?? '')?.[1] ?? 0);
    res.writeHead(200, { 'Content-Type': 'application/rss+xml; charset=utf-8' }).end(feeds[n] ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', 1024, resolve));
  return { port: (server.address() as AddressInfo).port, requests: () => requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

function configFor(port: number): Config {
  return configSchema.parse({
    council: { name: 'Shared ingestion', short: 'Shared' },
    mayor: { name: 'Bench' },
    priorities: [{ id: 'p', name: 'P', query: 'bench' }],
    sensitivity: { triggers: ['x'] },
    groups: [{ id: 'shared', every: '10m' }],
    // One entry per distinct URL: councils that watch the same feed share its one fetch.
    sources: Array.from({ length: distinctSources }, (_, n) => ({
      id: `source-${n}`,
      name: `Source ${n}`,
      kind: 'rss',
      url: `http://host-${n % 50}.bench.test:${port}/feed/${n}`,
      group: 'shared',
    })),
    briefing: { to: ['bench@example.org'], from: 'bench@example.org' },
    alerts: { to: ['bench@example.org'] },
    network: { allowPrivateHosts: true, contact: 'bench@example.org', timeoutSeconds: 30 },
  });
}

function loadPerOperation(): PerOperation {
  const file = new URL('./measured.json', import.meta.url);
  if (!existsSync(file)) return defaultPerOperation;
  const parsed = perOperationSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  return parsed.success ? parsed.data : defaultPerOperation;
}

const server = await startServer();
try {
  const config = configFor(server.port);
  const states = new Map<string, SourceState>();
  const items: NormalisedItem[] = [];
  const fetchStarted = performance.now();
  await pollGroup('shared', {
    config,
    store: { getSourceState: async (id) => states.get(id), putSourceState: async (state) => void states.set(state.sourceId, state) },
    fetchSource: (source, state) =>
      fetchSource(source, state, {
        network: config.network,
        now: new Date(),
        fetch: (url, options) => safeFetch(url, { ...options, resolve: async () => [{ address: '127.0.0.1', family: 4 }] }),
      }),
    enqueue: async (batch) => {
      items.push(...batch);
      return { sent: batch.map((i) => i.id), failed: [] };
    },
    now: () => new Date(),
  });
  const fetchSeconds = (performance.now() - fetchStarted) / 1000;

  // Classify each distinct item once against every council's queries, then fan out by subscription.
  const classify = (): { ms: number; delivered: number; tags: number } => {
    let delivered = 0;
    let tags = 0;
    const started = performance.now();
    for (const item of items) {
      const source = Number(item.sourceId.slice('source-'.length));
      const matches = index.match(prepareText(item));
      for (let c = 0; c < COUNCILS; c++) if (watches[c]!.has(source)) delivered++;
      for (const { index: q } of matches) if (watches[owners[q]!]!.has(source)) tags++;
    }
    return { ms: performance.now() - started, delivered, tags };
  };
  classify(); // warm-up
  const { ms, delivered, tags } = [classify(), classify(), classify()].sort((a, b) => a.ms - b.ms)[0]!;
  const perSecond = Math.round((items.length / ms) * 1000);
  const msPerItem = ms / items.length;

  // Cost: a stack per council (each polls its 300 sources and classifies its own copy of each item)
  // against one shared ingestion stack (each distinct source polled once, each distinct item
  // classified once; the councils' rows, alerts and briefings still written per council).
  const ops = loadPerOperation();
  const base: Omit<Workload, 'sources' | 'itemsPerDay'> = {
    everySeconds: EVERY_SECONDS,
    changedPollShare: 0.3,
    alertsPerDay: 5,
    briefingsPerMonth: 22,
    recipientsPerEmail: 5,
    retentionDays: 400,
    region: 'eu-west-2',
    // As `despatch cost`'s defaults: each council's office reviews its own grid.
    reviewUsers: 5,
    apiRequestsPerDay: 200,
    smsPerAlert: 0,
    alarms: 'essential',
    dashboard: false,
  };
  const total = (workload: Workload, perOperation: PerOperation): number => monthlyCost(workload, perOperation).reduce((sum, line) => sum + line.monthly, 0);
  const ownStack = total({ ...base, sources: SOURCES_PER_COUNCIL, itemsPerDay: ITEMS_PER_DAY_PER_COUNCIL }, ops);
  // Items a council sees a day stay 3,000; distinct items are fewer by the sharing factor.
  const fanOut = delivered / items.length;
  const distinctPerDay = (ITEMS_PER_DAY_PER_COUNCIL * COUNCILS) / fanOut;
  const sharedItems = ITEMS_PER_DAY_PER_COUNCIL * COUNCILS;
  const shared =
    total(
      {
        ...base,
        sources: distinctSources,
        itemsPerDay: sharedItems,
        alertsPerDay: base.alertsPerDay * COUNCILS,
        briefingsPerMonth: base.briefingsPerMonth * COUNCILS,
      },
      // Classifier time is spent once per distinct item, spread over the rows written for councils.
      { ...ops, classifierMsPerItem: ((ops.classifierMsPerItem + msPerItem) * distinctPerDay) / sharedItems },
    ) / COUNCILS;

  console.log(
    `tenants: ${COUNCILS} councils × ${QUERIES_PER_COUNCIL} queries (${compiled.length.toLocaleString('en-GB')} queries), ${SOURCES_PER_COUNCIL} sources each, ` +
      `${(COUNCILS * SOURCES_PER_COUNCIL).toLocaleString('en-GB')} subscriptions over ${distinctSources} distinct feeds`,
  );
  console.log(`fetched: ${server.requests()} requests for ${distinctSources} distinct URLs in ${fetchSeconds.toFixed(2)} s, ${items.length} distinct items`);
  console.log(
    `classified: ${perSecond.toLocaleString('en-GB')} items/s (${(msPerItem * 1000).toFixed(0)} µs an item against all ${compiled.length.toLocaleString('en-GB')} queries, one core); ` +
      `${delivered.toLocaleString('en-GB')} council deliveries (${fanOut.toFixed(1)} councils an item), ${tags.toLocaleString('en-GB')} priority tags`,
  );
  console.log(
    `cost per council: $${shared.toFixed(2)} a month with shared ingestion vs $${ownStack.toFixed(2)} with a stack per council (list prices, cost model)`,
  );
} finally {
  await server.close();
}
