import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createOutboxMailer } from '../../../../shared/adapters/local/outbox.js';
import { headerValue, readMime } from '../email/mime-helpers.js';
import { AlertBusyError, AlertDeliveryError, deliverAlert, releaseHeldAlerts, type AlertDeps } from '../../../../shared/deliver/alerts/deliver.js';
import type { SmsSender, WebhookPoster } from '../../../../shared/deliver/ports.js';
import type { Config } from '../../../../shared/platform/config/schema.js';
import type { EmailMessage, Mailer } from '../../../../shared/deliver/email/message.js';
import type { SendFailure } from '../../../../shared/deliver/email/retry.js';
import type { AlertMessage, StorySummary } from '../../../../shared/platform/model.js';
import { testConfig } from '../../../support/config.js';
import { makeItem } from '../briefing/fixtures.js';
import { MemoryAlertLog } from './memory-alert-log.js';

/** 14:00 on a Monday in London (GMT in November). */
const DAYTIME = new Date('2026-11-23T14:00:00Z');
/** 23:30 the same night: inside 22:00–07:00. */
const NIGHT = new Date('2026-11-23T23:30:00Z');

const routedConfig = (extra: Partial<Config['alerts']> = {}): Config =>
  testConfig([{ id: 'paper', url: 'https://paper.example/feed' }], {
    alerts: {
      to: ['pa@hartwell.example', 'comms@hartwell.example'],
      from: 'alerts@hartwell.example',
      replyTo: 'pa@hartwell.example',
      routes: [
        {
          level: 'critical',
          email: ['head@hartwell.example', 'PA@hartwell.example'],
          webhook: { url: 'https://teams.example/webhook/abc', kind: 'teams' },
          sms: ['+447700900123'],
        },
      ],
      ...extra,
    } as Config['alerts'],
  });

const THREE_OUTLETS = [
  { id: 'a', name: 'A' },
  { id: 'b', name: 'B' },
  { id: 'c', name: 'C' },
];

/** The story's follow-up once three outlets carry it. */
const spreadToThree = (level: 'high' | 'critical') => message(level, 'spread', { spread: 3, outlets: THREE_OUTLETS });

function message(level: 'high' | 'critical', reason: AlertMessage['reason'] = 'new', over: Partial<StorySummary> = {}): AlertMessage {
  const item = makeItem({ title: 'Hartwell Mayor faces calls to resign', clusterId: 'story-1', level, sourceName: 'Hartwell Gazette' });
  return {
    v: 1,
    kind: 'sensitive-item',
    item,
    reason,
    story: {
      id: 'story-1',
      size: 1,
      outlets: [{ id: 'hartwell-gazette', name: 'Hartwell Gazette' }],
      firstSeenAt: item.seenAt,
      level,
      score: 9,
      reasons: ['Mayor named within 2 words of "resign"'],
      spread: 0,
      ...over,
    },
  };
}

interface Sent {
  emails: EmailMessage[];
  posts: { url: string; payload: Record<string, unknown> }[];
  texts: { to: string; text: string }[];
}

function harness(config: Config, now: Date, failing: { webhook?: number; email?: number } = {}) {
  const sent: Sent = { emails: [], posts: [], texts: [] };
  const log = new MemoryAlertLog();
  const failures: SendFailure[] = [];
  let webhookFailures = failing.webhook ?? 0;
  let emailFailures = failing.email ?? 0;
  const mailer: Mailer = {
    async send(m) {
      if (emailFailures-- > 0) throw Object.assign(new Error('421 try again later'), { responseCode: 421 });
      sent.emails.push(m);
      return { messageId: `m${sent.emails.length}` };
    },
  };
  const webhooks: WebhookPoster = {
    async post(url, payload) {
      if (webhookFailures-- > 0) throw new Error('connection reset');
      sent.posts.push({ url, payload });
      return { messageId: `w${sent.posts.length}` };
    },
  };
  const sms: SmsSender = {
    async send(to, text) {
      sent.texts.push({ to, text });
      return { messageId: `s${sent.texts.length}` };
    },
  };
  let clock = now;
  const deps: AlertDeps = {
    config,
    log,
    mailer,
    webhooks,
    sms,
    now: () => clock,
    onFailure: (f) => failures.push(f),
    retry: { attempts: 3, delaysMs: [0], sleep: async () => undefined },
  };
  return { deps, sent, log, failures, setNow: (d: Date) => (clock = d) };
}

