/**
 * Hostile feed bodies built in code, each at 1×, 2× and 4× a base size, through the real
 * parse + normalise path (parseFeedText / parseListing → normaliseFeed). Prints seconds and
 * seconds per MB per class: a linear pass keeps s/MB flat as the size doubles, a quadratic one
 * doubles it. Run: npm run bench:hostile  (HOSTILE_KB sets the base size, default 256).
 * Refusals (FeedParseError, ListingError) count as handled: what matters is how long they take.
 */
import { configSchema } from '../shared/platform/config/schema.js';
import { normaliseFeed } from '../shared/ingest/feeds/normalise.js';
import { parseFeedText, type ParsedFeed } from '../shared/ingest/feeds/parse.js';
import { parseListing } from '../shared/ingest/feeds/html-listing.js';

const baseKb = Number(process.env.HOSTILE_KB ?? '256');
const only = process.env.HOSTILE_ONLY;
const rssSource = configSchema.shape.sources.element.parse({ id: 'bench', name: 'Bench', kind: 'rss', url: 'https://bench.example/feed', group: 'press' });
const htmlSource = configSchema.shape.sources.element.parse({
  id: 'bench-html',
  name: 'Bench',
  kind: 'html',
  url: 'https://bench.example/news',
  group: 'press',
  selectors: { item: 'article', title: 'h2', link: 'a' },
});

/** Fills `unit` up to about `bytes`. */
const fill = (unit: string, bytes: number): string => unit.repeat(Math.max(1, Math.floor(bytes / unit.length)));
const rss = (items: string): string =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>https://bench.example/</link>${items}</channel></rss>`;
const item = (description: string): string =>
  `<item><title>Story</title><link>https://bench.example/a</link><guid>a</guid><description>${description}</description></item>`;

interface HostileClass {
  name: string;
  kind: 'rss' | 'html';
  build: (bytes: number) => string;
}

export const HOSTILE_CLASSES: HostileClass[] = [
  { name: 'unclosed <!-- repeated', kind: 'rss', build: (n) => rss(item('x') + fill('<!--a', n)) },
  { name: 'unclosed <![CDATA[ repeated', kind: 'rss', build: (n) => rss(item('x') + fill('<![CDATA[a', n)) },
  {
    name: 'nested <div> listing page',
    kind: 'html',
    build: (n) => {
      const d = Math.floor(n / 11);
      return `<html><body><article><h2>T</h2><a href="/a">a</a>${'<div>'.repeat(d)}x${'</div>'.repeat(d)}</article></body></html>`;
    },
  },
  {
    name: 'nested HTML in CDATA summary',
    kind: 'rss',
    build: (n) => {
      const d = Math.floor(n / 11);
      return rss(item(`<![CDATA[${'<div>'.repeat(d)}x${'</div>'.repeat(d)}]]>`));
    },
  },
  { name: 'unclosed <div> in CDATA summary', kind: 'rss', build: (n) => rss(item(`<![CDATA[${fill('<div>', n)}]]>`)) },
  { name: '<br> in description', kind: 'rss', build: (n) => rss(item(`<![CDATA[${fill('a<br>', n)}]]>`)) },
  { name: 'escaped <br> in description', kind: 'rss', build: (n) => rss(item(fill('a&lt;br&gt;', n))) },
  {
    name: 'deep XML nesting',
    kind: 'rss',
    build: (n) => {
      const d = Math.floor(n / 7);
      return rss(`<item>${'<x:a>'.repeat(d)}${'</x:a>'.repeat(d)}</item>`);
    },
  },
  { name: 'huge attribute count', kind: 'rss', build: (n) => rss(`<item a0="1"${fill(' a="1"', n)}><title>T</title></item>`) },
  { name: 'runs of &amp;', kind: 'rss', build: (n) => rss(item(fill('&amp;', n))) },
  { name: 'runs of bare & (repair)', kind: 'rss', build: (n) => rss(item(fill('& ', n))) },
  { name: 'stray < (repair)', kind: 'rss', build: (n) => rss(item(fill('a < b ', n))) },
  { name: 'many small items', kind: 'rss', build: (n) => rss(fill(item('x'), n)) },
];

export async function parseAndNormalise(kind: 'rss' | 'html', body: string): Promise<number> {
  const source = kind === 'html' ? htmlSource : rssSource;
  let feed: ParsedFeed;
  try {
    feed = kind === 'html' ? parseListing(body, source.selectors ?? { item: 'article', title: 'h2', link: 'a' }) : await parseFeedText(body);
  } catch (error) {
    if (error instanceof Error && /FeedParseError|ListingError/.test(error.name)) return 0;
    throw error;
  }
  return normaliseFeed(feed, { source, baseUrl: source.url, now: new Date() }).items.length;
}

async function main(): Promise<void> {
  console.log(`class | size | seconds | s/MB | outcome`);
  for (const c of HOSTILE_CLASSES) {
    if (only && !c.name.includes(only)) continue;
    for (const factor of [1, 2, 4]) {
      const body = c.build(baseKb * 1024 * factor);
      const mb = body.length / (1024 * 1024);
      const start = performance.now();
      let outcome: string;
      try {
        outcome = `${await parseAndNormalise(c.kind, body)} items`;
      } catch (error) {
        outcome = `error: ${error instanceof Error ? error.message.slice(0, 60) : String(error)}`;
      }
      const s = (performance.now() - start) / 1000;
      console.log(`${c.name} | ${(body.length / 1024).toFixed(0)} KB | ${s.toFixed(2)} | ${(s / mb).toFixed(2)} | ${outcome}`);
    }
  }
}

if (process.argv[1]?.endsWith('hostile.ts')) await main();
