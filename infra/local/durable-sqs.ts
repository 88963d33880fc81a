/**
 * Local SQS that survives kill -9: local-aws-sqs answers the SQS JSON protocol, and a front server on
 * the endpoint the clients use passes each request through to it and journals what the answer
 * changed (queue-journal.ts) before the client sees the answer. The handlers and the @aws-sdk
 * clients are the ones used in AWS; only the endpoint differs.
 *
 * Guarantee: a message whose SendMessage(Batch) was answered "accepted" is on disk. A received and
 * undeleted message (in flight at a crash) comes back on the next start once what was left of its
 * visibility timeout has passed, with its retries counted afresh; a dead-lettered one comes back
 * dead-lettered, with the failure reason the consumer recorded.
 *
 * The front is guarded (local-guard.ts): only requests signed with this run's credentials, from no
 * web page, get through; the emulator behind it answers only the front (its inner secret).
 */
import { createServer, Agent, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { createRequestHandler } from 'local-aws-sqs';
import * as z from 'zod';
import { QueueJournal, type JournalEvent, type JournalModel } from './queue-journal.js';
import {
  answerClientErrors,
  checkAwsRequest,
  failRequest,
  forwardToInner,
  MAX_AWS_BODY_BYTES,
  INNER_SECRET_HEADER,
  listenOnLoopback,
  newInnerSecret,
  readBody,
  refuse,
  requireInnerSecret,
  type LocalCredentials,
} from './local-guard.js';

const TARGET_PREFIX = 'AmazonSQS.';
/** SQS caps DelaySeconds at 15 minutes; an in-flight message with longer left comes back then. */
const MAX_DELAY_SECONDS = 900;

export class DurableSqs {
  private constructor(
    readonly endpoint: string,
    readonly journal: QueueJournal,
    private readonly front: Server,
    private readonly inner: Server,
    private readonly agent: Agent,
    private readonly region: string,
    private readonly innerSecret: string,
  ) {}

  /** Starts the emulator behind a journalling front on loopback; call `restore()` once the queues exist. */
  static async start(options: { dir: string; region: string; credentials: LocalCredentials }): Promise<DurableSqs> {
    const journal = QueueJournal.open(options.dir);
    const agent = new Agent({ keepAlive: true });
    const handles = new Map<string, string>();
    const secret = newInnerSecret();
    let innerPort = 0;
    let frontPort = 0;
    const front = createServer((req, res) => {
      const guard = { port: frontPort, region: options.region, credentials: options.credentials };
      passThrough(req, res, { port: innerPort, secret, agent }, guard, journal, handles).catch((error: unknown) =>
        failRequest(res, error, 'durable local SQS'),
      );
    });
    answerClientErrors(front);
    frontPort = await listenOnLoopback(front);
    // The emulator builds queue URLs from the port it is told: the front's, so clients keep coming through it.
    const { requestHandler } = createRequestHandler({ port: frontPort, hostname: '127.0.0.1', region: options.region, emulateQueueCreationLifecycle: false });
    const inner = createServer(requestHandler);
    requireInnerSecret(inner, secret);
    innerPort = await listenOnLoopback(inner);
    return new DurableSqs(`http://127.0.0.1:${frontPort}`, journal, front, inner, agent, options.region, secret);
  }

  /**
   * Puts the journal's live messages back into the emulator's (now created) queues and compacts the
   * journal to them, under the ids the emulator gave them. Returns how many came back.
   */
  async restore(queueUrlOf: (queueName: string) => string | undefined): Promise<{ restored: number; deadLettered: number }> {
    const model = this.journal.model;
    const live = [...model.messages.values()];
    if (live.length === 0) {
      this.journal.compact();
      return { restored: 0, deadLettered: 0 };
    }
    // Straight to the emulator: these sends are the journal's own, not new ones to journal.
    const client = new SQSClient({
      endpoint: `http://127.0.0.1:${(this.inner.address() as AddressInfo).port}`,
      region: this.region,
      credentials: { accessKeyId: 'inner', secretAccessKey: 'inner' },
    });
    const secret = this.innerSecret;
    client.middlewareStack.add(
      (next) => async (args) => {
        const request = args.request as { headers?: Record<string, string> };
        if (request.headers) request.headers[INNER_SECRET_HEADER] = secret;
        return next(args);
      },
      { step: 'build', name: 'despatchInnerSecret' },
    );
    const renamed = new Map<string, string>();
    const now = Date.now();
    let deadLettered = 0;
    try {
      const byQueue = new Map<string, typeof live>();
      for (const message of live) {
        const queue = model.locationOf(message);
        if (model.isDead(message)) deadLettered++;
        byQueue.set(queue, [...(byQueue.get(queue) ?? []), message]);
      }
      for (const [queue, messages] of byQueue) {
        const url = queueUrlOf(queue);
        if (!url) throw new Error(`The queue journal holds messages for "${queue}", which this configuration has no queue for`);
        for (let i = 0; i < messages.length; i += 10) {
          const chunk = messages.slice(i, i + 10);
          const { Successful = [], Failed = [] } = await client.send(
            new SendMessageBatchCommand({
              QueueUrl: url,
              Entries: chunk.map((m, j) => ({
                Id: String(j),
                MessageBody: m.body,
                DelaySeconds: model.isDead(m) ? 0 : Math.min(MAX_DELAY_SECONDS, Math.max(0, Math.ceil((m.visibleAt - now) / 1000))),
              })),
            }),
          );
          if (Failed.length > 0) throw new Error(`Could not restore ${Failed.length} queued message(s): ${Failed[0]?.Message ?? 'no reason'}`);
          for (const ok of Successful) {
            const message = chunk[Number(ok.Id)];
            if (message && ok.MessageId) renamed.set(message.id, ok.MessageId);
          }
        }
      }
    } finally {
      client.destroy();
    }
    this.journal.compact(renamed);
    return { restored: live.length, deadLettered };
  }

  /** What the journal says now (status, tests). */
  get model(): JournalModel {
    return this.journal.model;
  }

  /** The consumer tells the journal why a message failed, so a dead letter carries its reason. */
  recordFailure(messageId: string, reason: string): void {
    this.journal.append([{ op: 'fail', id: messageId, reason: reason.slice(0, 2000), at: Date.now() }]);
  }

  async close(): Promise<void> {
    for (const server of [this.front, this.inner]) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    this.agent.destroy();
    this.journal.close();
  }
}

async function passThrough(
  req: IncomingMessage,
  res: ServerResponse,
  inner: { port: number; secret: string; agent: Agent },
  guard: { port: number; region: string; credentials: LocalCredentials },
  journal: QueueJournal,
  handles: Map<string, string>,
): Promise<void> {
  const body = await readBody(req, MAX_AWS_BODY_BYTES);
  const refusal = await checkAwsRequest(req, body, { ...guard, service: 'sqs' });
  if (refusal) return refuse(res, refusal, true);
  const target = req.headers['x-amz-target'];
  const action = typeof target === 'string' && target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : undefined;
  if (req.method === 'POST' && !action) {
    // The Query protocol would change queues without the journal knowing; the SDK speaks JSON.
    res.writeHead(400, { 'content-type': 'application/x-amz-json-1.0' });
    res.end(JSON.stringify({ __type: 'com.amazonaws.sqs#InvalidAction', message: 'durable local SQS accepts the JSON protocol (x-amz-target) only' }));
    return;
  }
  const upstream = await forwardToInner(req, action === 'StartMessageMoveTask' ? withMoveDestination(body, journal.model) : body, inner);
  if (upstream.status === 200 && action) {
    const events = eventsFor(action, body, upstream.body, handles, journal.model);
    // An accepted send is on disk before the client is told so; the rest need only be written.
    journal.append(events, action === 'SendMessage' || action === 'SendMessageBatch');
  }
  res.writeHead(upstream.status, upstream.headers);
  res.end(upstream.body);
}

const queueUrl = z.string().transform((url) => url.slice(url.lastIndexOf('/') + 1));
const sendRequest = z.object({ QueueUrl: queueUrl, MessageBody: z.string(), DelaySeconds: z.number().optional() });
const sendResponse = z.object({ MessageId: z.string() });
const sendBatchRequest = z.object({
  QueueUrl: queueUrl,
  Entries: z.array(z.object({ Id: z.string(), MessageBody: z.string(), DelaySeconds: z.number().optional() })),
});
const sendBatchResponse = z.object({ Successful: z.array(z.object({ Id: z.string(), MessageId: z.string() })).optional() });
const receiveRequest = z.object({ QueueUrl: queueUrl, VisibilityTimeout: z.number().optional() });
const receiveResponse = z.object({
  Messages: z
    .array(z.object({ MessageId: z.string(), ReceiptHandle: z.string(), Body: z.string(), Attributes: z.record(z.string(), z.string()).optional() }))
    .optional(),
});
const deleteRequest = z.object({ ReceiptHandle: z.string() });
const deleteBatchRequest = z.object({ Entries: z.array(z.object({ Id: z.string(), ReceiptHandle: z.string() })) });
const deleteBatchResponse = z.object({ Successful: z.array(z.object({ Id: z.string() })).optional() });
const visibilityRequest = z.object({ ReceiptHandle: z.string(), VisibilityTimeout: z.number() });
const createRequest = z.object({ QueueName: z.string(), Attributes: z.record(z.string(), z.string()).optional() });
const purgeRequest = z.object({ QueueUrl: queueUrl });
const moveRequest = z.object({ SourceArn: z.string() });
const redrivePolicy = z.object({ deadLetterTargetArn: z.string(), maxReceiveCount: z.coerce.number().int().positive() });

function json(buffer: Buffer): unknown {
  return buffer.length === 0 ? {} : JSON.parse(buffer.toString('utf8'));
}

/** What an accepted request changed, as journal events. */
function eventsFor(action: string, requestBody: Buffer, responseBody: Buffer, handles: Map<string, string>, model: JournalModel): JournalEvent[] {
  const at = Date.now();
  switch (action) {
    case 'CreateQueue': {
      const { QueueName, Attributes = {} } = createRequest.parse(json(requestBody));
      const policy = Attributes.RedrivePolicy ? redrivePolicy.parse(JSON.parse(Attributes.RedrivePolicy)) : undefined;
      const config = {
        visibilityTimeoutSeconds: Number(Attributes.VisibilityTimeout ?? 30),
        ...(policy
          ? {
              deadLetter: { queue: policy.deadLetterTargetArn.slice(policy.deadLetterTargetArn.lastIndexOf(':') + 1), maxReceiveCount: policy.maxReceiveCount },
            }
          : {}),
      };
      return [{ op: 'queue', queue: QueueName, config }];
    }
    case 'SendMessage': {
      const input = sendRequest.parse(json(requestBody));
      const { MessageId } = sendResponse.parse(json(responseBody));
      return [{ op: 'send', queue: input.QueueUrl, id: MessageId, body: input.MessageBody, at, visibleAt: at + (input.DelaySeconds ?? 0) * 1000 }];
    }
    case 'SendMessageBatch': {
      const input = sendBatchRequest.parse(json(requestBody));
      const entries = new Map(input.Entries.map((e) => [e.Id, e]));
      return (sendBatchResponse.parse(json(responseBody)).Successful ?? []).flatMap((ok): JournalEvent[] => {
        const entry = entries.get(ok.Id);
        return entry
          ? [{ op: 'send', queue: input.QueueUrl, id: ok.MessageId, body: entry.MessageBody, at, visibleAt: at + (entry.DelaySeconds ?? 0) * 1000 }]
          : [];
      });
    }
    case 'ReceiveMessage': {
      const input = receiveRequest.parse(json(requestBody));
      const visibility = input.VisibilityTimeout ?? model.queues.get(input.QueueUrl)?.visibilityTimeoutSeconds ?? 30;
      return (receiveResponse.parse(json(responseBody)).Messages ?? []).map((m): JournalEvent => {
        handles.set(m.ReceiptHandle, m.MessageId);
        const known = model.messages.has(m.MessageId);
        return {
          op: 'recv',
          queue: input.QueueUrl,
          id: m.MessageId,
          count: Number(m.Attributes?.ApproximateReceiveCount ?? 1),
          visibleAt: at + visibility * 1000,
          ...(known ? {} : { body: m.Body }),
        };
      });
    }
    case 'DeleteMessage': {
      const id = takeHandle(handles, deleteRequest.parse(json(requestBody)).ReceiptHandle);
      return id ? [{ op: 'del', id }] : [];
    }
    case 'DeleteMessageBatch': {
      const input = deleteBatchRequest.parse(json(requestBody));
      const entries = new Map(input.Entries.map((e) => [e.Id, e.ReceiptHandle]));
      return (deleteBatchResponse.parse(json(responseBody)).Successful ?? []).flatMap((ok): JournalEvent[] => {
        const handle = entries.get(ok.Id);
        const id = handle ? takeHandle(handles, handle) : undefined;
        return id ? [{ op: 'del', id }] : [];
      });
    }
    case 'ChangeMessageVisibility': {
      const input = visibilityRequest.parse(json(requestBody));
      const id = handles.get(input.ReceiptHandle);
      return id ? [{ op: 'visibility', id, visibleAt: at + input.VisibilityTimeout * 1000 }] : [];
    }
    case 'PurgeQueue':
      return [{ op: 'purge', queue: purgeRequest.parse(json(requestBody)).QueueUrl }];
    case 'StartMessageMoveTask': {
      const arn = moveRequest.parse(json(requestBody)).SourceArn;
      return [{ op: 'redrive', dlq: arn.slice(arn.lastIndexOf(':') + 1), at }];
    }
    default:
      // Reads (GetQueueAttributes, ListQueues, …) and actions Despatch never uses locally.
      return [];
  }
}

/**
 * A redrive without a destination returns each message to the queue it was dead-lettered from, which
 * the emulator knows only for messages it moved itself; those put back in a DLQ after a restart
 * carry no such mark. Every local DLQ serves exactly one queue, so the destination is named.
 */
function withMoveDestination(body: Buffer, model: JournalModel): Buffer {
  const input = z.object({ SourceArn: z.string(), DestinationArn: z.string().optional() }).passthrough().parse(json(body));
  if (input.DestinationArn) return body;
  const dlqName = input.SourceArn.slice(input.SourceArn.lastIndexOf(':') + 1);
  const sources = [...model.queues].filter(([, config]) => config.deadLetter?.queue === dlqName).map(([name]) => name);
  if (sources.length !== 1) return body;
  const destination = `${input.SourceArn.slice(0, input.SourceArn.lastIndexOf(':') + 1)}${sources[0]}`;
  return Buffer.from(JSON.stringify({ ...input, DestinationArn: destination }));
}

function takeHandle(handles: Map<string, string>, handle: string): string | undefined {
  const id = handles.get(handle);
  handles.delete(handle);
  return id;
}
