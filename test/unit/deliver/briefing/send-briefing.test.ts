import { describe, expect, it } from 'vitest';
import { BriefingInProgressError, previewBriefing, sendBriefing, type BriefingDeps } from '../../../../shared/deliver/briefing/send.js';
import type { EmailMessage, Mailer } from '../../../../shared/deliver/email/message.js';
import type { SendFailure } from '../../../../shared/deliver/email/retry.js';
import { SentNotRecordedError } from '../../../../shared/deliver/after-send.js';
import { testConfig } from '../../../support/config.js';
import { MEETING_LOOKBACK_DAYS } from '../../../../shared/platform/model.js';
import { makeItem } from './fixtures.js';
import { MemoryBriefingStore } from './memory-briefing-store.js';

const sources = [
  { id: 'gazette', url: 'https://gazette.example/rss' },
  { id: 'daily', url: 'https://daily.example/rss' },
  { id: 'post', url: 'https://post.example/rss' },
  { id: 'weekly', url: 'https://weekly.example/rss' },
];
const config = testConfig(sources, {
  briefing: { to: ['pa@hartwell.example', 'head@hartwell.example'], from: 'despatch@hartwell.example', replyTo: 'pa@hartwell.example' } as never,
});

/** Monday 23 Nov 2026, 07:00 London (GMT). */
const MONDAY = new Date('2026-11-23T07:00:00Z');
const FRIDAY = new Date('2026-11-20T07:00:00Z');

function harness(opts: { failTimes?: number } = {}) {
  const store = new MemoryBriefingStore();
  const sent: EmailMessage[] = [];
  const failures: SendFailure[] = [];
  const degraded: string[] = [];
  let failTimes = opts.failTimes ?? 0;
  const mailer: Mailer = {
    async send(m) {
      if (failTimes-- > 0) throw new Error('SES is throttling');
      sent.push(m);
      return { messageId: `m${sent.length}` };
    },
  };
  const deps: BriefingDeps = {
    config,
    store,
    mailer,
    onFailure: (f) => failures.push(f),
    onDegraded: (what) => degraded.push(what),
    retry: { attempts: 3, delaysMs: [0], sleep: async () => undefined },
  };
  return { store, sent, failures, degraded, deps };
}

