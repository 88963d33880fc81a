import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { renderAlert } from '../../../../shared/deliver/alerts/render.js';
import type { ClassifiedItem } from '../../../../shared/platform/model.js';
import { makeItem, testConfig } from '../briefing/fixtures.js';

function render(item: ClassifiedItem, generatedAt = new Date('2026-11-23T18:08:00Z')) {
  const email = renderAlert({ config: testConfig, item, generatedAt });
  return { ...email, $: load(email.html) };
}

const story = () =>
  makeItem({
    title: 'Mayor of Exampleton faces calls to resign over repairs',
    summary: 'Opposition councillors said Alex Example should resign after a damning report on damp in council homes.',
    sourceName: 'Exampleton Echo',
    link: 'https://echo.example.co.uk/news/mayor-resign?src=rss&x=1',
    publishedAt: '2026-11-23T18:05:00Z',
    seenAt: '2026-11-23T18:07:00Z',
    priorities: ['housing'],
    priorityWords: ['homes'],
    sensitive: true,
    reasons: ['Mayor named ("Mayor of Exampleton") with "resign*" ("resign")', 'Opposition criticism'],
    sensitiveWords: ['Mayor of Exampleton', 'Alex Example', 'resign'],
  });

describe('renderAlert', () => {
  it('puts the headline and the outlet in the subject', () => {
    expect(render(story()).subject).toBe('Sensitive coverage: Mayor of Exampleton faces calls to resign over repairs — Exampleton Echo');
  });

  it('keeps the subject to one line and cuts a long headline at about 90 characters', () => {
    const item = makeItem({
      title: 'Mayor\r\nresigns:\tthe full story of how a long-running dispute over the housing repairs budget finally came to a head at the council',
      sourceName: 'Evening\nStandard',
      sensitive: true,
    });

    const { subject } = render(item);

    expect(subject).not.toMatch(/[\r\n\t]/);
    expect(subject).toMatch(/^Sensitive coverage: Mayor resigns: the full story .*… — Evening Standard$/);
    const headline = subject.slice('Sensitive coverage: '.length, subject.indexOf(' — Evening Standard'));
    expect(headline.length).toBeLessThanOrEqual(91);
  });

  it('says what appeared: the linked headline, the snippet with matched words highlighted', () => {
    const { $ } = render(story());

    const link = $('a').filter((_, el) => $(el).text() === 'Mayor of Exampleton faces calls to resign over repairs');
    expect(link.attr('href')).toBe('https://echo.example.co.uk/news/mayor-resign?src=rss&x=1');
    expect(
      $('h1')
        .nextAll('table')
        .first()
        .find('mark')
        .map((_, el) => $(el).text())
        .get(),
    ).toEqual(['Mayor of Exampleton', 'resign', 'Alex Example', 'resign', 'homes']);
    expect($('h1').text()).toBe('High — sensitive coverage');
    const original = $('p').filter((_, el) => $(el).text().startsWith('Original:'));
    expect(original.text()).toBe('Original: echo.example.co.uk');
    expect(original.find('a').attr('href')).toBe('https://echo.example.co.uk/news/mayor-resign?src=rss&x=1');
  });

  it("shows the item's own priorities and highlighted words, and lists the story's other outlets without lending it their tags", () => {
    // The Echo's item matches Housing only; the Gazette's telling of the same story also matched Transport.
    const item = story();
    const other = makeItem({
      title: 'Bus depot row: Mayor of Exampleton urged to resign',
      sourceName: 'Exampleton Gazette',
      link: 'https://gazette.example.co.uk/depot',
      priorities: ['transport'],
      priorityWords: ['Bus'],
      sensitive: true,
      sensitiveWords: ['Mayor of Exampleton', 'resign'],
    });

    const email = renderAlert({ config: testConfig, item, generatedAt: new Date('2026-11-23T18:08:00Z'), coverage: [item, other] });
    const $ = load(email.html);

    expect(email.text).toMatch(/Priorities: Housing\n/);
    expect(email.text).not.toMatch(/Priorities: .*Transport/);
    expect(
      $('mark')
        .map((_, el) => $(el).text())
        .get(),
    ).not.toContain('Bus');
    expect(
      $('li')
        .map((_, el) => $(el).text())
        .get()
        .join('\n'),
    ).toContain('Exampleton Gazette');
  });

  it('says why it is flagged and who is named', () => {
    const { $, text } = render(story());

    expect($('h2').first().text()).toBe('Why it is flagged');
    expect(
      $('h2')
        .first()
        .next('ul')
        .find('li')
        .map((_, el) => $(el).text())
        .get(),
    ).toEqual(['Mayor named ("Mayor of Exampleton") with "resign*" ("resign")', 'Opposition criticism']);
    expect($.text()).toContain('Who is named: Alex Example (the Mayor), as “Mayor of Exampleton” (headline), “Alex Example” (snippet)');
    expect($.text()).toContain('Matched words: Mayor of Exampleton, resign, Alex Example'); // in the order they appear
    expect($.text()).toContain('Priorities: Housing');
    expect(text).toContain('* Opposition criticism');
    expect(text).toContain('Who is named: Alex Example (the Mayor), as “Mayor of Exampleton” (headline), “Alex Example” (snippet)');
  });

  it('says so when neither the Mayor nor the council is named', () => {
    const item = makeItem({ title: 'Council tax to rise 5%', summary: 'Budget papers show a rise.', sensitive: true });

    expect(render(item).$.text()).toContain('Neither the Mayor nor the council is named in the headline or snippet.');
  });

  it('names the council and cabinet members as well as the Mayor', () => {
    const item = makeItem({ title: 'Exampleton Council criticised', summary: 'Cllr Reed said the Mayor of Exampleton must act.', sensitive: true });
    const config = { ...testConfig, sensitivity: { cabinet: [{ name: 'Jo Reed', role: 'Cabinet Member for Housing', aliases: ['Cllr Reed'] }] } };

    const email = renderAlert({ config, item, generatedAt: new Date('2026-11-23T18:08:00Z') });

    expect(email.text).toContain(
      'Who is named: Alex Example (the Mayor), as “Mayor of Exampleton” (snippet); Jo Reed (Cabinet Member for Housing), as “Cllr Reed” (snippet); London Borough of Exampleton, as “Exampleton Council” (headline)',
    );
  });

  it('says where and when, in London time', () => {
    const { $, text } = render(story());

    expect($.text()).toContain('Exampleton Echo · Mon 23 Nov, 18:05');
    expect($.text()).toContain('When: published Mon 23 Nov, 18:05 · first seen 18:07 · this alert 18:08');
    expect(text).toContain('  Exampleton Echo · Mon 23 Nov, 18:05');
    expect(text).toContain('https://echo.example.co.uk/news/mayor-resign?src=rss&x=1');
  });

  it('shows BST in summer', () => {
    const item = makeItem({ title: 'Summer story', publishedAt: '2026-07-01T08:00:00Z', sensitive: true });

    expect(render(item, new Date('2026-07-01T08:05:00Z')).$.text()).toContain('Wed 1 Jul, 09:00');
  });

  it('escapes every feed string and links only to http(s)', () => {
    const item = makeItem({
      title: '<script>alert(1)</script> Mayor of Exampleton',
      summary: '<img src=x onerror=alert(1)> and &lt;b&gt;',
      sourceName: '<b>Echo</b>',
      link: 'javascript:alert(1)',
      sensitive: true,
      reasons: ['"<i>resign*</i>" matched'],
      sensitiveWords: ['Mayor of Exampleton'],
    });

    const { $, html, subject, text } = render(item);

    expect($('script, img, i')).toHaveLength(0);
    expect($('b').filter((_, el) => $(el).text() === 'Echo')).toHaveLength(0);
    expect($('a[href]')).toHaveLength(0);
    expect(html).not.toMatch(/<script|<img|javascript:/i);
    expect($.text()).toContain('<script>alert(1)</script> Mayor of Exampleton');
    expect($.text()).toContain('<img src=x onerror=alert(1)> and &lt;b&gt;');
    expect($.text()).toContain('"<i>resign*</i>" matched');
    expect($.text()).toContain('the publisher gave no usable link');
    expect(subject).toBe('Sensitive coverage: <script>alert(1)</script> Mayor of Exampleton — <b>Echo</b>');
    expect(text).not.toContain('javascript:');
  });

  it('uses the same self-contained layout as the briefing', () => {
    const { $, html } = render(story());

    expect($('html').attr('lang')).toBe('en-GB');
    expect($('meta[name="color-scheme"]').attr('content')).toBe('light dark');
    expect($('[src], link, script')).toHaveLength(0);
    const sizes = [...html.matchAll(/font-size:(\d+)px/g)].map((m) => Number(m[1]));
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(14);
  });
});
