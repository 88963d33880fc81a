/**
 * The one chokepoint for every outbound request. Flow per hop: parse the URL (http/https only) →
 * resolve the host and check EVERY address → connect only to those checked addresses (a pinned
 * `lookup`, so DNS cannot change its answer between check and connect) → follow at most 5
 * redirects, each re-checked → decode gzip/deflate/br while counting DECODED bytes → stop at the cap.
 *
 * node:http is used rather than global fetch because fetch does not let us pin the address.
 */
import http, { type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import https from 'node:https';
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP, type LookupFunction } from 'node:net';
import zlib from 'node:zlib';
import type { Readable } from 'node:stream';
import { classifyAddress } from './address-policy.js';
import { FetchError, describeNetworkError, formatBytes, formatSeconds, httpStatusError } from './fetch-error.js';

export { FetchError } from './fetch-error.js';

export interface ResolvedAddress {
  address: string;
  family: number;
}

export type Resolver = (host: string) => Promise<ResolvedAddress[]>;

export interface SafeFetchOptions {
  /** Local development only: allow loopback and private addresses. Metadata endpoints stay refused. */
  allowPrivateHosts: boolean;
  /**
   * A host NAME must resolve to public addresses only, even with `allowPrivateHosts` (which then
   * admits private IP literals alone). Webhooks: the configuration accepts only public names and
   * the local stand-in's literal 127.0.0.1, so a name answering a private address is DNS rebinding.
   */
  namesMustResolvePublic?: boolean;
  userAgent: string;
  /** Total time for the whole fetch, redirects included. */
  timeoutMs: number;
  /** idle timeout: fail when the server sends nothing for this long. Defaults to timeoutMs. */
  idleTimeoutMs?: number;
  /** Cap on the DECODED body; a larger response fails as soon as the cap is passed. */
  maxBodyBytes: number;
  etag?: string;
  lastModified?: string;
  accept?: string;
  /** Name resolution; tests inject one. Default: the system resolver, all addresses. */
  resolve?: Resolver;
  /** Extra certificate authority to trust instead of the system ones (tests, an internal CA). */
  ca?: string | Buffer;
  /**
   * POST sends `body` (a webhook). A POST is never redirected: a redirect answer fails, since
   * re-sending a message to wherever a server points is not something to do silently.
   */
  method?: 'GET' | 'POST';
  body?: string | Buffer;
  /** The body's Content-Type, e.g. "application/json". */
  contentType?: string;
}

export type SafeFetchResult =
  { status: 'not-modified'; finalUrl: string } | { status: 'ok'; finalUrl: string; body: Buffer; contentType?: string; etag?: string; lastModified?: string };

const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

type HopAnswer = { kind: 'redirect'; location: string } | { kind: 'done'; result: SafeFetchResult };

/** Fetches one URL under the outbound policy above. Throws FetchError (with a plain `reason`) on any failure. */
export async function safeFetch(url: string, options: SafeFetchOptions): Promise<SafeFetchResult> {
  const deadline = Date.now() + options.timeoutMs;
  let current = parseTarget(url);
  for (let redirects = 0; ; redirects += 1) {
    const answer = await fetchHop(current, options, deadline);
    if (answer.kind === 'done') return answer.result;
    if (redirects >= MAX_REDIRECTS) {
      throw new FetchError('too-many-redirects', `too many redirects (more than ${MAX_REDIRECTS})`);
    }
    current = redirectTarget(current, answer.location);
  }
}

