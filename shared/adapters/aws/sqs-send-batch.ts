/**
 * Sends many messages with as few SendMessageBatch calls as SQS allows (10 entries and 256 KiB a
 * call), retries the entries SQS reports as failed once, and says which were sent and which not, so
 * a caller only records as done what is really on the queue.
 */
import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { OutgoingMessage, QueueSender, SendBatchResult } from '../../ingest/ports.js';

export const MAX_ENTRIES_PER_CALL = 10;
export const MAX_BYTES_PER_CALL = 256 * 1024;

export class MessageTooLargeError extends Error {
  constructor(
    readonly key: string,
    readonly bytes: number,
  ) {
    super(`Message ${key} is ${bytes} bytes, more than SQS accepts (${MAX_BYTES_PER_CALL})`);
    this.name = 'MessageTooLargeError';
  }
}

/** Splits messages into calls that respect both SQS limits. */
export function chunkForSqs(messages: readonly OutgoingMessage[]): OutgoingMessage[][] {
  const chunks: OutgoingMessage[][] = [];
  let current: OutgoingMessage[] = [];
  let bytes = 0;
  for (const message of messages) {
    const size = Buffer.byteLength(message.body, 'utf8');
    if (size > MAX_BYTES_PER_CALL) throw new MessageTooLargeError(message.key, size);
    if (current.length === MAX_ENTRIES_PER_CALL || bytes + size > MAX_BYTES_PER_CALL) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(message);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

export async function sendMessages(client: SQSClient, queueUrl: string, messages: readonly OutgoingMessage[]): Promise<SendBatchResult> {
  const result: SendBatchResult = { sent: [], failed: [] };
  // One message SQS can never take is reported as failed on its own; it never takes the others with it.
  const fits = messages.filter((m) => {
    const bytes = Buffer.byteLength(m.body, 'utf8');
    if (bytes <= MAX_BYTES_PER_CALL) return true;
    result.failed.push({ key: m.key, reason: new MessageTooLargeError(m.key, bytes).message });
    return false;
  });
  for (const chunk of chunkForSqs(fits)) {
    let pending = chunk;
    for (let attempt = 1; attempt <= 2 && pending.length > 0; attempt++) {
      const response = await client.send(
        new SendMessageBatchCommand({
          QueueUrl: queueUrl,
          // Entry ids only need to be unique within the call; positions are.
          Entries: pending.map((m, i) => ({ Id: String(i), MessageBody: m.body })),
        }),
      );
      for (const ok of response.Successful ?? []) {
        const message = pending[Number(ok.Id)];
        if (message) result.sent.push(message.key);
      }
      const failed = (response.Failed ?? []).flatMap((f) => {
        const message = pending[Number(f.Id)];
        return message ? [{ message, reason: `${f.Code ?? 'error'}: ${f.Message ?? 'no message'}`, retryable: !f.SenderFault }] : [];
      });
      const retry = attempt === 1 ? failed.filter((f) => f.retryable) : [];
      for (const f of failed.filter((f) => !retry.includes(f))) result.failed.push({ key: f.message.key, reason: f.reason });
      pending = retry.map((f) => f.message);
    }
  }
  return result;
}

/** The queue-sender port over one SQS queue. */
export function createSqsQueueSender(client: SQSClient, queueUrl: string): QueueSender {
  return { sendBatch: (messages) => sendMessages(client, queueUrl, messages) };
}
