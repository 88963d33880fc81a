/**
 * The local queues survive the process: what SendMessage accepted is journalled before the answer,
 * in-flight messages come back after their visibility timeout, dead letters stay dead-lettered with
 * their reason, and a redrive is followed. A "crash" here is closing without any shutdown work, which
 * is all kill -9 leaves (the fault-injection test does the real kill -9 on the CLI).
 */
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SQSClient,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DurableSqs } from '../../infra/local/durable-sqs.js';
import { newLocalCredentials } from '../../infra/local/local-guard.js';
import { JOURNAL_FILE, JournalCorruptError, readJournal } from '../../infra/local/queue-journal.js';

let dir: string;
let running: { sqs: DurableSqs; client: SQSClient } | undefined;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'despatch-durable-sqs-'));
});
afterEach(async () => {
  await stopRunning();
  rmSync(dir, { recursive: true, force: true });
});

async function stopRunning() {
  if (!running) return;
  running.client.destroy();
  await running.sqs.close();
  running = undefined;
}

/** Starts the durable SQS on the data dir, makes the queues, restores what the journal holds. */
async function boot(visibilityTimeout = 30) {
  // Fresh credentials per boot, as per run: the front refuses requests not signed with them.
  const credentials = newLocalCredentials();
  const sqs = await DurableSqs.start({ dir, region: 'eu-west-2', credentials });
  const client = new SQSClient({ endpoint: sqs.endpoint, region: 'eu-west-2', credentials });
  const dlq = (await client.send(new CreateQueueCommand({ QueueName: 'work-dlq' }))).QueueUrl ?? '';
  const dlqArn = (await client.send(new GetQueueAttributesCommand({ QueueUrl: dlq, AttributeNames: ['QueueArn'] }))).Attributes?.QueueArn ?? '';
  const url =
    (
      await client.send(
        new CreateQueueCommand({
          QueueName: 'work',
          Attributes: { VisibilityTimeout: String(visibilityTimeout), RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 2 }) },
        }),
      )
    ).QueueUrl ?? '';
  const urls = new Map([
    ['work', url],
    ['work-dlq', dlq],
  ]);
  const restored = await sqs.restore((name) => urls.get(name));
  running = { sqs, client };
  return { sqs, client, url, dlq, dlqArn, restored };
}

async function sendBodies(client: SQSClient, url: string, bodies: string[]) {
  for (let i = 0; i < bodies.length; i += 10) {
    const chunk = bodies.slice(i, i + 10);
    const { Successful = [] } = await client.send(
      new SendMessageBatchCommand({ QueueUrl: url, Entries: chunk.map((b, j) => ({ Id: String(j), MessageBody: b })) }),
    );
    expect(Successful).toHaveLength(chunk.length);
  }
}

async function receiveAll(client: SQSClient, url: string, visibilityTimeout?: number) {
  const got = [];
  for (;;) {
    const { Messages = [] } = await client.send(
      new ReceiveMessageCommand({
        QueueUrl: url,
        MaxNumberOfMessages: 10,
        AttributeNames: ['All'],
        ...(visibilityTimeout !== undefined ? { VisibilityTimeout: visibilityTimeout } : {}),
      }),
    );
    if (Messages.length === 0) return got;
    got.push(...Messages);
  }
}

async function deleteAll(client: SQSClient, url: string, messages: { ReceiptHandle?: string }[]) {
  for (let i = 0; i < messages.length; i += 10) {
    await client.send(
      new DeleteMessageBatchCommand({ QueueUrl: url, Entries: messages.slice(i, i + 10).map((m, j) => ({ Id: String(j), ReceiptHandle: m.ReceiptHandle })) }),
    );
  }
}

const bodies = (n: number, tag = 'item') => Array.from({ length: n }, (_, i) => JSON.stringify({ tag, i }));

describe('durable local SQS', () => {
  it('keeps accepted messages across a crash, and brings in-flight ones back after their visibility timeout', async () => {
    let q = await boot(2);
    await sendBodies(q.client, q.url, bodies(25));
    const inFlight = await q.client.send(new ReceiveMessageCommand({ QueueUrl: q.url, MaxNumberOfMessages: 5 }));
    expect(inFlight.Messages).toHaveLength(5);
    await deleteAll(q.client, q.url, (inFlight.Messages ?? []).slice(0, 3)); // three done, two in hand at the crash
    await stopRunning();

    q = await boot(2);
    expect(q.restored).toEqual({ restored: 22, deadLettered: 0 });
    const now = await receiveAll(q.client, q.url);
    expect(now).toHaveLength(20);
    await deleteAll(q.client, q.url, now);
    await new Promise((r) => setTimeout(r, 2500));
    const later = await receiveAll(q.client, q.url);
    expect(later.map((m) => m.Body).sort()).toEqual(
      (inFlight.Messages ?? [])
        .slice(3)
        .map((m) => m.Body)
        .sort(),
    );
    await deleteAll(q.client, q.url, later);
    await stopRunning();

    q = await boot(2);
    expect(q.restored.restored).toBe(0);
  });

  it('keeps dead letters dead-lettered, with the reason a consumer recorded, and follows a redrive', async () => {
    let q = await boot(1);
    await sendBodies(q.client, q.url, bodies(1, 'poison'));
    for (let attempt = 1; attempt <= 2; attempt++) {
      const [message] = await receiveAll(q.client, q.url);
      expect(message?.Attributes?.ApproximateReceiveCount).toBe(String(attempt));
      q.sqs.recordFailure(message?.MessageId ?? '', `bad input, attempt ${attempt}`);
      await new Promise((r) => setTimeout(r, 1100));
    }
    expect(await receiveAll(q.client, q.url)).toHaveLength(0); // moved to the DLQ by the emulator
    await stopRunning();

    q = await boot(1);
    expect(q.restored).toEqual({ restored: 1, deadLettered: 1 });
    const [dead] = q.sqs.model.messagesIn('work-dlq');
    expect(dead?.lastError).toBe('bad input, attempt 2');
    expect(q.sqs.model.counts('work-dlq', Date.now())).toEqual({ waiting: 1, inFlight: 0 });

    await q.client.send(new StartMessageMoveTaskCommand({ SourceArn: q.dlqArn }));
    await new Promise((r) => setTimeout(r, 1500));
    const back = await receiveAll(q.client, q.url);
    expect(back.map((m) => m.Body)).toEqual([JSON.stringify({ tag: 'poison', i: 0 })]);
    await deleteAll(q.client, q.url, back);
    expect(q.sqs.model.messages.size).toBe(0);
    await stopRunning();

    q = await boot(1);
    expect(q.restored.restored).toBe(0);
  });

  it('ignores a line torn by a crash mid-append, and refuses a journal damaged in the middle', async () => {
    const q = await boot();
    await sendBodies(q.client, q.url, bodies(3));
    await stopRunning();
    const path = join(dir, JOURNAL_FILE);
    appendFileSync(path, '{"op":"send","queue":"work","id":"torn","bo');
    expect(readJournal(dir).messages.size).toBe(3);

    const lines = readFileSync(path, 'utf8').split('\n');
    lines.splice(1, 0, 'not json at all');
    writeFileSync(path, lines.join('\n'));
    expect(() => readJournal(dir)).toThrow(JournalCorruptError);
  });
});
