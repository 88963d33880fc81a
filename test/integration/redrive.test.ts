/**
 * `despatch redrive` from another process, against a running local stack and a stopped one: a
 * message that failed until it was dead-lettered is listed with why it failed, and goes back to its
 * queue (at once while the stack runs; at the next start when it is stopped, as the queues are kept
 * on disk).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalStack } from '../../infra/local/runtime.js';
import { testConfig } from '../support/config.js';

const run = promisify(execFile);
const bin = new URL('../../bin/despatch.mjs', import.meta.url).pathname;

describe('despatch redrive', () => {
  let stack: LocalStack;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'despatch-redrive-'));
    stack = await LocalStack.start({
      config: testConfig([{ id: 'paper', url: 'http://127.0.0.1:9/feed' }]),
      dataDir,
      inMemory: true,
      visibilityTimeoutSeconds: 1,
    });
  });

  afterAll(async () => {
    await stack?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('moves dead-lettered messages back to their queue', async () => {
    // Prepare: a message the classifier rejects until it lands in the ingest DLQ.
    const sqs = new SQSClient({});
    await sqs.send(new SendMessageCommand({ QueueUrl: stack.queues.ingest.url, MessageBody: '{"v":1,"kind":"item"}' }));
    sqs.destroy();
    await stack.drain();
    expect((await stack.queueDepth('ingest', 'dlq')).total).toBe(1);
    const listed = await run(process.execPath, [bin, 'redrive', '--list', '--data-dir', dataDir], { timeout: 60_000 });
    expect(listed.stdout).toMatch(/ingest: 1 message\(s\) set aside after failing repeatedly[\s\S]*why: Invalid ingest message: item: /);
    expect(listed.stdout).toContain('alerts: nothing set aside');
    // Act
    const { stdout } = await run(process.execPath, [bin, 'redrive', '--queue', 'ingest', '--data-dir', dataDir], { timeout: 60_000 });
    // Assess
    expect(stdout).toContain('ingest: 1 message(s) moved back to be processed again');
    expect((await stack.queueDepth('ingest', 'dlq')).total).toBe(0);
    expect((await stack.queueDepth('ingest')).total).toBe(1);
  });

  it('says the queues are empty when there is nothing to move', async () => {
    const { stdout } = await run(process.execPath, [bin, 'redrive', '--queue', 'alerts', '--data-dir', dataDir], { timeout: 60_000 });
    expect(stdout).toContain('alerts: nothing set aside');
  });

  it('with the stack stopped, lists the dead letters and puts them back at the next start', async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'despatch-stopped-'));
    const config = testConfig([{ id: 'paper', url: 'http://127.0.0.1:9/feed' }]);
    let other = await LocalStack.start({ config, dataDir: elsewhere, inMemory: true, visibilityTimeoutSeconds: 1 });
    const sqs = new SQSClient({});
    await sqs.send(new SendMessageCommand({ QueueUrl: other.queues.ingest.url, MessageBody: 'not json' }));
    sqs.destroy();
    await other.drain();
    await other.stop();

    const listed = await run(process.execPath, [bin, 'redrive', '--list', '--data-dir', elsewhere], { timeout: 60_000 });
    expect(listed.stdout).toMatch(/ingest: 1 message\(s\) set aside after failing repeatedly\n {2}- not json\n[\s\S]*why: /);
    const { stdout } = await run(process.execPath, [bin, 'redrive', '--data-dir', elsewhere], { timeout: 60_000 });
    expect(stdout).toContain('ingest: 1 message(s) will be processed again at the next start');

    other = await LocalStack.start({ config, dataDir: elsewhere, inMemory: true, visibilityTimeoutSeconds: 1 });
    try {
      expect(other.restored).toEqual({ restored: 1, deadLettered: 0 });
      expect((await other.queueDepth('ingest')).total).toBe(1);
      expect((await other.queueDepth('ingest', 'dlq')).total).toBe(0);
    } finally {
      await other.stop();
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});
