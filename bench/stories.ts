/**
 * Story lookup at the store: read and write units per new item, as DynamoDB reports them
 * (ReturnConsumedCapacity on dynalite), with 6,000 and 60,000 items already in the 48-hour window.
 * The window is seeded with one-item stories (BatchWrite, unmetered); then new items are placed by
 * the real assignStory on the real story store, one at a time as a classifier container does, a
 * tenth of them joining a seeded story. The first item of a container also loads the window once:
 * that is printed apart. Run: npm run bench:stories [-- newItems]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { LOCAL_TABLE_NAME } from '../infra/local/data-dir.js';
import { LOCAL_REGION, LocalStack } from '../infra/local/runtime.js';
import { loadConfigFile } from '../shared/platform/config/load.js';
import { configSchema } from '../shared/platform/config/schema.js';
import { createDynamoStoryStore } from '../shared/adapters/aws/story-store.js';
import { keys } from '../shared/adapters/aws/keys.js';
import { PACKED_STORY, packStoryFields } from '../shared/adapters/aws/item-codec.js';
import { assignStory, type AssignDeps } from '../shared/classify/stories/assign.js';
import { storyFeatures } from '../shared/classify/stories/same-story.js';
import { encodeSignature } from '../shared/classify/stories/signature.js';
import { startStory, storyDay, type StoryMember } from '../shared/classify/stories/story.js';
import { meterConsumedCapacity, newMeter } from '../shared/runtime/capacity.js';
import { formatTable, type Figure } from './figures.js';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { StoryWindow } from '../shared/adapters/aws/story-window.js';
import type { StoryRecord } from '../shared/classify/stories/story.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const NEW_ITEMS = Number(process.argv[2] ?? 200);
const PLACES = `Catford Deptford Lewisham Brockley Sydenham Forest Hill Blackheath Lee Grove Park Bellingham Downham Hither Green Ladywell
New Cross Honor Oak Crofton Park Evelyn Rushey Green Whitefoot Perry Vale Telegraph Hill Bromley Greenwich Peckham Camberwell`.split(/\s+/);
const WORDS = `tenants police school library market bus route cycle lane park estate budget cuts funding repairs damp mould homes
housing landlord licence traders station bridge river flood tree festival museum theatre youth club nursery hospital clinic
pharmacy pool gym football stadium allotment recycling bins parking permit camera crossing pavement lighting broadband jobs
grant charity volunteers heating insulation solar roof lift cladding inspection audit scrutiny cabinet consultation petition
protest strike workers unions contract tender developer tower planning appeal inquiry heritage church carnival memorial`.split(/\s+/);

function pick<T>(list: readonly T[], seed: number): T {
  const s = (Math.imul(seed ^ (seed >>> 13), 2246822507) >>> 0) % list.length;
  return list[s] as T;
}

/** Made-up surnames, so that two stories rarely share a name, as a day's local news rarely does. */
const SYLLABLES = [
  'ab',
  'ber',
  'cot',
  'dun',
  'el',
  'fra',
  'gol',
  'har',
  'ing',
  'jon',
  'kel',
  'lam',
  'mor',
  'nes',
  'ol',
  'pen',
  'quin',
  'ros',
  'sta',
  'tor',
  'ul',
  'vin',
  'wes',
  'yar',
];
const surname = (seed: number) => {
  const a = pick(SYLLABLES, seed);
  const b = pick(SYLLABLES, seed * 7 + 3);
  const c = pick(SYLLABLES, seed * 13 + 5);
  return `${a.charAt(0).toUpperCase()}${a.slice(1)}${b}${c}`;
};

function headline(n: number): string {
  const words = Array.from({ length: 6 }, (_, k) => pick(WORDS, n * 31 + k * 7919 + 1));
  return `${pick(PLACES, n)} ${words.slice(0, 3).join(' ')} for ${surname(n)} ${words.slice(3).join(' ')}`;
}

function member(n: number, sourceId: string, seenAt: string): StoryMember {
  const text = { title: headline(n), summary: `${headline(n)}. The council said it would respond.` };
  const f = storyFeatures(text);
  return {
    itemId: `${sourceId}-${n}`.padStart(32, '0'),
    sourceId,
    sourceName: sourceId,
    seenAt,
    signature: encodeSignature(f.signature),
    keys: f.keys,
    events: f.events,
    priorities: [],
  };
}

