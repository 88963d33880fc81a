/**
 * The Written Questions API (GET /api/writtenquestions/questions: { totalResults, results: [{ value,
 * links }] }) on loopback, with records in the documented shape: a question is an item when tabled
 * and a new one, once, when answered; a holding answer is not the answer; paging is followed; the
 * "since" day of the last good poll is sent; a malformed record is reported and the rest kept.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SourceConfig } from '../../../../shared/platform/config/schema.js';
import { fetchSource, type SourceFetchDeps, type SourceFetchState } from '../../../../shared/ingest/fetch-source.js';
import { ParliamentApiError } from '../../../../shared/ingest/parliament/api.js';
import { normalisedItemSchema, type NormalisedItem } from '../../../../shared/platform/model.js';
import { paged, startApiServer, type ApiServer } from './api-server.js';

const network: SourceFetchDeps['network'] = { allowPrivateHosts: true, contact: 'tests@example.gov.uk', timeoutSeconds: 5, maxBodyBytes: 1024 * 1024 };
const now = new Date('2026-11-30T07:00:00.000Z');
const PATH = '/api/writtenquestions/questions';
const watch = { terms: ['Lewisham', 'Brenda Dacres'], members: [] };

/** One question as the list endpoint gives it, expandMember=true, with fields we do not read left in. */
function question(id: number, uin: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    askingMemberId: 4321,
    askingMember: {
      id: 4321,
      name: 'Vicky Foxcroft',
      listAs: 'Foxcroft, Vicky',
      party: 'Labour',
      partyAbbreviation: 'Lab',
      partyColour: 'ff0000',
      memberFrom: 'Lewisham North',
      thumbnailUrl: 'https://members-api.parliament.uk/x',
    },
    house: 'Commons',
    memberHasInterest: false,
    dateTabled: '2026-11-20T00:00:00',
    dateForAnswer: '2026-11-25T00:00:00',
    uin,
    questionText:
      'To ask the Secretary of State for Housing, Communities and Local Government, what support her Department is giving Lewisham Council for temporary accommodation.',
    answeringBodyId: 7,
    answeringBodyName: 'Ministry of Housing, Communities and Local Government',
    isWithdrawn: false,
    isNamedDay: false,
    groupedQuestions: [],
    answerIsHolding: null,
    answerIsCorrection: null,
    answeringMemberId: null,
    answeringMember: null,
    correctingMemberId: null,
    correctingMember: null,
    dateAnswered: null,
    answerText: null,
    originalAnswerText: null,
    comparableAnswerText: null,
    dateAnswerCorrected: null,
    dateHoldingAnswer: null,
    attachmentCount: 0,
    heading: 'Temporary Accommodation: Lewisham',
    attachments: [],
    ...extra,
  };
}

const answeredFields = {
  dateAnswered: '2026-11-24T00:00:00',
  answerIsHolding: false,
  answerText: 'The Government has allocated £12 million to London boroughs, including Lewisham, through the Homelessness Prevention Grant...',
};

let server: ApiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/**
 * A loopback API: `tabled` answers tabledWhenFrom queries, `answered` answeredWhenFrom ones,
 * corrections none; the test can change them between polls.
 */
async function api(): Promise<{
  source: SourceConfig;
  serve: (records: { tabled?: unknown[]; answered?: unknown[] }) => void;
  failTerm: (term: string) => void;
}> {
  let records: { tabled?: unknown[]; answered?: unknown[] } = {};
  const failing = new Set<string>();
  server = await startApiServer({
    [PATH]: (params) => {
      if (failing.has(params.get('searchTerm') ?? '')) return { status: 500, body: { message: 'An error has occurred.' } };
      const list = params.has('tabledWhenFrom') ? (records.tabled ?? []) : params.has('answeredWhenFrom') ? (records.answered ?? []) : [];
      const { page, total } = paged(list, params, 'skip', 'take', 20);
      return { body: { totalResults: total, results: page.map((value) => ({ value, links: [{ rel: 'self', href: '/Questions/1', method: 'GET' }] })) } };
    },
  });
  const source: SourceConfig = {
    id: 'written-questions',
    name: 'Written questions',
    kind: 'written-questions',
    url: server.baseUrl,
    group: 'parliament',
    outlet: 'official',
  };
  return { source, serve: (value) => (records = value), failTerm: (term) => failing.add(term) };
}

async function poll(source: SourceConfig, state: SourceFetchState = {}) {
  const outcome = await fetchSource(source, state, { network, now, watch });
  if (outcome.kind !== 'ok') throw new Error('expected items');
  for (const item of outcome.items) normalisedItemSchema.parse(item);
  return outcome;
}

