/**
 * A loopback stand-in for a Parliament API: routes by path, answers from the query parameters (so a
 * test can serve pages by skip/take and windows by date), and records every request's URL and
 * headers so a test can assert what was asked (since, paging, search terms, User-Agent).
 */
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ApiAnswer = { status?: number; body: unknown };
export type ApiRoute = (params: URLSearchParams) => ApiAnswer;

export interface ApiServer {
  baseUrl: string;
  requests: { url: URL; headers: IncomingHttpHeaders }[];
  close(): Promise<void>;
}

export async function startApiServer(routes: Record<string, ApiRoute>): Promise<ApiServer> {
  const requests: ApiServer['requests'] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({ url, headers: req.headers });
    const route = routes[url.pathname];
    if (!route) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    const answer = route(url.searchParams);
    const body = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
    res.writeHead(answer.status ?? 200, { 'Content-Type': 'application/json; charset=utf-8' }).end(body);
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

/** Serves `records` a page at a time by skip/take, with the total, in the given envelope. */
export function paged<T>(records: readonly T[], params: URLSearchParams, skipKey: string, takeKey: string, defaultTake: number): { page: T[]; total: number } {
  const skip = Number(params.get(skipKey) ?? 0);
  const take = Number(params.get(takeKey) ?? defaultTake);
  return { page: records.slice(skip, skip + take), total: records.length };
}
