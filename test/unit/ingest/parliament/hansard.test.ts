/**
 * The Hansard API (GET /search/contributions/Spoken.json: { TotalResultCount, Results: [...] },
 * PascalCase, every parameter prefixed `queryParameters.`) on loopback: a contribution that really
 * mentions a term, or is by a watched member, is an item with its member, House, debate, sitting
 * day, a snippet around the mention and a link to the contribution in its debate (#contribution-{id}); paging is followed; the since
 * day (a trailing window) is sent; a malformed record is reported and the rest kept. Also: one
 * naming the Mayor near a trigger is judged sensitive by the real classifier.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fetchSource, type SourceFetchDeps } from '../../../../shared/ingest/fetch-source.js';
import { parliamentWatch } from '../../../../shared/ingest/parliament/api.js';
import { configSchema, type SourceConfig } from '../../../../shared/platform/config/schema.js';
import { normalisedItemSchema } from '../../../../shared/platform/model.js';
import { judgeAsPress } from './judge.js';
import { paged, startApiServer, type ApiServer } from './api-server.js';

const network: SourceFetchDeps['network'] = { allowPrivateHosts: true, contact: 'tests@example.gov.uk', timeoutSeconds: 5, maxBodyBytes: 1024 * 1024 };
const now = new Date('2026-11-30T07:00:00.000Z');
const PATH = '/search/contributions/Spoken.json';
const watch = { terms: ['Lewisham', 'Brenda Dacres'], members: [4321] };

function contribution(n: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ContributionExtId: `7A1B2C3D-0000-4000-8000-${String(n).padStart(12, '0')}`,
    ItemId: 1000 + n,
    MemberName: 'Vicky Foxcroft',
    MemberId: 4321,
    AttributedTo: 'Vicky Foxcroft (Lewisham North) (Lab)',
    ContributionText: 'My constituents in Lewisham are waiting years for a home…',
    ContributionTextFull:
      '<p>My constituents in <span class="highlight">Lewisham</span> are waiting years for a home. <span class="column-number" data-column-number="430"></span>What will the Minister do about temporary accommodation in south London?</p>',
    DebateSection: 'Temporary Accommodation: London',
    DebateSectionId: 55,
    DebateSectionExtId: 'ABCDEF01-2345-4678-9ABC-DEF012345678',
    SittingDate: '2026-11-26T00:00:00',
    Section: 'Westminster Hall',
    House: 'Commons',
    Timecode: '2026-11-26T14:32:00',
    Rank: 3,
    ...extra,
  };
}

let server: ApiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function api(records: (p: URLSearchParams) => unknown[]): Promise<SourceConfig> {
  server = await startApiServer({
    [PATH]: (params) => {
      const { page, total } = paged(records(params), params, 'queryParameters.skip', 'queryParameters.take', 20);
      return { body: { SearchTerms: [], TotalResultCount: total, SpokenResultCount: total, WrittenResultCount: 0, Results: page } };
    },
  });
  return { id: 'hansard', name: 'Hansard', kind: 'hansard', url: server.baseUrl, group: 'parliament', outlet: 'local' };
}

async function poll(source: SourceConfig, lastSuccessAt?: string) {
  const outcome = await fetchSource(source, lastSuccessAt ? { lastSuccessAt } : {}, { network, now, watch });
  if (outcome.kind !== 'ok') throw new Error('expected items');
  for (const item of outcome.items) normalisedItemSchema.parse(item);
  return outcome;
}

describe('hansard', () => {
  it('makes a contribution mentioning a term an item with its member, debate, day, snippet and link', async () => {
    // Prepare
    const source = await api((p) => (p.get('queryParameters.searchTerm') === 'Lewisham' ? [contribution(1)] : []));
    // Act
    const { items } = await poll(source);
    // Assess
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      kind: 'hansard-contribution',
      title: 'Vicky Foxcroft in the Commons: Temporary Accommodation: London',
      link: 'https://hansard.parliament.uk/Commons/2026-11-26/debates/ABCDEF01-2345-4678-9ABC-DEF012345678/TemporaryAccommodationLondon#contribution-7A1B2C3D-0000-4000-8000-000000000001',
      publishedAt: '2026-11-26T00:00:00.000Z',
      author: 'Vicky Foxcroft',
      details: {
        documentType: 'Spoken contribution',
        member: 'Vicky Foxcroft',
        party: 'Lab',
        house: 'House of Commons',
        debate: 'Temporary Accommodation: London',
        sittingDate: '2026-11-26',
        section: 'Westminster Hall',
      },
    });
    expect(items[0]?.details?.snippet).toContain('My constituents in Lewisham are waiting years for a home. What will the Minister do');
    expect(items[0]?.summary).toMatch(/^Vicky Foxcroft \(Lewisham North\) \(Lab\), Westminster Hall: My constituents/);
  });

  it('asks with the queryParameters. prefix since a trailing window before the last good poll, by term and by member, with the User-Agent', async () => {
    // Prepare
    const source = await api(() => []);
    // Act
    await poll(source, '2026-11-28T06:30:00.000Z');
    // Assess
    const asked = server?.requests.map((r) => r.url.searchParams) ?? [];
    expect(asked.map((p) => p.get('queryParameters.searchTerm') ?? `member ${p.get('queryParameters.memberId')}`)).toEqual([
      'Lewisham',
      'Brenda Dacres',
      'member 4321',
    ]);
    expect(asked.every((p) => p.get('queryParameters.startDate') === '2026-11-25' && p.get('queryParameters.orderBy') === 'SittingDateDesc')).toBe(true);
    expect(server?.requests[0]?.headers['user-agent']).toMatch(/^Despatch\/.*contact: tests@example\.gov\.uk/);
  });

  it('keeps a term search only where the phrase is really said, and a watched member whatever they said', async () => {
    // Prepare: the API splits "Brenda Dacres" into words; this one says neither the phrase nor is by a watched member.
    const loose = contribution(2, { MemberId: 99, MemberName: 'Another Member', ContributionTextFull: '<p>Brenda said the dacres were wet.</p>' });
    const member = contribution(3, { ContributionTextFull: '<p>Nothing about the borough at all.</p>' });
    const source = await api((p) => (p.get('queryParameters.searchTerm') === 'Brenda Dacres' ? [loose] : p.has('queryParameters.memberId') ? [member] : []));
    // Act
    const { items } = await poll(source);
    // Assess
    expect(items.map((i) => i.details?.snippet)).toEqual(['Nothing about the borough at all.']);
  });

  it('follows the pages to the total, one item per contribution', async () => {
    // Prepare
    const all = Array.from({ length: 230 }, (_, i) => contribution(100 + i));
    const source = await api((p) => (p.get('queryParameters.searchTerm') === 'Lewisham' || p.has('queryParameters.memberId') ? all : []));
    // Act
    const { items } = await poll(source);
    // Assess
    expect(items).toHaveLength(230);
    const pages = server?.requests
      .filter((r) => r.url.searchParams.get('queryParameters.searchTerm') === 'Lewisham')
      .map((r) => r.url.searchParams.get('queryParameters.skip'));
    expect(pages).toEqual(['0', '100', '200']);
  });

  it('reports a malformed record on the source and keeps the rest', async () => {
    // Prepare
    const source = await api((p) =>
      p.get('queryParameters.searchTerm') === 'Lewisham' ? [contribution(4, { DebateSectionExtId: null }), contribution(5), { Rank: 1 }] : [],
    );
    // Act
    const outcome = await poll(source);
    // Assess
    expect(outcome.items).toHaveLength(1);
    expect(outcome.warnings?.[0]).toMatch(/^2 malformed records left out \(Results\.0\.DebateSectionExtId: .*; Results\.2\.ContributionExtId: /);
  });

  it('judges a contribution naming the Mayor near a trigger sensitive', async () => {
    // Prepare
    const said = contribution(6, {
      MemberId: 5001,
      MemberName: 'A Member',
      AttributedTo: 'A Member (Somewhere) (Con)',
      ContributionTextFull: '<p>Will the Minister confirm there is an investigation into the conduct of the Mayor of Lewisham?</p>',
    });
    server = await startApiServer({
      [PATH]: (p) => ({
        body: {
          TotalResultCount: p.get('queryParameters.searchTerm') === 'Lewisham' ? 1 : 0,
          Results: p.get('queryParameters.searchTerm') === 'Lewisham' ? [said] : [],
        },
      }),
    });
    const config = configSchema.parse({
      council: { name: 'London Borough of Lewisham', short: 'Lewisham' },
      mayor: { name: 'Brenda Dacres', aliases: ['Mayor of Lewisham'] },
      priorities: [{ id: 'housing', name: 'Housing', query: '"temporary accommodation"' }],
      sensitivity: { triggers: ['investigation'], proximity: 6 },
      groups: [{ id: 'parliament', every: '1h' }],
      sources: [{ id: 'hansard', name: 'Hansard', kind: 'hansard', url: server.baseUrl, group: 'parliament', terms: ['Lewisham'] }],
      briefing: { to: ['pa@lewisham.example'], from: 'despatch@lewisham.example' },
      alerts: { to: ['pa@lewisham.example'] },
      network: { allowPrivateHosts: true },
    });
    const source = config.sources[0]!;
    const outcome = await fetchSource(source, {}, { network: config.network, now, watch: parliamentWatch(config) });
    const item = outcome.kind === 'ok' ? outcome.items[0] : undefined;
    // Act
    const sensitivity = judgeAsPress(config, source, item);
    // Assess
    expect(item?.kind).toBe('hansard-contribution');
    expect(sensitivity.sensitive).toBe(true);
    expect(sensitivity.reasons.join(' ')).toContain('Mayor of Lewisham');
  });
});
