/**
 * `despatch redrive` from another process, against a running local stack: a message that failed
 * until it was dead-lettered goes back to its queue and, once the cause is fixed, is processed.
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
    stack = await LocalStack.start({ config: testConfig([{ id: 'paper', url: 'http://127.0.0.1:9/feed' }]), dataDir, inMemory: true, visibilityTimeoutSeconds: 1 });
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
    // Act
    const { stdout } = await run(process.execPath, [bin, 'redrive', '--queue', 'ingest', '--data-dir', dataDir], { timeout: 60_000 });
    // Assess
    expect(stdout).toContain('ingest: 1 message(s) moved back to be processed again');
    expect((await stack.queueDepth('ingest', 'dlq')).total).toBe(0);
    expect((await stack.queueDepth('ingest')).total).toBe(1);
  });

  it('says the queues are empty when there is nothing to move', async () => {
    const { stdout } = await run(process.execPath, [bin, 'redrive', '--queue', 'alerts', '--data-dir', dataDir], { timeout: 60_000 });
    expect(stdout).toContain('alerts: the dead-letter queue is empty');
  });

  it('explains that local queues only exist while the stack runs', async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'despatch-none-'));
    const error = await run(process.execPath, [bin, 'redrive', '--data-dir', elsewhere], { timeout: 60_000 }).catch((e: { code: number; stderr: string }) => e);
    expect(error).toMatchObject({ code: 2, stderr: expect.stringContaining('Despatch is not running from') });
    rmSync(elsewhere, { recursive: true, force: true });
  });
});
