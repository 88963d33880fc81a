/**
 * The guard in front of every local server (the SQS front, dynalite's front, the review page):
 * only clients of this run, on this machine, get through.
 *
 * A web page the user happens to have open can make the browser send requests to 127.0.0.1: a form
 * POST needs no CORS permission, and DNS rebinding makes an attacker's host name resolve to
 * loopback. So every server here
 * - answers only the Host names of loopback with its own port (421 otherwise: DNS rebinding),
 * - refuses CORS preflights (OPTIONS, 403) and never sends CORS headers,
 * - refuses requests a browser marks as coming from another site (`Sec-Fetch-Site`), and on the AWS
 *   emulators any request with an `Origin` (the SDK never sends one) or a form content type (415);
 * - on the AWS emulators, verifies the AWS Signature V4 against this run's random credentials, so
 *   an unsigned or wrongly signed request is refused (403) even from a local process.
 * The emulators themselves listen on loopback behind their front and answer only requests that
 * carry this run's inner secret (`requireInnerSecret`), so they cannot be reached around the guard.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual, type Hash, type Hmac } from 'node:crypto';
import { createServer, request, Agent, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignatureV4 } from '@smithy/signature-v4';
import type { SourceData } from '@smithy/types';

/** What this run's clients sign with; random at every start, shared through env and local-stack.json. */
export interface LocalCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/** The header the fronts add so the emulators behind them answer; its value is per run. */
export const INNER_SECRET_HEADER = 'x-despatch-inner';

export function newLocalCredentials(): LocalCredentials {
  return { accessKeyId: `LOCAL${randomBytes(8).toString('hex').toUpperCase()}`, secretAccessKey: randomBytes(30).toString('base64url') };
}

export const newInnerSecret = (): string => randomBytes(24).toString('base64url');

/** A refusal: the status and why, said in the error body. */
export interface Refusal {
  readonly status: number;
  readonly reason: string;
}

const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
/** What the SDK's DynamoDB and SQS (JSON protocol) clients send; a browser cannot send it without a preflight. */
const AWS_JSON_TYPE = 'application/x-amz-json-1.0';
/** Far above any request Despatch makes (an SQS batch is at most 1 MiB); bigger is refused unread. */
export const MAX_AWS_BODY_BYTES = 2 * 1024 * 1024;
/** A signature older (or newer) than this is refused: the clients run on this very clock. */
const MAX_CLOCK_SKEW_MS = 5 * 60_000;

const header = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
};

/** The origins the server at `port` is itself reached by (the review page's own fetches carry one of them). */
export const ownOrigins = (port: number): string[] => LOOPBACK_HOSTS.map((host) => `http://${host}:${port}`);

/**
 * What every local server checks first: Host, preflight, cross-site requests. `allowOwnOrigin` is
 * for the review page, whose own script sends `Origin: http://127.0.0.1:<port>` on its POSTs.
 * Refusals of the review page (plain JSON) are sent with `refuse(res, refusal, false)`.
 */
export function checkBrowserRequest(req: IncomingMessage, port: number, options: { allowOwnOrigin: boolean; crossSiteReads?: boolean }): Refusal | undefined {
  const host = header(req, 'host');
  if (!host || !LOOPBACK_HOSTS.map((h) => `${h}:${port}`).includes(host.toLowerCase())) {
    return { status: 421, reason: `This local server answers only to 127.0.0.1:${port}, localhost:${port} or [::1]:${port}` };
  }
  if (req.method === 'OPTIONS') return { status: 403, reason: 'Cross-origin requests are not allowed' };
  // `crossSiteReads` (the review page): a link followed from another site may open the page; the
  // browser shows the answer to no other site (no CORS), and the API still needs a token.
  if (options.crossSiteReads && (req.method === 'GET' || req.method === 'HEAD')) return undefined;
  const site = header(req, 'sec-fetch-site');
  if (site === 'cross-site' || site === 'same-site') return { status: 403, reason: 'Requests from other sites are not allowed' };
  const origin = header(req, 'origin');
  if (origin !== undefined && !(options.allowOwnOrigin && ownOrigins(port).includes(origin.toLowerCase()))) {
    return { status: 403, reason: 'Requests from web pages are not allowed' };
  }
  return undefined;
}

