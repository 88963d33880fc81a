/**
 * Parse-and-normalise throughput over real feeds (../shared/corpus/feeds/real, read in place) and
 * the demo's own feeds, against rss-parser's own parseString on the same bytes: what our decoding,
 * repair and normalisation cost on top of the parser. Run: npx tsx bench/parse.ts
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Parser from 'rss-parser';
import { configSchema } from '../shared/platform/config/schema.js';
import { decodeFeedBody } from '../shared/ingest/feeds/decode.js';
import { normaliseEntries } from '../shared/ingest/feeds/normalise.js';
import { parseFeedText } from '../shared/ingest/feeds/parse.js';
import { fillDates } from '../demo/fixture-server.js';
import { formatTable, repeat, type Figure } from './figures.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const corpus = join(root, '..', 'shared', 'corpus', 'feeds', 'real');

function files(): { name: string; body: Buffer }[] {
  const demo = join(root, 'demo', 'feeds');
  const own = readdirSync(demo)
    .filter((f) => /\.(xml|atom)$/.test(f))
    .map((f) => ({ name: `demo/${f}`, body: Buffer.from(fillDates(readFileSync(join(demo, f), 'utf8'), new Date())) }));
  const real = existsSync(corpus) ? readdirSync(corpus).map((f) => ({ name: f, body: readFileSync(join(corpus, f)) })) : [];
  return [...real, ...own];
}

const source = configSchema.shape.sources.element.parse({ id: 'bench', name: 'Bench', kind: 'rss', url: 'https://bench.example/feed', group: 'press' });

export async function measureParse(runs = 5): Promise<Figure[]> {
  const inputs = files();
  const bytes = inputs.reduce((n, f) => n + f.body.length, 0);
  const parser = new Parser();
  return repeat(runs, async () => {
    let items = 0;
    let start = performance.now();
    for (const { body } of inputs) {
      try {
        const feed = await parseFeedText(decodeFeedBody(body));
        items += normaliseEntries(feed, { source, baseUrl: source.url, now: new Date() }).length;
      } catch {
        // A feed that fails fails the same way every run; it still cost its time.
      }
    }
    const ours = (performance.now() - start) / 1000;
    start = performance.now();
    for (const { body } of inputs) {
      try {
        await parser.parseString(body.toString('utf8'));
      } catch {
        // rss-parser rejects several real feeds we read (unversioned RSS, bad dates): time still counts.
      }
    }
    const theirs = (performance.now() - start) / 1000;
    return [
      {
        name: 'parse+normalise',
        unit: 'MB/s',
        values: [bytes / 1e6 / ours],
        note: `${inputs.length} files, ${(bytes / 1e6).toFixed(2)} MB${existsSync(corpus) ? '' : ' (corpus absent: demo feeds only)'}`,
      },
      { name: 'parse+normalise', unit: 'items/s', values: [items / ours] },
      { name: 'overhead vs rss-parser parseString', unit: '× time', values: [ours / theirs], note: 'ours ÷ rss-parser alone on the same bytes' },
    ];
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(formatTable(await measureParse()));
}