function parseTarget(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new FetchError('invalid-url', `not a valid web address: ${raw.slice(0, 200)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchError('blocked-scheme', `blocked: only http and https addresses can be fetched (this one is ${url.protocol})`);
  }
  return url;
}

function redirectTarget(from: URL, location: string): URL {
  let to: URL;
  try {
    to = new URL(location, from);
  } catch {
    throw new FetchError('bad-response', `the server redirected to an invalid address: ${location.slice(0, 200)}`);
  }
  const checked = parseTarget(to.href);
  if (from.protocol === 'https:' && checked.protocol === 'http:') {
    throw new FetchError('insecure-redirect', `refused: redirected from https to insecure http (${checked.host})`);
  }
  return checked;
}

async function fetchHop(url: URL, options: SafeFetchOptions, deadline: number): Promise<HopAnswer> {
  const addresses = await withDeadline(resolveChecked(url, options), deadline, options.timeoutMs);
  return request(url, addresses, options, deadline);
}

/** Resolves the host and refuses unless every address is allowed (a name pointing anywhere private is refused). */
async function resolveChecked(url: URL, options: SafeFetchOptions): Promise<ResolvedAddress[]> {
  const host = bareHost(url);
  const family = isIP(host);
  if (family !== 0) {
    checkAddress(host, options.allowPrivateHosts, false);
    return [{ address: host, family }];
  }
  const addresses = await resolveName(host, options.resolve ?? systemResolve);
  const allowPrivate = options.allowPrivateHosts && options.namesMustResolvePublic !== true;
  for (const { address } of addresses) checkAddress(address, allowPrivate, true);
  return addresses;
}

async function resolveName(host: string, resolve: Resolver): Promise<ResolvedAddress[]> {
  let addresses: ResolvedAddress[];
  try {
    addresses = await resolve(host);
  } catch (error) {
    throw describeNetworkError(error);
  }
  if (addresses.length === 0) throw new FetchError('host-not-found', 'host not found');
  return addresses;
}

const systemResolve: Resolver = (host) => dnsLookup(host, { all: true, verbatim: true });

function checkAddress(address: string, allowPrivateHosts: boolean, viaName: boolean): void {
  const verdict = classifyAddress(address);
  if (verdict.kind === 'public') return;
  if (verdict.kind === 'non-public' && allowPrivateHosts) return;
  const lead = viaName ? 'resolves to ' : '';
  throw new FetchError('blocked-address', `blocked: ${lead}${verdict.label} (${address})`);
}

/** URL.hostname keeps IPv6 brackets; sockets and the policy want the bare address. */
function bareHost(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '');
}

/** Hands the socket only the addresses we checked, so no second DNS answer can sneak in. */
function pinnedLookup(addresses: ResolvedAddress[]): LookupFunction {
  return (_host, lookupOptions, callback) => {
    const wanted = lookupOptions.family === 4 || lookupOptions.family === 6 ? addresses.filter((a) => a.family === lookupOptions.family) : addresses;
    const usable = wanted.length > 0 ? wanted : addresses;
    const first = usable[0];
    if (lookupOptions.all) callback(null, usable);
    else if (first) callback(null, first.address, first.family);
    else callback(Object.assign(new Error('no address'), { code: 'ENOTFOUND' }), '', 0);
  };
}

function requestHeaders(options: SafeFetchOptions): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {
    'User-Agent': options.userAgent,
    Accept: options.accept ?? '*/*',
    'Accept-Encoding': 'gzip, deflate, br',
    Connection: 'close',
  };
  if (options.etag) headers['If-None-Match'] = options.etag;
  if (options.lastModified) headers['If-Modified-Since'] = options.lastModified;
  if (options.method === 'POST') {
    headers['Content-Type'] = options.contentType ?? 'application/octet-stream';
    headers['Content-Length'] = Buffer.byteLength(options.body ?? '');
  }
  return headers;
}

function request(url: URL, addresses: ResolvedAddress[], options: SafeFetchOptions, deadline: number): Promise<HopAnswer> {
  return new Promise<HopAnswer>((resolve, reject) => {
    const transport = url.protocol === 'https:' ? https : http;
    const req = transport.request({
      hostname: bareHost(url),
      port: url.port || undefined,
      path: `${url.pathname}${url.search}`,
      method: options.method ?? 'GET',
      headers: requestHeaders(options),
      lookup: pinnedLookup(addresses),
      agent: false,
      ...(options.ca === undefined ? {} : { ca: options.ca }),
    });
    let streams: Readable[] = [];
    let settled = false;
    const totalTimer = setTimeout(
      () => fail(new FetchError('timeout', `timed out after ${formatSeconds(options.timeoutMs)}`)),
      Math.max(0, deadline - Date.now()),
    );
    const idleMs = options.idleTimeoutMs ?? options.timeoutMs;

    function finish(): boolean {
      if (settled) return false;
      settled = true;
      clearTimeout(totalTimer);
      return true;
    }
    function fail(error: unknown): void {
      if (!finish()) return;
      for (const stream of streams) stream.destroy();
      req.destroy();
      reject(describeNetworkError(error));
    }
    function succeed(answer: HopAnswer): void {
      if (finish()) resolve(answer);
    }

    req.setTimeout(idleMs, () => fail(new FetchError('timeout', `timed out: the server sent nothing for ${formatSeconds(idleMs)}`)));
    req.on('error', fail);
    req.on('response', (res) => {
      streams = [res];
      handleResponse(url, res, options, {
        fail,
        succeed,
        track: (stream) => streams.push(stream),
      });
    });
    req.end(options.method === 'POST' ? (options.body ?? '') : undefined);
  });
}

interface HopControl {
  fail: (error: unknown) => void;
  succeed: (answer: HopAnswer) => void;
  track: (stream: Readable) => void;
}

function handleResponse(url: URL, res: IncomingMessage, options: SafeFetchOptions, control: HopControl): void {
  const status = res.statusCode ?? 0;
  const location = res.headers.location;
  if (REDIRECT_STATUSES.has(status) && location && options.method === 'POST') {
    res.resume();
    control.fail(
      new FetchError('bad-response', `the server answered with a redirect (HTTP ${status}) instead of accepting the message: use the address it redirects to`, {
        httpStatus: status,
      }),
    );
    return;
  }
  if (REDIRECT_STATUSES.has(status) && location) {
    res.resume();
    control.succeed({ kind: 'redirect', location });
    return;
  }
  if (status === 304) {
    res.resume();
    control.succeed({ kind: 'done', result: { status: 'not-modified', finalUrl: url.href } });
    return;
  }
  if (status < 200 || status > 299) {
    res.resume();
    control.fail(httpStatusError(status, headerText(res.headers['retry-after']), Date.now()));
    return;
  }
  readBody(res, options.maxBodyBytes, control, (body) => {
    control.succeed({ kind: 'done', result: okResult(url, res, body) });
  });
}

function okResult(url: URL, res: IncomingMessage, body: Buffer): SafeFetchResult {
  const result: SafeFetchResult = { status: 'ok', finalUrl: url.href, body };
  const contentType = headerText(res.headers['content-type']);
  const etag = headerText(res.headers.etag);
  const lastModified = headerText(res.headers['last-modified']);
  if (contentType) result.contentType = contentType;
  if (etag) result.etag = etag;
  if (lastModified) result.lastModified = lastModified;
  return result;
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Streams the body through the right decoder, counting decoded bytes, and stops at the cap. */
function readBody(res: IncomingMessage, maxBytes: number, control: HopControl, done: (body: Buffer) => void): void {
  const tooLarge = (): FetchError => new FetchError('too-large', `response larger than ${formatBytes(maxBytes)}`);
  const encoding = (headerText(res.headers['content-encoding']) ?? 'identity').trim().toLowerCase();
  const declaredLength = Number(res.headers['content-length']);
  if ((encoding === 'identity' || encoding === '') && declaredLength > maxBytes) {
    control.fail(tooLarge());
    return;
  }
  let decoded: Readable;
  try {
    decoded = decoderFor(encoding, res);
  } catch (error) {
    control.fail(error);
    return;
  }
  if (decoded !== res) control.track(decoded);
  const chunks: Buffer[] = [];
  let total = 0;
  res.on('error', control.fail);
  decoded.on('error', control.fail);
  decoded.on('data', (chunk: Buffer) => {
    total += chunk.length;
    if (total > maxBytes) control.fail(tooLarge());
    else chunks.push(chunk);
  });
  decoded.on('end', () => done(Buffer.concat(chunks)));
}

function decoderFor(encoding: string, res: IncomingMessage): Readable {
  switch (encoding) {
    case '':
    case 'identity':
      return res;
    case 'gzip':
    case 'x-gzip':
      return res.pipe(zlib.createGunzip());
    case 'deflate':
      return res.pipe(zlib.createInflate());
    case 'br':
      return res.pipe(zlib.createBrotliDecompress());
    default:
      throw new FetchError('bad-response', `the server used a compression we cannot read (${encoding.slice(0, 40)})`);
  }
}

/** DNS cannot be cancelled, but we can stop waiting for it when the total time is up. */
async function withDeadline<T>(work: Promise<T>, deadline: number, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new FetchError('timeout', `timed out after ${formatSeconds(timeoutMs)}`)), Math.max(0, deadline - Date.now()));
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
