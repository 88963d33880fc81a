/**
 * `despatch fetch` (its code, in process) over every real feed in ../shared/corpus/feeds/real,
 * read in place and served on loopback: each one prints a JSON array of valid items.
 */
import fs from 'node:fs';
import path from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFetch } from '../../cli/commands/fetch.js';
import { normalisedItemSchema } from '../../shared/platform/model.js';
import { testConfig } from '../support/config.js';
import { startFeedServer, type FeedServer } from '../support/feed-server.js';
import { available } from '../support/required.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const realDir = path.resolve(repoRoot, '..', 'shared', 'corpus', 'feeds', 'real');
const present = available(
  'corpus',
  fs.existsSync(realDir),
  `[corpus] ${realDir} is missing: the fetch command corpus test is skipped (a fresh clone has no ../shared).`,
);
const files = present ? fs.readdirSync(realDir).sort() : [];

let server: FeedServer | undefined;
let dir = '';
let configFile = '';

beforeAll(async () => {
  if (!present) return;
  server = await startFeedServer(Object.fromEntries(files.map((name) => [`/${name}`, { body: fs.readFileSync(path.join(realDir, name)) }])));
  dir = fs.mkdtempSync(path.join(tmpdir(), 'despatch-fetch-corpus-'));
  configFile = path.join(dir, 'despatch.yaml');
  fs.writeFileSync(configFile, stringify(testConfig([{ id: 'placeholder', url: 'https://news.example/feed' }])));
});

afterAll(async () => {
  await server?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!present)('corpus: despatch fetch on every real feed', () => {
  it.each(files)('%s', async (name) => {
    // Act
    const { code, stdout, stderr } = await runFetch([`${server?.baseUrl ?? ''}/${name}`, '--json', '--config', configFile]);
    // Assess
    expect(code, stderr).toBe(0);
    const items = (JSON.parse(stdout) as unknown[]).map((i) => normalisedItemSchema.parse(i));
    if (name !== 'legislation-search-zero-hits.feed') expect(items.length).toBeGreaterThan(0);
  });
});
