/**
 * Watched members by id, name or constituency, resolved through the Members API on loopback
 * (Location/Constituency/Search, Members/Search, Members/{id}) with the identifying User-Agent;
 * cached for seven days; ambiguous, unknown and vacant entries each give a reason for that entry,
 * never a failure; resolved names are watched by the Hansard reader, whose items by them get the
 * member's party where the record lacks it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fetchSource, watchForConfig, type SourceFetchDeps } from '../../../../shared/ingest/fetch-source.js';
import { resolveMembers, type MemberCache, type MemberDirectory } from '../../../../shared/ingest/parliament/members.js';
import { configSchema } from '../../../../shared/platform/config/schema.js';
import { startApiServer, type ApiServer } from './api-server.js';

const network: SourceFetchDeps['network'] = { allowPrivateHosts: true, contact: 'tests@example.gov.uk', timeoutSeconds: 5, maxBodyBytes: 1024 * 1024 };
const now = new Date('2026-11-30T07:00:00.000Z');

function member(id: number, name: string, seat: string, party = 'Labour', house = 1): Record<string, unknown> {
  return {
    id,
    nameListAs: name.split(' ').reverse().join(', '),
    nameDisplayAs: name,
    nameFullTitle: `${name} MP`,
    latestParty: { id: 15, name: party, abbreviation: party.slice(0, 3) },
    gender: 'F',
    latestHouseMembership: {
      membershipFrom: seat,
      membershipFromId: 4000 + id,
      house,
      membershipStartDate: '2024-07-04T00:00:00',
      membershipStatus: { statusIsActive: true },
    },
    thumbnailUrl: `https://members-api.parliament.uk/api/Members/${id}/Thumbnail`,
  };
}

const foxcroft = member(4491, 'Vicky Foxcroft', 'Lewisham North');
const seats = [
  {
    id: 4101,
    name: 'Lewisham East',
    startDate: '2024-07-04T00:00:00',
    endDate: null,
    currentRepresentation: { member: { value: member(4705, 'Janet Daby', 'Lewisham East') }, representation: {} },
  },
  {
    id: 4102,
    name: 'Lewisham North',
    startDate: '2024-07-04T00:00:00',
    endDate: null,
    currentRepresentation: { member: { value: foxcroft }, representation: {} },
  },
  { id: 4103, name: 'Lewisham West and East Dulwich', startDate: '2024-07-04T00:00:00', endDate: null, currentRepresentation: null },
];
const people = [
  foxcroft,
  member(5001, 'Jo Smith', 'Somewhere'),
  member(5002, 'Jo Smith', 'Elsewhere', 'Conservative'),
  member(5003, 'Jo Smithson', 'Anywhere'),
];

let server: ApiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function membersApi(): Promise<ApiServer> {
  server = await startApiServer({
    '/api/Location/Constituency/Search': (p) => {
      const text = (p.get('searchText') ?? '').toLowerCase();
      const items = seats.filter((s) => s.name.toLowerCase().includes(text)).map((value) => ({ value, links: [] }));
      return { body: { items, totalResults: items.length, skip: 0, take: 20 } };
    },
    '/api/Members/Search': (p) => {
      const text = (p.get('Name') ?? '').toLowerCase();
      const items = people.filter((m) => String(m.nameDisplayAs).toLowerCase().includes(text)).map((value) => ({ value, links: [] }));
      return { body: { items, totalResults: items.length, skip: 0, take: 20 } };
    },
    '/api/Members/4705': () => ({ body: { value: member(4705, 'Janet Daby', 'Lewisham East'), links: [] } }),
  });
  return server;
}

function memoryCache(): MemberCache & { saved?: MemberDirectory } {
  const cache: MemberCache & { saved?: MemberDirectory } = {
    getMemberDirectory: () => Promise.resolve(cache.saved),
    putMemberDirectory: (d) => {
      cache.saved = structuredClone(d);
      return Promise.resolve();
    },
  };
  return cache;
}

const feed = { id: 'gazette', name: 'Gazette', kind: 'rss', url: 'http://127.0.0.1:9/feed.xml', group: 'parliament' };

function config(members: (number | string)[], membersApi: string, sources: unknown[] = [feed]) {
  return configSchema.parse({
    council: { name: 'London Borough of Lewisham', short: 'Lewisham' },
    mayor: { name: 'Brenda Dacres', aliases: [] },
    priorities: [{ id: 'housing', name: 'Housing', query: 'housing' }],
    sensitivity: { triggers: ['investigation'] },
    groups: [{ id: 'parliament', every: '1h' }],
    sources,
    briefing: { to: ['pa@lewisham.example'], from: 'despatch@lewisham.example' },
    alerts: { to: ['pa@lewisham.example'] },
    network: { allowPrivateHosts: true },
    parliament: { members, membersApi },
  });
}

describe('watched members through the Members API', () => {
  it('resolves a constituency, a name and an id to id, name, party, house and seat, asking with the identifying User-Agent', async () => {
    // Arrange
    const api = await membersApi();
    // Act
    const { resolved, watch } = await watchForConfig(config(['Lewisham North', 'Vicky Foxcroft', 4705], api.baseUrl), { network, now });
    // Assess
    expect(resolved.members).toEqual([
      { id: 4491, name: 'Vicky Foxcroft', party: 'Labour', house: 'House of Commons', constituency: 'Lewisham North' },
      { id: 4705, name: 'Janet Daby', party: 'Labour', house: 'House of Commons', constituency: 'Lewisham East' },
    ]);
    expect(watch.members).toEqual([4491, 4705]);
    expect(api.requests.every((r) => String(r.headers['user-agent']).includes('tests@example.gov.uk'))).toBe(true);
  });

  it('gives a reason per entry for an ambiguous name, an unknown one, a vacant seat and a borough naming several seats, and still resolves the rest', async () => {
    // Arrange
    const api = await membersApi();
    // Act
    const resolved = await resolveMembers(['Jo Smith', 'Nobody Atall', 'Lewisham West and East Dulwich', 'Lewisham', 'Vicky Foxcroft'], {
      baseUrl: api.baseUrl,
      get: async (url) => (await fetch(url)).text(),
      reasonOf: String,
      now,
    });
    // Assess
    const reasons = resolved.lookups.map((l) => ('reason' in l ? l.reason : l.member.name));
    expect(reasons[0]).toMatch(/"Jo Smith" matches 2 current members \(Jo Smith, Somewhere, id 5001; Jo Smith, Elsewhere, id 5002\)/);
    expect(reasons[1]).toBe('no current member or constituency is called "Nobody Atall"');
    expect(reasons[2]).toMatch(/seat of Lewisham West and East Dulwich is vacant/);
    expect(reasons[3]).toMatch(/names of 3 constituencies \(Lewisham East, Lewisham North, Lewisham West and East Dulwich\)/);
    expect(reasons[4]).toBe('Vicky Foxcroft');
    expect(resolved.members.map((m) => m.id)).toEqual([4491]);
  });

  it('asks the API once a week: a second resolution within seven days reads the cache, one after asks again', async () => {
    // Arrange
    const api = await membersApi();
    const cache = memoryCache();
    const given = ['Vicky Foxcroft'];
    const deps = { baseUrl: api.baseUrl, get: async (url: string) => (await fetch(url)).text(), reasonOf: String, cache };
    await resolveMembers(given, { ...deps, now });
    const asked = api.requests.length;
    // Act
    const again = await resolveMembers(given, { ...deps, now: new Date(now.getTime() + 6 * 86_400_000) });
    const askedWithinWeek = api.requests.length - asked;
    await resolveMembers(given, { ...deps, now: new Date(now.getTime() + 8 * 86_400_000) });
    // Assess
    expect(asked).toBeGreaterThan(0);
    expect(askedWithinWeek).toBe(0);
    expect(again.members[0]?.name).toBe('Vicky Foxcroft');
    expect(api.requests.length).toBeGreaterThan(asked);
  });

  it('keeps the last answer when the API cannot be reached, and says why for an entry never resolved', async () => {
    // Arrange
    const api = await membersApi();
    const cache = memoryCache();
    const ok = { baseUrl: api.baseUrl, get: async (url: string) => (await fetch(url)).text(), reasonOf: String, cache };
    await resolveMembers(['Vicky Foxcroft'], { ...ok, now });
    const down = { ...ok, get: () => Promise.reject(new Error('connection refused')) };
    // Act
    const later = await resolveMembers(['Vicky Foxcroft', 'Janet Daby'], { ...down, now: new Date(now.getTime() + 8 * 86_400_000) });
    // Assess
    expect(later.members.map((m) => m.name)).toEqual(['Vicky Foxcroft']);
    expect(later.lookups[1]).toMatchObject({
      given: 'Janet Daby',
      reason: expect.stringMatching(/could not be looked up in the Members API \(Error: connection refused\)/),
    });
  });

  it("watches a name given on a Parliament source, and gives its items the member's party where the record has none", async () => {
    // Arrange
    const api = await membersApi();
    const hansard = await startApiServer({
      '/search/contributions/Spoken.json': (p) => ({
        body: {
          TotalResultCount: p.get('queryParameters.memberId') === '4491' ? 1 : 0,
          Results:
            p.get('queryParameters.memberId') === '4491'
              ? [
                  {
                    ContributionExtId: 'AAAA0000-0000-4000-8000-000000000001',
                    MemberName: 'Vicky Foxcroft',
                    MemberId: 4491,
                    AttributedTo: 'The Parliamentary Secretary (Vicky Foxcroft)',
                    ContributionText: 'We will bring forward the plan.',
                    DebateSection: 'Employment Rights',
                    DebateSectionExtId: 'BBBB0000-0000-4000-8000-000000000002',
                    SittingDate: '2026-11-26T00:00:00',
                    House: 'Commons',
                  },
                ]
              : [],
        },
      }),
    });
    const configured = config([], api.baseUrl, [
      { id: 'hansard', name: 'Hansard', kind: 'hansard', url: hansard.baseUrl, group: 'parliament', terms: [], members: ['Vicky Foxcroft'] },
    ]);
    try {
      const { watch } = await watchForConfig(configured, { network, now });
      // Act
      const outcome = await fetchSource(configured.sources[0]!, {}, { network, now, watch });
      // Assess
      const item = outcome.kind === 'ok' ? outcome.items[0] : undefined;
      expect(hansard.requests.some((r) => r.url.searchParams.get('queryParameters.memberId') === '4491')).toBe(true);
      expect(item?.details).toMatchObject({ member: 'Vicky Foxcroft', party: 'Labour' });
    } finally {
      await hansard.close();
    }
  });
});
