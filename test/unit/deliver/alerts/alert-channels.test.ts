import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { SMS_MAX_CHARS, slackPayload, smsText, teamsPayload, teamsText } from '../../../../shared/deliver/alerts/channels.js';
import { renderAlert } from '../../../../shared/deliver/alerts/render.js';
import { buildAlertView, type AlertInput } from '../../../../shared/deliver/alerts/view.js';
import type { StorySummary } from '../../../../shared/platform/model.js';
import { makeItem, testConfig } from '../briefing/fixtures.js';

const NOW = new Date('2026-11-23T18:08:00Z');

const lead = () =>
  makeItem({
    title: 'Mayor of Exampleton faces calls to resign over £4m contract',
    summary: 'Opposition councillors said the contract was extended without a tender and that Alex Example should resign before the budget meeting next week.',
    sourceName: 'Exampleton Echo',
    link: 'https://echo.example.co.uk/news/mayor-resign',
    publishedAt: '2026-11-23T18:00:00Z',
    seenAt: '2026-11-23T18:02:00Z',
    clusterId: 'story-1',
    level: 'critical',
    reasons: ['Mayor named ("Mayor of Exampleton") within 4 words of "resign"', '3 outlets carry the story: score + 2'],
    sensitiveWords: ['Mayor of Exampleton', 'resign', 'Alex Example'],
  });
const others = () => [
  makeItem({
    title: 'Calls for Exampleton Mayor to go',
    sourceName: 'BBC London',
    link: 'https://bbc.example/story',
    publishedAt: '2026-11-23T18:03:00Z',
    clusterId: 'story-1',
    level: 'critical',
  }),
  makeItem({
    title: 'Mayor under pressure',
    sourceName: 'Evening Paper',
    link: 'javascript:alert(1)',
    publishedAt: '2026-11-23T18:05:00Z',
    clusterId: 'story-1',
    level: 'critical',
  }),
];
const story = (over: Partial<StorySummary> = {}): StorySummary => ({
  id: 'story-1',
  size: 4,
  outlets: [
    { id: 'exampleton-echo', name: 'Exampleton Echo' },
    { id: 'bbc-london', name: 'BBC London' },
    { id: 'evening-paper', name: 'Evening Paper' },
    { id: 'radio', name: 'Radio Exampleton' },
  ],
  firstSeenAt: '2026-11-23T18:02:00Z',
  level: 'critical',
  score: 11,
  reasons: ['Mayor named ("Mayor of Exampleton") within 4 words of "resign"', '4 outlets carry the story: score + 3'],
  spread: 3,
  ...over,
});

function input(over: Partial<AlertInput> = {}): AlertInput {
  return { config: testConfig, item: lead(), generatedAt: NOW, reason: 'new', story: story(), coverage: [lead(), ...others()], ...over };
}

