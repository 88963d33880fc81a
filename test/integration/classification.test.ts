/**
 * Classification on the local stack (dynalite, local SQS, the real handlers): one story carried by
 * several outlets is one story with one alert and one set of reasons, and a follow-up when it
 * spreads; and what a new item costs in DynamoDB write units, with its indexes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../infra/local/runtime.js';
import { startTestStack } from '../support/stack.js';
import { classifyAndStore } from '../../shared/classify/classify-item.js';
import { compileRules } from '../../shared/classify/compile-rules.js';
import { loadConfigFile } from '../../shared/platform/config/load.js';
import type { NormalisedItem } from '../../shared/platform/model.js';
import { createDynamoStore, type Store } from '../../shared/adapters/aws/dynamo-store.js';
import { rss, testConfig } from '../support/config.js';
import { startTestServer, type TestServer } from '../support/local-server.js';
import { headerValue, readMime } from '../unit/deliver/email/mime-helpers.js';

const story = {
  gazette: {
    guid: 'g-contract',
    title: 'Hartwell Mayor faces calls to resign over £4m Riverside temporary accommodation contract',
    description: 'Opposition councillors say the contract was extended without a tender.',
  },
  daily: {
    guid: 'd-contract',
    title: 'Riverside temporary accommodation: Hartwell Mayor urged to resign over £4m contract',
    description: 'The £4m contract was extended without a tender, documents show.',
  },
  echo: {
    guid: 'e-contract',
    title: 'Pressure grows on Hartwell Mayor to resign over £4m Riverside temporary accommodation contract',
    description: 'Tenants say the contract extension without a tender must be explained.',
  },
};
const housing = { guid: 'g-homes', title: '240 council homes approved for Riverside', description: 'Planning committee backs the scheme.' };
const transport = { guid: 'd-bus', title: 'Bus route 47 extended to the hospital', description: 'TfL confirms the change.' };

/** The alert emails in the outbox, oldest first: subject and plain-text body as a mail client shows them. */
function alertEmails(outbox: string): { subject: string; text: string }[] {
  return readdirSync(outbox)
    .filter((f) => f.endsWith('.eml') && f.includes('alert'))
    .sort()
    .map((f) => {
      const { headers, parts } = readMime(readFileSync(join(outbox, f)));
      return { subject: headerValue(headers, 'Subject') ?? '', text: parts.find((p) => /text\/plain/i.test(p.headers))?.body ?? '' };
    });
}