/** The checks of an AWS-protocol emulator: the browser checks, no form content, a valid SigV4 signature. */
export async function checkAwsRequest(
  req: IncomingMessage,
  body: Buffer,
  options: { port: number; service: string; region: string; credentials: LocalCredentials; now?: number },
): Promise<Refusal | undefined> {
  const browser = checkBrowserRequest(req, options.port, { allowOwnOrigin: false });
  if (browser) return browser;
  const type = (header(req, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  // Form types first, by name, so the refusal says so; then anything but the AWS JSON protocol.
  if (FORM_TYPES.includes(type)) return { status: 415, reason: `Content type ${type} is not accepted here` };
  if (type !== AWS_JSON_TYPE) return { status: 415, reason: `Only ${AWS_JSON_TYPE} is accepted here` };
  try {
    return await verifySignature(req, body, options);
  } catch {
    // A malformed path or query (a bad percent-escape) the signer cannot read is not a valid signature.
    return { status: 400, reason: 'The request is malformed' };
  }
}

const authorizationPattern =
  /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=([0-9a-f]{64})$/;

async function verifySignature(
  req: IncomingMessage,
  body: Buffer,
  options: { service: string; region: string; credentials: LocalCredentials; now?: number },
): Promise<Refusal | undefined> {
  const match = authorizationPattern.exec(header(req, 'authorization') ?? '');
  if (!match) return { status: 403, reason: 'The request is not signed (AWS Signature V4 expected)' };
  const [, accessKeyId, , region, service, signedHeaders, signature] = match as unknown as [string, string, string, string, string, string, string];
  if (accessKeyId !== options.credentials.accessKeyId) return { status: 403, reason: 'Unknown access key: not a client of this local stack' };
  if (region !== options.region || service !== options.service)
    return { status: 403, reason: `Signed for ${service} in ${region}, not ${options.service} in ${options.region}` };
  const amzDate = header(req, 'x-amz-date') ?? '';
  const signingDate = parseAmzDate(amzDate);
  if (!signingDate || Math.abs((options.now ?? Date.now()) - signingDate.getTime()) > MAX_CLOCK_SKEW_MS)
    return { status: 403, reason: 'The signature date is missing or out of range' };

  // Re-sign the request as the client did (its signed headers, its date, its body) and compare.
  const names = signedHeaders.split(';');
  if (!names.includes('host') || !names.includes('x-amz-date')) return { status: 403, reason: 'The signature must cover host and x-amz-date' };
  const headers: Record<string, string> = {};
  for (const name of names) {
    const value = header(req, name);
    if (value === undefined) return { status: 403, reason: `Signed header ${name} is missing` };
    headers[name] = value;
  }
  const url = new URL(req.url ?? '/', 'http://local');
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    query[key] = values.length === 1 ? (values[0] as string) : values;
  }
  const signer = new SignatureV4({ credentials: options.credentials, region, service, sha256: NodeSha256, uriEscapePath: service !== 's3' });
  const signed = await signer.sign(
    { method: req.method ?? 'GET', protocol: 'http:', hostname: url.hostname, path: url.pathname, query, headers, body },
    { signingDate },
  );
  const expected = authorizationPattern.exec(String(signed.headers.authorization ?? ''))?.[6] ?? '';
  const ok = expected.length === signature.length && timingSafeEqual(Buffer.from(expected), Buffer.from(signature));
  return ok ? undefined : { status: 403, reason: 'The request signature does not match' };
}

function parseAmzDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s));
}

/** The Checksum the signer needs, from node:crypto (the SDK's own lives in a nested package). */
class NodeSha256 {
  private hash: Hash | Hmac;
  constructor(private readonly secret?: SourceData) {
    this.hash = this.fresh();
  }
  private fresh(): Hash | Hmac {
    return this.secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(this.secret));
  }
  update(data: SourceData): void {
    this.hash.update(bytes(data));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }
  reset(): void {
    this.hash = this.fresh();
  }
}

function bytes(data: SourceData): string | Uint8Array {
  if (typeof data === 'string' || data instanceof Uint8Array) return data;
  return ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data);
}

/** Sends a refusal in the AWS JSON error shape (the SDK shows its message) or plain JSON. */
export function refuse(res: ServerResponse, refusal: Refusal, aws: boolean): void {
  const types: Record<number, string> = {
    400: 'MalformedRequest',
    403: 'AccessDeniedException',
    413: 'RequestEntityTooLarge',
    415: 'UnsupportedMediaType',
    421: 'MisdirectedRequest',
  };
  const type = types[refusal.status] ?? 'RequestRefused';
  const body = aws ? { __type: type, message: refusal.reason } : { error: refusal.reason };
  res.writeHead(refusal.status, { 'content-type': aws ? 'application/x-amz-json-1.0' : 'application/json', connection: 'close' });
  res.end(JSON.stringify(body));
}