describe('deliverAlert', () => {
  it('emails a high story to alerts.to only, once, however often the message is delivered', async () => {
    // Prepare
    const { deps, sent } = harness(routedConfig(), DAYTIME);

    // Act
    const first = await deliverAlert(message('high'), deps);
    const again = await deliverAlert(message('high'), deps);

    // Assess
    expect(first).toEqual({ status: 'sent', delivered: ['email'] });
    expect(again.status).toBe('already-sent');
    expect(sent.emails).toHaveLength(1);
    expect(sent.emails[0]).toMatchObject({
      to: ['pa@hartwell.example', 'comms@hartwell.example'],
      from: 'alerts@hartwell.example',
      replyTo: 'pa@hartwell.example',
    });
    expect(sent.emails[0]?.subject).toBe('Sensitive coverage: Hartwell Mayor faces calls to resign — Hartwell Gazette');
    expect(sent.posts).toHaveLength(0);
    expect(sent.texts).toHaveLength(0);
  });

  it('sends a critical story by every route for critical and below: one email to everyone, the webhook, the text', async () => {
    const { deps, sent } = harness(routedConfig(), DAYTIME);

    const outcome = await deliverAlert(message('critical'), deps);

    expect(outcome.delivered).toEqual(['email', 'webhook-critical', 'sms-447700900123']);
    // PA@ and pa@ are one person: one email, not two.
    expect(sent.emails.map((e) => e.to)).toEqual([['pa@hartwell.example', 'comms@hartwell.example', 'head@hartwell.example']]);
    expect(sent.posts.map((p) => p.url)).toEqual(['https://teams.example/webhook/abc']);
    expect(sent.posts[0]?.payload).toMatchObject({ type: 'message' });
    expect(sent.texts).toEqual([
      { to: '+447700900123', text: expect.stringMatching(/^Despatch CRITICAL: "Hartwell Mayor faces calls to resign"/) as unknown as string },
    ]);
  });

  it('after a failed webhook, a retry sends only the webhook: the email and text that went are not sent again', async () => {
    // Prepare: the webhook fails three times in a row (all of the first delivery's attempts).
    const { deps, sent, failures } = harness(routedConfig(), DAYTIME, { webhook: 3 });

    // Act
    const first = deliverAlert(message('critical'), deps);
    await expect(first).rejects.toThrow(AlertDeliveryError);
    await expect(first).rejects.toThrow(
      /not delivered to teams webhook https:\/\/teams\.example\/…: Could not send .* after 3 attempts: connection reset \(sent: email, sms-447700900123\)$/,
    );
    const retry = await deliverAlert(message('critical'), deps);

    // Assess
    expect(retry).toEqual({ status: 'sent', delivered: ['webhook-critical'] });
    expect(sent.emails).toHaveLength(1);
    expect(sent.texts).toHaveLength(1);
    expect(sent.posts).toHaveLength(1);
    expect(failures).toEqual([expect.objectContaining({ recipients: 1, attempts: 3, reason: 'connection reset' })]);
  });

  it('retries a failed email with back-off and reports it, with the recipient count, only when every attempt failed', async () => {
    const flaky = harness(routedConfig(), DAYTIME, { email: 2 });
    await deliverAlert(message('high'), flaky.deps);
    expect(flaky.sent.emails).toHaveLength(1);
    expect(flaky.failures).toHaveLength(0);

    const broken = harness(routedConfig(), DAYTIME, { email: 5 });
    await expect(deliverAlert(message('high'), broken.deps)).rejects.toThrow(
      /Could not send the alert email .* to 2 recipients after 3 attempts: 421 try again later$/,
    );
    expect(broken.failures).toEqual([expect.objectContaining({ recipients: 2, attempts: 3 })]);
  });

  it('follows a story up as it spreads by email and webhook, but texts once per level', async () => {
    const { deps, sent } = harness(routedConfig(), DAYTIME);

    await deliverAlert(message('critical'), deps);
    await deliverAlert(spreadToThree('critical'), deps);

    expect(sent.emails.map((e) => e.subject)).toEqual([
      'Critical coverage: Hartwell Mayor faces calls to resign — Hartwell Gazette',
      'Critical coverage: Hartwell Mayor faces calls to resign — Hartwell Gazette',
    ]);
    expect(sent.posts).toHaveLength(2);
    expect(sent.texts).toHaveLength(1);
  });

  it('marks an accepted delivery sent even when the store stumbles, and keeps the claim when it cannot', async () => {
    // Prepare: the email's record is refused twice (throttled) then taken; the webhook's is never taken.
    const { deps, log, sent, setNow } = harness(routedConfig(), DAYTIME);
    let refusals = 2;
    const complete = log.completeDelivery.bind(log);
    log.completeDelivery = async (owner, key, at, id) => {
      if (key.endsWith('#webhook-critical')) throw new Error('table unavailable');
      if (refusals-- > 0) throw new Error('ProvisionedThroughputExceededException');
      return complete(owner, key, at, id);
    };

    // Act: the message fails (the webhook's record could not be written) and SQS redelivers it a minute later.
    await expect(deliverAlert(message('critical'), deps)).rejects.toThrow(
      /teams webhook .*was sent but could not be recorded after 3 attempts: table unavailable/,
    );
    setNow(new Date(DAYTIME.getTime() + 60_000));
    await expect(deliverAlert(message('critical'), deps)).rejects.toThrow(AlertBusyError);

    // Assess: nothing went twice; the email is recorded, the webhook's claim is kept, not released.
    expect(sent.emails).toHaveLength(1);
    expect(sent.posts).toHaveLength(1);
    expect(log.sent()).toEqual(['STORY#story-1/new#critical#0#email', 'STORY#story-1/level#critical#sms-447700900123']);
    expect(log.deliveries.get('STORY#story-1/new#critical#0#webhook-critical')?.state).toBe('sending');
  });

  it('does not send a delivery another run is sending now, and takes over one abandoned mid-send', async () => {
    const { deps, log, sent, setNow } = harness(routedConfig(), DAYTIME);
    await log.claimDelivery({ storyId: 'story-1' }, 'new#high#0#email', DAYTIME, 120);

    await expect(deliverAlert(message('high'), deps)).rejects.toThrow(AlertBusyError);
    expect(sent.emails).toHaveLength(0);

    setNow(new Date(DAYTIME.getTime() + 5 * 60_000));
    expect((await deliverAlert(message('high'), deps)).status).toBe('sent');
    expect(sent.emails).toHaveLength(1);
  });
});

