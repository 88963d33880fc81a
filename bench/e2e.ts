/**
 * The local stack end to end: 300 sources × 20 items served on loopback → polled, queued,
 * classified, stored, alerted and briefed by the real handlers on dynalite and local SQS. Prints
 * seconds and items/s, DynamoDB units per new item and per unchanged poll (from
 * ReturnConsumedCapacity, as dynalite reports them), and writes bench/measured.json, the
 * per-operation figures `despatch cost` prices. Run: npm run bench:e2e [-- sources items]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfigFile } from '../shared/platform/config/load.js';
import { configSchema } from '../shared/platform/config/schema.js';
import type { PerOperation } from '../shared/platform/cost/per-operation.js';
import { approximateItemSize } from '../shared/runtime/capacity.js';
import { packStoryFields } from '../shared/adapters/aws/item-codec.js';
import { formatTable, type Figure } from './figures.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const SOURCES = Number(process.argv[2] ?? 300);
const ITEMS = Number(process.argv[3] ?? 20);

// Mostly distinct stories, as a day's local news is (different words, not one template with the
// place changed, which the story clustering rightly merges); every 10th item is carried by three
// outlets, so 300 × 20 items make 5,400 stories of one item and 200 of three.
const WORDS = `council mayor tenants residents police school library market bus route cycle lane park estate
budget cuts funding repairs damp mould homes housing landlord licence traders station bridge river flood
tree planting festival museum theatre youth club nursery care home hospital clinic pharmacy pool gym
football stadium allotment recycling bins fly tipping graffiti parking permit speed camera crossing
pavement lighting wifi broadband jobs apprentices training grant charity volunteers food bank warm space
energy bills heating insulation solar roof lift fire safety cladding inspection audit scrutiny cabinet
consultation petition protest strike pay workers unions contract tender procurement developer tower
planning appeal inquiry heritage church mosque temple synagogue carnival parade memorial anniversary`.split(/\s+/);

/**
 * The rest of a lede's words: 4,096 made-up ones (two to three syllables), so two stories share
 * about as few of them as two real stories share words (the 200 above would make every lede share
 * several with every other, and join them).
 */
const SYLLABLES = 'ba be bo da de do fa fe ga go ka ke la le lo ma me mo na ne no pa pe ra re ro sa se ta te to va'.split(' ');
const LEDE_WORDS = Array.from({ length: 4096 }, (_, n) => {
  const [a, b, c] = [n % 32, Math.floor(n / 32) % 32, Math.floor(n / 1024)];
  return `${SYLLABLES[a]}${SYLLABLES[b]}${c > 0 ? SYLLABLES[c] : 'n'}`;
});

function words(seed: number, count: number, vocabulary: readonly string[] = WORDS): string {
  let s = seed * 2654435761;
  const out: string[] = [];
  for (let k = 0; k < count; k++) {
    s = (Math.imul(s ^ (s >>> 15), 2246822507) + k * 3266489909) >>> 0;
    out.push(vocabulary[s % vocabulary.length] as string);
  }
  return out.join(' ');
}

/** The story an item reports: its own, or (every 10th item) one three neighbouring outlets share. */
function storyOf(source: number, i: number): number {
  return i % 10 === 0 ? Math.floor(source / 3) * 1000 + i : source * 1000 + i + 500_000;
}

