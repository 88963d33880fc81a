/**
 * The review API's answers to requests the page would never send, and the draft-read log, against
 * an in-memory grid store (the DynamoDB one is covered by test/integration/grid-api.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { ConflictError } from '../../../shared/grid/errors.js';
import type { GridWeek, Slot } from '../../../shared/grid/model.js';
import { planGrid } from '../../../shared/grid/planner.js';
import type { DraftRead, GridStore } from '../../../shared/grid/ports.js';
import { handleReviewRequest, type ReviewApiDeps } from '../../../shared/workspace/http-api.js';
import { gridConfig } from '../grid/fixtures.js';

const WEEK = '2026-W49';
const config = gridConfig({ channels: [{ id: 'x', days: ['tue'], times: ['08:30'] }] });

function setUp() {
  const grid: GridWeek = planGrid({ config, week: WEEK, items: [], meetings: [], now: new Date('2026-11-26T10:00:00Z') });
  const slots = new Map(grid.slots.map((s) => [s.id, s]));
  const reads: DraftRead[] = [];
  const store: GridStore = {
    getWeek: async () => ({ ...grid, slots: [...slots.values()] }),
    getSlot: async (_week, id) => slots.get(id),
    savePlan: async () => ({ written: 0, raced: 0 }),
    putSlot: async (slot: Slot, expected: number) => {
      if (slots.get(slot.id)?.version !== expected) throw new ConflictError(slots.get(slot.id));
      slots.set(slot.id, slot);
    },
    logDraftRead: async (read) => void reads.push(read),
    draftReads: async () => reads,
  };
  const deps: ReviewApiDeps = {
    config,
    grid: store,
    items: { itemsSeenBetween: async () => [] },
    now: () => new Date('2026-11-27T09:00:00Z'),
    assets: () => ({ 'index.html': '', 'app.js': '', 'style.css': '' }),
    auth: { mode: 'local' },
    log: () => undefined,
  };
  const slot = grid.slots[0] as Slot;
  return { deps, reads, slot };
}

const request = (method: string, rawPath: string, options: { query?: string; body?: unknown } = {}) => ({
  rawPath,
  ...(options.query !== undefined ? { rawQueryString: options.query } : {}),
  ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  requestContext: { http: { method }, authorizer: { jwt: { claims: { sub: 'head', 'cognito:groups': '[approvers editors]' } } } },
});

describe('review API: malformed addresses', () => {
  it.each([
    ['a truncated escape in the path', '/api/weeks/%E0%A4%A', undefined],
    ['a non-hex escape in the path', '/api/weeks/2026-W49/slots/%zz', undefined],
    ['a broken UTF-8 escape in the query', '/api/coverage', 'week=%C3'],
    ['a lone % in the query', `/api/weeks/${WEEK}/export`, 'format=csv%'],
  ])('answers 400, not 500, for %s', async (_what, path, query) => {
    // Prepare
    const { deps } = setUp();
    // Act
    const response = await handleReviewRequest(request('GET', path, query === undefined ? {} : { query }), deps);
    // Assess
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(String(response.body))).toEqual({ error: expect.stringMatching(/malformed percent-escape/) });
  });

  it('still decodes a well-formed escape', async () => {
    const { deps } = setUp();
    const response = await handleReviewRequest(request('GET', `/api/weeks/2026%2DW49`), deps);
    expect(response.statusCode).toBe(200);
  });
});

describe('review API: every answer that carries drafts is a logged read', () => {
  it('logs the read when planning again returns the week', async () => {
    // Prepare
    const { deps, reads } = setUp();
    // Act
    const response = await handleReviewRequest(request('POST', `/api/weeks/${WEEK}/plan`), deps);
    // Assess
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(String(response.body)).grid.slots.length).toBeGreaterThan(0);
    expect(reads).toEqual([{ week: WEEK, who: 'head', at: '2026-11-27T09:00:00.000Z', what: 'plan' }]);
  });

  it('logs the read when a 409 returns the slot as it now is', async () => {
    // Prepare
    const { deps, reads, slot } = setUp();
    const path = `/api/weeks/${WEEK}/slots/${slot.id}`;
    await handleReviewRequest(request('PATCH', path, { body: { version: slot.version, text: 'First save' } }), deps);
    // Act
    const response = await handleReviewRequest(request('PATCH', path, { body: { version: slot.version, text: 'Second save' } }), deps);
    // Assess
    expect(response.statusCode).toBe(409);
    expect(JSON.parse(String(response.body)).current.text).toBe('First save');
    expect(reads).toEqual([{ week: WEEK, who: 'head', at: '2026-11-27T09:00:00.000Z', what: `conflict ${slot.id}` }]);
  });
});
