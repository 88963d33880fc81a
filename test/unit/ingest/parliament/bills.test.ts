/**
 * The UK Parliament Bills API, served on loopback as JSON shaped like the documented API
 * (GET /api/v1/Bills?SortOrder=DateUpdatedDescending&Take=50: { items: [...], totalResults }).
 * A bill moving stage is a new item; the same stage is the same item; a wrong shape fails clearly.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SourceConfig } from '../../../../shared/platform/config/schema.js';
import { fetchSource, type SourceFetchDeps } from '../../../../shared/ingest/fetch-source.js';
import { BillsApiError } from '../../../../shared/ingest/parliament/bills.js';
import { normalisedItemSchema, type NormalisedItem } from '../../../../shared/platform/model.js';
import { startFeedServer, type FeedServer } from '../../../support/feed-server.js';

const network: SourceFetchDeps['network'] = { allowPrivateHosts: true, contact: 'tests@example.gov.uk', timeoutSeconds: 5, maxBodyBytes: 1024 * 1024 };
const now = new Date('2026-11-23T07:00:00.000Z');
const PATH = '/api/v1/Bills?SortOrder=DateUpdatedDescending&Take=50';

interface StageShape {
  id: number;
  stageId: number;
  description: string;
  abbreviation: string;
  house: string;
  sittings: string[];
}

/** One bill as the API documents it (BillSummary), with the fields we do not read left in. */
function bill(billId: number, shortTitle: string, stage: StageShape | null, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    billId,
    shortTitle,
    formerShortTitle: null,
    currentHouse: stage?.house ?? 'Unassigned',
    originatingHouse: 'Commons',
    lastUpdate: '2026-11-20T16:03:21.1233333',
    billWithdrawn: null,
    isDefeated: false,
    billTypeId: 1,
    introducedSessionId: 39,
    includedSessionIds: [39],
    isAct: false,
    currentStage: stage && {
      id: stage.id,
      stageId: stage.stageId,
      sessionId: 39,
      description: stage.description,
      abbreviation: stage.abbreviation,
      house: stage.house,
      stageSittings: stage.sittings.map((date, i) => ({ id: stage.id * 10 + i, stageId: stage.stageId, billStageId: stage.id, billId, date })),
      sortOrder: 8,
    },
    ...extra,
  };
}

const lordsReport: StageShape = { id: 21001, stageId: 10, description: 'Report stage', abbreviation: 'RS', house: 'Lords', sittings: ['2026-11-19T00:00:00'] };
const lordsThird: StageShape = { id: 21050, stageId: 11, description: '3rd reading', abbreviation: '3R', house: 'Lords', sittings: ['2026-11-26T00:00:00'] };

