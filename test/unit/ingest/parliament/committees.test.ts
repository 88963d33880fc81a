/**
 * The Committees API (GET /api/Publications and /api/CommitteeBusiness: { items, totalResults,
 * itemsPerPage }, camelCase, paged by Skip/Take) on loopback: a publication or inquiry whose title
 * names a term is an item with its committee, type and link (the normaliser drops the trailing slash); the since day is sent; paging is
 * followed; a malformed record is reported and the rest kept.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SourceConfig } from '../../../../shared/platform/config/schema.js';
import { fetchSource, type SourceFetchDeps } from '../../../../shared/ingest/fetch-source.js';
import { normalisedItemSchema } from '../../../../shared/platform/model.js';
import { paged, startApiServer, type ApiServer } from './api-server.js';

const network: SourceFetchDeps['network'] = { allowPrivateHosts: true, contact: 'tests@example.gov.uk', timeoutSeconds: 5, maxBodyBytes: 1024 * 1024 };
const now = new Date('2026-11-30T07:00:00.000Z');
const watch = { terms: ['Lewisham'], members: [] };
const committee = { id: 17, name: 'Housing, Communities and Local Government Committee', house: 'Commons', category: { id: 1, name: 'Select' } };

function publication(id: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    description: 'Letter to the Mayor of Lewisham on temporary accommodation in Lewisham',
    publicationStartDate: '2026-11-26T10:15:00',
    publicationEndDate: null,
    type: { id: 3, name: 'Correspondence', description: 'Correspondence', plural: 'Correspondence' },
    committee,
    businesses: [{ id: 9001, title: 'Temporary accommodation in London', openDate: '2026-06-01T00:00:00' }],
    documents: [{ documentId: 555, files: [{ fileName: 'letter.pdf', fileSize: 1000, fileDataFormat: 'application/pdf' }] }],
    hcNumber: null,
    ...extra,
  };
}
const inquiry = {
  id: 9100,
  title: 'Regeneration in Lewisham and Catford',
  openDate: '2026-11-27T00:00:00',
  type: { id: 1, name: 'Inquiry', isInquiry: true },
  committee,
};

let server: ApiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function api(publications: unknown[], inquiries: unknown[] = []): Promise<SourceConfig> {
  const route = (records: unknown[]) => (params: URLSearchParams) => {
    const { page, total } = paged(records, params, 'Skip', 'Take', 30);
    return { body: { items: page, totalResults: total, itemsPerPage: page.length, links: [] } };
  };
  server = await startApiServer({ '/api/Publications': route(publications), '/api/CommitteeBusiness': route(inquiries) });
  return { id: 'committees', name: 'Committees', kind: 'committees', url: server.baseUrl, group: 'parliament', outlet: 'local' };
}

async function poll(source: SourceConfig) {
  const outcome = await fetchSource(source, { lastSuccessAt: '2026-11-25T08:00:00.000Z' }, { network, now, watch });
  if (outcome.kind !== 'ok') throw new Error('expected items');
  for (const item of outcome.items) normalisedItemSchema.parse(item);
  return outcome;
}

describe('committees', () => {
  it('makes publications and inquiries naming a term items with committee, type and link, asking since the last good poll', async () => {
    // Prepare
    const source = await api([publication(1), publication(2, { description: 'Report on bus services', businesses: [] })], [inquiry]);
    // Act
    const { items } = await poll(source);
    // Assess
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({
      kind: 'committee-publication',
      title: 'Housing, Communities and Local Government Committee correspondence: Letter to the Mayor of Lewisham on temporary accommodation in Lewisham',
      link: 'https://committees.parliament.uk/publications/1/documents/555/default',
      publishedAt: '2026-11-26T10:15:00.000Z',
      details: { documentType: 'Correspondence', committee: 'Housing, Communities and Local Government Committee', house: 'House of Commons' },
    });
    expect(items[1]).toMatchObject({
      kind: 'committee-inquiry',
      title: 'New inquiry by Housing, Communities and Local Government Committee: Regeneration in Lewisham and Catford',
      link: 'https://committees.parliament.uk/work/9100',
    });
    const [pubs, inqs] = server?.requests.map((r) => r.url) ?? [];
    expect(pubs?.searchParams.get('StartDate')).toBe('2026-11-25');
    expect(pubs?.searchParams.get('SearchTerm')).toBe('Lewisham');
    expect(inqs?.pathname).toBe('/api/CommitteeBusiness');
    expect(inqs?.searchParams.get('DateFrom')).toBe('2026-11-25');
    expect(server?.requests[0]?.headers['user-agent']).toMatch(/^Despatch\//);
  });

  it('follows the pages and reports a malformed record, keeping the rest', async () => {
    // Prepare
    const source = await api([...Array.from({ length: 120 }, (_, i) => publication(100 + i)), { id: 'x' }]);
    // Act
    const outcome = await poll(source);
    // Assess
    expect(outcome.items).toHaveLength(120);
    expect(server?.requests.filter((r) => r.url.pathname === '/api/Publications').map((r) => r.url.searchParams.get('Skip'))).toEqual(['0', '50', '100']);
    expect(outcome.warnings?.[0]).toMatch(/^1 malformed record left out \(items\.120/);
  });
});
