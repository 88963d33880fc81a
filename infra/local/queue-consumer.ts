/**
 * What Lambda's SQS event source mapping does, on one machine: receive up to a batch (waiting at most
 * the batching window to fill it), invoke the handler with a real-shaped SQSEvent, delete the
 * messages it did not report in `batchItemFailures`. A reported or thrown failure is left alone: the
 * message reappears after its visibility timeout and local SQS moves it to the DLQ after
 * maxReceiveCount, exactly as in AWS.
 */
import { FullBatchFailureError } from '@aws-lambda-powertools/batch';
import { DeleteMessageBatchCommand, ReceiveMessageCommand, type Message, type SQSClient } from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { QueueTrigger } from '../../shared/platform/topology.js';
import type { LocalQueue } from './provision.js';

export type SqsHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse | void>;

export interface ConsumeResult {
  received: number;
  failed: number;
}

export class QueueConsumer {
  private running = false;
  private loop: Promise<void> | undefined;
  /** Messages handled and deleted by this consumer since it was made. */
  processed = 0;

  constructor(
    private readonly client: SQSClient,
    private readonly queue: LocalQueue,
    private readonly trigger: QueueTrigger,
    private readonly handler: SqsHandler,
    private readonly context: () => Context,
    private readonly region: string,
    private readonly onError: (error: unknown) => void,
    /** Told why a message failed when the whole batch threw (reported failures say so themselves). */
    private readonly onMessageFailed: (messageId: string, reason: string) => void = () => undefined,
  ) {}

  /** Receives one batch and hands it to the handler; resolves with how many messages it saw. */
  async consumeOnce(waitSeconds = 0): Promise<ConsumeResult> {
    const messages = await this.receiveBatch(waitSeconds);
    if (messages.length === 0) return { received: 0, failed: 0 };
    const records = messages.map((m) => this.toRecord(m));
    let failedIds: Set<string>;
    try {
      const response = await this.handler({ Records: records }, this.context());
      failedIds = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
    } catch (error) {
      // A thrown error fails the whole batch, as in Lambda.
      this.onError(error);
      failedIds = new Set(records.map((r) => r.messageId));
      // Every record failing is reported per record already, with its own reason; keep those.
      if (!(error instanceof FullBatchFailureError)) {
        const reason = error instanceof Error ? error.message : String(error);
        for (const id of failedIds) this.onMessageFailed(id, `the whole batch failed: ${reason}`);
      }
    }
    const done = messages.filter((m) => m.MessageId && !failedIds.has(m.MessageId));
    for (let i = 0; i < done.length; i += 10) {
      const chunk = done.slice(i, i + 10);
      await this.client.send(
        new DeleteMessageBatchCommand({
          QueueUrl: this.queue.url,
          Entries: chunk.map((m, j) => ({ Id: String(j), ReceiptHandle: m.ReceiptHandle })),
        }),
      );
    }
    this.processed += done.length;
    return { received: messages.length, failed: messages.length - done.length };
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        try {
          await this.consumeOnce(1);
        } catch (error) {
          this.onError(error);
          await new Promise((r) => setTimeout(r, 1000));
        }
      }
    })();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  private async receiveBatch(waitSeconds: number): Promise<Message[]> {
    const messages: Message[] = [];
    const windowEnds = Date.now() + this.trigger.maxBatchingWindowSeconds * 1000;
    while (messages.length < this.trigger.batchSize) {
      const { Messages } = await this.client.send(
        new ReceiveMessageCommand({
          QueueUrl: this.queue.url,
          MaxNumberOfMessages: Math.min(10, this.trigger.batchSize - messages.length),
          WaitTimeSeconds: messages.length === 0 ? waitSeconds : 0,
          // local-aws-sqs returns system attributes only for the older AttributeNames parameter.
          AttributeNames: ['All'],
        }),
      );
      messages.push(...(Messages ?? []));
      if (!Messages || Messages.length === 0 || Date.now() >= windowEnds) break;
    }
    return messages;
  }

  private toRecord(message: Message): SQSRecord {
    const attributes = message.Attributes ?? {};
    return {
      messageId: message.MessageId ?? '',
      receiptHandle: message.ReceiptHandle ?? '',
      body: message.Body ?? '',
      attributes: {
        ApproximateReceiveCount: attributes.ApproximateReceiveCount ?? '1',
        SentTimestamp: attributes.SentTimestamp ?? String(Date.now()),
        SenderId: attributes.SenderId ?? 'local',
        ApproximateFirstReceiveTimestamp: attributes.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
      },
      messageAttributes: {},
      md5OfBody: message.MD5OfBody ?? '',
      eventSource: 'aws:sqs',
      eventSourceARN: this.queue.arn,
      awsRegion: this.region,
    };
  }
}
