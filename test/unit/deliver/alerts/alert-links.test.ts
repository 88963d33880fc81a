/** The alert email's two workspace links: the story view and the signed one-click acknowledge link. */
import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { buildAlertView } from '../../../../shared/deliver/alerts/view.js';
import { renderAlertView } from '../../../../shared/deliver/alerts/render.js';
import { alertEmailLinks, verifyAckToken } from '../../../../shared/workspace/ack-link.js';
import { makeItem, testConfig } from '../briefing/fixtures.js';

const NOW = new Date('2026-11-23T18:08:00Z');
const SECRET = Buffer.alloc(32, 1);
const STORY = `20261123-${'a'.repeat(32)}`;
const item = makeItem({ title: 'Mayor faces calls to resign', sensitive: true, reasons: ['Mayor named with "resign"'] });

function render(links: ReturnType<typeof alertEmailLinks>) {
  const email = renderAlertView(buildAlertView({ config: testConfig, item, generatedAt: NOW }), { config: testConfig, links });
  return { ...email, $: load(email.html) };
}

describe('alert email links', () => {
  it('links the story view and a signed acknowledge link, in the HTML and the plain text', () => {
    // Prepare
    const links = alertEmailLinks({ storyId: STORY, step: 'new#high#0' }, ['pa@x.example', 'head@x.example'], {
      reviewUrl: 'https://review.example/?a=1&b="2"',
      secret: SECRET,
      now: NOW,
    });
    // Act
    const { $, html, text } = render(links);
    // Assess
    const story = $('a').filter((_, el) => $(el).text() === 'Open the story in the workspace');
    expect(story.attr('href')).toBe(`https://review.example/?a=1&b="2"/#/story/${STORY}`);
    expect(html).not.toContain('b="2"');
    const ack = $('a').filter((_, el) => $(el).text().startsWith('Acknowledge this alert'));
    const token = ack.attr('href')?.split('/ack/')[1] ?? '';
    const check = verifyAckToken(token, SECRET, NOW);
    expect(check).toMatchObject({ ok: true, payload: { a: `${STORY}.new.high.0`, r: 'pa@x.example, head@x.example' } });
    expect(text).toContain(`Open the story in the workspace:\n  ${links.story ?? ''}`);
    expect(text).toContain(links.acknowledge ?? 'missing');
  });

  it('has no links without a review page address, and no acknowledge link without a secret', () => {
    expect(alertEmailLinks({ storyId: STORY, step: 'new#high#0' }, ['pa@x.example'], { reviewUrl: undefined, secret: SECRET, now: NOW })).toEqual({});
    const noSecret = alertEmailLinks({ storyId: STORY, step: 'new#high#0' }, ['pa@x.example'], {
      reviewUrl: 'https://review.example/',
      secret: undefined,
      now: NOW,
    });
    expect(noSecret).toEqual({ story: `https://review.example/#/story/${STORY}` });
    expect(render({}).text).not.toContain('Acknowledge');
  });

  it('refuses a token signed with another secret, or after 72 hours', () => {
    const links = alertEmailLinks({ itemId: 'b'.repeat(32) }, ['pa@x.example'], { reviewUrl: 'https://review.example', secret: SECRET, now: NOW });
    const token = links.acknowledge?.split('/ack/')[1] ?? '';
    expect(verifyAckToken(token, Buffer.alloc(32, 2), NOW)).toEqual({ ok: false, why: 'tampered' });
    expect(verifyAckToken(token, SECRET, new Date(NOW.getTime() + 72 * 3_600_000))).toEqual({ ok: false, why: 'expired' });
    expect(verifyAckToken(token, SECRET, new Date(NOW.getTime() + 71 * 3_600_000))).toMatchObject({ ok: true, payload: { a: `${'b'.repeat(32)}.item` } });
  });
});
