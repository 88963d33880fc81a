/**
 * A written question is judged like press: one naming the Mayor near a trigger reaches the alert
 * level. The question comes through the real reader (loopback Written Questions API) and is judged
 * by the classifier's own functions, as the classify tests use them. The source keeps the default
 * outlet (local): an "official" outlet would halve the score, and a question is not the office's own news.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fetchSource } from '../../../../shared/ingest/fetch-source.js';
import { parliamentWatch } from '../../../../shared/ingest/parliament/api.js';
import { configSchema } from '../../../../shared/platform/config/schema.js';
import { judgeAsPress } from './judge.js';
import { startApiServer, type ApiServer } from './api-server.js';

let server: ApiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const question = {
  id: 1809001,
  uin: '93001',
  heading: 'Lewisham Council: Standards',
  house: 'Commons',
  dateTabled: '2026-11-27T00:00:00',
  dateForAnswer: '2026-12-02T00:00:00',
  questionText:
    'To ask the Secretary of State for Housing, Communities and Local Government, whether her Department has opened an investigation into the conduct of the Mayor of Lewisham.',
  askingMember: { id: 5001, name: 'A Member', party: 'Conservative' },
  answeringBodyName: 'Ministry of Housing, Communities and Local Government',
  isWithdrawn: false,
};

describe('written questions and the sensitivity rules', () => {
  it('alerts on a question that names the Mayor near a trigger', async () => {
    // Prepare
    server = await startApiServer({
      '/api/writtenquestions/questions': (p) => ({
        body: { totalResults: p.has('tabledWhenFrom') ? 1 : 0, results: p.has('tabledWhenFrom') ? [{ value: question, links: [] }] : [] },
      }),
    });
    const config = configSchema.parse({
      council: { name: 'London Borough of Lewisham', short: 'Lewisham' },
      mayor: { name: 'Brenda Dacres', aliases: ['Mayor of Lewisham'] },
      priorities: [{ id: 'housing', name: 'Housing', query: '"temporary accommodation"' }],
      sensitivity: { triggers: ['investigation'], proximity: 6 },
      groups: [{ id: 'parliament', every: '1h' }],
      sources: [
        { id: 'written-questions', name: 'Written questions', kind: 'written-questions', url: server.baseUrl, group: 'parliament', terms: ['Lewisham'] },
      ],
      briefing: { to: ['pa@lewisham.example'], from: 'despatch@lewisham.example' },
      alerts: { to: ['pa@lewisham.example'] },
      network: { allowPrivateHosts: true },
    });
    const source = config.sources[0]!;
    const outcome = await fetchSource(source, {}, { network: config.network, now: new Date('2026-11-30T07:00:00Z'), watch: parliamentWatch(config) });
    const item = outcome.kind === 'ok' ? outcome.items[0] : undefined;
    // Act
    const sensitivity = judgeAsPress(config, source, item);
    // Assess
    expect(item?.kind).toBe('written-question');
    expect(sensitivity.sensitive).toBe(true);
    expect(sensitivity.reasons.join(' ')).toContain('Mayor of Lewisham');
  });
});
