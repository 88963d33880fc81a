/**
 * The review page and API on this machine: a loopback HTTP server that turns each request into an
 * API Gateway HTTP API (payload 2.0) event for the very same review-api handler, and its result
 * back into a response. It plays the part of the JWT authorizer too: a request bearing a local
 * user's token gets that user's claims (id, name and groups), anything else gets none, and the
 * handler answers 401 — as it would behind API Gateway. `despatch start` checks tokens against the
 * data dir's users (local-users.ts: hashed, expiring, revocable from another terminal); tests may
 * give a fixed map of tokens instead, good for 12 hours.
 *
 * The local guard comes first: a Host that is not loopback with this port is refused (421: DNS
 * rebinding), and so is a state-changing request from any origin but the page's own (a form post
 * or fetch from another site), and every CORS preflight.
 */
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as z from 'zod';
import { answerClientErrors, checkBrowserRequest, refuse } from './local-guard.js';

/** A local user the token stands for. */
export interface LocalUser {
  readonly id: string;
  readonly groups: readonly string[];
  /** How the page and its history name them; the id when absent. */
  readonly name?: string;
}

export interface ReviewServerOptions {
  /** Invokes the review-api handler with an event, as Lambda would. */
  readonly invoke: (event: unknown) => Promise<unknown>;
  /** Token → user, for a fixed set of tokens (tests); ignored when `authenticate` is given. */
  readonly users?: ReadonlyMap<string, LocalUser>;
  /** The user a bearer token signs in as, asked at each request (local-users.ts), or undefined: no one. */
  readonly authenticate?: (token: string) => LocalUser | undefined;
  /** @default 0: any free port */
  readonly port?: number;
  /** How long the `users` tokens are good for from the server's start. @default 12 hours */
  readonly tokenLifetimeMs?: number;
  /** Whether the `users` tokens were revoked (asked at each request; `despatch revoke-tokens` from another terminal). */
  readonly revoked?: () => boolean;
  /** The clock, for tests. @default Date.now */
  readonly now?: () => number;
}

const LOCAL_TOKEN_LIFETIME_MS = 12 * 60 * 60 * 1000;

export interface ReviewServer {
  readonly url: string;
  close(): Promise<void>;
}

/** A random bearer token for a local user. */
export const newLocalToken = (): string => randomBytes(24).toString('base64url');

const MAX_BODY_BYTES = 1024 * 1024;

const resultSchema = z.object({
  statusCode: z.number().int().default(200),
  headers: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
  body: z.string().default(''),
  isBase64Encoded: z.boolean().default(false),
});

const bearerToken = (header: string | undefined): string | undefined => /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];

function userFor(presented: string, users: ReadonlyMap<string, LocalUser>): LocalUser | undefined {
  const given = Buffer.from(presented);
  for (const [token, user] of users) {
    const expected = Buffer.from(token);
    if (expected.length === given.length && timingSafeEqual(expected, given)) return user;
  }
  return undefined;
}

class BodyTooLargeError extends Error {}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError();
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** The HTTP API v2 event API Gateway would send for this request. */
export function toHttpApiEvent(req: IncomingMessage, body: Buffer, user: LocalUser | undefined): Record<string, unknown> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  const now = new Date();
  const text = body.length > 0 && /json|text|x-www-form-urlencoded/.test(headers['content-type'] ?? 'application/json');
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    ...(url.search ? { queryStringParameters: Object.fromEntries(url.searchParams) } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? '127.0.0.1',
      domainPrefix: 'local',
      http: {
        method: req.method ?? 'GET',
        path: url.pathname,
        protocol: 'HTTP/1.1',
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
      ...(user
        ? {
            authorizer: {
              jwt: {
                claims: { sub: user.id, 'cognito:username': user.id, name: user.name ?? user.id, 'cognito:groups': `[${user.groups.join(' ')}]` },
                scopes: null,
              },
            },
          }
        : {}),
    },
    ...(body.length > 0 ? { body: text ? body.toString('utf8') : body.toString('base64'), isBase64Encoded: !text } : { isBase64Encoded: false }),
  };
}

async function respond(res: ServerResponse, result: unknown): Promise<void> {
  const r = resultSchema.parse(result);
  res.writeHead(r.statusCode, Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k, String(v)])));
  res.end(r.isBase64Encoded ? Buffer.from(r.body, 'base64') : r.body);
}

export async function startReviewServer(options: ReviewServerOptions): Promise<ReviewServer> {
  const now = options.now ?? Date.now;
  const expiresAt = now() + (options.tokenLifetimeMs ?? LOCAL_TOKEN_LIFETIME_MS);
  const fixed = options.users ?? new Map<string, LocalUser>();
  // An expired or revoked token is no token: the handler answers 401 and the page asks to sign in.
  const authenticate = options.authenticate ?? ((token: string) => (now() < expiresAt && !(options.revoked?.() ?? false) ? userFor(token, fixed) : undefined));
  let port = 0;
  const server = createServer((req, res) => {
    const refusal = checkBrowserRequest(req, port, { allowOwnOrigin: true, crossSiteReads: true });
    if (refusal) {
      req.resume();
      return refuse(res, refusal, false);
    }
    void (async () => {
      try {
        const body = await readBody(req);
        const token = bearerToken(req.headers.authorization);
        const user = token === undefined ? undefined : authenticate(token);
        await respond(res, await options.invoke(toHttpApiEvent(req, body, user)));
      } catch (error) {
        if (res.headersSent) return void res.end();
        const status = error instanceof BodyTooLargeError ? 413 : 500;
        res
          .writeHead(status, { 'content-type': 'application/json' })
          .end(JSON.stringify({ error: status === 413 ? 'The request is too large.' : 'The local server failed.' }));
      }
    })();
  });
  answerClientErrors(server);
  port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    // Loopback only: the drafts are confidential.
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