describe('the alert email on a story', () => {
  it('says where: every outlet carrying the story, linked where the link is safe, and the ones not read', () => {
    const { $, text } = (() => {
      const email = renderAlert(input());
      return { ...email, $: load(email.html) };
    })();

    const where = $('h2')
      .filter((_, el) => $(el).text().startsWith('Where'))
      .next('ul')
      .find('li');
    expect($('h2').filter((_, el) => $(el).text() === 'Where (4 outlets)')).toHaveLength(1);
    expect(where.map((_, el) => $(el).text()).get()).toEqual([
      'Exampleton Echo · Mon 23 Nov, 18:00: Mayor of Exampleton faces calls to resign over £4m contract',
      'BBC London · Mon 23 Nov, 18:03: Calls for Exampleton Mayor to go',
      'Evening Paper · Mon 23 Nov, 18:05: Mayor under pressure (no link)',
      'Also carried by Radio Exampleton',
    ]);
    expect(
      where
        .find('a')
        .map((_, el) => $(el).attr('href'))
        .get(),
    ).toEqual(['https://echo.example.co.uk/news/mayor-resign', 'https://bbc.example/story']);
    expect(text).toContain('* BBC London · Mon 23 Nov, 18:03: Calls for Exampleton Mayor to go\n  https://bbc.example/story');
    expect(text).not.toContain('javascript:');
  });

  it('gives the level in the subject and heading, and offers the matched text in whole words', () => {
    const email = renderAlert(input());
    const $ = load(email.html);

    expect(email.subject).toBe('Critical coverage: Mayor of Exampleton faces calls to resign over £4m contract — Exampleton Echo');
    expect($('h1').text()).toBe('Critical — sensitive coverage');
    const matched = $('h2')
      .filter((_, el) => $(el).text() === 'Matched text')
      .next('ul')
      .find('li');
    expect(matched.length).toBeGreaterThan(0);
    expect(
      matched
        .first()
        .find('mark')
        .map((_, el) => $(el).text())
        .get(),
    ).toEqual(['Mayor of Exampleton', 'resign']);
    for (const passage of matched.map((_, el) => $(el).text()).get()) expect(passage).toMatch(/^(…|\S)[\s\S]*(\S|…)$/);
    expect(email.text).toMatch(/Matched text\n-+\n\* /);
  });

  it('keeps the thread subject in a follow-up and says what changed in the first line of the body', () => {
    const thread = { subject: 'Sensitive coverage: Mayor of Exampleton faces calls — Exampleton Echo' };
    const spread = renderAlert(input({ reason: 'spread', thread }));
    const rise = renderAlert(input({ reason: 'level-rise', thread }));
    const firstOfThread = renderAlert(input({ reason: 'level-rise' }));

    expect(spread.subject).toBe(thread.subject);
    expect(rise.subject).toBe(thread.subject);
    expect(spread.text.split('\n')[0]).toBe('Now carried by 4 outlets (4 items): a follow-up on this story.');
    expect(rise.text.split('\n')[0]).toBe('Now critical: this story has risen since the first alert.');
    expect(load(rise.html)('p.d-tx').first().text()).toBe('Now critical: this story has risen since the first alert.');
    // No earlier alert went (the first was superseded or held): this one reads as new.
    expect(firstOfThread.subject).toMatch(/^Critical coverage: /);
    expect(firstOfThread.text).not.toContain('Now critical');
  });

  it('says when an alert was held in quiet hours', () => {
    const email = renderAlert(
      input({ story: story({ level: 'high' }), held: { heldAt: new Date('2026-11-23T23:14:00Z'), quietHours: { from: '22:00', to: '07:00' } } }),
    );

    // Said in the body: the subject is the thread's, and stays the same for the follow-ups.
    expect(email.subject).toMatch(/^Sensitive coverage: /);
    expect(email.text).toContain('Held during quiet hours (22:00–07:00); flagged at Mon 23 Nov, 23:14.');
  });
});

describe('why an alert was flagged', () => {
  it('gives the outlet count under Why from the outlets listed under Where', () => {
    // The story's reason was written when two outlets carried it; four are listed now.
    const email = renderAlert(
      input({
        story: story({
          reasons: ['Mayor named ("Mayor of Exampleton") within 4 words of "resign"', '2 outlets carry the story (Exampleton Echo, BBC London): score + 1'],
        }),
      }),
    );
    const $ = load(email.html);

    const why = $('h2')
      .filter((_, el) => $(el).text() === 'Why it is flagged')
      .next('ul')
      .find('li')
      .map((_, el) => $(el).text())
      .get();
    expect($('h2').filter((_, el) => $(el).text() === 'Where (4 outlets)')).toHaveLength(1);
    expect(why).toContain('4 outlets carry the story (Exampleton Echo, BBC London, Evening Paper, Radio Exampleton)');
    expect(why.join(' ')).not.toMatch(/2 outlets/);
  });

  it('gives one reason of each kind, the strongest, however many items brought one', () => {
    const view = buildAlertView(
      input({
        story: story({
          reasons: [
            'Mayor named ("Mayor of Exampleton") within 4 words of "resign"',
            'Mayor named ("Mayor of Exampleton") within 2 words of "resign" in BBC London',
            '2 outlets carry the story: score + 1',
            '3 outlets carry the story: score + 2',
            'national outlet (BBC London): score × 1.5',
            'national outlet (BBC London): score × 1.5',
          ],
        }),
      }),
    );

    expect(view.reasons).toEqual([
      'Mayor named ("Mayor of Exampleton") within 2 words of "resign" in BBC London',
      '4 outlets carry the story (Exampleton Echo, BBC London, Evening Paper, Radio Exampleton)',
      'national outlet (BBC London)',
    ]);
  });
});

