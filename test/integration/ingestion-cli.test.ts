/**
 * `despatch fetch` as a person runs it: a child process against sources on loopback. It prints the
 * items the poller would get (the same ids), a JSON array with --json, and a reason with a
 * non-zero exit when the source cannot be read.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { despatch } from '../support/cli.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configSchema, type Config } from '../../shared/platform/config/schema.js';
import { fetchSource } from '../../shared/ingest/fetch-source.js';
import { normalisedItemSchema } from '../../shared/platform/model.js';
import { rss } from '../support/config.js';
import { startFeedServer, type FeedServer } from '../support/feed-server.js';

const listing = `<html><head><title>Hartwell news</title></head><body><ul class="news">
  <li><a href="/news/library">Library reopens</a><span class="d">20/11/2026</span></li>
  <li><a href="/news/homes">240 council homes approved</a><span class="d">19/11/2026</span></li></ul></body></html>`;

function configFor(baseUrl: string, allowPrivateHosts: boolean): Config {
  return configSchema.parse({
    council: { name: 'London Borough of Hartwell', short: 'Hartwell' },
    mayor: { name: 'Sam Okafor' },
    priorities: [{ id: 'housing', name: 'Housing', query: 'homes' }],
    sensitivity: { triggers: ['resign*'] },
    groups: [{ id: 'press', every: '10m' }],
    sources: [
      { id: 'gazette', name: 'Hartwell Gazette', kind: 'rss', url: `${baseUrl}/gazette.xml`, group: 'press' },
      {
        id: 'council-news',
        name: 'Council news',
        kind: 'html',
        url: `${baseUrl}/news`,
        group: 'press',
        selectors: { item: 'ul.news li', title: 'a', link: 'a', date: '.d' },
      },
    ],
    briefing: { to: ['pa@hartwell.example'], from: 'despatch@hartwell.example' },
    alerts: { to: ['pa@hartwell.example'] },
    network: { allowPrivateHosts, contact: 'tests@hartwell.example', timeoutSeconds: 5 },
  });
}

describe('despatch fetch', () => {
  let server: FeedServer;
  let dir: string;
  let config: Config;
  let configFile: string;
  let strictFile: string;

  beforeAll(async () => {
    server = await startFeedServer({
      '/gazette.xml': {
        headers: { 'Content-Type': 'application/rss+xml' },
        body: rss([
          { guid: 'g1', title: 'Mayor opens library', link: 'https://gazette.example/library?utm_source=rss' },
          { guid: 'g2', title: 'Budget consultation opens' },
        ]),
      },
      '/news': { headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: listing },
    });
    dir = mkdtempSync(join(tmpdir(), 'despatch-fetch-'));
    config = configFor(server.baseUrl, true);
    configFile = join(dir, 'despatch.yaml');
    writeFileSync(configFile, stringify(config));
    strictFile = join(dir, 'strict.yaml');
    writeFileSync(strictFile, stringify(configFor(server.baseUrl, false)));
  });

  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints the items of a feed given by its address', async () => {
    // Act
    const { code, stdout, stderr } = await despatch(['fetch', `${server.baseUrl}/gazette.xml`, '--config', configFile]);
    // Assess
    expect(code, stderr).toBe(0);
    expect(stdout).toContain(`Test feed: 2 items (rss, ${server.baseUrl}/gazette.xml)`);
    expect(stdout).toContain('1. Mayor opens library');
    expect(stdout).toContain('   https://gazette.example/library\n');
    expect(stdout).toMatch(/2\. Budget consultation opens\n {3}\d{1,2} \w{3,4} \d{4}, \d{2}:\d{2} · article/);
  });

  it('prints a JSON array with --json: the same items, with the same ids, as the poller gets', async () => {
    // Prepare
    const source = config.sources.find((s) => s.id === 'gazette');
    if (!source) throw new Error('no gazette');
    const polled = await fetchSource(source, {}, { network: config.network, now: new Date() });
    // Act
    const { code, stdout } = await despatch(['fetch', 'gazette', '--config', configFile, '--json']);
    // Assess
    expect(code).toBe(0);
    const items = (JSON.parse(stdout) as unknown[]).map((i) => normalisedItemSchema.parse(i));
    expect(items.map((i) => i.id)).toEqual(polled.kind === 'ok' ? polled.items.map((i) => i.id) : []);
    expect(items.map((i) => i.title)).toEqual(['Mayor opens library', 'Budget consultation opens']);
  });

  it('reads an html source by its id, with the selectors from the configuration', async () => {
    // Act
    const { code, stdout, stderr } = await despatch(['fetch', 'council-news', '--config', configFile]);
    // Assess
    expect(code, stderr).toBe(0);
    expect(stdout).toContain('1. Library reopens');
    expect(stdout).toContain(`${server.baseUrl}/news/library`);
    expect(stdout).toContain('20 Nov 2026, 00:00 · article');
  });

  it('exits 1 with the reason when the source cannot be read', async () => {
    // Act
    const missing = await despatch(['fetch', `${server.baseUrl}/gone.xml`, '--config', configFile]);
    const blocked = await despatch(['fetch', `${server.baseUrl}/gazette.xml`, '--config', strictFile]);
    // Assess
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe(`Cannot read ${server.baseUrl}/gone.xml: HTTP 404 Not Found`);
    expect(blocked.code).toBe(1);
    expect(blocked.stderr.trim()).toBe(`Cannot read ${server.baseUrl}/gazette.xml: blocked: a loopback address (127.0.0.1)`);
  });

  it('exits 2 and explains when it is used wrongly', async () => {
    // Act
    const badKind = await despatch(['fetch', `${server.baseUrl}/gazette.xml`, '--kind', 'json', '--config', configFile]);
    const htmlWithoutSelectors = await despatch(['fetch', `${server.baseUrl}/elsewhere`, '--kind', 'html', '--config', configFile]);
    const nothing = await despatch(['fetch', '--config', configFile]);
    // Assess
    expect(badKind.code).toBe(2);
    expect(badKind.stderr).toContain(
      '--kind must be one of rss, atom, rdf, html, parliament-bills, moderngov, written-questions, written-statements, hansard, edm, committees (not "json")',
    );
    expect(htmlWithoutSelectors.code).toBe(2);
    expect(htmlWithoutSelectors.stderr).toContain('an html source needs CSS selectors');
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain('fetch needs one URL');
  });
});
