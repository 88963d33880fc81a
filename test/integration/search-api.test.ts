/**
 * GET /api/search and /api/search/export as the page uses them: the real review-api handler on the
 * local stack, behind the loopback server standing in for API Gateway, over the data dir's archive.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archive, store } from '../../shared/runtime/container.js';
import { provideWebAssets } from '../../shared/runtime/web-assets.js';
import { searchResponseSchema } from '../../shared/workspace/search-api.js';
import { newLocalToken, startReviewServer, type ReviewServer } from '../../infra/local/http-adapter.js';
import { LocalStack } from '../../infra/local/runtime.js';
import { gridConfig, item } from '../unit/grid/fixtures.js';

const READER = newLocalToken();
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
const dataDir = mkdtempSync(join(tmpdir(), 'despatch-search-api-'));
let stack: LocalStack;
let server: ReviewServer;

const get = (path: string, token = READER) => fetch(`${server.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

const items = [
  item({ title: 'Temporary accommodation costs double', summary: 'The council spends more on temporary accommodation.', seenAt: hoursAgo(50) }),
  item({ title: 'Accommodation that is temporary', summary: 'Words apart, not the phrase.', seenAt: hoursAgo(40) }),
  item({
    title: '=HYPERLINK("http://evil.example") temporary accommodation',
    summary: '<script>alert(1)</script>',
    priority: { id: 'housing', name: 'Housing' },
    sensitive: true,
    seenAt: hoursAgo(2),
  }),
  item({ title: 'Bus lanes extended', summary: 'Transport news.', seenAt: hoursAgo(1) }),
];

beforeAll(async () => {
  stack = await LocalStack.start({ config: gridConfig({ channels: [{ id: 'x', days: ['tue'], times: ['08:30'] }] }), dataDir, inMemory: true });
  provideWebAssets({ 'index.html': '<!doctype html><title>x</title>', 'app.js': 'export {};', 'style.css': '' });
  // The first three as the classifier leaves them: in the store and archived; the last one only
  // in the store (stored moments ago, not archived yet), which search reads too.
  for (const i of items.slice(0, 3)) {
    await store().putItemIfAbsent({ item: i });
    await archive()?.append(i);
  }
  await store().putItemIfAbsent({ item: { ...items[3]!, seenAt: new Date().toISOString() } });
  server = await startReviewServer({
    invoke: (event) => stack.invoke('review-api', event),
    users: new Map([[READER, { id: 'intern@hartwell.example', groups: ['readers'] }]]),
  });
});

afterAll(async () => {
  await server?.close();
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('GET /api/search', () => {
  it('finds exactly the items with the phrase, for a reader, with marks and counts', async () => {
    const response = await get(`/api/search?q=${encodeURIComponent('"temporary accommodation"')}`);
    expect(response.status).toBe(200);
    const body = searchResponseSchema.parse(await response.json());
    expect(body.items.map((i) => i.id)).toEqual([items[2]!.id, items[0]!.id]); // newest first
    expect(body.total).toBe(2);
    expect(body.counts.byPriority).toEqual({ housing: 1 });
    expect(Object.values(body.counts.byWeek).reduce((a, b) => a + b, 0)).toBe(2);
    const hit = body.items[1]!;
    expect(hit.marks.title).toEqual([{ start: 0, end: 'Temporary accommodation'.length, kind: 'priority' }]);
    expect(hit.snippet.slice(hit.marks.snippet[0]!.start, hit.marks.snippet[0]!.end)).toBe('temporary accommodation');
    // Feed markup is data in the JSON, for the page to put in text nodes.
    expect(body.items[0]!.snippet).toBe('<script>alert(1)</script>');
  });

  it('reads items the archive does not have yet from the store, and filters', async () => {
    const all = searchResponseSchema.parse(await (await get('/api/search?q=bus')).json());
    expect(all.items.map((i) => i.id)).toEqual([items[3]!.id]);
    const sensitive = searchResponseSchema.parse(await (await get(`/api/search?q=accommodation&level=high`)).json());
    expect(sensitive.items.map((i) => i.id)).toEqual([items[2]!.id]);
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const none = searchResponseSchema.parse(await (await get(`/api/search?q=accommodation&from=${tomorrow}`)).json());
    expect(none.total).toBe(0);
    const paged = searchResponseSchema.parse(await (await get('/api/search?q=accommodation&limit=1&offset=1&sort=relevance')).json());
    expect(paged).toMatchObject({ total: 3 });
    expect(paged.items).toHaveLength(1);
  });

  it('says where a query has a mistake, and refuses bad parameters and strangers', async () => {
    const bad = await get(`/api/search?q=${encodeURIComponent('(housing OR rent')}`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ column: 1, error: expect.stringContaining('mistake') });
    expect((await get('/api/search?q=x&from=yesterday')).status).toBe(400);
    expect((await get('/api/search?q=x&limit=100000')).status).toBe(400);
    expect((await get('/api/search')).status).toBe(400);
    expect((await get('/api/search?q=x', '')).status).toBe(401);
  });
});

describe('GET /api/search/export', () => {
  it('writes the results as CSV with formulas defused', async () => {
    const response = await get(`/api/search/export?format=csv&q=${encodeURIComponent('"temporary accommodation"')}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="despatch-search-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = (await response.text())
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil.example"") temporary accommodation"`);
  });

  it('writes the results as XLSX, text cells only', async () => {
    const response = await get(`/api/search/export?format=xlsx&q=accommodation`);
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.getWorksheet('Search')!;
    expect(sheet.rowCount).toBe(4);
    const titles = [2, 3, 4].map((r) => sheet.getRow(r).getCell(2).value);
    expect(titles).toContain('=HYPERLINK("http://evil.example") temporary accommodation');
    expect(titles.every((t) => typeof t === 'string')).toBe(true);
  });
});