describe('Teams', () => {
  it('sends an Adaptive Card message with the level, headline, facts and a button per outlet', () => {
    const payload = teamsPayload(buildAlertView(input())) as {
      type: string;
      attachments: {
        contentType: string;
        content: {
          type: string;
          version: string;
          body: { type: string; text?: string; facts?: { title: string; value: string }[] }[];
          actions: { type: string; title: string; url: string }[];
        };
      }[];
    };

    expect(payload.type).toBe('message');
    const card = payload.attachments[0]!;
    expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(card.content).toMatchObject({ type: 'AdaptiveCard', version: '1.4' });
    expect(card.content.body[0]).toMatchObject({ type: 'TextBlock', text: 'Critical — sensitive coverage', color: 'Attention' });
    const facts = card.content.body.find((b) => b.type === 'FactSet')?.facts ?? [];
    expect(facts.map((f) => f.title)).toEqual(['Why', 'Who is named', 'Where', 'Matched text', 'When']);
    expect(facts.find((f) => f.title === 'Where')?.value).toBe('Exampleton Echo, BBC London, Evening Paper, Radio Exampleton');
    expect(card.content.actions).toEqual([
      { type: 'Action.OpenUrl', title: 'Read: Exampleton Echo', url: 'https://echo.example.co.uk/news/mayor-resign' },
      { type: 'Action.OpenUrl', title: 'Read: BBC London', url: 'https://bbc.example/story' },
    ]);
  });

  it('neutralises Markdown, mentions and HTML in feed text', () => {
    expect(teamsText('[click](https://evil.example) **now** <at>Everyone</at> & co')).toBe(
      '\\[click\\]\\(https://evil.example\\) \\*\\*now\\*\\* &lt;at&gt;Everyone&lt;/at&gt; &amp; co',
    );
    const item = makeItem({ title: '[Win](javascript:alert(1)) <script>x</script>', link: 'javascript:alert(1)', sensitive: true });
    // The card is Markdown; the message's `summary` is the plain-text notification line, shown as written.
    const payload = teamsPayload(buildAlertView({ config: testConfig, item, generatedAt: NOW })) as { attachments: unknown[] };
    const json = JSON.stringify(payload.attachments);
    expect(json).not.toContain('](javascript');
    expect(json).not.toContain('<script>');
    expect(json).not.toContain('"url":"javascript');
  });
});

describe('Slack', () => {
  it('sends a Block Kit message with a notification text, the linked headline and the facts', () => {
    const payload = slackPayload(buildAlertView(input())) as {
      text: string;
      blocks: { type: string; text?: { type: string; text: string }; fields?: { text: string }[] }[];
    };

    expect(payload.text).toBe('Critical coverage: Mayor of Exampleton faces calls to resign over £4m contract — Exampleton Echo');
    expect(payload.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Critical — sensitive coverage', emoji: false } });
    const section = payload.blocks.find((b) => b.type === 'section' && b.text);
    expect(section?.text?.text.split('\n')[0]).toBe(
      '*<https://echo.example.co.uk/news/mayor-resign|Mayor of Exampleton faces calls to resign over £4m contract>*',
    );
    const fields = payload.blocks.find((b) => b.fields)?.fields?.map((f) => f.text) ?? [];
    expect(fields[2]).toBe(
      '*Where*\n<https://echo.example.co.uk/news/mayor-resign|Exampleton Echo>, <https://bbc.example/story|BBC London>, Evening Paper, Radio Exampleton',
    );
  });

  it('escapes &, < and > so feed text cannot make links or mentions', () => {
    const item = makeItem({ title: '<!channel> <https://evil.example|click> & more', sensitive: true, link: 'https://ok.example/a|b>c' });

    const json = JSON.stringify(slackPayload(buildAlertView({ config: testConfig, item, generatedAt: NOW })));

    expect(json).not.toContain('<!channel>');
    expect(json).not.toContain('<https://evil.example');
    expect(json).toContain('&lt;!channel&gt; &lt;https://evil.example|click&gt; &amp; more');
    expect(json).toContain('<https://ok.example/a%7Cb%3Ec|');
  });
});

describe('SMS', () => {
  it('says the level, the headline, the outlets and why, in at most two text messages', () => {
    const text = smsText(buildAlertView(input()));

    expect(text).toBe(
      'Despatch CRITICAL: "Mayor of Exampleton faces calls to resign over £4m contract" - Exampleton Echo (+3 other outlets). Why: Mayor named ("Mayor of Exampleton") within 4 words of "resign". Details by email.',
    );
    expect(text.length).toBeLessThanOrEqual(SMS_MAX_CHARS);
  });

  it('drops the reason before the essentials when the headline is long', () => {
    const long = makeItem({ title: 'A'.repeat(89), sensitive: true, reasons: ['R'.repeat(300)] });

    const text = smsText(buildAlertView({ config: testConfig, item: long, generatedAt: NOW }));

    expect(text.length).toBeLessThanOrEqual(SMS_MAX_CHARS);
    expect(text).toMatch(/^Despatch HIGH: "A+" - Exampleton Echo\. Details by email\.$/);
  });
});
