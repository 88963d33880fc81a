/**
 * A tiny HTTP server on 127.0.0.1 (ephemeral port) that serves given bodies, for tests that fetch
 * feeds. Only loopback, never another address. Records every request (path and headers) so a
 * test can assert what the client sent (conditional headers, User-Agent, how often it came).
 */
import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StaticRoute {
  status?: number;
  headers?: Record<string, string>;
  body: string | Buffer;
}

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void;

export type Routes = Record<string, StaticRoute | RouteHandler>;

export interface FeedServer {
  /** e.g. "http://127.0.0.1:41234" (no trailing slash); append a route path. */
  baseUrl: string;
  requests: { path: string; headers: IncomingHttpHeaders }[];
  close(): Promise<void>;
}

/** Routes are matched on the path including the query string; unknown paths get a 404. */
export async function startFeedServer(routes: Routes): Promise<FeedServer> {
  const requests: FeedServer['requests'] = [];
  const server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push({ path, headers: req.headers });
    const route = routes[path];
    if (route === undefined) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    } else if (typeof route === 'function') {
      route(req, res);
    } else {
      res.writeHead(route.status ?? 200, route.headers ?? {}).end(route.body);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
