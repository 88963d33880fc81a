import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidParameterValueException, PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { MessageRejected, SendEmailCommand, SESv2Client, TooManyRequestsException } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSnsSmsSender } from '../../../../shared/adapters/aws/sns-sms.js';
import { createOutboxSmsSender, withOutboxCopy } from '../../../../shared/adapters/local/outbox-senders.js';
import { createWebhookPoster } from '../../../../shared/adapters/webhook.js';
import { createSesMailer } from '../../../../shared/adapters/aws/ses.js';
import { sendWithRetries, withRetries } from '../../../../shared/deliver/email/retry.js';
import { PermanentSendError } from '../../../../shared/deliver/email/message.js';
import { FetchError } from '../../../../shared/ingest/http/safe-fetch.js';
import { startFeedServer, type FeedServer } from '../../../support/feed-server.js';

const sns = mockClient(SNSClient);
const ses = mockClient(SESv2Client);
afterEach(() => {
  sns.reset();
  ses.reset();
});

describe('text messages', () => {
  it('publishes to the phone number through SNS as a transactional message', async () => {
    // Prepare
    sns.on(PublishCommand).resolves({ MessageId: 'sns-1' });

    // Act
    const result = await createSnsSmsSender(new SNSClient({ region: 'eu-west-2' })).send('+447700900123', 'Despatch CRITICAL: …', 'alert-1');

    // Assess
    expect(result).toEqual({ messageId: 'sns-1' });
    const input = sns.commandCalls(PublishCommand)[0]?.args[0].input;
    expect(input).toEqual({
      PhoneNumber: '+447700900123',
      Message: 'Despatch CRITICAL: …',
      MessageAttributes: { 'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' } },
    });
    expect(input?.TopicArn).toBeUndefined();
  });

  it('treats an answer without a MessageId as not sent', async () => {
    sns.on(PublishCommand).resolves({});

    await expect(createSnsSmsSender(new SNSClient({ region: 'eu-west-2' })).send('+447700900123', 'x', 't')).rejects.toThrow(
      'SNS returned no MessageId for the text message to +4477009…23',
    );
  });

  it('writes each text message to the outbox locally', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'despatch-sms-'));
    try {
      const { location } = await createOutboxSmsSender(dir, { now: () => new Date('2026-11-24T07:00:00Z') }).send(
        '+447700900123',
        'Despatch CRITICAL: story',
        'alert-abc-sms',
      );

      expect(readdirSync(dir)).toEqual(['20261124T070000.000Z-alert-abc-sms.sms.txt']);
      expect(location).toBe(join(dir, '20261124T070000.000Z-alert-abc-sms.sms.txt'));
      expect(readFileSync(location!, 'utf8')).toBe('To: +447700900123\nDate: 2026-11-24T07:00:00.000Z\n\nDespatch CRITICAL: story\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('text messages SNS refuses', () => {
  it('are a permanent failure: tried once, with the reason SNS gave and the number masked', async () => {
    sns.reset();
    sns.on(PublishCommand).rejects(new InvalidParameterValueException({ message: 'Invalid parameter: PhoneNumber', $metadata: {} }));
    const sender = createSnsSmsSender(new SNSClient({ region: 'eu-west-2', maxAttempts: 1 }));
    const error = await sendWithRetries('the text', 1, () => sender.send('+447700900123', 'x', 't'), { policy: { attempts: 3, delaysMs: [0] } }).catch(
      (e: unknown) => e,
    );
    expect((error as Error).message).toBe(
      'Could not send the text to 1 recipient after 1 attempt: SNS refused the text message to +4477009…23 (InvalidParameterValueException): Invalid parameter: PhoneNumber',
    );
    expect((error as Error).cause).toBeInstanceOf(PermanentSendError);
    expect(sns.commandCalls(PublishCommand)).toHaveLength(1);
  });
});

