/**
 * The Written Questions list endpoint cuts answers to 255 characters plus "..." (and questions to
 * 255): an answered question that was cut is read whole from the single-question endpoint
 * (GET /api/writtenquestions/questions/{id}: { value, links }, the answer as HTML); when that
 * fails, the item keeps the start and says it is only the start, with the link.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SourceConfig } from '../../../../shared/platform/config/schema.js';
import { fetchSource, type SourceFetchDeps } from '../../../../shared/ingest/fetch-source.js';
import { startApiServer, type ApiServer } from './api-server.js';

const network: SourceFetchDeps['network'] = { allowPrivateHosts: true, contact: 'tests@example.gov.uk', timeoutSeconds: 5, maxBodyBytes: 1024 * 1024 };
const now = new Date('2026-11-30T07:00:00.000Z');
const PATH = '/api/writtenquestions/questions';
const fullAnswer =
  '<p>The Government has allocated £12 million to London boroughs, including Lewisham, through the Homelessness Prevention Grant. ' +
  'In addition, the Department is working with the Council on a plan to reduce the use of bed and breakfast accommodation for families, ' +
  'and officials met the Mayor of Lewisham on 18 November to discuss it. A further £3 million for Catford was confirmed last week.</p>';
const listAnswer = `${fullAnswer.replace(/<[^>]+>/g, '').slice(0, 255)}...`;

const question = {
  id: 1801234,
  uin: '91234',
  house: 'Commons',
  heading: 'Temporary Accommodation: Lewisham',
  dateTabled: '2026-11-20T00:00:00',
  dateAnswered: '2026-11-24T00:00:00',
  answerIsHolding: false,
  questionText: 'To ask the Secretary of State for Housing, Communities and Local Government, what support she is giving Lewisham Council.',
  answerText: listAnswer,
  answeringBodyName: 'Ministry of Housing, Communities and Local Government',
  askingMember: { name: 'Vicky Foxcroft', party: 'Labour' },
  isWithdrawn: false,
};

let server: ApiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function poll(single: boolean) {
  server = await startApiServer({
    [PATH]: (p) => ({ body: { totalResults: p.has('answeredWhenFrom') ? 1 : 0, results: p.has('answeredWhenFrom') ? [{ value: question, links: [] }] : [] } }),
    ...(single ? { [`${PATH}/1801234`]: () => ({ body: { value: { ...question, answerText: fullAnswer }, links: [] } }) } : {}),
  });
  const source: SourceConfig = { id: 'wq', name: 'Written questions', kind: 'written-questions', url: server.baseUrl, group: 'parliament', outlet: 'local' };
  const outcome = await fetchSource(source, {}, { network, now, watch: { terms: ['Lewisham'], members: [] } });
  if (outcome.kind !== 'ok') throw new Error('expected items');
  return outcome;
}

describe('written-questions: whole answers', () => {
  it('reads a cut answer whole from the single-question endpoint', async () => {
    // Act
    const { items, warnings } = await poll(true);
    // Assess
    expect(items).toHaveLength(1);
    expect(items[0]?.details?.answer).toContain('A further £3 million for Catford was confirmed last week.');
    expect(items[0]?.details?.answer).not.toContain('<p>');
    expect(server?.requests.filter((r) => r.url.pathname === `${PATH}/1801234`)).toHaveLength(1);
    expect(warnings ?? []).toEqual([]);
  });

  it('keeps the start and says so when the whole answer cannot be read', async () => {
    // Act
    const { items, warnings } = await poll(false);
    // Assess
    expect(items[0]?.details?.answer).toMatch(/^The Government has allocated £12 million/);
    expect(items[0]?.details?.answer).toMatch(/\[the start of the answer only: the full answer is on the question's page\]$/);
    expect(items[0]?.link).toBe('https://questions-statements.parliament.uk/written-questions/detail/2026-11-20/91234');
    expect(warnings).toContain('the full text could not be read for 1 question, whose item gives the start (91234: HTTP 404 Not Found)');
  });
});
