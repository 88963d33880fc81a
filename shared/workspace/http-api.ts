/**
 * The review API as one function from an API Gateway HTTP API (payload 2.0) event to a response,
 * so the Lambda handler and the local server run exactly the same code. Routes:
 *
 *   GET  /  /app.js  /style.css  /config.json          the review page (public)
 *   GET  /api/weeks/{week}                             the week (reading drafts is logged)
 *   POST /api/weeks/{week}/plan                        plan (again) now
 *   PATCH /api/weeks/{week}/slots/{id}                 edit text / alt text / image, with version
 *   POST /api/weeks/{week}/slots/{id}/{action}         submit | approve | request-changes | regenerate | comments
 *   GET  /api/weeks/{week}/export?format=csv|xlsx|ics  the spreadsheet or calendar
 *   GET  /api/coverage?week={week} | ?from=&to=        numbers for the coverage charts (coverage-range.ts)
 *   GET  /api/me                                       who is signed in: { id, name, role } (me-api.ts)
 *   GET  /api/stories/{id}, /api/alerts, POST /api/alerts/{id}/…   Story and Alerts (alert-routes.ts)
 *   GET|POST /ack/{token}                              an alert email's acknowledge link: no sign-in, the signature is the credential (ack-link.ts)
 *   GET  /api/search?q=…  /api/search/export?format=…   archive search and its spreadsheet (search-api.ts)
 *   GET  /api/today?priority=&source=&kind=&level=     since the last briefing (today-api.ts)
 *   GET  /api/sources, POST /api/sources/{id}/retry    source health; retry clears a back-off (sources-api.ts)
 *
 * Who is asking comes from the JWT authorizer's claims (Cognito groups "approvers", "editors" and
 * "readers", the roles of shared/platform/roles.ts: readers only read, editors cannot approve);
 * on a laptop the local server puts the same claims there after checking its token. No claims:
 * 401. Errors map to statuses here and nowhere else; only client errors say more than "failed".
 */
import { gzipSync } from 'node:zlib';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as z from 'zod';
import type { Config } from '../platform/config/schema.js';
import type { FunctionConfig } from '../platform/config/projections.js';
import type { ItemStore } from '../classify/ports.js';
import { londonDate } from '../platform/time.js';
import { addDays, InvalidWeekError, isoWeekOf, weekDates } from '../grid/calendar.js';
import { CHANNEL_RULES } from '../grid/counter.js';
import { coverageOf } from '../grid/coverage.js';
import { ConflictError, ForbiddenError, InvalidRequestError, NotFoundError, ReviewRuleError, SlotTooLargeError, UnauthenticatedError } from '../grid/errors.js';
import { exportFormats, exportGrid } from '../grid/export.js';
import type { GridRules } from '../grid/hooks.js';
import { ISO_WEEK_PATTERN } from '../grid/calendar.js';
import { SLOT_ID_PATTERN, type PageAuth, type WeekView } from '../grid/model.js';
import { planWeek } from '../grid/plan-week.js';
import { GridNotConfiguredError } from '../grid/planner.js';
import { canApprove, changeSlot, requireEditor, requireReader, type Reviewer, type SlotChange } from '../grid/review.js';
import { me } from './me-api.js';
import { alertRoute, type AlertRoutesDeps } from './alert-routes.js';
import { ackLinkPage } from './ack-link.js';
import { coverageRange } from './coverage-range.js';
import type { ArchiveReader } from './archive.js';
import { searchDepsFrom, searchExport, SearchRequestError, searchResponse } from './search-api.js';
import { todayView } from './today-api.js';
import { retrySource, sourcesView, type SourcesDeps } from './sources-api.js';
import type { BriefingLog } from '../deliver/ports.js';
import type { GridStore } from '../grid/ports.js';

/** The review page's files, served by this API (no separate bucket or CDN to run). */
export interface WebAssets {
  readonly 'index.html': string;
  readonly 'app.js': string;
  readonly 'style.css': string;
}