describe('webhooks', () => {
  let server: FeedServer;
  const bodies: { path: string; type: string | undefined; body: string }[] = [];
  beforeAll(async () => {
    const record = (status: number) => (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (body += c));
      req.on('end', () => {
        bodies.push({ path: req.url ?? '', type: req.headers['content-type'], body: `${req.method} ${body}` });
        res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? '1' : 'no');
      });
    };
    server = await startFeedServer({
      '/teams': record(200),
      '/teams?secret=abc': record(200),
      '/gone': record(404),
      '/moved': { status: 302, headers: { location: '/teams' }, body: '' },
    });
  });
  afterAll(async () => server.close());
  afterEach(() => {
    bodies.length = 0;
  });

  const poster = () => createWebhookPoster({ allowPrivateHosts: true, userAgent: 'Despatch test', timeoutMs: 5000, maxBodyBytes: 4096 });

  it('POSTs the JSON through the safe fetch', async () => {
    await poster().post(`${server.baseUrl}/teams`, { type: 'message', text: '£4m' }, 'alert-1');

    expect(bodies).toEqual([{ path: '/teams', type: 'application/json; charset=utf-8', body: 'POST {"type":"message","text":"£4m"}' }]);
    expect(server.requests.at(-1)?.headers['content-length']).toBe(String(Buffer.byteLength('{"type":"message","text":"£4m"}')));
  });

  it('fails on an error status, and never follows a redirect with the message', async () => {
    await expect(poster().post(`${server.baseUrl}/gone`, { a: 1 }, 't')).rejects.toThrow(FetchError);
    await expect(poster().post(`${server.baseUrl}/moved`, { a: 1 }, 't')).rejects.toThrow(
      'the server answered with a redirect (HTTP 302) instead of accepting the message',
    );
    expect(bodies.map((b) => b.path)).toEqual(['/gone']);
  });

  it('is refused for a private address unless the configuration allows it', async () => {
    const strict = createWebhookPoster({ allowPrivateHosts: false, userAgent: 'Despatch test', timeoutMs: 5000, maxBodyBytes: 4096 });

    await expect(strict.post(`${server.baseUrl}/teams`, { a: 1 }, 't')).rejects.toThrow(/blocked: .*127\.0\.0\.1/);
    expect(bodies).toHaveLength(0);
  });

  it.each([
    ['10.0.0.5', 4, 'a private address'],
    ['127.0.0.1', 4, 'a loopback address'],
    ['169.254.169.254', 4, 'a cloud metadata address'],
    ['100.64.0.9', 4, 'a shared (carrier-grade NAT) address'],
    ['224.0.0.251', 4, 'a multicast address'],
    ['::1', 6, 'a loopback address'],
    ['::ffff:127.0.0.1', 6, 'a loopback address'],
    ['fd12:3456::1', 6, 'a unique-local (private) address'],
    ['fe80::1', 6, 'a link-local address'],
  ])(
    'refuses a public name that resolves to %s (DNS rebinding) before connecting, even where feeds may reach private hosts',
    async (address, family, label) => {
      // A listener on this machine that counts TCP connections: the name's answer is pointed at it,
      // so a connection made in spite of the check would show here.
      let connections = 0;
      const listener = createServer((_req, res) => res.end('1'));
      listener.on('connection', () => (connections += 1));
      await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
      const { port } = listener.address() as AddressInfo;
      const asked: string[] = [];
      const resolve = async (host: string) => {
        asked.push(host);
        return [{ address, family }];
      };
      try {
        const lax = createWebhookPoster({ allowPrivateHosts: true, userAgent: 'Despatch test', timeoutMs: 5000, maxBodyBytes: 4096, resolve });

        const error = await lax.post(`http://hooks.example.com:${port}/teams`, { a: 1 }, 't').catch((e: unknown) => e);

        expect(error).toBeInstanceOf(FetchError);
        expect((error as FetchError).reason).toBe(`blocked: resolves to ${label} (${address})`);
        expect(asked).toEqual(['hooks.example.com']);
        expect(connections).toBe(0);
      } finally {
        await new Promise<void>((done) => listener.close(() => done()));
      }
    },
  );

  it('keeps a copy of each post in the outbox locally, as a step of its own, with the secret part of the address hidden', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'despatch-webhook-'));
    try {
      const local = withOutboxCopy(poster(), dir);
      await local.post(`${server.baseUrl}/teams?secret=abc`, { type: 'message' }, 'alert-1-teams');
      // The post is the send alone: the copy waits until the sender has recorded it.
      expect(readdirSync(dir)).toEqual([]);
      const { location } = await local.keepCopy!(`${server.baseUrl}/teams?secret=abc`, { type: 'message' }, 'alert-1-teams');

      const copy = JSON.parse(readFileSync(location!, 'utf8')) as { url: string; payload: unknown };
      expect(location).toMatch(/alert-1-teams\.webhook\.json$/);
      expect(copy).toEqual({ url: `${server.baseUrl}/…`, payload: { type: 'message' } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('SES with retries', () => {
  const message = { from: 'despatch@hartwell.example', to: ['pa@hartwell.example'], subject: 'S', text: 't', html: '<p>h</p>' };
  const noWait = { attempts: 3, delaysMs: [0], sleep: async () => undefined };

  it('tries again when SES is throttling, and sends once', async () => {
    ses
      .on(SendEmailCommand)
      .rejectsOnce(new TooManyRequestsException({ message: 'slow down', $metadata: {} }))
      .resolves({ MessageId: 'ses-1' });

    const result = await withRetries(createSesMailer(new SESv2Client({ region: 'eu-west-2', maxAttempts: 1 })), { policy: noWait }).send(message);

    expect(result).toEqual({ messageId: 'ses-1', headerMessageId: '<ses-1@eu-west-2.amazonses.com>' });
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(2);
  });

  it('does not retry a message SES rejects, and says why', async () => {
    ses.on(SendEmailCommand).rejects(new MessageRejected({ message: 'Email address is not verified.', $metadata: {} }));

    await expect(withRetries(createSesMailer(new SESv2Client({ region: 'eu-west-2', maxAttempts: 1 })), { policy: noWait }).send(message)).rejects.toThrow(
      'Could not send "S" to 1 recipient after 1 attempt: SES refused "S" (MessageRejected): Email address is not verified.',
    );
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(1);
  });
});