describe('quiet hours', () => {
  const quiet = () => routedConfig({ quietHours: { from: '22:00', to: '07:00' } });

  it('holds a high alert at night and sends nothing', async () => {
    const { deps, sent, log } = harness(quiet(), NIGHT);

    expect(await deliverAlert(message('high'), deps)).toEqual({ status: 'held', delivered: [] });
    // A retried message keeps one held copy.
    await deliverAlert(message('high'), deps);

    expect(sent.emails).toHaveLength(0);
    expect(log.held.size).toBe(1);
  });

  it('always sends a critical alert, and drops what was held for that story', async () => {
    const { deps, sent, log } = harness(quiet(), NIGHT);
    await deliverAlert(message('high'), deps);

    const outcome = await deliverAlert(message('critical', 'level-rise'), deps);

    expect(outcome.status).toBe('sent');
    // The held alert never went: the critical one is the first of the thread.
    expect(sent.emails.map((e) => e.subject)).toEqual(['Critical coverage: Hartwell Mayor faces calls to resign — Hartwell Gazette']);
    expect(log.held.size).toBe(0);
  });

  it('sends what was held when quiet hours end: one alert per story, the latest step, once', async () => {
    // Prepare: a story held at 23:30 and again as it spread at 01:00; another story held at 02:00.
    const { deps, sent, setNow } = harness(quiet(), NIGHT);
    await deliverAlert(message('high'), deps);
    setNow(new Date('2026-11-24T01:00:00Z'));
    await deliverAlert(spreadToThree('high'), deps);
    setNow(new Date('2026-11-24T02:00:00Z'));
    const other = message('high');
    await deliverAlert({ ...other, item: { ...other.item, id: 'f'.repeat(32), title: 'Council criticised' }, story: { ...other.story!, id: 'story-2' } }, deps);
    expect(sent.emails).toHaveLength(0);

    // Act: the schedule at 07:00.
    setNow(new Date('2026-11-24T07:00:00Z'));
    const released = await releaseHeldAlerts(deps);
    const again = await releaseHeldAlerts(deps);

    // Assess
    expect(released).toEqual({ released: 2, superseded: 1 });
    expect(again).toEqual({ released: 0, superseded: 0 });
    expect(sent.emails.map((e) => e.subject)).toEqual([
      'Sensitive coverage: Hartwell Mayor faces calls to resign — Hartwell Gazette',
      'Sensitive coverage: Council criticised — Hartwell Gazette',
    ]);
    expect(sent.emails[0]?.text).toContain('Held during quiet hours (22:00–07:00); flagged at Mon 23 Nov, 23:30.');
  });

  it('sends a high alert straight away outside quiet hours', async () => {
    const { deps, sent } = harness(quiet(), new Date('2026-11-24T07:00:00Z'));

    expect((await deliverAlert(message('high'), deps)).status).toBe('sent');
    expect(sent.emails).toHaveLength(1);
  });
});