describe('one story across outlets, on the local stack', () => {
  let server: TestServer;
  let stack: LocalStack;
  let store: Store;
  let stopStack: (() => Promise<void>) | undefined;
  const start = new Date(Date.now() - 60_000);

  beforeAll(async () => {
    // Prepare: three outlets (one national); the third carries the story only later.
    server = await startTestServer({
      '/gazette.xml': { body: rss([story.gazette, housing]) },
      '/daily.xml': { body: rss([story.daily, transport]) },
      '/echo.xml': { body: rss([]) },
    });
    const base = testConfig([
      { id: 'gazette', url: `${server.baseUrl}/gazette.xml` },
      { id: 'daily', url: `${server.baseUrl}/daily.xml` },
      { id: 'echo', url: `${server.baseUrl}/echo.xml` },
    ]);
    const config = { ...base, sources: base.sources.map((s) => (s.id === 'daily' ? { ...s, outlet: 'national' as const } : s)) };
    ({ stack, store, stop: stopStack } = await startTestStack(config, 'stories'));
  });

  afterAll(async () => {
    await stopStack?.();
    await server?.close();
  });

  it('makes one story of two outlets’ versions, with one alert and one set of reasons', async () => {
    // Act
    await stack.pollAllGroups();
    await stack.drain();
    // Assess
    const items = await store.itemsSeenBetween(start, new Date());
    const byTitle = new Map(items.map((i) => [i.title, i]));
    const a = byTitle.get(story.gazette.title);
    const b = byTitle.get(story.daily.title);
    expect(a?.clusterId).toBeDefined();
    expect(b?.clusterId).toBe(a?.clusterId);
    expect(byTitle.get(housing.title)?.clusterId).not.toBe(a?.clusterId);
    const record = await store.getStory(a?.clusterId ?? '');
    expect(record).toMatchObject({ size: 2, level: 'high' });
    expect(record?.outlets.map((o) => o.id).sort()).toEqual(['daily', 'gazette']);
    // The national outlet's version is the stronger evidence, so it speaks for the story.
    expect(record?.best?.outlet.sourceId).toBe('daily');

    const alerts = alertEmails(stack.outboxDir);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.subject).toMatch(/^Sensitive coverage: /);
    expect(alerts[0]?.text).toContain('Mayor named');
  });

  it('follows up when a third outlet carries the story', async () => {
    // Prepare
    server.routes.set('/echo.xml', { body: rss([story.echo]) });
    // Act
    await stack.pollAllGroups();
    await stack.drain();
    // Assess
    const items = await store.itemsSeenBetween(start, new Date());
    const echo = items.find((i) => i.title === story.echo.title);
    const record = await store.getStory(echo?.clusterId ?? '');
    expect(record).toMatchObject({ size: 3 });
    // The story's reasons, the same whichever outlet's version is read (outlets in order of arrival).
    const [who, outlet, spread, ...rest] = echo?.sensitivity.reasons ?? [];
    expect(who).toBe('Mayor named ("Hartwell Mayor") within 3 words of "resign" in daily');
    expect(outlet).toBe('national outlet (daily): score × 1.5');
    expect(spread).toMatch(/^3 outlets carry the story \((?=.*gazette)(?=.*daily)(?=.*echo)[a-z, ]+\): score \+ 2$/);
    expect(rest).toEqual([]);
    const alerts = alertEmails(stack.outboxDir);
    expect(alerts).toHaveLength(2);
    // The follow-up keeps the thread's subject and says what changed first.
    expect(alerts[1]?.subject).toBe(alerts[0]?.subject);
    expect(alerts[1]?.text).toMatch(/^Now carried by 3 outlets/);
    expect(alerts[1]?.text).toContain('3 outlets carry the story');
  });

  it('changes nothing when the feeds are polled again unchanged', async () => {
    await stack.pollAllGroups();
    await stack.drain();
    const items = await store.itemsSeenBetween(start, new Date());
    const echo = items.find((i) => i.title === story.echo.title);
    expect((await store.getStory(echo?.clusterId ?? ''))?.size).toBe(3);
    expect(items.filter((i) => i.clusterId === echo?.clusterId)).toHaveLength(3);
    expect(alertEmails(stack.outboxDir)).toHaveLength(2);
  });

  it('writes a typical new item with its indexes in at most 3 write units, and says what the story row adds', async () => {
    // Prepare: the Lewisham rules (long priority queries are stored with each tag) and items of the
    // size local papers send (a 300-character snippet), through a client that reports write units.
    const rules = compileRules(loadConfigFile('config/example.yaml'));
    const writes: { key: string; units: number; indexUnits: number }[] = [];
    const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));
    const send = doc.send.bind(doc);
    doc.send = (async (command: { input: Record<string, unknown> }) => {
      command.input.ReturnConsumedCapacity = 'TOTAL';
      const output = (await send(command as never)) as { ConsumedCapacity?: { CapacityUnits?: number } };
      const item = command.input.Item as Record<string, unknown> | undefined;
      if (command.input.UpdateExpression !== undefined) {
        // Marking an alert "queued" rewrites the item row (and so its gsi1 copy, which is the row's size).
        writes.push({ key: 'UPDATE', units: output.ConsumedCapacity?.CapacityUnits ?? 0, indexUnits: output.ConsumedCapacity?.CapacityUnits ?? 0 });
      }
      if (item) {
        // dynalite leaves index writes out of ConsumedCapacity: an ALL-projected gsi1 copy costs
        // what the row does, by its size.
        const indexUnits = item.gsi1pk === undefined ? 0 : Math.ceil(itemSize(item) / 1024);
        writes.push({ key: `${String(item.pk).split('#')[0]}`, units: output.ConsumedCapacity?.CapacityUnits ?? 0, indexUnits });
      }
      return output;
    }) as typeof doc.send;
    const measuring = createDynamoStore(doc, 'despatch', { retentionDays: 400 });
    const deps = { rules, store: measuring, sendAlert: async () => undefined, now: () => new Date() };
    const snippet = (s: string) =>
      `${s} ${'The council said the plans would be considered by the Mayor and Cabinet next month, and residents can comment online until the end of January. '.repeat(3)}`.slice(
        0,
        300,
      );
    const typical: [string, NormalisedItem][] = [
      [
        'one priority',
        normalised('a1', 'Lewisham to buy 200 homes for homeless families in £50m deal', snippet('The homes will replace bed and breakfast places.')),
      ],
      [
        'no priority',
        normalised(
          'a2',
          'Beckenham Place Park lake reopens to swimmers after algae tests',
          snippet('Blue-green algae was found in routine water tests in August.'),
        ),
      ],
      [
        'sensitive, one priority',
        normalised('a3', 'Lewisham Mayor urged to resign over temporary accommodation costs', snippet('Opposition councillors say the costs have doubled.')),
      ],
    ];
    // Act
    const figures = [];
    for (const [label, input] of typical) {
      writes.length = 0;
      await classifyAndStore(input, deps);
      const item = writes.filter((w) => w.key === 'ITEM').reduce((n, w) => n + w.units + w.indexUnits, 0);
      const priority = writes.filter((w) => w.key === 'PRIORITY').reduce((n, w) => n + w.units, 0);
      const storyRow = writes.filter((w) => w.key === 'STORIES').reduce((n, w) => n + w.units, 0);
      const alertMark = writes.filter((w) => w.key === 'UPDATE').reduce((n, w) => n + w.units + w.indexUnits, 0);
      figures.push({ label, itemWithIndexes: item + priority, storyRow, alertMark });
    }
    const byPriority = await measuring.itemsByPriority('housing', new Date(Date.now() - 3_600_000), new Date());
    doc.destroy();
    // Assess
    expect(byPriority.map((e) => e.title)).toEqual(expect.arrayContaining([typical[0]![1].title, typical[2]![1].title]));
    expect(byPriority.find((e) => e.title === typical[2]![1].title)?.level).toBe('high');
    for (const f of figures) {
      console.log(
        `write units, ${f.label}: item + day index + priority rows = ${f.itemWithIndexes}; story row = ${f.storyRow}; alert marked queued = ${f.alertMark}`,
      );
    }
    for (const f of figures) {
      expect(f.itemWithIndexes).toBeLessThanOrEqual(3);
      expect(f.storyRow).toBe(1);
    }
  });
});

