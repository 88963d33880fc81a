/**
 * The Written Statements API (GET /api/writtenstatements/statements: { totalResults, results:
 * [{ value, links }] }) on loopback: statements found by term or department, made since the last
 * good poll's day, paged; one statement made in both Houses is one item; a malformed record is
 * reported and the rest kept.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SourceConfig } from '../../../../shared/platform/config/schema.js';
import { fetchSource, type SourceFetchDeps } from '../../../../shared/ingest/fetch-source.js';
import { normalisedItemSchema } from '../../../../shared/platform/model.js';
import { paged, startApiServer, type ApiServer } from './api-server.js';

const network: SourceFetchDeps['network'] = { allowPrivateHosts: true, contact: 'tests@example.gov.uk', timeoutSeconds: 5, maxBodyBytes: 1024 * 1024 };
const now = new Date('2026-11-30T07:00:00.000Z');
const watch = { terms: ['Lewisham'], members: [] };

function statement(id: number, uin: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    memberId: 4100,
    member: { id: 4100, name: 'Jim McMahon', party: 'Labour', partyAbbreviation: 'Lab', memberFrom: 'Oldham West, Chadderton and Royton' },
    memberRole: 'Minister of State (Local Government and English Devolution)',
    uin,
    dateMade: '2026-11-26T00:00:00',
    answeringBodyId: 7,
    answeringBodyName: 'Ministry of Housing, Communities and Local Government',
    title: 'Local Government Finance Settlement 2027-28',
    text: '<p>Today I am publishing the provisional settlement, including for <strong>Lewisham</strong> &amp; other London boroughs.</p>',
    house: 'Commons',
    noticeNumber: 12,
    hasAttachments: false,
    hasLinkedStatements: false,
    linkedStatements: [],
    attachments: [],
    ...extra,
  };
}

let server: ApiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function api(records: unknown[]): Promise<SourceConfig> {
  server = await startApiServer({
    '/api/writtenstatements/statements': (params) => {
      const { page, total } = paged(records, params, 'skip', 'take', 20);
      return { body: { totalResults: total, results: page.map((value) => ({ value, links: [] })) } };
    },
  });
  return { id: 'written-statements', name: 'Written statements', kind: 'written-statements', url: server.baseUrl, group: 'parliament', outlet: 'local' };
}

async function poll(source: SourceConfig, lastSuccessAt?: string) {
  const outcome = await fetchSource(source, lastSuccessAt ? { lastSuccessAt } : {}, { network, now, watch });
  if (outcome.kind !== 'ok') throw new Error('expected items');
  for (const item of outcome.items) normalisedItemSchema.parse(item);
  return outcome;
}

describe('written-statements', () => {
  it('makes a statement an item with its details and link, asking since the last good poll', async () => {
    // Prepare
    const source = await api([statement(2001, 'HCWS412')]);
    // Act
    const { items } = await poll(source, '2026-11-26T08:00:00.000Z');
    // Assess
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      kind: 'written-statement',
      title: 'Written statement from Ministry of Housing, Communities and Local Government: Local Government Finance Settlement 2027-28',
      link: 'https://questions-statements.parliament.uk/written-statements/detail/2026-11-26/hcws412',
      publishedAt: '2026-11-26T00:00:00.000Z',
      details: {
        documentType: 'Written statement',
        uin: 'HCWS412',
        house: 'House of Commons',
        member: 'Jim McMahon',
        party: 'Labour',
        answeringBody: 'Ministry of Housing, Communities and Local Government',
      },
    });
    expect(items[0]?.summary).toBe(
      'Made by Jim McMahon, Minister of State (Local Government and English Devolution). Today I am publishing the provisional settlement, including for Lewisham & other London boroughs.',
    );
    const asked = server?.requests[0]?.url.searchParams;
    expect(asked?.get('madeWhenFrom')).toBe('2026-11-26');
    expect(asked?.get('searchTerm')).toBe('Lewisham');
    expect(server?.requests[0]?.headers['user-agent']).toMatch(/^Despatch\//);
  });

  it('makes one item of a statement made in both Houses, and follows the pages', async () => {
    // Prepare
    const others = Array.from({ length: 60 }, (_, i) => statement(3000 + i, `HCWS${500 + i}`, { title: `Statement ${i}` }));
    const source = await api([statement(2002, 'HLWS88', { house: 'Lords' }), statement(2001, 'HCWS412'), ...others]);
    // Act
    const { items } = await poll(source);
    // Assess
    expect(items).toHaveLength(61);
    expect(items.find((i) => i.title.endsWith('Settlement 2027-28'))?.details?.uin).toBe('HCWS412');
    expect(server?.requests.map((r) => r.url.searchParams.get('skip'))).toEqual(['0', '50']);
  });

  it('asks by department, and reports a malformed record while keeping the rest', async () => {
    // Prepare
    const source = await api([statement(2001, 'HCWS412'), statement(2003, 'HCWS413', { title: null })]);
    // Act
    const outcome = await poll({ ...source, terms: [], departments: [7] });
    // Assess
    expect(outcome.items).toHaveLength(1);
    expect(outcome.warnings?.[0]).toMatch(/^1 malformed record left out \(results\.1\.value\.title: /);
    expect(server?.requests[0]?.url.searchParams.get('answeringBodies')).toBe('7');
  });
});