describe('sendBriefing', () => {
  it('sends once per London date however often the schedule fires', async () => {
    // Prepare
    const { deps, sent, store } = harness();
    store.items = [makeItem({ seenAt: '2026-11-22T20:00:00Z', publishedAt: '2026-11-22T20:00:00Z' })];

    // Act
    const first = await sendBriefing(MONDAY, deps);
    const retried = await sendBriefing(new Date(MONDAY.getTime() + 60_000), deps);

    // Assess
    expect(first.status).toBe('sent');
    expect(retried.status).toBe('already-sent');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ to: ['pa@hartwell.example', 'head@hartwell.example'], replyTo: 'pa@hartwell.example', tag: 'briefing-2026-11-23' });
  });

  it('lists a meeting this week whose agenda was first seen five weeks ago, as the grid does (one look-back for both)', async () => {
    const { deps, sent, store } = harness();
    const seenAt = new Date(MONDAY.getTime() - 35 * 86_400_000).toISOString();
    store.items = [
      makeItem({
        title: 'Budget Scrutiny Committee',
        kind: 'meeting',
        details: { committee: 'Budget Scrutiny Committee', meetingDate: '2026-11-25T19:00:00.000Z' },
        seenAt,
        publishedAt: seenAt,
      }),
      makeItem({
        title: 'Licensing Committee',
        kind: 'meeting',
        details: { committee: 'Licensing Committee', meetingDate: '2026-11-26T19:00:00.000Z' },
        seenAt: '2026-10-01T09:00:00Z',
        publishedAt: '2026-10-01T09:00:00Z',
      }),
    ];

    await sendBriefing(MONDAY, deps);

    expect(MEETING_LOOKBACK_DAYS).toBeGreaterThanOrEqual(35);
    const text = sent[0]?.text ?? '';
    const council = text.slice(text.lastIndexOf('Council this week'));
    expect(council).toContain('Budget Scrutiny Committee');
    // Older than the look-back (53 days): not read at all.
    expect(council).not.toContain('Licensing Committee');
  });

  it("covers the weekend on Monday: everything since Friday's briefing", async () => {
    const { deps, sent, store } = harness();
    store.items = [
      makeItem({ title: 'Thursday night', seenAt: '2026-11-19T22:00:00Z', publishedAt: '2026-11-19T22:00:00Z' }),
      makeItem({ title: 'Friday afternoon', seenAt: '2026-11-20T15:00:00Z', publishedAt: '2026-11-20T15:00:00Z' }),
      makeItem({ title: 'Saturday', seenAt: '2026-11-21T11:00:00Z', publishedAt: '2026-11-21T11:00:00Z' }),
      makeItem({ title: 'Sunday evening', seenAt: '2026-11-22T19:00:00Z', publishedAt: '2026-11-22T19:00:00Z' }),
    ];
    await sendBriefing(FRIDAY, deps);

    const monday = await sendBriefing(MONDAY, deps);

    expect(monday.record).toMatchObject({ windowFrom: FRIDAY.toISOString(), windowTo: MONDAY.toISOString(), itemCount: 3 });
    expect(sent[1]?.subject).toBe('Political developments — Mon 23 Nov: no sensitive stories, 3 items in 3 stories');
    expect(sent[1]?.text).toContain('Since Fri 20 Nov 07:00');
    for (const title of ['Friday afternoon', 'Saturday', 'Sunday evening']) expect(sent[1]?.text).toContain(title);
    expect(sent[1]?.text).not.toContain('Thursday night');
  });

  it('covers the last day when no briefing has been sent before', async () => {
    const { deps } = harness();

    const outcome = await sendBriefing(MONDAY, deps);

    expect(outcome.record.windowFrom).toBe('2026-11-22T07:00:00.000Z');
  });

  it('retries a failed send, and when every attempt fails, reports it and records nothing, so the next run sends', async () => {
    const { deps, sent, failures, store } = harness({ failTimes: 3 });

    await expect(sendBriefing(MONDAY, deps)).rejects.toThrow(
      'Could not send the briefing "Political developments — Mon 23 Nov: nothing new" to 2 recipients after 3 attempts: SES is throttling',
    );
    expect(failures).toEqual([expect.objectContaining({ recipients: 2, attempts: 3, reason: 'SES is throttling' })]);
    expect(store.briefings.size).toBe(0);

    const retried = await sendBriefing(new Date(MONDAY.getTime() + 120_000), deps);
    expect(retried.status).toBe('sent');
    expect(sent).toHaveLength(1);
  });

  it('records a briefing the provider accepted even when the store stumbles, and never sends it again meanwhile', async () => {
    // Prepare: the store refuses the record twice (throttled), then takes it.
    const { deps, sent, store } = harness();
    let refusals = 2;
    const record = store.recordBriefing.bind(store);
    store.recordBriefing = async (r) => (refusals-- > 0 ? Promise.reject(new Error('ProvisionedThroughputExceededException')) : record(r));

    const outcome = await sendBriefing(MONDAY, deps);

    expect(outcome.status).toBe('sent');
    expect(sent).toHaveLength(1);
    expect(store.briefings.get('2026-11-23')?.messageId).toBe('m1');
  });

  it('keeps the claim when a sent briefing cannot be recorded at all, so a retry does not send a second one', async () => {
    const { deps, sent, store } = harness();
    store.recordBriefing = async () => Promise.reject(new Error('table unavailable'));

    await expect(sendBriefing(MONDAY, deps)).rejects.toThrow(SentNotRecordedError);
    await expect(sendBriefing(new Date(MONDAY.getTime() + 60_000), deps)).rejects.toThrow(BriefingInProgressError);

    expect(sent).toHaveLength(1);
    expect(store.claims.has('2026-11-23')).toBe(true);
  });

  it('lets only one of two runs at the same moment send', async () => {
    const { deps, sent } = harness();
    const slowMailer: Mailer = { send: async (m) => (await new Promise((r) => setTimeout(r, 20)), sent.push(m), { messageId: 'x' }) };

    const results = await Promise.allSettled([sendBriefing(MONDAY, { ...deps, mailer: slowMailer }), sendBriefing(MONDAY, { ...deps, mailer: slowMailer })]);

    expect(sent).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason)).toEqual([expect.any(BriefingInProgressError)]);
  });

  it('still goes out when half the sources are failing, and lists them with their reasons', async () => {
    const { deps, sent, store } = harness();
    store.items = [makeItem({ title: 'From the gazette', seenAt: '2026-11-23T06:00:00Z', publishedAt: '2026-11-23T06:00:00Z' })];
    store.states = [
      { sourceId: 'gazette', seenIds: [], consecutiveFailures: 0, lastSuccessAt: '2026-11-23T06:50:00Z' },
      { sourceId: 'daily', seenIds: [], consecutiveFailures: 0, lastSuccessAt: '2026-11-23T06:50:00Z' },
      {
        sourceId: 'post',
        seenIds: [],
        consecutiveFailures: 40,
        failingSince: '2026-11-22T06:00:00Z',
        lastError: { at: '2026-11-23T06:50:00Z', reason: 'HTTP 503 Service Unavailable' },
      },
      {
        sourceId: 'weekly',
        seenIds: [],
        consecutiveFailures: 20,
        failingSince: '2026-11-22T15:00:00Z',
        lastError: { at: '2026-11-23T06:50:00Z', reason: 'TLS certificate expired' },
      },
    ];

    const outcome = await sendBriefing(MONDAY, deps);

    expect(outcome.status).toBe('sent');
    expect(sent[0]?.subject).toBe('Political developments — Mon 23 Nov: no sensitive stories, 1 item in 1 story, 2 sources failing');
    expect(sent[0]?.text).toContain('* post: failing since Sun 22 Nov 06:00 (25 hours, 40 attempts). Last error: HTTP 503 Service Unavailable');
    expect(sent[0]?.text).toContain('* weekly: failing since Sun 22 Nov 15:00 (16 hours, 20 attempts). Last error: TLS certificate expired');
    expect(outcome.record.failingSources?.map((f) => f.sourceId)).toEqual(['post', 'weekly']);
  });

  it('does not list a source that has failed for less than briefing.failingSourceHours', async () => {
    const { deps, sent, store } = harness();
    store.states = [
      {
        sourceId: 'post',
        seenIds: [],
        consecutiveFailures: 2,
        failingSince: '2026-11-23T06:30:00Z',
        lastError: { at: '2026-11-23T06:50:00Z', reason: 'timed out' },
      },
    ];

    await sendBriefing(MONDAY, deps);

    expect(sent[0]?.text).not.toContain('Sources failing');
  });

  it('still goes out when source health cannot be read, and says so', async () => {
    const { deps, sent, store, degraded } = harness();
    store.statesFail = true;

    expect((await sendBriefing(MONDAY, deps)).status).toBe('sent');
    expect(sent[0]?.text).toContain('The health of the sources could not be read this morning');
    expect(degraded).toEqual(['source health']);
  });

  it('keeps the morning as it was: re-rendered from its record, with the sources failing then', async () => {
    const { deps, sent, store } = harness();
    store.items = [makeItem({ title: 'Kept', seenAt: '2026-11-23T05:00:00Z', publishedAt: '2026-11-23T05:00:00Z' })];
    store.states = [
      {
        sourceId: 'post',
        seenIds: [],
        consecutiveFailures: 40,
        failingSince: '2026-11-22T06:00:00Z',
        lastError: { at: '2026-11-23T06:50:00Z', reason: 'HTTP 503' },
      },
    ];
    await sendBriefing(MONDAY, deps);
    // Later the source recovers and new items arrive; the archived morning does not change.
    store.states = [];
    store.items.push(makeItem({ title: 'Later', seenAt: '2026-11-23T09:00:00Z', publishedAt: '2026-11-23T09:00:00Z' }));

    const again = await previewBriefing(new Date('2026-11-25T10:00:00Z'), deps, '2026-11-23');

    expect(again.email.subject).toBe(sent[0]?.subject);
    expect(again.email.text).toBe(sent[0]?.text);
  });
});
