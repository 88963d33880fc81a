/**
 * The local emulators answer only this run's clients: what a web page can make a browser send (a
 * form POST, a preflight, a request with an Origin, a rebound Host name) and what another program
 * can send without this run's credentials (unsigned, wrongly signed) is refused, nothing it sent is
 * enqueued or read, and no answer carries CORS headers. Real dynalite, the real durable SQS, real SDK clients.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateQueueCommand, SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DurableSqs } from '../../infra/local/durable-sqs.js';
import { INNER_SECRET_HEADER, listenOnLoopback, newLocalCredentials, requireInnerSecret } from '../../infra/local/local-guard.js';
import { readJournal } from '../../infra/local/queue-journal.js';
import { startDynalite, type RunningServer } from '../../infra/local/servers.js';
import { newLocalToken, startReviewServer, type ReviewServer } from '../../infra/local/http-adapter.js';
import { localTokensRevoked, revokeLocalTokens } from '../../infra/local/review-tokens.js';
import { LocalStack } from '../../infra/local/runtime.js';
import { readLocalStackInfo } from '../../infra/local/stack-info.js';
import { revokeTokensCommand } from '../../cli/commands/revoke-tokens.js';
import { UsageError } from '../../cli/args.js';
import { testConfig } from '../support/config.js';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw request (node:http, so Host and Origin are exactly what a browser or attacker would send). */
function send(url: string, options: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Answer> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        method: options.method ?? 'POST',
        path: options.path ?? '/',
        headers: options.headers ?? {},
        setHost: options.headers?.host === undefined,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const credentials = newLocalCredentials();
let dir: string;
let sqs: DurableSqs;
let sqsClient: SQSClient;
let queueUrl: string;
let dynamo: RunningServer;
let dynamoClient: DynamoDBClient;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'despatch-local-servers-'));
  sqs = await DurableSqs.start({ dir, region: 'eu-west-2', credentials });
  sqsClient = new SQSClient({ endpoint: sqs.endpoint, region: 'eu-west-2', credentials });
  queueUrl = (await sqsClient.send(new CreateQueueCommand({ QueueName: 'alerts' }))).QueueUrl ?? '';
  dynamo = await startDynalite(undefined, { credentials });
  dynamoClient = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'eu-west-2', credentials, maxAttempts: 1 });
});
afterAll(async () => {
  sqsClient.destroy();
  dynamoClient.destroy();
  await sqs.close();
  await dynamo.close();
  rmSync(dir, { recursive: true, force: true });
});

const queued = () => [...readJournal(dir).messages.values()].filter((m) => !m.dead).length;

describe('the local SQS front', () => {
  it('refuses a browser-origin form post, and nothing is enqueued', async () => {
    const before = queued();
    const form = `Action=SendMessage&QueueUrl=${encodeURIComponent(queueUrl)}&MessageBody=FORGED`;
    const answers = await Promise.all([
      send(sqs.endpoint, {
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
        body: form,
      }),
      send(sqs.endpoint, { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form }),
      send(sqs.endpoint, { headers: { 'content-type': 'text/plain' }, body: form }),
      send(sqs.endpoint, { headers: { 'content-type': 'multipart/form-data; boundary=x' }, body: form }),
    ]);
    expect(answers.map((a) => a.status)).toEqual([403, 415, 415, 415]);
    expect(queued()).toBe(before);
  });

  it('accepts only the AWS JSON protocol', async () => {
    const answer = await send(sqs.endpoint, { headers: { 'content-type': 'application/json', 'x-amz-target': 'AmazonSQS.SendMessage' }, body: '{}' });
    expect(answer.status).toBe(415);
  });

  it('refuses unsigned and wrongly signed requests', async () => {
    const before = queued();
    const json = { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AmazonSQS.SendMessage' };
    const body = JSON.stringify({ QueueUrl: queueUrl, MessageBody: 'FORGED' });
    expect((await send(sqs.endpoint, { headers: json, body })).status).toBe(403);
    const stranger = new SQSClient({ endpoint: sqs.endpoint, region: 'eu-west-2', credentials: newLocalCredentials(), maxAttempts: 1 });
    const wrongSecret = new SQSClient({
      endpoint: sqs.endpoint,
      region: 'eu-west-2',
      credentials: { accessKeyId: credentials.accessKeyId, secretAccessKey: 'guessed' },
      maxAttempts: 1,
    });
    await expect(stranger.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'FORGED' }))).rejects.toThrow(/Unknown access key/);
    await expect(wrongSecret.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'FORGED' }))).rejects.toThrow(/signature does not match/);
    stranger.destroy();
    wrongSecret.destroy();
    expect(queued()).toBe(before);
  });

  it('takes a message from a client signing with this run’s credentials', async () => {
    const before = queued();
    await sqsClient.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'real' }));
    expect(queued()).toBe(before + 1);
  });

  it('answers a malformed request with a 4xx and keeps serving', async () => {
    const json = { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AmazonSQS.ListQueues' };
    expect((await send(sqs.endpoint, { path: '/%E0%A4%A', headers: json, body: '{}' })).status).toBeGreaterThanOrEqual(400);
    expect((await send(sqs.endpoint, { path: '/%', headers: json, body: '{}' })).status).toBeGreaterThanOrEqual(400);
    expect((await send(sqs.endpoint, { headers: { ...json, 'x-huge': 'a'.repeat(20_000) }, body: '{}' })).status).toBe(431);
    expect((await send(sqs.endpoint, { headers: json, body: Buffer.alloc(3 * 1024 * 1024, 0x20) })).status).toBe(413);
    await sqsClient.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'still up' }));
  });
});