function sentence(seed: number, count: number, vocabulary?: readonly string[]): string {
  const text = words(seed, count, vocabulary);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const headline = (source: number, i: number): string => sentence(storyOf(source, i) + 1, 8);

/**
 * A lede of the story's own words, as a snippet is: the same for the outlets that share a story.
 * (A fixed sentence in every snippet, as this bench had before 8 Dec, named the Mayor and Cabinet
 * and shared words of what happened, so every item rightly joined one story of 6,000 items.)
 */
const lede = (source: number, i: number): string =>
  `${sentence(storyOf(source, i) + 7_000_001, 14, LEDE_WORDS)}, ${words(storyOf(source, i) + 9_000_001, 12, LEDE_WORDS)}.`;

function feed(source: number, now: Date): string {
  const items = Array.from({ length: ITEMS }, (_, i) => {
    const title = headline(source, i);
    const summary = `${title}. ${lede(source, i)}`;
    return `<item><title>${title}</title><link>https://paper${source}.example/news/${i}</link><guid isPermaLink="false">s${source}-i${i}</guid><pubDate>${new Date(now.getTime() - i * 600_000).toUTCString()}</pubDate><description>${summary}</description></item>`;
  }).join('');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Paper ${source}</title><link>https://paper${source}.example/</link><description>d</description>${items}</channel></rss>`;
}

async function main(): Promise<void> {
  const now = new Date();
  const server = createServer((req, res) => {
    const n = Number(/feed-(\d+)\.xml/.exec(req.url ?? '')?.[1]);
    if (req.headers['if-none-match'] === `"v-${n}"`) return void res.writeHead(304, { etag: `"v-${n}"` }).end();
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag: `"v-${n}"` }).end(feed(n, now));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const example = loadConfigFile(join(root, 'config', 'example.yaml'));
  const config = configSchema.parse({
    ...example,
    groups: [{ id: 'press', every: '10m' }],
    sources: Array.from({ length: SOURCES }, (_, i) => ({
      id: `paper-${i}`,
      name: `Paper ${i}`,
      kind: 'rss',
      url: `${base}/feed-${i}.xml`,
      group: 'press',
      outlet: 'local',
    })),
    network: { ...example.network, allowPrivateHosts: true },
  });

  // Before anything imports the functions' container: Powertools reads these when it is created.
  process.env.DESPATCH_METER_CAPACITY = '1';
  process.env.POWERTOOLS_LOG_LEVEL = 'CRITICAL';
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  const { LocalStack } = await import('../infra/local/runtime.js');
  const { capacity } = await import('../shared/runtime/container.js');
  const dataDir = mkdtempSync(join(tmpdir(), 'despatch-e2e-'));
  const stack = await LocalStack.start({ config, dataDir, inMemory: true, visibilityTimeoutSeconds: 5 });
  try {
    const snapshot = () => ({ ...capacity });
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const [summary] = await stack.pollAllGroups();
    const tPoll = performance.now();
    const afterPoll = snapshot();
    await stack.drain({ signal: AbortSignal.timeout(600_000) });
    const tDrain = performance.now();
    const afterDrain = snapshot();
    const briefing = await stack.briefing();
    const tBrief = performance.now();
    const cpu = process.cpuUsage(cpu0);

    const newItems = summary?.sources.reduce((n, s) => n + s.newItems, 0) ?? 0;
    const classifyWrites = afterDrain.writeUnits - afterPoll.writeUnits + afterDrain.indexWriteUnits - afterPoll.indexWriteUnits;
    const classifyReads = afterDrain.readUnits - afterPoll.readUnits;

    // Unchanged re-poll: every source answers 304 to the ETag it gave.
    const beforeRepoll = snapshot();
    const tRepoll0 = performance.now();
    await stack.pollAllGroups();
    const tRepoll = performance.now();
    const repollWrites = capacity.writeUnits - beforeRepoll.writeUnits;
    const repollReads = capacity.readUnits - beforeRepoll.readUnits;

    const seconds = (tBrief - t0) / 1000;
    const figures: Figure[] = [
      {
        name: `end to end (${SOURCES} sources × ${ITEMS} items)`,
        unit: 's',
        values: [seconds],
        note: `poll ${((tPoll - t0) / 1000).toFixed(1)} s, classify+alert ${((tDrain - tPoll) / 1000).toFixed(1)} s, brief ${((tBrief - tDrain) / 1000).toFixed(1)} s`,
      },
      { name: 'end to end throughput', unit: 'items/s', values: [newItems / seconds], note: `${newItems} items stored; briefing ${briefing.status}` },
      {
        name: 'end to end, per CPU second',
        unit: 'items/s',
        values: [newItems / ((cpu.user + cpu.system) / 1e6)],
        note: "this process's CPU time (handlers and emulators): steadier than wall time on a shared machine",
      },
      {
        name: 'write units per new item',
        unit: 'WCU',
        values: [classifyWrites / Math.max(1, newItems)],
        note: 'item + its gsi1 copy + alert bookkeeping, from ReturnConsumedCapacity',
      },
      { name: 'read units per new item', unit: 'RCU', values: [classifyReads / Math.max(1, newItems)] },
      { name: 'write units, unchanged re-poll', unit: 'WCU', values: [repollWrites], note: `${SOURCES} sources answering 304` },
      { name: 'read units per source poll', unit: 'RCU', values: [repollReads / SOURCES] },
    ];
    console.log(formatTable(figures));
    const byRow = Object.entries(capacity.writeUnitsByRow).map(([row, units]) => `${row} ${(units / Math.max(1, newItems)).toFixed(2)}`);
    console.log(`\nWrite units per new item by row kind (first poll and classification): ${byRow.join(', ')}`);

    const sampleItem = (await import('../shared/runtime/container.js')).store;
    // The workload's shape: how the items fell into stories, and the size of the rows that holds.
    const stories = await sampleItem().storiesFirstSeenBetween(new Date(Date.now() - 3_600_000), new Date());
    const sizes = stories
      .filter((s) => !s.mergedInto)
      .map((s) => s.size)
      .sort((a, b) => b - a);
    const rowBytes = stories.map(({ version: _v, ...fields }) => packStoryFields(fields).length).sort((a, b) => b - a);
    console.log(
      `Stories: ${sizes.length} (${stories.length - sizes.length} merged into others); items in the largest: ${sizes.slice(0, 5).join(', ')}; ` +
        `of one item: ${sizes.filter((n) => n === 1).length}; packed story row bytes: largest ${rowBytes[0] ?? 0}, median ${rowBytes[Math.floor(rowBytes.length / 2)] ?? 0}`,
    );
    const items = await sampleItem().itemsSeenBetween(new Date(Date.now() - 3_600_000), new Date());
    const bytesPerItem = items.length ? items.reduce((n, i) => n + approximateItemSize(i as unknown as Record<string, unknown>), 0) / items.length : 3000;
    const measured: PerOperation = {
      measuredAt: `${new Date().toISOString().slice(0, 10)} (npm run bench:e2e, ${SOURCES}×${ITEMS} on the local stack)`,
      pollerMsPerSource: (tRepoll - tRepoll0) / SOURCES,
      pollerBaseMs: 50,
      classifierMsPerItem: (tDrain - tPoll) / Math.max(1, newItems),
      alerterMsPerAlert: 60,
      briefingMs: tBrief - tDrain,
      writeUnitsPerNewItem: classifyWrites / Math.max(1, newItems),
      readUnitsPerNewItem: classifyReads / Math.max(1, newItems),
      readUnitsPerSourcePoll: repollReads / SOURCES,
      writeUnitsPerChangedSourcePoll: (afterPoll.writeUnits + afterPoll.indexWriteUnits) / SOURCES,
      bytesPerItem: Math.round(bytesPerItem * 2),
      logBytesPerInvocation: 1200,
    };
    writeFileSync(join(root, 'bench', 'measured.json'), `${JSON.stringify(measured, null, 2)}\n`);
    console.log(`\nPer-operation figures for "despatch cost" written to bench/measured.json.`);
  } finally {
    await stack.stop();
    server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
