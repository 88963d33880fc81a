import https from 'node:https';
import net, { type AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { FetchError, safeFetch, type SafeFetchOptions } from '../../../../shared/ingest/http/safe-fetch.js';
import { describeNetworkError } from '../../../../shared/ingest/http/fetch-error.js';
import { startFeedServer, type FeedServer, type Routes } from '../../../support/feed-server.js';
import { TEST_CERT, TEST_KEY } from './tls-fixture.js';

const MB = 1024 * 1024;

const local: SafeFetchOptions = {
  allowPrivateHosts: true,
  userAgent: 'Despatch/test',
  timeoutMs: 5_000,
  maxBodyBytes: 5 * MB,
};
const strict: SafeFetchOptions = { ...local, allowPrivateHosts: false };

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function serve(routes: Routes): Promise<FeedServer> {
  const server = await startFeedServer(routes);
  cleanups.push(() => server.close());
  return server;
}

async function serveHttps(handler: Parameters<typeof https.createServer>[1]): Promise<string> {
  const server = https.createServer({ key: TEST_KEY, cert: TEST_CERT }, handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Runs the fetch and returns the FetchError it must fail with. */
async function failure(url: string, options: SafeFetchOptions): Promise<FetchError> {
  const error = await safeFetch(url, options).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FetchError);
  return error as FetchError;
}

describe('safeFetch: ordinary fetches', () => {
  it('returns the body, content type and validators, and identifies itself', async () => {
    // Prepare
    const server = await serve({
      '/feed.xml': {
        headers: { 'Content-Type': 'application/rss+xml; charset=utf-8', ETag: '"v1"', 'Last-Modified': 'Tue, 01 Oct 2024 07:00:00 GMT' },
        body: '<rss/>',
      },
    });
    // Act
    const result = await safeFetch(`${server.baseUrl}/feed.xml`, { ...local, accept: 'application/rss+xml' });
    // Assess
    expect(result).toEqual({
      status: 'ok',
      finalUrl: `${server.baseUrl}/feed.xml`,
      body: Buffer.from('<rss/>'),
      contentType: 'application/rss+xml; charset=utf-8',
      etag: '"v1"',
      lastModified: 'Tue, 01 Oct 2024 07:00:00 GMT',
    });
    expect(server.requests[0]?.headers).toMatchObject({ 'user-agent': 'Despatch/test', accept: 'application/rss+xml', 'accept-encoding': 'gzip, deflate, br' });
  });

  it('sends the stored ETag and Last-Modified and reports not-modified on 304', async () => {
    // Prepare
    const server = await serve({
      '/feed.xml': (req, res) => {
        const fresh = req.headers['if-none-match'] === '"v1"';
        res.writeHead(fresh ? 304 : 200).end(fresh ? undefined : '<rss/>');
      },
    });
    // Act
    const result = await safeFetch(`${server.baseUrl}/feed.xml`, { ...local, etag: '"v1"', lastModified: 'Tue, 01 Oct 2024 07:00:00 GMT' });
    // Assess
    expect(result).toEqual({ status: 'not-modified', finalUrl: `${server.baseUrl}/feed.xml` });
    expect(server.requests[0]?.headers).toMatchObject({ 'if-none-match': '"v1"', 'if-modified-since': 'Tue, 01 Oct 2024 07:00:00 GMT' });
  });

  it.each([
    ['gzip', zlib.gzipSync],
    ['deflate', zlib.deflateSync],
    ['br', zlib.brotliCompressSync],
  ] as const)('decodes a %s-compressed body', async (encoding, compress) => {
    // Prepare
    const server = await serve({ '/feed.xml': { headers: { 'Content-Encoding': encoding }, body: compress(Buffer.from('<rss>café</rss>')) } });
    // Act
    const result = await safeFetch(`${server.baseUrl}/feed.xml`, local);
    // Assess
    expect(result.status === 'ok' && result.body.toString('utf8')).toBe('<rss>café</rss>');
  });

  it('follows up to 5 redirects and reports where it ended', async () => {
    // Prepare
    const routes: Routes = { '/5': { body: 'arrived' } };
    for (let i = 0; i < 5; i += 1) routes[`/${i}`] = { status: 302, headers: { Location: `/${i + 1}` }, body: '' };
    const server = await serve(routes);
    // Act
    const result = await safeFetch(`${server.baseUrl}/0`, local);
    // Assess
    expect(result).toMatchObject({ status: 'ok', finalUrl: `${server.baseUrl}/5` });
  });
});

describe('safeFetch: refuses to reach private and internal addresses', () => {
  it.each([
    ['http://127.0.0.1:9/feed', 'blocked: a loopback address (127.0.0.1)'],
    ['http://10.0.0.5/feed', 'blocked: a private address (10.0.0.5)'],
    ['http://192.168.1.20/feed', 'blocked: a private address (192.168.1.20)'],
    ['http://[::1]/feed', 'blocked: a loopback address (::1)'],
    ['http://[::ffff:127.0.0.1]/', 'blocked: a loopback address (::ffff:7f00:1)'],
    ['http://2852039166/', 'blocked: a cloud metadata address (169.254.169.254)'],
    ['http://0x7f.1/', 'blocked: a loopback address (127.0.0.1)'],
    ['http://0177.0.0.1/', 'blocked: a loopback address (127.0.0.1)'],
    ['http://017700000001/', 'blocked: a loopback address (127.0.0.1)'],
    ['http://[::ffff:0a00:0001]/', 'blocked: a private address (::ffff:a00:1)'],
    ['http://[64:ff9b::7f00:1]/', 'blocked: a loopback address (64:ff9b::7f00:1)'],
    ['http://[2002:a9fe:a9fe::1]/', 'blocked: a cloud metadata address (2002:a9fe:a9fe::1)'],
    ['http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/', 'blocked: a reserved address (2001:0:4136:e378:8000:63bf:3fff:fdd2)'],
  ])('refuses %s before connecting', async (url, reason) => {
    // Act
    const error = await failure(url, strict);
    // Assess
    expect(error.code).toBe('blocked-address');
    expect(error.reason).toBe(reason);
  });

  it('refuses a name that resolves to loopback (localhost)', async () => {
    // Act
    const error = await failure('http://localhost:9/feed', strict);
    // Assess
    expect(error.reason).toMatch(/^blocked: resolves to a loopback address \((127\.0\.0\.1|::1)\)$/);
  });

  it('refuses a name that resolves to both a public and a private address', async () => {
    // Prepare
    const resolve = async () => [
      { address: '93.184.216.34', family: 4 },
      { address: '10.1.2.3', family: 4 },
    ];
    // Act
    const error = await failure('http://news.example.org/feed', { ...strict, resolve });
    // Assess
    expect(error.reason).toBe('blocked: resolves to a private address (10.1.2.3)');
  });

  it('refuses the cloud metadata address even when private hosts are allowed', async () => {
    // Act
    const direct = await failure('http://169.254.169.254/latest/meta-data/', local);
    const viaName = await failure('http://metadata.internal/', { ...local, resolve: async () => [{ address: 'fd00:ec2::254', family: 6 }] });
    // Assess
    expect(direct.reason).toBe('blocked: a cloud metadata address (169.254.169.254)');
    expect(viaName.reason).toBe('blocked: resolves to a cloud metadata address (fd00:ec2::254)');
  });

  it.each(['http://169.254.169.254/latest/meta-data/iam/', 'http://[::ffff:169.254.169.254]/', 'http://2852039166/'])(
    'refuses a redirect from an allowed server to the metadata address %s',
    async (target) => {
      // Prepare
      const server = await serve({ '/feed': { status: 301, headers: { Location: target }, body: '' } });
      // Act
      const error = await failure(`${server.baseUrl}/feed`, local);
      // Assess
      expect(error.code).toBe('blocked-address');
      expect(error.reason).toContain('cloud metadata address');
      expect(server.requests).toHaveLength(1);
    },
  );

  it.each(['file:///etc/passwd', 'data:text/xml,<rss/>', 'ftp://example.org/feed.xml', 'javascript:alert(1)'])('refuses the scheme of %s', async (url) => {
    // Act
    const error = await failure(url, local);
    // Assess
    expect(error.code).toBe('blocked-scheme');
    expect(error.reason).toMatch(/^blocked: only http and https addresses can be fetched/);
  });

  it('refuses a redirect to a file: URL', async () => {
    // Prepare
    const server = await serve({ '/feed': { status: 302, headers: { Location: 'file:///etc/passwd' }, body: '' } });
    // Act
    const error = await failure(`${server.baseUrl}/feed`, local);
    // Assess
    expect(error.code).toBe('blocked-scheme');
  });

  it('says a plain "not a valid web address" for garbage', async () => {
    // Act
    const error = await failure('not a url', local);
    // Assess
    expect(error.reason).toBe('not a valid web address: not a url');
  });
});

describe('safeFetch: redirects', () => {
  it('gives up after the 6th redirect', async () => {
    // Prepare
    const routes: Routes = { '/6': { body: 'too far' } };
    for (let i = 0; i < 6; i += 1) routes[`/${i}`] = { status: 301, headers: { Location: `/${i + 1}` }, body: '' };
    const server = await serve(routes);
    // Act
    const error = await failure(`${server.baseUrl}/0`, local);
    // Assess
    expect(error.code).toBe('too-many-redirects');
    expect(error.reason).toBe('too many redirects (more than 5)');
    expect(server.requests.map((r) => r.path)).not.toContain('/6');
  });

  it('refuses a redirect from https to plain http', async () => {
    // Prepare
    const plain = await serve({ '/feed': { body: '<rss/>' } });
    const secure = await serveHttps((_req, res) => res.writeHead(301, { Location: `${plain.baseUrl}/feed` }).end());
    // Act
    const error = await failure(`${secure}/feed`, { ...local, ca: TEST_CERT });
    // Assess
    expect(error.code).toBe('insecure-redirect');
    expect(error.reason).toMatch(/^refused: redirected from https to insecure http/);
    expect(plain.requests).toHaveLength(0);
  });
});

describe('safeFetch: TLS', () => {
  it('fetches over https from a trusted certificate', async () => {
    // Prepare
    const secure = await serveHttps((_req, res) => res.end('<rss/>'));
    // Act
    const result = await safeFetch(`${secure}/feed`, { ...local, ca: TEST_CERT });
    // Assess
    expect(result.status === 'ok' && result.body.toString()).toBe('<rss/>');
  });

  it('says the certificate is self-signed when it is not trusted', async () => {
    // Prepare
    const secure = await serveHttps((_req, res) => res.end('<rss/>'));
    // Act
    const error = await failure(`${secure}/feed`, local);
    // Assess
    expect(error.code).toBe('tls');
    expect(error.reason).toContain('self-signed');
  });

  it('says the certificate does not match when the name differs', async () => {
    // Prepare
    const secure = await serveHttps((_req, res) => res.end('<rss/>'));
    const port = new URL(secure).port;
    // Act
    const error = await failure(`https://feeds.despatch.test:${port}/feed`, {
      ...local,
      ca: TEST_CERT,
      resolve: async () => [{ address: '127.0.0.1', family: 4 }],
    });
    // Assess
    expect(error.reason).toBe('TLS certificate does not match the host name');
  });

  it.each([
    ['CERT_HAS_EXPIRED', 'TLS certificate expired'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'TLS certificate is self-signed (not issued by a trusted authority)'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'TLS certificate does not match the host name'],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'TLS certificate could not be verified (the server sent an incomplete chain)'],
  ])('explains %s in plain words', (code, reason) => {
    // Act
    const error = describeNetworkError(Object.assign(new Error('x'), { code }));
    // Assess
    expect(error.reason).toBe(reason);
    expect(error.code).toBe('tls');
  });
});

describe('safeFetch: size and time limits', () => {
  it('stops a gzip bomb at the cap on decoded bytes', async () => {
    // Prepare: 50 MB of zeros compresses to about 50 KB, far under any Content-Length check.
    const bomb = zlib.gzipSync(Buffer.alloc(50 * MB));
    const server = await serve({ '/feed': { headers: { 'Content-Encoding': 'gzip', 'Content-Length': String(bomb.length) }, body: bomb } });
    // Act
    const error = await failure(`${server.baseUrl}/feed`, local);
    // Assess
    expect(error.code).toBe('too-large');
    expect(error.reason).toBe('response larger than 5 MB');
  });

  it('stops reading a 50 MB plain body at the cap instead of downloading it all', async () => {
    // Prepare: stream without Content-Length and count what the server managed to send.
    let sent = 0;
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const server = await serve({
      '/feed': (_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/xml' });
        const pump = (): void => {
          while (sent < 50 * MB) {
            sent += chunk.length;
            if (!res.write(chunk)) {
              res.once('drain', pump);
              return;
            }
          }
          res.end();
        };
        res.on('close', () => res.removeAllListeners('drain'));
        pump();
      },
    });
    // Act
    const error = await failure(`${server.baseUrl}/feed`, local);
    // Assess
    expect(error.reason).toBe('response larger than 5 MB');
    expect(sent).toBeLessThan(40 * MB);
  });

  it('refuses at once when Content-Length already says the body is too large', async () => {
    // Prepare
    const server = await serve({
      '/feed': (_req, res) => {
        res.writeHead(200, { 'Content-Length': String(50 * MB) });
        res.write('<rss>');
      },
    });
    // Act
    const error = await failure(`${server.baseUrl}/feed`, local);
    // Assess
    expect(error.reason).toBe('response larger than 5 MB');
  });

  it('fails a server that drips a byte at a time within the total timeout', async () => {
    // Prepare
    const server = await serve({
      '/feed': (_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/xml' });
        const timer = setInterval(() => res.write('x'), 100);
        res.on('close', () => clearInterval(timer));
      },
    });
    // Act
    const error = await failure(`${server.baseUrl}/feed`, { ...local, timeoutMs: 1_000, idleTimeoutMs: 5_000 });
    // Assess
    expect(error.code).toBe('timeout');
    expect(error.reason).toBe('timed out after 1 s');
  });

  it('fails a server that goes silent after the headers', async () => {
    // Prepare
    const server = await serve({ '/feed': (_req, res) => res.writeHead(200).flushHeaders() });
    // Act
    const error = await failure(`${server.baseUrl}/feed`, { ...local, idleTimeoutMs: 300 });
    // Assess
    expect(error.reason).toBe('timed out: the server sent nothing for 0.3 s');
  });
});

describe('safeFetch: failures in plain words', () => {
  it('reports a 429 with the Retry-After seconds', async () => {
    // Prepare
    const server = await serve({ '/feed': { status: 429, headers: { 'Retry-After': '120' }, body: 'slow down' } });
    // Act
    const error = await failure(`${server.baseUrl}/feed`, local);
    // Assess
    expect(error).toMatchObject({ code: 'http-status', httpStatus: 429, retryAfterSeconds: 120 });
    expect(error.reason).toBe('HTTP 429 Too Many Requests (the server asks us to wait 120 s)');
  });

  it('reads a Retry-After given as an HTTP date on 503', async () => {
    // Prepare
    const later = new Date(Date.now() + 90_000).toUTCString();
    const server = await serve({ '/feed': { status: 503, headers: { 'Retry-After': later }, body: '' } });
    // Act
    const error = await failure(`${server.baseUrl}/feed`, local);
    // Assess
    expect(error.httpStatus).toBe(503);
    expect(error.retryAfterSeconds).toBeGreaterThan(80);
    expect(error.retryAfterSeconds).toBeLessThanOrEqual(90);
  });

  it('says "HTTP 404 Not Found"', async () => {
    // Prepare
    const server = await serve({});
    // Act
    const error = await failure(`${server.baseUrl}/gone.xml`, local);
    // Assess
    expect(error.reason).toBe('HTTP 404 Not Found');
    expect(error.httpStatus).toBe(404);
  });

  it('says "connection refused" when nothing listens', async () => {
    // Prepare: take a free port and release it.
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    // Act
    const error = await failure(`http://127.0.0.1:${port}/feed`, local);
    // Assess
    expect(error.reason).toBe('connection refused');
  });

  it('says "host not found" when the name does not resolve', async () => {
    // Prepare
    const resolve = async (): Promise<never> => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    };
    // Act
    const error = await failure('https://no-such-council.example/feed', { ...local, resolve });
    // Assess
    expect(error.reason).toBe('host not found');
  });
});
