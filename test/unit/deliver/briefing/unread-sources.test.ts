/**
 * A broken morning is loud: sources that could not be read during the briefing's period open the
 * email, however briefly they have failed (briefing.failingSourceHours governs only the section
 * on sources failing for a long time).
 */
import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { sendBriefing, type BriefingDeps } from '../../../../shared/deliver/briefing/send.js';
import { renderBriefing } from '../../../../shared/deliver/briefing/render.js';
import type { EmailMessage } from '../../../../shared/deliver/email/message.js';
import type { SourceState } from '../../../../shared/ingest/ports.js';
import { testConfig } from '../../../support/config.js';
import { makeItem, testConfig as renderConfig } from './fixtures.js';
import { MemoryBriefingStore } from './memory-briefing-store.js';

const IDS = ['gazette', 'daily', 'post', 'weekly', 'echo', 'courier', 'herald', 'mercury', 'argus', 'chronicle', 'observer'];
const config = testConfig(IDS.map((id) => ({ id, url: `https://${id}.example/rss` })));
/** Monday 23 Nov 2026, 07:00 London (GMT). */
const MONDAY = new Date('2026-11-23T07:00:00Z');
const THIRTY_MINUTES_AGO = '2026-11-23T06:30:00.000Z';

const failing = (sourceId: string, reason = 'getaddrinfo ENOTFOUND gazette.example'): SourceState => ({
  sourceId,
  seenIds: [],
  consecutiveFailures: 3,
  failingSince: THIRTY_MINUTES_AGO,
  lastError: { at: '2026-11-23T06:50:00.000Z', reason },
});
const healthy = (sourceId: string): SourceState => ({ sourceId, seenIds: [], consecutiveFailures: 0, lastSuccessAt: '2026-11-23T06:50:00.000Z' });

async function briefing(
  states: SourceState[],
  items = [makeItem({ title: 'Overnight story', seenAt: '2026-11-23T01:00:00Z', publishedAt: '2026-11-23T01:00:00Z' })],
) {
  const store = new MemoryBriefingStore();
  store.states = states;
  store.items = items;
  const sent: EmailMessage[] = [];
  const deps: BriefingDeps = { config, store, mailer: { send: async (m) => (sent.push(m), { messageId: 'm1' }) } };
  const outcome = await sendBriefing(MONDAY, deps);
  const email = sent[0];
  if (!email) throw new Error('no briefing was sent');
  return { email, outcome, $: load(email.html) };
}

/** The plain text after the title, the rule and the council's name. */
const opening = (text: string) => text.split('\n').slice(3, 6).join('\n');

