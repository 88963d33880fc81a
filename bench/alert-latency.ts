/**
 * How long from a sensitive story first appearing in a feed to its alert in the outbox, on the
 * local stack with the real schedules (the press group polled every minute) and the real queue
 * consumers: `npm run bench:latency [-- --samples N]`. Prints each sample and whether it is within
 * the poll interval plus 5 seconds (the worst case is a story published just after a poll). No
 * assertions: figures to read.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { configSchema, parseDurationSeconds } from '../shared/platform/config/schema.js';
import { LocalStack } from '../infra/local/runtime.js';

const { values } = parseArgs({ options: { samples: { type: 'string', default: '3' }, every: { type: 'string', default: '1m' } } });
const samples = Math.max(1, Number(values.samples));
const every = values.every;
const intervalMs = parseDurationSeconds(every) * 1000;
const boundMs = intervalMs + 5_000;

// Different stories each time (different specifics), so each is a new story and gets its own alert.
const STORIES = [
  ['Mayor of Benchton resigns after audit of parking contracts', 'The audit found parking enforcement contracts worth £2m were renewed without competition.'],
  ['Calls for Benchton Mayor to resign as bin strike enters third week', 'Refuse collectors walked out over pay; rubbish is piling up on estates.'],
  ['Benchton Mayor faces investigation over cabinet expenses', 'The monitoring officer is examining hospitality claims from the summer.'],
  ['Ombudsman criticises Benchton Mayor over care home closures', 'Families were given two weeks notice before residents were moved.'],
  ['Scandal over Benchton Mayor misleading councillors on budget gap', 'Finance papers show the deficit was known months before the vote.'],
  ['Benchton Mayor urged to resign over flood defence delays', 'The river wall was due to be finished last spring and is still unfinished.'],
] as const;

let items: { guid: string; title: string; description: string; at: Date }[] = [
  { guid: 'seed', title: 'Benchton library reopens after refurbishment', description: 'New study spaces and a cafe.', at: new Date() },
];
const rss = () =>
  `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Benchton Echo</title><link>https://echo.example/</link><description>d</description>${items
    .map(
      (i) =>
        `<item><title>${i.title}</title><link>https://echo.example/${i.guid}</link><guid isPermaLink="false">${i.guid}</guid><pubDate>${i.at.toUTCString()}</pubDate><description>${i.description}</description></item>`,
    )
    .join('')}</channel></rss>`;
/** When the poller fetched the feed: splits each figure into waiting for the poll and the pipeline after it. */
const fetchedAt: number[] = [];
const server = createServer((req, res) => {
  if (req.url === '/echo.xml') {
    fetchedAt.push(Date.now());
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss());
  } else res.writeHead(404).end();
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const config = configSchema.parse({
  council: { name: 'Benchton Borough Council', short: 'Benchton' },
  mayor: { name: 'Pat Bench', aliases: ['Mayor of Benchton', 'Benchton Mayor'] },
  priorities: [{ id: 'housing', name: 'Housing', query: 'housing' }],
  sensitivity: { triggers: [{ term: 'resign*', weight: 2 }, 'investigation', 'criticises', 'scandal', '"calls for"'] },
  groups: [{ id: 'press', every }],
  sources: [{ id: 'echo', name: 'Benchton Echo', kind: 'rss', url: `${baseUrl}/echo.xml`, group: 'press', outlet: 'national' }],
  briefing: { to: ['office@benchton.example'], from: 'despatch@benchton.example' },
  alerts: { to: ['office@benchton.example'] },
  network: { allowPrivateHosts: true, contact: 'bench@benchton.example' },
});

const dataDir = mkdtempSync(join(tmpdir(), 'despatch-latency-'));
process.env.POWERTOOLS_LOG_LEVEL ??= 'CRITICAL';
const stack = await LocalStack.start({ config, dataDir, inMemory: true });
const outbox = join(dataDir, 'outbox');
const alertFiles = () => readdirSync(outbox).filter((f) => /alert-.*\.eml$/.test(f));

console.log(`Alert latency on the local stack: the press group polled every ${every} (real schedule and queue consumers), ${samples} sample(s).`);
console.log(`Bound: poll interval + 5 s = ${(boundMs / 1000).toFixed(0)} s.\n`);
try {
  // The first poll sees the seed item; from then on only new stories are new.
  await stack.pollAllGroups();
  await stack.drain({ signal: AbortSignal.timeout(30_000) });
  stack.startBackground(() => undefined);

  const results: number[] = [];
  for (let n = 0; n < samples; n++) {
    // A story appears at any moment between two polls: wait a random part of the interval first.
    await new Promise((r) => setTimeout(r, Math.random() * intervalMs));
    const [title, description] = STORIES[n % STORIES.length]!;
    const before = new Set(alertFiles());
    const appeared = new Date();
    items = [{ guid: `story-${n}-${appeared.getTime()}`, title: n >= STORIES.length ? `${title} (${n})` : title, description, at: appeared }, ...items];
    let latency: number | undefined;
    const deadline = appeared.getTime() + boundMs + 60_000;
    while (Date.now() < deadline) {
      const fresh = alertFiles().find((f) => !before.has(f) && readFileSync(join(outbox, f), 'latin1').includes('Benchton'));
      if (fresh) {
        latency = Date.now() - appeared.getTime();
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    if (latency === undefined) {
      console.log(`sample ${n + 1}: no alert within ${((boundMs + 60_000) / 1000).toFixed(0)} s  OVER the bound`);
      continue;
    }
    results.push(latency);
    const polled = fetchedAt.find((t) => t >= appeared.getTime());
    const split =
      polled === undefined
        ? ''
        : ` = ${((polled - appeared.getTime()) / 1000).toFixed(1)} s until the poll + ${((appeared.getTime() + latency - polled) / 1000).toFixed(1)} s pipeline`;
    console.log(`sample ${n + 1}: ${(latency / 1000).toFixed(1).padStart(5)} s${split}  ${latency <= boundMs ? 'within' : 'OVER'} the bound  ("${title}")`);
  }
  if (results.length > 0) {
    const sorted = [...results].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    console.log(
      `\nmin ${(sorted[0]! / 1000).toFixed(1)} s · median ${(median / 1000).toFixed(1)} s · max ${(sorted.at(-1)! / 1000).toFixed(1)} s · ${results.filter((r) => r <= boundMs).length}/${samples} within ${(boundMs / 1000).toFixed(0)} s`,
    );
    console.log('Most of each figure is waiting for the next poll; the rest (fetch, classify, queue, render, write) is the pipeline.');
  }
} finally {
  await stack.stop();
  server.close();
  rmSync(dataDir, { recursive: true, force: true });
}
