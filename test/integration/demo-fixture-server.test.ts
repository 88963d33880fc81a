/**
 * The demo's feed server answers a malformed percent-escape in a path with 400 and keeps serving
 * (decodeURIComponent threw in the request handler, which ended the process).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../../demo/fixture-server.js';

let dir: string;
let server: FixtureServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'despatch-fixtures-'));
  writeFileSync(join(dir, 'news.xml'), '<rss version="2.0"><channel><title>News</title></channel></rss>');
  server = await startFixtureServer(dir);
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A raw GET, so the path reaches the server exactly as written (fetch would normalise it). */
function get(path: string): Promise<number> {
  const { port } = new URL(server.baseUrl);
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    })
      .on('error', reject)
      .end();
  });
}

it('answers 400 to a malformed percent-escape and keeps serving', async () => {
  expect(await get('/%E0%A4%A')).toBe(400);
  expect(await get('/%')).toBe(400);
  expect(await get('/news.xml')).toBe(200);
  expect(await get('/missing.xml')).toBe(404);
});