describe('the local DynamoDB front', () => {
  it('works for a client signing with this run’s credentials', async () => {
    expect((await dynamoClient.send(new ListTablesCommand({}))).TableNames).toEqual([]);
  });

  it('refuses unsigned and wrongly signed requests', async () => {
    const json = { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.ListTables' };
    expect((await send(dynamo.endpoint, { headers: json, body: '{}' })).status).toBe(403);
    const stranger = new DynamoDBClient({
      endpoint: dynamo.endpoint,
      region: 'eu-west-2',
      credentials: { accessKeyId: credentials.accessKeyId, secretAccessKey: 'guessed' },
      maxAttempts: 1,
    });
    await expect(stranger.send(new ListTablesCommand({}))).rejects.toThrow(/signature does not match/);
    stranger.destroy();
  });

  it('refuses a form post from a page, and sends no CORS headers', async () => {
    const page = await send(dynamo.endpoint, { headers: { 'content-type': 'text/plain', origin: 'http://localhost:3000' }, body: '{}' });
    expect(page.status).toBe(403);
    const form = await send(dynamo.endpoint, { headers: { 'content-type': 'text/plain' }, body: '{}' });
    expect(form.status).toBe(415);
    for (const answer of [page, form]) expect(answer.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('both AWS fronts', () => {
  it('answer 421 to a Host name that is not loopback with their port (DNS rebinding)', async () => {
    for (const endpoint of [sqs.endpoint, dynamo.endpoint]) {
      const { port } = new URL(endpoint);
      for (const host of ['evil.example', `evil.example:${port}`, '127.0.0.1:1']) {
        expect((await send(endpoint, { headers: { host, 'content-type': 'application/x-amz-json-1.0' }, body: '{}' })).status).toBe(421);
      }
    }
  });

  it('refuse OPTIONS preflights and never answer with CORS headers', async () => {
    for (const endpoint of [sqs.endpoint, dynamo.endpoint]) {
      const preflight = await send(endpoint, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
      expect(preflight.status).toBe(403);
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    }
  });

  it('cannot be gone around: an emulator behind a front answers only requests with the inner secret', async () => {
    const inner = createServer((_req, res) => res.end('reached'));
    requireInnerSecret(inner, 'the-secret');
    const port = await listenOnLoopback(inner);
    try {
      expect((await send(`http://127.0.0.1:${port}`)).status).toBe(403);
      expect((await send(`http://127.0.0.1:${port}`, { headers: { [INNER_SECRET_HEADER]: 'a-guess' } })).status).toBe(403);
      expect((await send(`http://127.0.0.1:${port}`, { headers: { [INNER_SECRET_HEADER]: 'the-secret' } })).body).toBe('reached');
    } finally {
      inner.close();
    }
  });
});

describe('the local review server', () => {
  const token = newLocalToken();
  let clock = 0;
  let revoked = false;
  let review: ReviewServer;
  /** Stands in for the review-api handler: says who the request was signed in as. */
  const invoke = (event: unknown) => {
    const claims = (event as { requestContext: { authorizer?: { jwt: { claims: { sub: string } } } } }).requestContext.authorizer?.jwt.claims;
    return Promise.resolve({
      statusCode: claims ? 200 : 401,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: claims?.sub ?? null }),
    });
  };

  beforeAll(async () => {
    review = await startReviewServer({
      invoke,
      users: new Map([[token, { id: 'assistant@local', groups: ['approvers'] }]]),
      now: () => clock,
      revoked: () => revoked,
      tokenLifetimeMs: 1000,
    });
  });
  afterAll(() => review.close());
  const bearer = { authorization: `Bearer ${token}` };

  it('answers 421 to a Host that is not loopback with its port (DNS rebinding)', async () => {
    const { port } = new URL(review.url);
    for (const host of ['rebind.evil.example', `rebind.evil.example:${port}`, 'localhost:1']) {
      expect((await send(review.url, { method: 'GET', headers: { ...bearer, host } })).status).toBe(421);
    }
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]) {
      expect((await send(review.url, { method: 'GET', headers: { ...bearer, host } })).status).toBe(200);
    }
  });

  it('takes state-changing requests from its own origin only, and refuses preflights', async () => {
    const own = await send(review.url, {
      headers: { ...bearer, origin: review.url, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(own.status).toBe(200);
    const other = await send(review.url, { headers: { ...bearer, origin: 'http://127.0.0.1:8080', 'content-type': 'text/plain' }, body: '{}' });
    expect(other.status).toBe(403);
    const crossSite = await send(review.url, { headers: { ...bearer, 'sec-fetch-site': 'cross-site' }, body: '{}' });
    expect(crossSite.status).toBe(403);
    const preflight = await send(review.url, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(preflight.status).toBe(403);
    for (const answer of [own, other, crossSite, preflight]) expect(answer.headers['access-control-allow-origin']).toBeUndefined();
    // A link followed from another site still opens the page (the browser shows that site nothing).
    expect((await send(review.url, { method: 'GET', headers: { ...bearer, 'sec-fetch-site': 'cross-site' } })).status).toBe(200);
  });

  it('refuses a token once it has expired', async () => {
    clock = 999;
    expect(JSON.parse((await send(review.url, { method: 'GET', headers: bearer })).body)).toEqual({ user: 'assistant@local' });
    clock = 1000;
    const expired = await send(review.url, { method: 'GET', headers: bearer });
    expect(expired.status).toBe(401);
    expect(JSON.parse(expired.body)).toEqual({ user: null });
    clock = 0;
  });

  it('refuses a revoked token', async () => {
    expect((await send(review.url, { method: 'GET', headers: bearer })).status).toBe(200);
    revoked = true;
    expect((await send(review.url, { method: 'GET', headers: bearer })).status).toBe(401);
    revoked = false;
  });

  it('despatch revoke-tokens revokes through the data dir, and says when there is none', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'despatch-revoke-cli-'));
    try {
      expect(revokeTokensCommand(dataDir, new Date('2026-12-07T10:00:00Z'))).toMatch(/Revoked/);
      expect(localTokensRevoked(dataDir, Date.parse('2026-12-07T09:59:59Z'))).toBe(true);
      expect(() => revokeTokensCommand(join(dataDir, 'none'))).toThrow(UsageError);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('revokes, through the data dir, the tokens made before the revocation and not later ones', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'despatch-revoke-'));
    try {
      expect(localTokensRevoked(dataDir, Date.parse('2026-12-07T09:00:00Z'))).toBe(false);
      revokeLocalTokens(dataDir, new Date('2026-12-07T10:00:00Z'));
      expect(localTokensRevoked(dataDir, Date.parse('2026-12-07T09:00:00Z'))).toBe(true);
      expect(localTokensRevoked(dataDir, Date.parse('2026-12-07T11:00:00Z'))).toBe(false);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('a running local stack', () => {
  it('shares its per-run credentials with other commands through local-stack.json, readable by its user alone', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'despatch-stack-info-'));
    const stack = await LocalStack.start({ config: testConfig([{ id: 'paper', url: 'http://127.0.0.1:9/feed' }]), dataDir, inMemory: true });
    try {
      expect(statSync(join(dataDir, 'local-stack.json')).mode & 0o777).toBe(0o600);
      const info = readLocalStackInfo(dataDir);
      expect(info?.credentials).toEqual(stack.credentials);
      const fromFile = new DynamoDBClient({ endpoint: info?.dynamodb, region: 'eu-west-2', credentials: info?.credentials, maxAttempts: 1 });
      expect((await fromFile.send(new ListTablesCommand({}))).TableNames).toContain('despatch');
      fromFile.destroy();
      const guessed = new DynamoDBClient({
        endpoint: info?.dynamodb,
        region: 'eu-west-2',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        maxAttempts: 1,
      });
      await expect(guessed.send(new ListTablesCommand({}))).rejects.toThrow(/Unknown access key/);
      guessed.destroy();
    } finally {
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