describe('sources that could not be read this morning', () => {
  it('say so in the subject and first thing in the email when every source has failed for 30 minutes', async () => {
    const { email, $ } = await briefing(
      IDS.map((id) => failing(id)),
      [],
    );

    expect(email.subject).toBe('Political developments — Mon 23 Nov: no sources could be read');
    expect(opening(email.text)).toMatch(/^None of the 11 sources could be read since 06:30: this briefing may be missing news\./);
    expect(email.text).not.toMatch(/nothing new/i);
    // The HTML opens with the same warning, straight after the heading.
    expect($('h1').next().text()).toContain('None of the 11 sources could be read since 06:30: this briefing may be missing news.');
    expect($.text()).not.toMatch(/nothing new/i);
  });

  it('say so in the subject even when the window still holds news from before they failed', async () => {
    const { email } = await briefing(IDS.map((id) => failing(id)));

    expect(email.subject).toBe('Political developments — Mon 23 Nov: no sources could be read since 06:30; no sensitive stories, 1 item in 1 story');
    expect(email.text).toContain('Overnight story');
  });

  it('name the 2 of 11 that failed, with why, and qualify "nothing new"', async () => {
    const states = [...IDS.slice(0, 9).map(healthy), failing('argus', 'HTTP 503 Service Unavailable'), failing('observer', 'TLS certificate expired')];
    const { email, $, outcome } = await briefing(states, []);

    expect(opening(email.text)).toBe(
      [
        '2 of 11 sources could not be read since 06:30: this briefing may be missing news.',
        '* argus: not read since 06:30 (3 attempts). Last error: HTTP 503 Service Unavailable',
        '* observer: not read since 06:30 (3 attempts). Last error: TLS certificate expired',
      ].join('\n'),
    );
    const banner = $('h1').next().text();
    expect(banner).toContain('2 of 11 sources could not be read since 06:30');
    expect(banner).toContain('argus');
    expect(banner).toContain('observer');
    expect(banner).not.toContain('gazette');
    expect(email.subject).toBe('Political developments — Mon 23 Nov: nothing new, 2 sources failing');
    expect(email.text).toContain('Nothing new was found since Sun 22 Nov 07:00 in the 9 sources that could be read.');
    // Younger than failingSourceHours (12): still left out of the long-failing section and its record.
    expect(email.text).not.toContain('Sources failing (');
    expect(outcome.record.unreadSources?.map((s) => s.sourceId)).toEqual(['argus', 'observer']);
  });

  it('leave no banner when every source was read', async () => {
    const { email, $ } = await briefing(IDS.map(healthy));

    expect(email.text).not.toMatch(/could not be read/);
    expect($.text()).not.toMatch(/could not be read/);
    expect(email.subject).toBe('Political developments — Mon 23 Nov: no sensitive stories, 1 item in 1 story');
  });

  it('count a source failing since before this period (it was not read in it either), but not one that failed and recovered', async () => {
    const old: SourceState = {
      sourceId: 'argus',
      seenIds: [],
      consecutiveFailures: 3,
      failingSince: '2026-11-21T06:00:00.000Z',
      lastError: { at: '2026-11-21T08:00:00.000Z', reason: 'timed out' },
    };
    const recovered: SourceState = { ...healthy('echo'), lastError: { at: '2026-11-23T03:00:00.000Z', reason: 'timed out' } };
    const { email } = await briefing([...IDS.filter((id) => id !== 'argus' && id !== 'echo').map(healthy), old, recovered]);

    expect(opening(email.text)).toMatch(
      /^1 of 11 sources could not be read since Sat 21 Nov 06:00: this briefing may be missing news\.\n\* argus: not read since Sat 21 Nov 06:00/,
    );
    expect(email.text).not.toMatch(/echo: not read/);
  });
});

describe('the unread-sources banner', () => {
  it('qualifies "nothing new" in the period line too, when other sections are shown', () => {
    const email = renderBriefing({
      config: renderConfig,
      items: [],
      window: { from: new Date('2026-11-22T07:00:00Z'), to: MONDAY },
      generatedAt: MONDAY,
      failingSources: [{ name: 'argus', failingSince: '2026-11-21T06:00:00Z', consecutiveFailures: 30, reason: 'timed out' }],
      unreadSources: [{ name: 'argus', failingSince: '2026-11-21T06:00:00Z', consecutiveFailures: 30, reason: 'timed out' }],
      sourceCount: 11,
    });

    expect(email.text).toContain('Since Sun 22 Nov 07:00 · nothing new was found in the 10 sources that could be read');
    expect(email.text).not.toMatch(/nothing new was found(?! in the)/i);
    // One source, counted once, though it is both unread and long-failing.
    expect(email.subject).toBe('Political developments — Mon 23 Nov: nothing new, 1 source failing');
  });

  it('escapes source names and reasons in the HTML and shows them literally in the text', () => {
    const email = renderBriefing({
      config: renderConfig,
      items: [],
      window: { from: new Date('2026-11-23T07:00:00Z'), to: MONDAY },
      generatedAt: MONDAY,
      unreadSources: [
        { name: '<img src=x onerror=alert(1)>', failingSince: THIRTY_MINUTES_AGO, consecutiveFailures: 2, reason: '<script>alert(1)</script> & more' },
      ],
      sourceCount: 3,
    });
    const $ = load(email.html);

    expect($('script, img')).toHaveLength(0);
    expect(email.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(email.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; more');
    expect(email.text).toContain('* <img src=x onerror=alert(1)>: not read since 06:30 (2 attempts). Last error: <script>alert(1)</script> & more');
    expect($('title').text()).toBe(email.subject);
  });
});