function normalised(guid: string, title: string, summary: string): NormalisedItem {
  const now = new Date().toISOString();
  return {
    id: guid
      .padEnd(32, '0')
      .replace(/[^a-f0-9]/g, 'a')
      .slice(0, 32),
    sourceId: 'news-shopper',
    sourceName: 'News Shopper',
    group: 'press',
    title,
    link: `https://www.newsshopper.co.uk/news/24912345.${guid}-lewisham-council-plans-explained/`,
    summary,
    categories: ['News'],
    publishedAt: now,
    seenAt: now,
    kind: 'article',
  };
}

/** A DynamoDB item's size as AWS counts it: attribute names and values, with map and list overheads. */
function itemSize(item: Record<string, unknown>): number {
  const size = (v: unknown): number => {
    if (v === null || v === undefined || typeof v === 'boolean') return 1;
    if (typeof v === 'string') return Buffer.byteLength(v);
    if (typeof v === 'number') return Math.ceil(String(Math.abs(v)).replace(/[.-]/g, '').replace(/^0+/, '').length / 2) + 1;
    if (v instanceof Uint8Array) return v.length;
    if (Array.isArray(v)) return 3 + v.reduce((n: number, x) => n + size(x) + 1, 0);
    return 3 + Object.entries(v as Record<string, unknown>).reduce((n, [k, x]) => n + Buffer.byteLength(k) + size(x) + 1, 0);
  };
  return Object.entries(item).reduce((n, [k, v]) => n + Buffer.byteLength(k) + size(v), 0);
}
