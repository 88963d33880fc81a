/**
 * One item followed through the logs: every function logs it under the same correlation id (the
 * item's id), from the poll to its alert and the briefing that carried it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LocalStack } from '../../infra/local/runtime.js';
import { rss, testConfig } from '../support/config.js';
import { startTestServer, type TestServer } from '../support/local-server.js';

describe('correlation id in the logs', () => {
  let server: TestServer;
  let stack: LocalStack;
  let dataDir: string;
  const lines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    server = await startTestServer({
      '/paper.xml': {
        body: rss([{ guid: 'c1', title: 'Hartwell Mayor faces calls to resign over housing deal', description: 'An investigation is demanded.' }]),
      },
    });
    dataDir = mkdtempSync(join(tmpdir(), 'despatch-corr-'));
    stack = await LocalStack.start({
      config: testConfig([{ id: 'paper', url: `${server.baseUrl}/paper.xml` }]),
      dataDir,
      inMemory: true,
      visibilityTimeoutSeconds: 1,
    });
    // Powertools writes one JSON object per line to stdout.
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      for (const line of String(chunk).split('\n')) {
        if (line.startsWith('{')) lines.push(JSON.parse(line) as Record<string, unknown>);
      }
      return true;
    });
  });

  afterAll(async () => {
    vi.restoreAllMocks();
    await stack?.stop();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('logs the item under one id in the poller, classifier, alerter and briefing', async () => {
    // Act
    await stack.pollAllGroups();
    await stack.drain();
    await stack.briefing();
    // Assess
    const queued = lines.find((l) => l.message === 'item queued');
    expect(queued).toBeDefined();
    const id = queued?.correlationId as string;
    expect(id).toMatch(/^[a-f0-9]{32}$/);
    expect(lines.find((l) => l.message === 'item classified' && l.correlationId === id)).toBeDefined();
    expect(lines.find((l) => l.message === 'alert handled' && l.correlationId === id)).toBeDefined();
    expect(lines.find((l) => l.message === 'briefing' && Array.isArray(l.correlationIds) && l.correlationIds.includes(id))).toBeDefined();
  });
});
