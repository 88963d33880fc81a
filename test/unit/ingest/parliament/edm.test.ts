/**
 * The Early Day Motions list (GET /EarlyDayMotions/list: { PagingInfo, StatusCode, Success, Errors,
 * Response }, PascalCase, every parameter prefixed `parameters.`) on loopback: a motion whose text
 * names a term is an item with its sponsor, signatures and link; the since day is sent; paging is
 * followed; a motion reaching the signature threshold is a new item once; a withdrawn one is left
 * out; a malformed record is reported and the rest kept.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SourceConfig } from '../../../../shared/platform/config/schema.js';
import { fetchSource, type SourceFetchDeps } from '../../../../shared/ingest/fetch-source.js';
import { normalisedItemSchema } from '../../../../shared/platform/model.js';
import { paged, startApiServer, type ApiServer } from './api-server.js';

const network: SourceFetchDeps['network'] = { allowPrivateHosts: true, contact: 'tests@example.gov.uk', timeoutSeconds: 5, maxBodyBytes: 1024 * 1024 };
const now = new Date('2026-11-30T07:00:00.000Z');
const PATH = '/EarlyDayMotions/list';
const watch = { terms: ['Lewisham'], members: [] };

function motion(id: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Id: id,
    UIN: 400 + id,
    AmendmentSuffix: null,
    UINWithAmendmentSuffix: String(400 + id),
    Title: 'Future of Lewisham Hospital',
    MotionText: 'That this House recognises the vital role of University Hospital Lewisham and calls on the Government to protect its A&E.',
    Status: 0,
    StatusDate: '2026-11-25T10:00:00',
    DateTabled: '2026-11-25T10:00:00',
    MemberId: 4321,
    PrimarySponsor: { MnisId: 4321, Name: 'Vicky Foxcroft', Party: 'Labour', Constituency: 'Lewisham North', PartyColour: 'ff0000' },
    SponsorsCount: 12,
    ...extra,
  };
}

let server: ApiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function api(serve: () => unknown[]): Promise<SourceConfig> {
  server = await startApiServer({
    [PATH]: (params) => {
      let records = serve();
      if (params.get('parameters.orderBy') === 'SignatureCountDesc')
        records = [...records].sort(
          (a, b) => Number((b as { SponsorsCount?: number }).SponsorsCount) - Number((a as { SponsorsCount?: number }).SponsorsCount),
        );
      const { page, total } = paged(records, params, 'parameters.skip', 'parameters.take', 25);
      return { body: { PagingInfo: { Skip: 0, Take: 25, Total: total, GlobalTotal: total }, StatusCode: 200, Success: true, Errors: [], Response: page } };
    },
  });
  return { id: 'edm', name: 'Early Day Motions', kind: 'edm', url: server.baseUrl, group: 'parliament', outlet: 'local', signatures: 50 };
}

async function poll(source: SourceConfig, lastSuccessAt?: string) {
  const outcome = await fetchSource(source, lastSuccessAt ? { lastSuccessAt } : {}, { network, now, watch });
  if (outcome.kind !== 'ok') throw new Error('expected items');
  for (const item of outcome.items) normalisedItemSchema.parse(item);
  return outcome;
}

describe('edm', () => {
  it('makes a motion naming a term an item with its sponsor, signatures and link, asking since the last good poll', async () => {
    // Prepare
    const source = await api(() => [motion(1), motion(2, { Title: 'Cats in Carlisle', MotionText: 'That this House likes cats.' })]);
    // Act
    const { items } = await poll(source, '2026-11-24T08:00:00.000Z');
    // Assess
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      kind: 'early-day-motion',
      title: 'Early Day Motion 401: Future of Lewisham Hospital',
      link: 'https://edm.parliament.uk/early-day-motion/1',
      author: 'Vicky Foxcroft (Labour)',
      details: { documentType: 'Early Day Motion', uin: '401', member: 'Vicky Foxcroft', party: 'Labour', signatures: 12, house: 'House of Commons' },
    });
    const asked = server?.requests.map((r) => r.url.searchParams) ?? [];
    expect(asked[0]?.get('parameters.tabledStartDate')).toBe('2026-11-24');
    expect(asked[0]?.get('parameters.orderBy')).toBe('DateTabledDesc');
    expect(server?.requests[0]?.headers['user-agent']).toMatch(/^Despatch\//);
  });

  it('follows the pages', async () => {
    // Prepare
    const source = await api(() => Array.from({ length: 250 }, (_, i) => motion(1000 + i)));
    // Act
    const { items } = await poll(source, '2026-11-24T08:00:00.000Z');
    // Assess
    expect(items.filter((i) => i.title.startsWith('Early Day Motion 1'))).toHaveLength(250);
    const pages = server?.requests
      .filter((r) => r.url.searchParams.get('parameters.orderBy') === 'DateTabledDesc')
      .map((r) => r.url.searchParams.get('parameters.skip'));
    expect(pages).toEqual(['0', '100', '200']);
  });

  it('makes a motion reaching the signature threshold a new item, once, reading by signatures only down to the threshold', async () => {
    // Prepare
    let signatures = 12;
    const source = await api(() => [motion(1, { SponsorsCount: signatures }), motion(3, { SponsorsCount: 2 })]);
    const first = await poll(source, '2026-11-24T08:00:00.000Z');
    // Act
    signatures = 61;
    const crossed = await poll(source, '2026-11-29T08:00:00.000Z');
    const again = await poll(source, '2026-11-30T06:00:00.000Z');
    // Assess
    const ids = (items: { id: string }[]) => items.map((i) => i.id);
    const fresh = crossed.items.filter((i) => !ids(first.items).includes(i.id));
    expect(fresh.map((i) => i.title)).toEqual(['Early Day Motion passes 50 signatures: Future of Lewisham Hospital']);
    expect(fresh[0]?.details?.signatures).toBe(61);
    expect(again.items.filter((i) => i.title.includes('passes'))).toHaveLength(1);
    expect(ids(again.items.filter((i) => i.title.includes('passes')))).toEqual(ids(fresh));
    const bySignatures = server?.requests.filter((r) => r.url.searchParams.get('parameters.orderBy') === 'SignatureCountDesc') ?? [];
    expect(bySignatures[0]?.url.searchParams.get('parameters.tabledStartDate')).toBe('2026-11-16');
  });

  it('leaves withdrawn motions out, reports a malformed record and keeps the rest', async () => {
    // Prepare
    const source = await api(() => [motion(1, { Status: 'Withdrawn' }), motion(2, { Id: 'two' }), motion(4), { Title: 'No id' }]);
    // Act
    const outcome = await poll(source, '2026-11-24T08:00:00.000Z');
    // Assess
    expect(outcome.items.map((i) => i.link)).toEqual(['https://edm.parliament.uk/early-day-motion/4']);
    expect(outcome.warnings?.[0]).toMatch(/malformed records? left out \(Response\.1\.Id: /);
  });
});