let server: FeedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A loopback API whose answer the test can change between polls. */
async function api(): Promise<{ source: SourceConfig; answer: (body: unknown) => void }> {
  let body = '{}';
  server = await startFeedServer({ [PATH]: (_req, res) => res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' }).end(body) });
  const source: SourceConfig = {
    id: 'parliament-bills',
    name: 'UK Parliament bills',
    kind: 'parliament-bills',
    url: `${server.baseUrl}${PATH}`,
    group: 'legislation',
    outlet: 'official',
  };
  return { source, answer: (value) => (body = typeof value === 'string' ? value : JSON.stringify(value)) };
}

async function items(source: SourceConfig): Promise<NormalisedItem[]> {
  const outcome = await fetchSource(source, {}, { network, now });
  if (outcome.kind !== 'ok') throw new Error('expected items');
  for (const item of outcome.items) normalisedItemSchema.parse(item);
  return outcome.items;
}

async function failure(source: SourceConfig): Promise<BillsApiError> {
  const error = await fetchSource(source, {}, { network, now }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BillsApiError);
  return error as BillsApiError;
}

describe('parliament-bills', () => {
  it('titles each bill by its stage and house, and links to its page', async () => {
    // Prepare
    const { source, answer } = await api();
    answer({
      items: [
        bill(3764, "Renters' Rights Bill", lordsReport),
        bill(3900, 'English Devolution and Community Empowerment Bill', {
          ...lordsReport,
          id: 22000,
          description: '2nd reading',
          house: 'Commons',
          sittings: [],
        }),
      ],
      totalResults: 2,
      itemsReturned: 2,
    });
    // Act
    const [renters, devolution] = await items(source);
    // Assess
    expect(renters).toMatchObject({
      kind: 'bill',
      title: "Renters' Rights Bill: report stage, House of Lords",
      link: 'https://bills.parliament.uk/bills/3764',
      details: { documentType: 'Bill', billStage: 'Report stage', billHouse: 'House of Lords' },
      // The API's zone-less times are London time (GMT in November).
      publishedAt: '2026-11-20T16:03:21.000Z',
    });
    expect(renters?.summary).toBe('Now at report stage in the House of Lords. Sitting: 19 November 2026. Started in the House of Commons.');
    expect(devolution?.title).toBe('English Devolution and Community Empowerment Bill: 2nd reading, House of Commons');
    // The server was asked for JSON.
    expect(server?.requests[0]?.headers.accept).toContain('application/json');
  });

  it('makes a bill moving stage a new item, and the same stage the same item', async () => {
    // Prepare
    const { source, answer } = await api();
    answer({ items: [bill(3764, "Renters' Rights Bill", lordsReport)] });
    const [atReport] = await items(source);
    // Act
    const [again] = await items(source);
    answer({ items: [bill(3764, "Renters' Rights Bill", lordsThird, { lastUpdate: '2026-11-26T18:00:00' })] });
    const [atThirdReading] = await items(source);
    // Assess
    expect(again?.id).toBe(atReport?.id);
    expect(atThirdReading?.id).not.toBe(atReport?.id);
    expect(atThirdReading?.title).toBe("Renters' Rights Bill: 3rd reading, House of Lords");
  });

  it('says an Act has received Royal Assent', async () => {
    // Prepare
    const { source, answer } = await api();
    const assent: StageShape = {
      id: 23000,
      stageId: 12,
      description: 'Royal Assent',
      abbreviation: 'RA',
      house: 'Unassigned',
      sittings: ['2026-10-27T00:00:00'],
    };
    answer({ items: [bill(3764, "Renters' Rights Act 2026", assent, { isAct: true })] });
    // Act
    const [act] = await items(source);
    // Assess
    expect(act?.title).toBe("Renters' Rights Act 2026: Royal Assent");
    expect(act?.details).toEqual({ documentType: 'Act of Parliament', billStage: 'Royal Assent' });
    expect(act?.summary).toContain('Now an Act of Parliament.');
  });

  it('reads a bill with no current stage as its title alone', async () => {
    // Prepare
    const { source, answer } = await api();
    answer({ items: [bill(4001, 'Local Government (Finance) Bill', null)] });
    // Act
    const [item] = await items(source);
    // Assess
    expect(item?.title).toBe('Local Government (Finance) Bill');
  });

  it('fails the source, naming the field, when the answer has another shape', async () => {
    // Prepare
    const { source, answer } = await api();
    answer({ items: [{ ...bill(3764, "Renters' Rights Bill", lordsReport), billId: 'three' }] });
    // Act
    const error = await failure(source);
    // Assess
    expect(error.reason).toMatch(/^the Bills API answered in an unexpected shape \(items\.0\.billId: /);
  });

  it('fails the source when the answer has no items list', async () => {
    // Prepare
    const { source, answer } = await api();
    answer({ results: [] });
    // Act
    const error = await failure(source);
    // Assess
    expect(error.reason).toMatch(/^the Bills API answered in an unexpected shape \(items: /);
  });

  it('says so when a web page comes back instead of JSON', async () => {
    // Prepare
    const { source, answer } = await api();
    answer('<!DOCTYPE html><html><head><title>Service unavailable</title></head></html>');
    // Act
    const error = await failure(source);
    // Assess
    expect(error.reason).toBe('the Bills API sent a web page instead of JSON');
  });
});

describe('parliament-bills: a stage change says from what to what', () => {
  const lordsCommittee: StageShape = { id: 20900, stageId: 9, description: 'Committee stage', abbreviation: 'CS', house: 'Lords', sittings: [] };

  it('titles the new stage "Committee stage → Report stage, House of Lords", from the stage kept in the state, and keeps that title on later polls', async () => {
    // Prepare
    const { source, answer } = await api();
    answer({ items: [bill(3764, "Renters' Rights Bill", lordsCommittee)], totalResults: 1 });
    const first = await fetchSource(source, {}, { network, now });
    if (first.kind !== 'ok') throw new Error('expected items');
    answer({ items: [bill(3764, "Renters' Rights Bill", lordsReport)], totalResults: 1 });
    // Act
    const moved = await fetchSource(source, { billStages: first.billStages }, { network, now });
    if (moved.kind !== 'ok') throw new Error('expected items');
    const again = await fetchSource(source, { billStages: moved.billStages }, { network, now });
    // Assess
    expect(first.items[0]?.title).toBe("Renters' Rights Bill: committee stage, House of Lords");
    expect(moved.items[0]?.title).toBe("Renters' Rights Bill: Committee stage → Report stage, House of Lords");
    expect(moved.items[0]?.summary).toMatch(/^Moved: Committee stage → Report stage, House of Lords\./);
    expect(moved.items[0]?.details).toMatchObject({ billStage: 'Report stage', billStageFrom: 'Committee stage, House of Lords' });
    expect(again.kind === 'ok' ? again.items[0] : undefined).toEqual(moved.items[0]);
    expect(moved.items[0]?.id).not.toBe(first.items[0]?.id);
  });

  it('names each House when the bill crosses from one to the other', async () => {
    // Prepare
    const { source, answer } = await api();
    const commonsThird: StageShape = { id: 19000, stageId: 7, description: '3rd reading', abbreviation: '3R', house: 'Commons', sittings: [] };
    const lordsFirst: StageShape = { id: 19100, stageId: 1, description: '1st reading', abbreviation: '1R', house: 'Lords', sittings: [] };
    answer({ items: [bill(3900, 'English Devolution Bill', commonsThird)], totalResults: 1 });
    const first = await fetchSource(source, {}, { network, now });
    answer({ items: [bill(3900, 'English Devolution Bill', lordsFirst)], totalResults: 1 });
    // Act
    const moved = await fetchSource(source, { billStages: first.kind === 'ok' ? first.billStages : undefined }, { network, now });
    // Assess
    expect(moved.kind === 'ok' ? moved.items[0]?.title : undefined).toBe(
      'English Devolution Bill: 3rd reading, House of Commons → 1st reading, House of Lords',
    );
  });
});

describe("Parliament's bills RSS (p4:stage), the real corpus file read in place", () => {
  it('reads each item as a bill at its stage and House, not as an article', async () => {
    // Prepare
    const { readFileSync } = await import('node:fs');
    const { fileURLToPath } = await import('node:url');
    const file = fileURLToPath(new URL('../../../../../shared/corpus/feeds/real/parliament-public-bills-2018.rss', import.meta.url));
    const body = readFileSync(file);
    server = await startFeedServer({ '/bills.rss': (_req, res) => res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(body) });
    const source: SourceConfig = {
      id: 'bills-rss',
      name: 'Public Bills',
      kind: 'rss',
      url: `${server.baseUrl}/bills.rss`,
      group: 'legislation',
      outlet: 'official',
    };
    // Act
    const outcome = await fetchSource(source, {}, { network, now: new Date('2018-10-26T07:00:00Z') });
    // Assess
    const found = outcome.kind === 'ok' ? outcome.items : [];
    expect(found.length).toBe(309);
    expect(found.every((i) => i.kind === 'bill')).toBe(true);
    const first = found.find((i) => i.link === 'http://services.parliament.uk/bills/2017-19/affordablehomeownership.html');
    expect(first?.title).toBe('Affordable Home Ownership: 2nd reading, House of Commons');
    expect(first?.details).toMatchObject({ documentType: 'Bill', billStage: '2nd reading', billHouse: 'House of Commons' });
  });
});