async function items(source: SourceConfig, state: SourceFetchState = {}): Promise<NormalisedItem[]> {
  return (await poll(source, state)).items;
}

describe('written-questions', () => {
  it('makes a tabled question an item with its details and a link to its page', async () => {
    // Prepare
    const { source, serve } = await api();
    serve({ tabled: [question(1801234, '91234')] });
    // Act
    const [item, ...rest] = await items(source);
    // Assess
    expect(rest).toEqual([]);
    expect(item).toMatchObject({
      kind: 'written-question',
      title: 'Written question to Ministry of Housing, Communities and Local Government: Temporary Accommodation: Lewisham',
      link: 'https://questions-statements.parliament.uk/written-questions/detail/2026-11-20/91234',
      author: 'Vicky Foxcroft (Labour)',
      // The day it was tabled, midnight in London.
      publishedAt: '2026-11-20T00:00:00.000Z',
      details: {
        documentType: 'Written question',
        uin: '91234',
        house: 'House of Commons',
        member: 'Vicky Foxcroft',
        party: 'Labour',
        answeringBody: 'Ministry of Housing, Communities and Local Government',
        questionState: 'tabled',
        dateTabled: '2026-11-20',
        dateForAnswer: '2026-11-25',
      },
    });
    expect(item?.summary).toMatch(/^Asked by Vicky Foxcroft \(Labour\)\. To ask the Secretary of State/);
  });

  it('asks for each term as a phrase, since the day of the last good poll, with the identifying User-Agent', async () => {
    // Prepare
    const { source, serve } = await api();
    serve({});
    // Act
    await items(source, { lastSuccessAt: '2026-11-20T06:30:00.000Z' });
    // Assess
    const asked = server?.requests.map((r) => r.url.searchParams) ?? [];
    expect(asked.map((p) => p.get('searchTerm'))).toEqual(['Lewisham', 'Lewisham', 'Lewisham', '"Brenda Dacres"', '"Brenda Dacres"', '"Brenda Dacres"']);
    expect(asked.map((p) => p.get('tabledWhenFrom') ?? p.get('answeredWhenFrom') ?? p.get('correctedWhenFrom'))).toEqual(Array(6).fill('2026-11-20'));
    expect(asked.filter((p) => p.has('answeredWhenFrom'))).toHaveLength(2);
    expect(asked.filter((p) => p.has('correctedWhenFrom'))).toHaveLength(2);
    expect(asked.every((p) => p.get('expandMember') === 'true')).toBe(true);
    expect(server?.requests[0]?.headers['user-agent']).toMatch(/^Despatch\/.*contact: tests@example\.gov\.uk/);
    expect(server?.requests[0]?.headers.accept).toContain('application/json');
  });

  it('asks a first poll for the last fortnight (the age limit of Parliament items)', async () => {
    // Prepare
    const { source, serve } = await api();
    serve({});
    // Act
    await items(source);
    // Assess
    expect(server?.requests[0]?.url.searchParams.get('tabledWhenFrom')).toBe('2026-11-16');
  });

  it('asks by asking member when the source watches members', async () => {
    // Prepare
    const { source, serve } = await api();
    serve({ tabled: [question(1801234, '91234')] });
    // Act
    const found = await items({ ...source, terms: [], members: [4321, 4322] });
    // Assess
    expect(found).toHaveLength(1);
    const asked = server?.requests.map((r) => r.url.searchParams) ?? [];
    expect(asked.map((p) => p.get('askingMemberId'))).toEqual(['4321', '4321', '4321', '4322', '4322', '4322']);
    expect(asked.some((p) => p.has('searchTerm'))).toBe(false);
  });

  it('follows the pages to the total', async () => {
    // Prepare
    const { source, serve } = await api();
    serve({ tabled: Array.from({ length: 120 }, (_, i) => question(1800000 + i, String(90000 + i))) });
    // Act
    const found = await items({ ...source, terms: ['Lewisham'] });
    // Assess
    expect(found).toHaveLength(120);
    const tabledPages = server?.requests.filter((r) => r.url.searchParams.has('tabledWhenFrom')).map((r) => r.url.searchParams.get('skip'));
    expect(tabledPages).toEqual(['0', '50', '100']);
  });

  it('makes an answered question a new item once, found by either window', async () => {
    // Prepare
    const { source, serve } = await api();
    serve({ tabled: [question(1801234, '91234')] });
    const [tabled] = await items(source);
    const answered = question(1801234, '91234', answeredFields);
    // Act: answered, it is found both as tabled since and as answered since.
    serve({ tabled: [answered], answered: [answered] });
    const afterAnswer = await items(source);
    const again = await items(source);
    // Assess
    expect(afterAnswer).toHaveLength(1);
    const [answer] = afterAnswer;
    expect(answer?.id).not.toBe(tabled?.id);
    expect(again.map((i) => i.id)).toEqual([answer?.id]);
    expect(answer).toMatchObject({
      title: 'Written question to Ministry of Housing, Communities and Local Government, answered: Temporary Accommodation: Lewisham',
      publishedAt: '2026-11-24T00:00:00.000Z',
      details: { questionState: 'answered', dateAnswered: '2026-11-24', answer: expect.stringMatching(/^The Government has allocated £12 million/) },
    });
    expect(answer?.summary).toContain('Answer: The Government has allocated £12 million');
  });

  it('keeps a question with a holding answer as the tabled item, and a corrected answer is news again', async () => {
    // Prepare
    const { source, serve } = await api();
    serve({ tabled: [question(1801234, '91234')] });
    const [tabled] = await items(source);
    // Act
    serve({
      tabled: [
        question(1801234, '91234', {
          answerIsHolding: true,
          dateHoldingAnswer: '2026-11-25T00:00:00',
          dateAnswered: '2026-11-25T00:00:00',
          answerText: 'I will reply as soon as possible.',
        }),
      ],
    });
    const [holding] = await items(source);
    serve({
      answered: [
        question(1801234, '91234', { ...answeredFields, answerIsCorrection: true, dateAnswerCorrected: '2026-11-27T00:00:00', correctingMemberId: 99 }),
      ],
    });
    const [corrected] = await items(source);
    // Assess
    expect(holding?.id).toBe(tabled?.id);
    expect(holding?.summary).toBe(tabled?.summary);
    expect(holding?.details).toMatchObject({ questionState: 'holding' });
    expect(holding?.details?.dateAnswered).toBeUndefined();
    expect(corrected?.id).not.toBe(tabled?.id);
    expect(corrected).toMatchObject({
      title: expect.stringContaining(', answer corrected: '),
      publishedAt: '2026-11-27T00:00:00.000Z',
      details: { questionState: 'corrected' },
    });
  });

  it('leaves withdrawn questions out', async () => {
    // Prepare
    const { source, serve } = await api();
    serve({ tabled: [question(1, '100', { isWithdrawn: true }), question(2, '101')] });
    // Act
    const found = await items(source);
    // Assess
    expect(found.map((i) => i.details?.uin)).toEqual(['101']);
  });

  it('reports a malformed record on the source and keeps the rest', async () => {
    // Prepare
    const { source, serve } = await api();
    serve({ tabled: [question(1, '100', { uin: 100 }), question(2, '101'), { nothing: true }] });
    // Act
    const outcome = await poll({ ...source, terms: ['Lewisham'] });
    // Assess
    expect(outcome.items.map((i) => i.details?.uin)).toEqual(['101']);
    expect(outcome.warnings?.[0]).toMatch(/^2 malformed records left out \(results\.0\.value\.uin: .*; results\.2\.value\.id: /);
  });

  it('keeps what other terms found when one term fails, and fails the source only when all do', async () => {
    // Prepare
    const { source, serve, failTerm } = await api();
    serve({ tabled: [question(2, '101')] });
    failTerm('"Brenda Dacres"');
    // Act
    const outcome = await poll(source);
    failTerm('Lewisham');
    const error = await fetchSource(source, {}, { network, now, watch }).catch((e: unknown) => e);
    // Assess
    expect(outcome.items).toHaveLength(1);
    expect(outcome.warnings).toContain('searching "Brenda Dacres" (tabled since 2026-11-16) failed: HTTP 500 Internal Server Error');
    expect(error).toHaveProperty('reason', 'HTTP 500 Internal Server Error');
  });

  it('fails the source, naming the field, when the answer has no results list', async () => {
    // Prepare
    const { source } = await api();
    await server?.close();
    server = await startApiServer({ [PATH]: () => ({ body: { items: [] } }) });
    // Act
    const error = await fetchSource({ ...source, url: server.baseUrl }, {}, { network, now, watch }).catch((e: unknown) => e);
    // Assess
    expect(error).toBeInstanceOf(ParliamentApiError);
    expect((error as ParliamentApiError).reason).toMatch(/^the Written Questions API answered in an unexpected shape \(results: /);
  });

  it('fails a source with nothing to search for', async () => {
    // Prepare
    const { source } = await api();
    // Act
    const error = await fetchSource({ ...source, terms: [], members: [] }, {}, { network, now }).catch((e: unknown) => e);
    // Assess
    expect((error as ParliamentApiError).reason).toMatch(/^this source has no terms or members to search for/);
  });
});
