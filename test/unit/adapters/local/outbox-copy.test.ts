/**
 * The local outbox copy is kept after a send is recorded, never as part of the send: when it
 * cannot be written (here the outbox "folder" is a file), the alert and the briefing still go
 * exactly once, however often the queue or the schedule tries again, and the record says so.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { alsoToOutbox } from '../../../../shared/adapters/local/outbox.js';
import { withOutboxCopy } from '../../../../shared/adapters/local/outbox-senders.js';
import { deliverAlert, type AlertDeps } from '../../../../shared/deliver/alerts/deliver.js';
import { sendBriefing, type BriefingDeps } from '../../../../shared/deliver/briefing/send.js';
import type { EmailMessage, Mailer } from '../../../../shared/deliver/email/message.js';
import type { WebhookPoster } from '../../../../shared/deliver/ports.js';
import type { AlertMessage } from '../../../../shared/platform/model.js';
import { testConfig } from '../../../support/config.js';
import { makeItem } from '../../deliver/briefing/fixtures.js';
import { MemoryAlertLog } from '../../deliver/alerts/memory-alert-log.js';
import { MemoryBriefingStore } from '../../deliver/briefing/memory-briefing-store.js';

const noWait = { attempts: 3, delaysMs: [0], sleep: async () => undefined };
/** Monday 23 Nov 2026, 07:00 London (GMT). */
const MONDAY = new Date('2026-11-23T07:00:00Z');
/** Longer than any claim's lease: each retry could take over a claim left "sending". */
const TEN_MINUTES = 10 * 60_000;

let dir: string;
let notADir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'despatch-outbox-copy-'));
  // The outbox path is a file: every write into it fails (ENOTDIR/EEXIST), as a broken disk would.
  notADir = join(dir, 'outbox');
  writeFileSync(notADir, 'not a folder');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Stands in for the SMTP server: accepts everything and counts what it accepted. */
function acceptingSmtp(): Mailer & { accepted: EmailMessage[] } {
  const accepted: EmailMessage[] = [];
  return {
    accepted,
    async send(message) {
      accepted.push(message);
      return { messageId: `<smtp-${accepted.length}@hartwell.example>` };
    },
  };
}

function criticalAlert(): AlertMessage {
  const item = makeItem({ title: 'Hartwell Mayor faces calls to resign', clusterId: 'story-1', level: 'critical', sourceName: 'Hartwell Gazette' });
  return {
    v: 1,
    kind: 'sensitive-item',
    item,
    reason: 'new',
    story: {
      id: 'story-1',
      size: 1,
      outlets: [{ id: 'hartwell-gazette', name: 'Hartwell Gazette' }],
      firstSeenAt: item.seenAt,
      level: 'critical',
      score: 9,
      reasons: ['Mayor named'],
      spread: 0,
    },
  };
}

describe('an outbox copy that cannot be written', () => {
  it('does not make an alert go again: 15 redeliveries send the email and the webhook once, recorded as sent', async () => {
    // Prepare
    const smtp = acceptingSmtp();
    const posts: string[] = [];
    const poster: WebhookPoster = {
      async post(url) {
        posts.push(url);
        return { messageId: `webhook-${posts.length}` };
      },
    };
    const config = testConfig([{ id: 'paper', url: 'https://paper.example/feed' }], {
      alerts: { to: ['pa@hartwell.example'], routes: [{ level: 'critical', webhook: { url: 'https://teams.example/webhook/abc', kind: 'teams' } }] } as never,
    });
    const log = new MemoryAlertLog();
    const degraded: string[] = [];
    let clock = new Date('2026-11-23T14:00:00Z');
    const deps: AlertDeps = {
      config,
      log,
      mailer: alsoToOutbox(smtp, notADir),
      webhooks: withOutboxCopy(poster, notADir),
      now: () => clock,
      retry: noWait,
      onDegraded: (what) => degraded.push(what),
    };

    // Act: what SQS does with a message whose handler throws, up to 15 times.
    const outcomes: string[] = [];
    for (let delivery = 0; delivery < 15; delivery += 1) {
      outcomes.push(
        await deliverAlert(criticalAlert(), deps).then(
          (o) => o.status,
          (error: unknown) => `error: ${String(error)}`,
        ),
      );
      clock = new Date(clock.getTime() + TEN_MINUTES);
    }

    // Assess
    expect(smtp.accepted).toHaveLength(1);
    expect(posts).toHaveLength(1);
    expect(outcomes[0]).toBe('sent');
    expect(outcomes.slice(1)).toEqual(Array(14).fill('already-sent'));
    expect([...log.deliveries.values()]).toEqual([
      expect.objectContaining({ state: 'sent', messageId: '<smtp-1@hartwell.example>' }),
      expect.objectContaining({ state: 'sent', messageId: 'webhook-1' }),
    ]);
    expect(log.steps.has('story-1/new#critical#0')).toBe(true);
    // Never silent: each copy that could not be kept was reported once.
    expect(degraded).toEqual([expect.stringMatching(/outbox/), expect.stringMatching(/outbox/)]);
  });

  it('does not make the briefing go again: 3 runs send it once, recorded with the SMTP message id', async () => {
    const smtp = acceptingSmtp();
    const store = new MemoryBriefingStore();
    store.items = [makeItem({ seenAt: '2026-11-22T20:00:00Z', publishedAt: '2026-11-22T20:00:00Z' })];
    const degraded: string[] = [];
    const deps: BriefingDeps = {
      config: testConfig([{ id: 'gazette', url: 'https://gazette.example/rss' }]),
      store,
      mailer: alsoToOutbox(smtp, notADir),
      retry: noWait,
      onDegraded: (what) => degraded.push(what),
    };

    const outcomes: string[] = [];
    for (let run = 0; run < 3; run += 1) {
      const at = new Date(MONDAY.getTime() + run * TEN_MINUTES);
      outcomes.push(
        await sendBriefing(at, deps).then(
          (o) => o.status,
          (error: unknown) => `error: ${String(error)}`,
        ),
      );
    }

    expect(smtp.accepted).toHaveLength(1);
    expect(outcomes).toEqual(['sent', 'already-sent', 'already-sent']);
    expect(store.briefings.get('2026-11-23')).toMatchObject({ messageId: '<smtp-1@hartwell.example>', sentAt: MONDAY.toISOString() });
    expect(degraded).toEqual([expect.stringMatching(/outbox/)]);
  });

  it('is still kept when it can be: the copy lands in the outbox after the send', async () => {
    const smtp = acceptingSmtp();
    const outbox = join(dir, 'good-outbox');
    const store = new MemoryBriefingStore();
    const outcome = await sendBriefing(MONDAY, {
      config: testConfig([{ id: 'gazette', url: 'https://gazette.example/rss' }]),
      store,
      mailer: alsoToOutbox(smtp, outbox),
      retry: noWait,
    });

    expect(outcome.status === 'sent' ? outcome.location : undefined).toMatch(/briefing-2026-11-23\.eml$/);
    expect(readdirSync(outbox).sort()).toEqual([expect.stringMatching(/briefing-2026-11-23\.eml$/), expect.stringMatching(/briefing-2026-11-23\.html$/)]);
    expect(store.briefings.get('2026-11-23')?.messageId).toBe('<smtp-1@hartwell.example>');
  });
});