describe('two steps of one story in one batch', () => {
  it('sends the text once, and neither step waits for the other', async () => {
    const { deps, sent } = harness(routedConfig(), DAYTIME);

    const outcomes = await Promise.all([deliverAlert(message('critical'), deps), deliverAlert(spreadToThree('critical'), deps)]);

    expect(outcomes.map((o) => o.status)).toEqual(['sent', 'sent']);
    expect(sent.emails).toHaveLength(2);
    expect(sent.texts).toHaveLength(1);
  });
});

describe('a follow-up the first alert already covered', () => {
  it('is not sent when the first alert already listed that many outlets', async () => {
    // Prepare: by the time the first alert goes, the story record lists three outlets.
    const { deps, sent } = harness(routedConfig(), DAYTIME);
    const first = message('critical');
    const outlets = THREE_OUTLETS;
    deps.stories = {
      getStory: async () =>
        ({ id: 'story-1', members: [first.item.id], outlets, alerted: { level: 'critical', spread: 0 } }) as unknown as Awaited<
          ReturnType<NonNullable<AlertDeps['stories']>['getStory']>
        >,
      getItemRecord: async () => undefined,
    };

    // Act
    await deliverAlert(first, deps);
    const followUp = await deliverAlert(message('critical', 'spread', { spread: 3, outlets }), deps);

    // Assess
    expect(followUp.status).toBe('already-sent');
    expect(sent.emails.map((e) => e.subject)).toEqual(['Critical coverage: Hartwell Mayor faces calls to resign — Hartwell Gazette']);
  });
});

describe('one story, one email thread', () => {
  it('keeps the first subject and replies to the earlier alerts, as the MIME sent shows', async () => {
    // Prepare: the alerts of one story written to an outbox, as they would go to SMTP.
    const dir = mkdtempSync(join(tmpdir(), 'despatch-thread-'));
    const { deps } = harness(routedConfig(), DAYTIME);
    // A minute apart, so the outbox's file names sort in sending order.
    let minute = 0;
    const outbox = createOutboxMailer(dir, { now: () => new Date(DAYTIME.getTime() + 60_000 * minute++) });
    const threaded: AlertDeps = { ...deps, mailer: outbox };
    const three = { spread: 3, outlets: THREE_OUTLETS };
    const blog = (m: AlertMessage): AlertMessage => ({ ...m, item: { ...m.item, id: 'b'.repeat(32), title: 'A blog on the Mayor', sourceName: 'A Blog' } });

    // Act: new (high), then critical, then spreading, each led by a different item.
    await deliverAlert(message('high'), threaded);
    await deliverAlert(blog(message('critical', 'level-rise')), threaded);
    await deliverAlert(blog(message('critical', 'spread', three)), threaded);

    // Assess
    const mails = readdirSync(dir)
      .filter((f) => f.endsWith('.eml'))
      .sort()
      .map((f) => readMime(readFileSync(join(dir, f))));
    rmSync(dir, { recursive: true, force: true });
    expect(mails).toHaveLength(3);
    const header = (i: number, name: string) => headerValue(mails[i]!.headers, name);
    expect(mails.map((_, i) => header(i, 'Subject'))).toEqual(Array(3).fill('Sensitive coverage: Hartwell Mayor faces calls to resign — Hartwell Gazette'));
    const ids = mails.map((_, i) => header(i, 'Message-ID'));
    expect(new Set(ids).size).toBe(3);
    expect(header(0, 'In-Reply-To')).toBeUndefined();
    expect(header(1, 'In-Reply-To')).toBe(ids[0]);
    expect(header(1, 'References')).toBe(ids[0]);
    expect(header(2, 'In-Reply-To')).toBe(ids[1]);
    expect(header(2, 'References')).toBe(`${ids[0]} ${ids[1]}`);
    expect(mails[1]!.parts[0]!.body.split(/\r?\n/)[0]).toBe('Now critical: this story has risen since the first alert.');
  });
});
