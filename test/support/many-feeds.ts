/**
 * Many feeds on loopback for the fault-injection test and the 300 x 50 benchmark: `feeds` RSS feeds
 * of `itemsPerFeed` distinct items each (every `sensitiveEvery`-th feed carries one item that names
 * the Mayor with a trigger, so alerts fall due), each answering after `delayMs`, and a config file
 * for them in `dir`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { rss, testConfig } from './config.js';
import { startFeedServer, type FeedServer } from './feed-server.js';

export interface ManyFeeds {
  server: FeedServer;
  configFile: string;
  itemIds: string[];
  close(): Promise<void>;
}

const PLACES = ['Riverside', 'Northgate', 'Eastbrook', 'Millfield', 'Southwark Lane', 'Hollow Park', 'Kingsmead', 'Larkhill', 'Bramley', 'Ashford Rise'];

export async function startManyFeeds(options: {
  dir: string;
  feeds: number;
  itemsPerFeed: number;
  delayMs?: number;
  sensitiveEvery?: number;
}): Promise<ManyFeeds> {
  const bodies = new Map<string, string>();
  const itemIds: string[] = [];
  for (let f = 0; f < options.feeds; f++) {
    const items = Array.from({ length: options.itemsPerFeed }, (_, i) => {
      const guid = `feed${f}-item${i}`;
      itemIds.push(guid);
      const sensitive = options.sensitiveEvery !== undefined && f % options.sensitiveEvery === 0 && i === 0;
      const place = PLACES[f % PLACES.length] ?? 'Hartwell';
      return {
        guid,
        title: sensitive
          ? `Hartwell Mayor criticised by ombudsman over ${place} case ${f}`
          : `${place} ${['library', 'market', 'school', 'park', 'bridge'][i % 5]} update number ${f * 1000 + i}`,
        description: `Story ${i} of feed ${f}.`,
      };
    });
    bodies.set(`/feed-${f}.xml`, rss(items));
  }
  const delay = options.delayMs ?? 0;
  const server = await startFeedServer(
    Object.fromEntries(
      [...bodies].map(([path, body]) => [
        path,
        (_req, res) => {
          setTimeout(() => res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(body), delay);
        },
      ]),
    ),
  );
  const config = testConfig(
    Array.from({ length: options.feeds }, (_, f) => ({ id: `feed-${f}`, url: `${server.baseUrl}/feed-${f}.xml` })),
    // One host serves them all here; let more of them be fetched at once than a real host would get.
    { network: { allowPrivateHosts: true, contact: 'tests@hartwell.example', timeoutSeconds: 20, maxBodyBytes: 5 * 1024 * 1024, perHostConcurrency: 8 } },
  );
  const configFile = join(options.dir, 'despatch.yaml');
  writeFileSync(configFile, stringify(config));
  return { server, configFile, itemIds, close: () => server.close() };
}
