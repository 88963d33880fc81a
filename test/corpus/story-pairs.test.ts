/**
 * "Same story?" measured on real items: the labelled pairs in story-pairs.ts, each side read from
 * the corpus feed it quotes through the real pipeline (decode → parse → normalise), then judged the
 * way the classifier joins an item to a story. Prints precision (of the pairs put together, how
 * many are one event) and recall (of the pairs that are one event, how many are put together).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { SourceConfig } from '../../shared/platform/config/schema.js';
import type { NormalisedItem } from '../../shared/platform/model.js';
import { decodeFeedBody } from '../../shared/ingest/feeds/decode.js';
import { normaliseEntries } from '../../shared/ingest/feeds/normalise.js';
import { parseFeedText } from '../../shared/ingest/feeds/parse.js';
import { commonWordsFor } from '../../shared/classify/stories/signature.js';
import { sameStory, storyFeatures } from '../../shared/classify/stories/same-story.js';
import { available } from '../support/required.js';
import { corpusPairs, generatedPairs, type CorpusSide } from './story-pairs.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const realDir = path.resolve(repoRoot, '..', 'shared', 'corpus', 'feeds', 'real');
const present = available(
  'corpus',
  fs.existsSync(realDir),
  `[corpus] ${realDir} is missing: the story-pair measurements are skipped (a fresh clone has no ../shared).`,
);

/** What the classifier ignores for the Lewisham office (compile-rules.ts: the Mayor's and the borough's names). */
const common = commonWordsFor(['Brenda Dacres', 'Lewisham']);
const now = new Date('2026-10-01T07:00:00.000Z');

/** Each file read once (the pairs ask for the same files hundreds of times at once). */
const feeds = new Map<string, Promise<NormalisedItem[]>>();
function itemsOf(file: string): Promise<NormalisedItem[]> {
  const known = feeds.get(file);
  if (known) return known;
  const reading = readItems(file);
  feeds.set(file, reading);
  return reading;
}

async function readItems(file: string): Promise<NormalisedItem[]> {
  // Each file is its own source, as each outlet is in a configuration.
  const source: SourceConfig = {
    id: file
      .replace(/[^a-z0-9]+/gi, '-')
      .toLowerCase()
      .slice(0, 60),
    name: file,
    kind: 'rss',
    url: 'https://feeds.example.org/feed',
    group: 'press',
    outlet: 'national',
  };
  const feed = await parseFeedText(decodeFeedBody(fs.readFileSync(path.join(realDir, file))));
  return normaliseEntries(feed, { source, baseUrl: source.url, now });
}

async function find(side: CorpusSide): Promise<NormalisedItem> {
  const all = await itemsOf(side.file);
  // A bill in Parliament's bills RSS (p4:stage) is titled with its stage: "Kew Gardens (Leases): 2nd reading, House of Commons".
  const matches = all.filter((i) => i.title === side.title || (i.kind === 'bill' && i.title.startsWith(`${side.title}: `)));
  // Two entries of one document (a PDF and an XML entry) may now be one item: nth falls back to it.
  const item = matches[side.nth ?? 0] ?? (side.nth !== undefined ? matches[0] : undefined);
  if (!item) throw new Error(`no item "${side.title}" in ${side.file}`);
  if (side.nth === undefined && matches.length > 1) throw new Error(`"${side.title}" names ${matches.length} items in ${side.file}: give nth`);
  return item;
}

/** As classify-item.ts makes them: an undated item's time is when it was seen, not a publication date. */
const features = (item: NormalisedItem) => storyFeatures(item.dateFlag ? { ...item, publishedAt: undefined } : item, common);

async function judge(pairs: typeof corpusPairs) {
  return Promise.all(
    pairs.map(async (pair) => {
      const [a, b] = await Promise.all([find(pair.a), find(pair.b)]);
      return { pair, together: a.id === b.id || sameStory(features(a), features(b)) };
    }),
  );
}

function measure(judged: Awaited<ReturnType<typeof judge>>) {
  const together = judged.filter((j) => j.together);
  const truePositives = together.filter((j) => j.pair.same).length;
  return {
    precision: together.length === 0 ? 1 : truePositives / together.length,
    recall: truePositives / judged.filter((j) => j.pair.same).length,
    merged: together.filter((j) => !j.pair.same),
    split: judged.filter((j) => j.pair.same && !j.together),
  };
}

describe.runIf(present)('story clustering on labelled pairs of real corpus items', () => {
  it('has several hundred pairs, each with a reason', () => {
    expect(corpusPairs.length).toBeGreaterThanOrEqual(300);
    expect(corpusPairs.filter((p) => p.same).length).toBeGreaterThanOrEqual(20);
    expect(corpusPairs.every((p) => p.why.trim().length > 0)).toBe(true);
  });

  it('holds precision at 0.95 and recall at 0.90', async () => {
    // Act
    const result = measure(await judge(corpusPairs));
    const lines = (list: typeof result.merged) => list.map((j) => `  "${j.pair.a.title}" / "${j.pair.b.title}" (${j.pair.why})`).join('\n');
    console.log(
      `story clustering on ${corpusPairs.length} corpus pairs: precision ${result.precision.toFixed(3)}, recall ${result.recall.toFixed(3)}` +
        (result.merged.length > 0 ? `\nmerged, though different:\n${lines(result.merged)}` : '') +
        (result.split.length > 0 ? `\nsplit, though one event:\n${lines(result.split)}` : ''),
    );
    // Assess
    expect(result.precision).toBeGreaterThanOrEqual(0.95);
    expect(result.recall).toBeGreaterThanOrEqual(0.9);
  });

  it('keeps bills whose descriptions share boilerplate apart', async () => {
    const bills = generatedPairs.filter((p) => !p.same && p.a.file.includes('bills'));
    const judged = await judge(bills);
    expect(bills.length).toBeGreaterThanOrEqual(200);
    expect(judged.filter((j) => j.together).map((j) => `${j.pair.a.title} / ${j.pair.b.title}`)).toEqual([]);
  });
});
