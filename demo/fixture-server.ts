/**
 * Serves the demo's own feeds on loopback, with dates relative to now ({{rfc822:-3h}},
 * {{iso:-3h}}, and London calendar days as {{dmy:+2d}} "25/11/2026" or {{long:+20d}}
 * "12 December 2026") so the demo's briefing always looks like this morning's. Accepts webhook
 * posts (POST /webhook/...) the way Teams or Slack would, so the demo's critical route has
 * somewhere to post.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEMO_FEEDS_DIR = fileURLToPath(new URL('./feeds/', import.meta.url));
/** The placeholder origin used for source URLs in config/demo.yaml. */
export const DEMO_ORIGIN = 'http://demo.invalid';

const contentTypes: Record<string, string> = {
  '.xml': 'application/rss+xml; charset=utf-8',
  '.atom': 'application/atom+xml; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

const londonDay = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric' });
const londonDmy = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: '2-digit', month: '2-digit', year: 'numeric' });

export function fillDates(template: string, now: Date): string {
  return template.replace(/\{\{(rfc822|iso|dmy|long):([+-]\d+)([mhd])\}\}/g, (_all, format: string, amount: string, unit: string) => {
    const ms = Number(amount) * { m: 60_000, h: 3_600_000, d: 86_400_000 }[unit as 'm' | 'h' | 'd'];
    const at = new Date(now.getTime() + ms);
    if (format === 'dmy') return londonDmy.format(at);
    if (format === 'long') return londonDay.format(at);
    return format === 'iso' ? at.toISOString() : at.toUTCString();
  });
}

/** The request path without its leading slash, decoded; undefined when it cannot be decoded. */
function decodedPath(url: string | undefined): string | undefined {
  try {
    return decodeURIComponent(new URL(url ?? '/', 'http://x').pathname.slice(1));
  } catch {
    return undefined;
  }
}

export interface FixtureServer {
  baseUrl: string;
  close(): Promise<void>;
}

export async function startFixtureServer(dir = DEMO_FEEDS_DIR): Promise<FixtureServer> {
  const files = new Set(readdirSync(dir));
  const server = createServer((req, res) => {
    const name = decodedPath(req.url);
    if (name === undefined) {
      // A malformed percent-escape (`/%`, `/%E0%A4%A`): decodeURIComponent throws, and thrown here it would end the process.
      req.resume();
      res.writeHead(400, { 'content-type': 'text/plain' }).end('bad request: malformed percent-escape in the path');
      return;
    }
    if (req.method === 'POST' && name.startsWith('webhook/')) {
      // Like Teams and Slack: read the message and say it was accepted. Despatch keeps its own copy in the outbox.
      req.resume();
      req.on('end', () => res.writeHead(202, { 'content-type': 'text/plain' }).end('accepted'));
      return;
    }
    // An API path (the Written Questions API's /api/writtenquestions/questions) is served from a flat
    // file named after it: api-writtenquestions-questions.json. Its query string is not looked at.
    const file = files.has(name) ? name : `${name.replaceAll('/', '-')}.json`;
    if (!files.has(file)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const body = fillDates(readFileSync(join(dir, file), 'utf8'), new Date());
    res.writeHead(200, { 'content-type': contentTypes[extname(file)] ?? 'application/xml' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