export interface ReviewApiDeps {
  readonly config: FunctionConfig<'review-api'>;
  readonly grid: GridStore;
  readonly items: Pick<ItemStore, 'itemsSeenBetween'>;
  readonly now: () => Date;
  readonly assets: () => WebAssets;
  readonly auth: PageAuth;
  readonly log: (message: string, fields: Record<string, unknown>) => void;
  readonly rules?: GridRules;
  /** The Story and Alerts views (alert-routes.ts). */
  readonly alerts?: AlertRoutesDeps;
  /** The alert emails' acknowledge links: the signing secret (undefined: links are refused). */
  readonly ackSecret?: () => Promise<Buffer | undefined>;
  /** The search archive; absent where there is none (AWS, for now). */
  readonly archive?: ArchiveReader;
  /** Today's period starts at the last briefing (GET /api/today); without it, 404. */
  readonly briefings?: Pick<BriefingLog, 'lastBriefing'>;
  /** Source health and "retry now" (GET /api/sources); without it, 404. */
  readonly sources?: SourcesDeps['sources'];
}

/** Only what the API reads from the event; validated, never cast. */
const eventSchema = z.looseObject({
  rawPath: z.string(),
  rawQueryString: z.string().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  body: z.string().optional(),
  isBase64Encoded: z.boolean().optional(),
  requestContext: z.looseObject({
    http: z.looseObject({ method: z.string() }),
    authorizer: z
      .looseObject({
        jwt: z.looseObject({ claims: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string())])) }).optional(),
      })
      .optional(),
  }),
});

/** The page: scripts and styles from this origin only, never inline; not framed; no referrer. */
export function securityHeaders(auth: PageAuth): Record<string, string> {
  const connect = auth.mode === 'cognito' ? `'self' ${new URL(auth.domain).origin}` : "'self'";
  return {
    'content-security-policy': `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src ${connect}; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'`,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'strict-transport-security': 'max-age=31536000; includeSubDomains',
  };
}

type Result = APIGatewayProxyStructuredResultV2;

const weekParam = z.string().regex(ISO_WEEK_PATTERN, 'must be an ISO week such as 2026-W49');
const versionField = z.number().int().min(1);
const bodies = {
  patch: z.strictObject({
    version: versionField,
    text: z.string().max(70_000).optional(),
    altText: z.string().max(2_000).optional(),
    image: z.boolean().optional(),
  }),
  action: z.strictObject({ version: versionField }),
  requestChanges: z.strictObject({ version: versionField, note: z.string().max(2_000) }),
  comment: z.strictObject({ version: versionField.optional(), text: z.string().max(2_000) }),
};

/**
 * The reviewer the authorizer vouched for, groups from cognito:groups. The id the history and the
 * draft-read log keep is the username with the immutable `sub` ("username/sub"): never the email,
 * which is an attribute that can change. A token without either (local sign-in) falls back to email.
 */
export function reviewerFromClaims(claims: Record<string, unknown> | undefined): Reviewer {
  if (!claims) throw new UnauthenticatedError();
  const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
  const username = text(claims['cognito:username']) ?? text(claims.username);
  const sub = text(claims.sub);
  const id = sub ? (username && username !== sub ? `${username}/${sub}` : sub) : (username ?? text(claims.email));
  if (!id) throw new UnauthenticatedError();
  const name = text(claims.name) ?? text(claims.email) ?? username ?? id;
  const raw = claims['cognito:groups'];
  // HTTP APIs pass an array claim as one string: "[approvers editors]".
  const groups = Array.isArray(raw)
    ? raw.map(String)
    : typeof raw === 'string'
      ? raw
          .replace(/^\[|\]$/g, '')
          .split(/[\s,]+/)
          .filter(Boolean)
      : [];
  return { id, groups, name };
}