async function run(stack: LocalStack, windowItems: number): Promise<Figure[]> {
  const meter = newMeter();
  const client = new DynamoDBClient({ endpoint: stack.endpoints.dynamodb, region: LOCAL_REGION, credentials: stack.credentials });
  const doc = DynamoDBDocumentClient.from(client);
  const seedDoc = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: stack.endpoints.dynamodb, region: LOCAL_REGION, credentials: stack.credentials }));
  meterConsumedCapacity(client, meter);
  const now = Date.now();
  const assess: AssignDeps['assess'] = () => ({ level: 'none', score: 0 });
  const policy = { alertLevel: 'high' as const, spreadAlerts: [3, 6] };
  // Seeded over the last 47 hours, so every one is in a new item's window.
  const base = windowItems * 10;
  for (let i = 0; i < windowItems; i += 25) {
    const rows = [];
    for (let k = i; k < Math.min(windowItems, i + 25); k++) {
      const seenAt = new Date(now - 47 * 3_600_000 + (k / windowItems) * 46 * 3_600_000).toISOString();
      const { story } = startStory(member(base + k, `seed-${k % 300}`, seenAt), assess, policy, new Date(seenAt));
      const { version: _v, ...fields } = story;
      rows.push({ PutRequest: { Item: { ...keys.story(storyDay(story.id), story.id), version: 1, [PACKED_STORY]: packStoryFields(fields) } } });
    }
    await seedDoc.send(new BatchWriteCommand({ RequestItems: { [LOCAL_TABLE_NAME]: rows } }));
  }

  const store = createDynamoStoryStore(doc, LOCAL_TABLE_NAME, { retentionDays: 30 });
  const deps: AssignDeps = { store, assess, policy, now: () => new Date() };
  const place = (i: number) => {
    // Every tenth item is another outlet's report of a seeded story.
    const n = i % 10 === 0 ? base + windowItems - 1 - i : base * 3 + i;
    return assignStory(member(n, `new-${i}`, new Date().toISOString()), deps);
  };
  await place(-1);
  const cold = { ...meter };
  let joined = 0;
  for (let i = 0; i < NEW_ITEMS; i++) if ((await place(i)).story.size > 1) joined++;
  const reads = (meter.readUnits - cold.readUnits) / NEW_ITEMS;
  const writes = (meter.writeUnits - cold.writeUnits) / NEW_ITEMS;
  return [
    {
      name: `story lookup, ${windowItems.toLocaleString('en-GB')} in window`,
      unit: 'RCU/item',
      values: [reads],
      note: `${NEW_ITEMS} new items, ${joined} joined a story`,
    },
    { name: `story writes, ${windowItems.toLocaleString('en-GB')} in window`, unit: 'WCU/item', values: [writes] },
    { name: `a container's first item, ${windowItems.toLocaleString('en-GB')} in window`, unit: 'RCU', values: [cold.readUnits] },
  ];
}

/** A full collection, without asking for --expose-gc on the command line. */
function collect(): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  gc();
}

/**
 * What a classifier container keeps in memory for the window: `windowItems` one-item stories held
 * by a real StoryWindow, as fresh objects (the rows' reads give each its own), heap after − before.
 */
async function windowMemory(windowItems: number): Promise<Figure> {
  const now = Date.now();
  const assess: AssignDeps['assess'] = () => ({ level: 'none', score: 0 });
  const policy = { alertLevel: 'high' as const, spreadAlerts: [3, 6] };
  const byDay = new Map<string, string[]>();
  for (let k = 0; k < windowItems; k++) {
    const seenAt = new Date(now - 47 * 3_600_000 + (k / windowItems) * 46 * 3_600_000).toISOString();
    const { story } = startStory(member(k, `seed-${k % 300}`, seenAt), assess, policy, new Date(seenAt));
    const day = storyDay(story.id);
    byDay.set(day, [...(byDay.get(day) ?? []), JSON.stringify(story)]);
  }
  const days = [...byDay.keys()].sort();
  collect();
  const before = process.memoryUsage().heapUsed;
  const window = new StoryWindow({ read: (day) => Promise.resolve((byDay.get(day) ?? []).map((row) => JSON.parse(row) as StoryRecord)) });
  const held = (await window.stories(days)).length;
  collect();
  const after = process.memoryUsage().heapUsed;
  // Kept alive to here, so the collection above cannot free it.
  if (held !== windowItems || !window) throw new Error(`the window held ${held} of ${windowItems} stories`);
  return {
    name: `window memory, ${windowItems.toLocaleString('en-GB')} stories`,
    unit: 'MB',
    values: [(after - before) / 1_048_576],
    note: `${Math.round((after - before) / windowItems)} bytes a story`,
  };
}

async function main(): Promise<void> {
  const config = configSchema.parse(loadConfigFile(join(root, 'config', 'example.yaml')));
  process.env.POWERTOOLS_LOG_LEVEL = 'CRITICAL';
  const figures: Figure[] = [];
  for (const windowItems of [6_000, 60_000]) {
    const dataDir = mkdtempSync(join(tmpdir(), 'despatch-stories-'));
    const stack = await LocalStack.start({ config, dataDir, inMemory: true, visibilityTimeoutSeconds: 5 });
    try {
      figures.push(...(await run(stack, windowItems)));
    } finally {
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  for (const windowItems of [6_000, 60_000]) figures.push(await windowMemory(windowItems));
  console.log(formatTable(figures));
}

await main();