/** Response headers minus CORS (dynalite sends Access-Control-Allow-Origin: *) and hop-by-hop ones. */
export function withoutCors(headers: IncomingMessage['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || name.startsWith('access-control-') || ['connection', 'keep-alive', 'transfer-encoding'].includes(name)) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/**
 * Makes an emulator's server answer only requests carrying the inner secret (403 otherwise), by
 * wrapping its request listeners: anything reaching its port without going through a front is refused.
 */
export function requireInnerSecret(server: Server, secret: string): void {
  const listeners = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  server.removeAllListeners('request');
  const expected = Buffer.from(secret);
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const given = Buffer.from(header(req, INNER_SECRET_HEADER) ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      req.resume();
      refuse(res, { status: 403, reason: 'Reach this emulator through its front' }, true);
      return;
    }
    delete req.headers[INNER_SECRET_HEADER];
    for (const listener of listeners) listener.call(server, req, res);
  });
}

export function listenOnLoopback(server: Server, port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

class BodyTooLargeError extends Error {}

/** Reads a whole body, up to `limit` bytes (BodyTooLargeError beyond it, and the rest is not read). */
export async function readBody(req: IncomingMessage, limit = Number.POSITIVE_INFINITY): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new BodyTooLargeError();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit) throw new BodyTooLargeError();
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * What a front answers when reading or checking a request failed: 413 for a body over the limit,
 * 500 otherwise. The connection is closed, so an unread body is not taken for the next request.
 */
export function failRequest(res: ServerResponse, error: unknown, what: string): void {
  const tooLarge = error instanceof BodyTooLargeError;
  if (res.headersSent) return void res.destroy();
  if (tooLarge) return refuse(res, { status: 413, reason: 'The request body is too large' }, true);
  res.writeHead(500, { 'content-type': 'application/x-amz-json-1.0', connection: 'close' });
  res.end(JSON.stringify({ __type: 'InternalFailure', message: `${what}: ${String(error)}` }));
}

/**
 * Malformed requests the HTTP parser itself rejects (a header over Node's 16 KB, bad framing) get
 * a plain 4xx instead of the default socket teardown, and never reach the handler or crash the process.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return void socket.destroy();
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
  });
}

/** Passes a (checked) request on to the emulator behind the front, with the inner secret. */
export function forwardToInner(
  req: IncomingMessage,
  body: Buffer,
  inner: { port: number; secret: string; agent: Agent },
): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const headers = { ...req.headers, 'content-length': String(body.length), [INNER_SECRET_HEADER]: inner.secret };
    const upstream = request({ host: '127.0.0.1', port: inner.port, method: req.method, path: req.url, headers, agent: inner.agent }, (response) => {
      readBody(response).then((data) => {
        resolve({ status: response.statusCode ?? 500, headers: { ...withoutCors(response.headers), 'content-length': String(data.length) }, body: data });
      }, reject);
    });
    upstream.on('error', reject);
    upstream.end(body);
  });
}

/**
 * A guarded front for an AWS-protocol emulator already listening on loopback with `requireInnerSecret`:
 * checks each request, forwards what passes, strips CORS from the answers.
 */
export async function startAwsFront(options: {
  innerPort: number;
  secret: string;
  service: string;
  region: string;
  credentials: LocalCredentials;
}): Promise<{ server: Server; port: number; agent: Agent }> {
  const agent = new Agent({ keepAlive: true });
  let port = 0;
  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req, MAX_AWS_BODY_BYTES);
      const refusal = await checkAwsRequest(req, body, { port, service: options.service, region: options.region, credentials: options.credentials });
      if (refusal) return refuse(res, refusal, true);
      const upstream = await forwardToInner(req, body, { port: options.innerPort, secret: options.secret, agent });
      res.writeHead(upstream.status, upstream.headers);
      res.end(upstream.body);
    })().catch((error: unknown) => failRequest(res, error, `local ${options.service}`));
  });
  answerClientErrors(server);
  port = await listenOnLoopback(server);
  return { server, port, agent };
}