export async function handleReviewRequest(rawEvent: unknown, deps: ReviewApiDeps): Promise<Result> {
  const headers = securityHeaders(deps.auth);
  const json = (statusCode: number, body: unknown): Result => ({
    statusCode,
    headers: { ...headers, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    body: JSON.stringify(body),
  });
  try {
    const event = eventSchema.parse(rawEvent);
    const method = event.requestContext.http.method.toUpperCase();
    const path = event.rawPath.replace(/\/+$/, '') || '/';
    const query = parseQuery(event.rawQueryString ?? '');

    const ackToken = /^\/ack\/([^/]+)$/.exec(path)?.[1];
    if (ackToken !== undefined && deps.alerts && deps.ackSecret && (method === 'GET' || method === 'POST')) {
      const secret = await deps.ackSecret();
      if (!secret) return json(404, { error: 'Acknowledge links are not set up here.' });
      const page = await ackLinkPage(method, ackToken, { ...deps.alerts, now: deps.now, secret, reviewUrl: deps.config.briefing.reviewUrl });
      return { statusCode: page.status, headers: { ...headers, 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }, body: page.html };
    }
    if (!path.startsWith('/api/')) {
      if (method !== 'GET' && method !== 'HEAD') return json(405, { error: 'Method not allowed.' });
      const gzip = /\bgzip\b/.test(event.headers?.['accept-encoding'] ?? '');
      return staticFile(path, deps, headers, gzip) ?? json(404, { error: 'Not found.' });
    }

    const reviewer = reviewerFromClaims(event.requestContext.authorizer?.jwt?.claims);
    requireReader(reviewer);
    const readBody = <S extends z.ZodType>(schema: S): z.infer<S> => parseBody(schema, event.body, event.isBase64Encoded);
    const segments = path.split('/').slice(2).map(decodeSegment);
    const [resource, week, sub, slotId, action] = segments;

    if (resource === 'me' && segments.length === 1 && method === 'GET') return json(200, me(reviewer));
    if (resource === 'coverage' && segments.length === 1 && method === 'GET') {
      return json(200, await coverage(query, deps));
    }
    if (deps.alerts && (resource === 'stories' || resource === 'alerts')) {
      const answer = await alertRoute({ method, segments, query, reviewer, readBody }, { ...deps.alerts, grid: deps.grid, now: deps.now });
      if (answer !== undefined) return json(200, answer);
    }
    if (resource === 'search' && method === 'GET' && (segments.length === 1 || (segments.length === 2 && week === 'export'))) {
      if (!deps.archive) throw new NotFoundError('Search is not available in this deployment yet.');
      const search = searchDepsFrom(deps.archive, deps.items, deps.now);
      if (segments.length === 1) return json(200, await searchResponse(query, search));
      const file = await searchExport(query, search);
      const disposition = `attachment; filename="${file.filename}"`;
      const fileHeaders = { ...headers, 'content-type': file.contentType, 'content-disposition': disposition, 'cache-control': 'no-store' };
      return { statusCode: 200, headers: fileHeaders, body: file.body.toString('base64'), isBase64Encoded: true };
    }
    if (resource === 'today' && segments.length === 1 && method === 'GET' && deps.briefings) {
      return json(200, await todayView(query, { config: deps.config, items: deps.items, briefings: deps.briefings, now: deps.now }));
    }
    const sourceDeps = deps.sources ? { config: deps.config, sources: deps.sources, now: deps.now } : undefined;
    if (resource === 'sources' && sourceDeps && segments.length === 1 && method === 'GET') return json(200, await sourcesView(sourceDeps));
    if (resource === 'sources' && sourceDeps && week && sub === 'retry' && segments.length === 3 && method === 'POST') {
      requireEditor(reviewer, 'retry a source');
      deps.log('source retry requested', { source: week, by: reviewer.id });
      return json(200, await retrySource(week, sourceDeps));
    }
    if (resource !== 'weeks' || !week) return json(404, { error: 'Not found.' });
    const validWeek = checkWeek(week);

    if (segments.length === 2 && method === 'GET') {
      await logRead(validWeek, reviewer, 'week', deps);
      return json(200, await weekView(validWeek, reviewer, deps));
    }
    if (sub === 'plan' && segments.length === 3 && method === 'POST') {
      requireEditor(reviewer, 'plan a week');
      await planWeek(validWeek, { config: deps.config, items: deps.items, grid: deps.grid, now: deps.now, ...(deps.rules ? { rules: deps.rules } : {}) });
      deps.log('week planned on request', { week: validWeek, by: reviewer.id });
      // The answer is the week with its drafts: a read like any other.
      await logRead(validWeek, reviewer, 'plan', deps);
      return json(200, await weekView(validWeek, reviewer, deps));
    }
    if (sub === 'export' && segments.length === 3 && method === 'GET') {
      const format = z.enum(exportFormats).safeParse(query.get('format'));
      if (!format.success) throw new InvalidRequestError(`format must be one of ${exportFormats.join(', ')}.`);
      const grid = await deps.grid.getWeek(validWeek);
      if (!grid) throw new NotFoundError(`${validWeek} has not been planned yet.`);
      await logRead(validWeek, reviewer, `export ${format.data}`, deps);
      const file = await exportGrid(grid, format.data, { now: deps.now(), councilShort: deps.config.council.short });
      return {
        statusCode: 200,
        headers: {
          ...headers,
          'content-type': file.contentType,
          'content-disposition': `attachment; filename="${file.filename}"`,
          'cache-control': 'no-store',
        },
        body: file.body.toString('base64'),
        isBase64Encoded: true,
      };
    }
    if (sub === 'slots' && slotId && SLOT_ID_PATTERN.test(slotId)) {
      const ref = { week: validWeek, id: slotId };
      const reviewDeps = { store: deps.grid, config: deps.config, now: deps.now };
      let change: SlotChange;
      let version: number | undefined;
      if (segments.length === 4 && method === 'PATCH') {
        const b = readBody(bodies.patch);
        change = { kind: 'edit', text: b.text, altText: b.altText, image: b.image };
        version = b.version;
      } else if (segments.length === 5 && method === 'POST' && (action === 'submit' || action === 'approve' || action === 'regenerate')) {
        version = readBody(bodies.action).version;
        change = { kind: action };
      } else if (segments.length === 5 && method === 'POST' && action === 'request-changes') {
        const b = readBody(bodies.requestChanges);
        change = { kind: 'request-changes', note: b.note };
        version = b.version;
      } else if (segments.length === 5 && method === 'POST' && action === 'comments') {
        const b = readBody(bodies.comment);
        change = { kind: 'comment', text: b.text };
        version = b.version;
      } else {
        return json(404, { error: 'Not found.' });
      }
      const slot = await changeSlot(ref, change, version, reviewer, reviewDeps).catch(async (error: unknown) => {
        // A 409 carries the slot as it now is, draft text included: log that read before answering.
        if (error instanceof ConflictError && error.current) await logRead(validWeek, reviewer, `conflict ${slotId}`, deps);
        throw error;
      });
      deps.log('slot changed', { week: validWeek, slot: slotId, change: change.kind, by: reviewer.id, version: slot.version });
      return json(200, { slot });
    }
    return json(404, { error: 'Not found.' });
  } catch (error) {
    if (error instanceof UnauthenticatedError)
      return { ...json(401, { error: error.message }), headers: { ...json(401, {}).headers, 'www-authenticate': 'Bearer' } };
    if (error instanceof ForbiddenError) return json(403, { error: error.message });
    if (error instanceof NotFoundError) return json(404, { error: error.message });
    if (error instanceof SearchRequestError) return json(400, { error: error.message, ...(error.column !== undefined ? { column: error.column } : {}) });
    if (error instanceof ConflictError) return json(409, { error: error.message, current: error.current ?? null });
    if (error instanceof SlotTooLargeError) return json(413, { error: error.message });
    if (error instanceof ReviewRuleError || error instanceof GridNotConfiguredError) return json(422, { error: error.message });
    if (error instanceof InvalidRequestError || error instanceof InvalidWeekError) return json(400, { error: error.message });
    if (error instanceof z.ZodError) return json(400, { error: 'The request was not understood.' });
    deps.log('review API failed', { error: error instanceof Error ? error.message : String(error) });
    return json(500, { error: 'Something went wrong; nothing was changed. Try again, and tell the office if it keeps happening.' });
  }
}

/** A path segment decoded; a malformed escape ("%E0%A4%A", "%zz") is the client's mistake, not a crash. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new InvalidRequestError('The address has a malformed percent-escape (write % as %25).');
  }
}

/**
 * The query string, refusing malformed escapes: URLSearchParams would quietly keep "%zz" as it is
 * and turn a broken UTF-8 sequence into U+FFFD, so a mistyped link would read as something else.
 */
function parseQuery(raw: string): URLSearchParams {
  for (const part of raw.split(/[&=]/)) decodeSegment(part.replace(/\+/g, ' '));
  return new URLSearchParams(raw);
}

function checkWeek(week: string): string {
  const parsed = weekParam.safeParse(week);
  if (!parsed.success) throw new InvalidWeekError(week);
  weekDates(parsed.data); // also refuses week 53 in a 52-week year
  return parsed.data;
}

function parseBody<S extends z.ZodType>(schema: S, body: string | undefined, base64: boolean | undefined): z.infer<S> {
  if (!body) throw new InvalidRequestError('The request has no body.');
  let value: unknown;
  try {
    value = JSON.parse(base64 ? Buffer.from(body, 'base64').toString('utf8') : body);
  } catch {
    throw new InvalidRequestError('The request body is not JSON.');
  }
  const result = schema.safeParse(value);
  if (!result.success) throw new InvalidRequestError(result.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  return result.data;
}

async function logRead(week: string, reviewer: Reviewer, what: string, deps: ReviewApiDeps): Promise<void> {
  const at = deps.now().toISOString();
  // Drafts are confidential until published: who read them, and when, is kept.
  await deps.grid.logDraftRead({ week, who: reviewer.id, at, what });
  deps.log('drafts read', { week, who: reviewer.id, at, what });
}

async function weekView(week: string, reviewer: Reviewer, deps: ReviewApiDeps): Promise<WeekView> {
  const dates = weekDates(week);
  const monday = dates[0] as string;
  const channels = (deps.config.grid?.channels ?? []).map((c) => ({
    id: c.id,
    name: CHANNEL_RULES[c.id].name,
    limit: CHANNEL_RULES[c.id].limit,
    counting: CHANNEL_RULES[c.id].counting,
    days: c.days,
    times: c.times.slice(0, c.maxPerDay),
    staffRun: c.staffRun,
    images: c.images ?? c.id === 'instagram',
  }));
  return {
    week,
    previousWeek: isoWeekOf(addDays(monday, -7)),
    nextWeek: isoWeekOf(addDays(monday, 7)),
    dates,
    channels,
    grid: (await deps.grid.getWeek(week)) ?? null,
    user: { id: reviewer.id, canApprove: canApprove(reviewer) },
  };
}

async function coverage(query: URLSearchParams, deps: ReviewApiDeps) {
  const now = deps.now();
  const today = londonDate(now);
  const params = { week: query.get('week'), from: query.get('from'), to: query.get('to') };
  const { from, to } = coverageRange(params, today, deps.config.grid?.lookbackDays ?? 14, checkWeek);
  if (to < from) return coverageOf([], deps.config, from, from);
  // London days start up to an hour before UTC ones: fetch a day either side, then keep London days.
  const fromInstant = new Date(`${addDays(from, -1)}T00:00:00Z`);
  const toInstant = new Date(Math.min(now.getTime(), Date.parse(`${addDays(to, 1)}T23:59:59Z`)));
  const items = await deps.items.itemsSeenBetween(fromInstant, toInstant);
  return coverageOf(items, deps.config, from, to);
}

const gzipped = new Map<string, string>();

/** A page file gzipped once per container (the script is half a megabyte; a quarter of that gzipped). */
function gzipOnce(content: string): string {
  let body = gzipped.get(content);
  if (body === undefined) {
    body = gzipSync(content).toString('base64');
    gzipped.set(content, body);
  }
  return body;
}

function staticFile(path: string, deps: ReviewApiDeps, headers: Record<string, string>, gzip: boolean): Result | undefined {
  if (path === '/config.json') {
    return {
      statusCode: 200,
      headers: { ...headers, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
      body: JSON.stringify(deps.auth),
    };
  }
  const name = path === '/' || path === '/index.html' ? 'index.html' : path === '/app.js' ? 'app.js' : path === '/style.css' ? 'style.css' : undefined;
  if (!name) return undefined;
  const type = { 'index.html': 'text/html; charset=utf-8', 'app.js': 'text/javascript; charset=utf-8', 'style.css': 'text/css; charset=utf-8' }[name];
  const content = deps.assets()[name];
  if (!gzip) return { statusCode: 200, headers: { ...headers, 'content-type': type, 'cache-control': 'no-cache', vary: 'accept-encoding' }, body: content };
  return {
    statusCode: 200,
    headers: { ...headers, 'content-type': type, 'cache-control': 'no-cache', vary: 'accept-encoding', 'content-encoding': 'gzip' },
    body: gzipOnce(content),
    isBase64Encoded: true,
  };
}
