/** bench:search at a small size (3 days × 200 items), so the bench cannot rot: it builds, seals and finds the planted counts. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildArchive, QUERIES, timeQueries } from '../../../bench/search.js';

const dataDir = mkdtempSync(join(tmpdir(), 'despatch-bench-search-test-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('bench:search, small', () => {
  it('builds a sealed archive and every query finds exactly the items planted for it', async () => {
    const built = await buildArchive(dataDir, 3, 200);
    const timings = await timeQueries(built, 200, 2, 4);

    expect(built.items).toBe(600);
    expect(built.bytes).toBeGreaterThan(0);
    expect(timings).toHaveLength(QUERIES.length * 2);
    for (const t of timings) {
      expect({ query: t.q, range: t.range, total: t.total }).toEqual({ query: t.q, range: t.range, total: t.expected });
      expect(t.expected).toBeGreaterThan(0);
    }
  });
});
