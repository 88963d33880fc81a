import { load, type CheerioAPI } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { renderBriefing, SECTION_CAPS, type BriefingInput } from '../../../shared/briefing/render.js';
import type { ClassifiedItem } from '../../../shared/model.js';
import { at, makeItem, testConfig } from './fixtures.js';

const WINDOW = { from: new Date('2026-11-23T07:00:00Z'), to: new Date('2026-11-24T07:00:00Z') };

function render(items: ClassifiedItem[], over: Partial<BriefingInput> = {}) {
  const email = renderBriefing({ config: testConfig, items, window: WINDOW, generatedAt: WINDOW.to, ...over });
  return { ...email, $: load(email.html) };
}

const headings = ($: CheerioAPI) => $('h2').map((_, el) => $(el).text()).get();

/** Headlines in the section under the h2 whose text starts with `name`. */
function sectionHeadlines($: CheerioAPI, name: string): string[] {
  const h2 = $('h2').filter((_, el) => $(el).text().startsWith(name));
  return h2.next('table').find('tr > td > p:nth-child(2)').map((_, el) => $(el).text().replace(/ \(no link\)$/, '')).get();
}

describe('renderBriefing', () => {
  describe('escaping of feed strings', () => {
    const hostile = [
      makeItem({ title: '<script>alert(1)</script>', summary: 'Summary with &lt;b&gt; text and <b>bold</b>', sourceName: 'Echo <img src=x onerror=alert(1)>', sensitive: true, sensitiveWords: ['script'] }),
      makeItem({ title: '<img src=x onerror=alert(1)>', link: 'javascript:alert(1)', priorities: ['housing'] }),
      makeItem({ title: 'Quote " and apostrophe \' in a headline', link: 'https://example.com/a"onmouseover="alert(1)', sourceName: 'O\'Brien "Weekly"' }),
    ];

    it('shows hostile headlines, outlets and summaries as text, never as markup', () => {
      // Act
      const { html, $ } = render(hostile);

      // Assess: nothing a feed supplied became an element or an attribute.
      expect($('script')).toHaveLength(0);
      expect($('img')).toHaveLength(0);
      expect($('b').filter((_, el) => $(el).text() === 'bold')).toHaveLength(0);
      $('*').each((_, el) => {
        for (const name of Object.keys((el as { attribs?: Record<string, string> }).attribs ?? {})) expect(name).not.toMatch(/^on/i);
      });
      expect(html).not.toMatch(/<script|<img|javascript:/i);
      // ...and the reader sees exactly what the publisher wrote.
      expect($.text()).toContain('<script>alert(1)</script>');
      expect($.text()).toContain('<img src=x onerror=alert(1)>');
      expect($.text()).toContain('Summary with &lt;b&gt; text and <b>bold</b>');
      expect($.text()).toContain('Echo <img src=x onerror=alert(1)>');
      expect(html).toContain('Summary with &amp;lt;b&amp;gt; text and &lt;b&gt;bold&lt;/b&gt;');
    });

    it('links only to http(s) addresses, and shows "(no link)" for the rest', () => {
      const { $ } = render(hostile);

      const hrefs = $('a[href]').map((_, el) => $(el).attr('href')).get();
      expect(hrefs).toHaveLength(2);
      for (const href of hrefs) expect(href).toMatch(/^https:\/\//);
      expect(hrefs).toContain('https://example.com/a%22onmouseover=%22alert(1)');
      const unlinked = $('p').filter((_, el) => $(el).text().startsWith('<img src=x onerror=alert(1)>'));
      expect(unlinked.find('a')).toHaveLength(0);
      expect(unlinked.text()).toContain('(no link)');
    });

    it('keeps a highlight inside a hostile headline escaped', () => {
      const { $ } = render(hostile);

      expect($('mark').filter((_, el) => $(el).text() === 'script').length).toBeGreaterThan(0);
      expect($('script')).toHaveLength(0);
    });

    it('writes feed strings literally in the plain-text part, links in full, unsafe links left out', () => {
      const { text } = render(hostile);

      expect(text).toContain('* <script>alert(1)</script>');
      expect(text).toContain('Summary with &lt;b&gt; text and <b>bold</b>');
      expect(text).toContain('https://news.example.co.uk/story/');
      expect(text).not.toContain('javascript:');
    });
  });

  describe('sections', () => {
    it('puts sensitive coverage first, then priorities in configuration order, then everything else', () => {
      // Prepare: priorities deliberately given out of config order and with different counts.
      const items = [
        makeItem({ title: 'Youth A', priorities: ['youth'] }),
        makeItem({ title: 'Youth B', priorities: ['youth'] }),
        makeItem({ title: 'Other A' }),
        makeItem({ title: 'Housing A', priorities: ['housing'] }),
        makeItem({ title: 'Sensitive A', sensitive: true }),
      ];

      const { $, text } = render(items);

      expect(headings($)).toEqual(['Sensitive coverage (1)', 'Housing (1)', 'Young people (2)', 'Everything else (1)']);
      expect(text.indexOf('Sensitive coverage (1)\n======================')).toBeGreaterThan(0);
      expect(text.indexOf('Housing (1)\n===========')).toBeGreaterThan(text.indexOf('Sensitive coverage (1)'));
      expect(text.indexOf('Young people (2)')).toBeGreaterThan(text.indexOf('Housing (1)'));
      expect(text.indexOf('Everything else (1)')).toBeGreaterThan(text.indexOf('Young people (2)'));
    });

    it('leaves out sections with nothing in them', () => {
      const { $, text } = render([makeItem({ title: 'Air only', priorities: ['air-quality'] })]);

      expect(headings($)).toEqual(['Air quality (1)']);
      expect(text).not.toMatch(/Sensitive coverage|Housing|Young people|Everything else \(/);
    });

    it('lists an item under each of its priorities, and a sensitive item only under Sensitive', () => {
      const items = [
        makeItem({ title: 'Both priorities', priorities: ['housing', 'air-quality'] }),
        makeItem({ title: 'Sensitive housing', priorities: ['housing'], sensitive: true }),
      ];

      const { $ } = render(items);

      expect(sectionHeadlines($, 'Housing')).toEqual(['Both priorities']);
      expect(sectionHeadlines($, 'Air quality')).toEqual(['Both priorities']);
      expect(sectionHeadlines($, 'Sensitive coverage')).toEqual(['Sensitive housing']);
      expect($.text()).toContain('Also under: Air quality');
      expect($.text()).toContain('Priorities: Housing');
    });

    it('puts items tagged only with priorities no longer configured under Everything else', () => {
      const { $ } = render([makeItem({ title: 'Old tag', priorities: ['retired-priority'] })]);

      expect(headings($)).toEqual(['Everything else (1)']);
    });

    it('orders each section newest first', () => {
      const base = '2026-11-23T08:00:00Z';
      const items = [
        makeItem({ title: 'Middle', priorities: ['housing'], publishedAt: at(base, 60) }),
        makeItem({ title: 'Oldest', priorities: ['housing'], publishedAt: at(base, 0) }),
        makeItem({ title: 'Newest', priorities: ['housing'], publishedAt: at(base, 120) }),
      ];

      expect(sectionHeadlines(render(items).$, 'Housing')).toEqual(['Newest', 'Middle', 'Oldest']);
    });

    it('shows the reasons an item is sensitive', () => {
      const item = makeItem({ sensitive: true, reasons: ['Mayor named ("Mayor of Exampleton") with "resign*" ("resigns")', 'National outlet'] });

      const { $, text } = render([item]);

      expect($.text()).toContain('Why sensitive: Mayor named ("Mayor of Exampleton") with "resign*" ("resigns"); National outlet');
      expect(text).toContain('Why sensitive: Mayor named ("Mayor of Exampleton") with "resign*" ("resigns"); National outlet');
    });

    it(`caps a priority section at ${SECTION_CAPS.priority} and says how many more there are, and where from`, () => {
      const base = '2026-11-23T08:00:00Z';
      const items = Array.from({ length: SECTION_CAPS.priority + 5 }, (_, i) =>
        makeItem({ title: `Housing ${i}`, priorities: ['housing'], publishedAt: at(base, i), sourceName: i < 3 ? 'Inside Housing' : 'Echo' }),
      );

      const { $, text } = render(items);

      expect(headings($)).toEqual([`Housing (${SECTION_CAPS.priority + 5})`]);
      expect(sectionHeadlines($, 'Housing')).toHaveLength(SECTION_CAPS.priority);
      expect(sectionHeadlines($, 'Housing')[0]).toBe(`Housing ${SECTION_CAPS.priority + 4}`); // the newest are the ones shown
      expect($.text()).toContain('+5 more not shown: Inside Housing 3, Echo 2');
      expect(text).toContain('+5 more not shown: Inside Housing 3, Echo 2');
    });

    it('caps sensitive coverage and everything else too', () => {
      const items = [
        ...Array.from({ length: SECTION_CAPS.sensitive + 2 }, (_, i) => makeItem({ title: `S${i}`, sensitive: true })),
        ...Array.from({ length: SECTION_CAPS.everythingElse + 1 }, (_, i) => makeItem({ title: `E${i}` })),
      ];

      const { $ } = render(items);

      expect(sectionHeadlines($, 'Sensitive coverage')).toHaveLength(SECTION_CAPS.sensitive);
      expect(sectionHeadlines($, 'Everything else')).toHaveLength(SECTION_CAPS.everythingElse);
      expect($.text()).toContain('+2 more not shown');
      expect($.text()).toContain('+1 more not shown');
    });

    it('counts a redelivered item (same id twice) once', () => {
      const item = makeItem({ title: 'Only once', priorities: ['housing'] });

      const { $, subject } = render([item, { ...item }]);

      expect(sectionHeadlines($, 'Housing')).toEqual(['Only once']);
      expect(subject).toMatch(/: 1 item$/);
    });
  });

  describe('entries', () => {
    it('shows the outlet, the linked headline, a snippet cut to about 200 characters, and the London time', () => {
      const long = `${'The council said '.repeat(20)}end.`;
      const item = makeItem({ title: 'Headline', summary: long, sourceName: 'BBC London', publishedAt: '2026-11-23T18:05:00Z', link: 'https://www.bbc.co.uk/news/a?x=1&y=2' });

      const { $, html } = render([item]);

      const cell = $('h2').next('table').find('td').first();
      expect(cell.find('p').eq(0).text()).toBe('BBC London · Mon 23 Nov, 18:05');
      expect(cell.find('a').attr('href')).toBe('https://www.bbc.co.uk/news/a?x=1&y=2');
      expect(html).toContain('href="https://www.bbc.co.uk/news/a?x=1&amp;y=2"');
      const snippet = cell.find('p').eq(2).text();
      expect(snippet.length).toBeLessThanOrEqual(201);
      expect(snippet.endsWith('…')).toBe(true);
    });

    it('highlights the matched words from priority and sensitivity spans', () => {
      const item = makeItem({
        title: 'Mayor of Exampleton resigns over housing',
        summary: 'Housing campaigners welcomed the news.',
        priorities: ['housing'],
        priorityWords: ['housing'],
        sensitive: true,
        sensitiveWords: ['Mayor of Exampleton', 'resigns'],
      });

      const { $ } = render([item]);

      expect($('mark').map((_, el) => $(el).text()).get()).toEqual(['Mayor of Exampleton', 'resigns', 'housing', 'Housing']);
    });

    it('shows when Despatch first saw an item whose publisher gave no date', () => {
      const item = makeItem({ title: 'Undated', publishedAt: '2026-11-24T06:59:00Z', seenAt: '2026-11-23T09:15:00Z', dateFlag: 'missing' });

      expect(render([item]).$.text()).toContain('Mon 23 Nov, 09:15 (first seen; no date given)');
    });

    it('shows London time either side of the October clock change', () => {
      // Prepare: BST (UTC+1) until 01:00 UTC on Sun 25 Oct 2026, GMT after.
      const items = [
        makeItem({ title: 'Saturday evening BST', publishedAt: '2026-10-24T17:05:00Z' }),
        makeItem({ title: 'First 01:30 (BST)', publishedAt: '2026-10-25T00:30:00Z' }),
        makeItem({ title: 'Second 01:30 (GMT)', publishedAt: '2026-10-25T01:30:00Z' }),
        makeItem({ title: 'Monday evening GMT', publishedAt: '2026-10-26T18:05:00Z' }),
      ];
      const window = { from: new Date('2026-10-23T06:00:00Z'), to: new Date('2026-10-27T07:00:00Z') };

      const { $, subject } = render(items, { window, generatedAt: window.to });

      const times = $('h2').next('table').find('td > p:first-child').map((_, el) => $(el).text()).get();
      expect(times).toEqual([
        'Exampleton Echo · Mon 26 Oct, 18:05',
        'Exampleton Echo · Sun 25 Oct, 01:30',
        'Exampleton Echo · Sun 25 Oct, 01:30',
        'Exampleton Echo · Sat 24 Oct, 18:05',
      ]);
      expect($.text()).toContain('Since Fri 23 Oct 07:00');
      expect(subject).toMatch(/^Political developments — Tue 27 Oct: /);
    });

    it('shows London time after the March clock change', () => {
      const window = { from: new Date('2026-03-27T07:00:00Z'), to: new Date('2026-03-30T06:00:00Z') };

      const { $, subject } = render([makeItem({ publishedAt: '2026-03-29T01:30:00Z' })], { window, generatedAt: window.to });

      expect($.text()).toContain('Sun 29 Mar, 02:30');
      expect($.text()).toContain('Since Fri 27 Mar 07:00');
      expect(subject).toMatch(/Mon 30 Mar/);
    });
  });

  describe('the whole email', () => {
    it('says in the subject how many items and how many are sensitive', () => {
      const items = [makeItem({ sensitive: true }), makeItem({ sensitive: true }), makeItem(), makeItem({ priorities: ['housing'] })];

      expect(render(items).subject).toBe('Political developments — Tue 24 Nov: 2 sensitive, 4 items');
      expect(render([makeItem()]).subject).toBe('Political developments — Tue 24 Nov: 1 item');
    });

    it('names the council and the period covered at the top', () => {
      const { $, text } = render([makeItem()]);

      expect($('h1').text()).toBe('Political developments — Tue 24 Nov');
      expect($.text()).toContain('London Borough of Exampleton');
      expect($.text()).toContain('Since Mon 23 Nov 07:00 · 1 item');
      expect(text.split('\n').slice(0, 4)).toEqual([
        'Political developments — Tue 24 Nov',
        '===================================',
        'London Borough of Exampleton',
        'Since Mon 23 Nov 07:00 · 1 item',
      ]);
    });

    it('still sends a short email when nothing was found, so the office knows it ran', () => {
      const { subject, $, text } = render([]);

      expect(subject).toBe('Political developments — Tue 24 Nov: nothing new');
      expect($.text()).toContain('Nothing new was found since Mon 23 Nov 07:00.');
      expect(text).toContain('Nothing new was found since Mon 23 Nov 07:00.');
      expect($('h2')).toHaveLength(0);
    });

    it('is a self-contained, phone-readable, dark-mode-aware document', () => {
      const { html, $ } = render([makeItem({ sensitive: true }), makeItem({ priorities: ['housing'] }), makeItem()]);

      expect($('html').attr('lang')).toBe('en-GB');
      expect($('meta[name="color-scheme"]').attr('content')).toBe('light dark');
      expect($('meta[name="viewport"]').attr('content')).toContain('width=device-width');
      expect($('h1')).toHaveLength(1);
      expect($('script, img, link, iframe, object, embed, form, video, audio')).toHaveLength(0);
      expect($('[src]')).toHaveLength(0);
      expect(html).not.toMatch(/url\(|@import/);
      expect(html).toContain('max-width:640px');
      const sizes = [...html.matchAll(/font-size:(\d+)px/g)].map((m) => Number(m[1]));
      expect(Math.min(...sizes)).toBeGreaterThanOrEqual(14);
      expect(html).toMatch(/@media \(prefers-color-scheme:dark\)/);
    });

    it('stays under 100 KB with 200 items, so Gmail does not clip it', () => {
      const base = '2026-11-23T07:00:00Z';
      const ids = testConfig.priorities.map((p) => p.id);
      const items = Array.from({ length: 200 }, (_, i) =>
        makeItem({
          title: `Council leader and Mayor of Exampleton respond to ${i} questions about housing, air quality and youth services in the borough`,
          summary: `${'A long summary written by the publisher about the council, its budget and its services. '.repeat(5)}${i}`,
          sourceName: ['Exampleton Echo', 'BBC London', 'Evening Standard', 'Inside Housing', 'Local Democracy Reporting Service'][i % 5]!,
          link: `https://www.example-news-publisher.co.uk/news/local/exampleton/article-${i}-council-responds?utm_source=rss&utm_medium=feed`,
          publishedAt: at(base, i * 7),
          priorities: i % 4 === 3 ? [] : [ids[i % 3]!, ...(i % 5 === 0 ? [ids[(i + 1) % 3]!] : [])],
          priorityWords: ['housing', 'air quality', 'youth'],
          sensitive: i % 6 === 0,
          sensitiveWords: ['Mayor of Exampleton'],
          reasons: ['Mayor named ("Mayor of Exampleton") with "question*" ("questions")'],
        }),
      );

      const { html, text, $ } = render(items);

      expect(Buffer.byteLength(html, 'utf8')).toBeLessThan(100 * 1024);
      expect(Buffer.byteLength(text, 'utf8')).toBeLessThan(100 * 1024);
      expect($('h2').first().text()).toBe('Sensitive coverage (34)');
    });

    it('tightens the caps to stay under 100 KB when there are many priorities', () => {
      // Prepare: eight priorities, each with more items than the ordinary cap, long text everywhere.
      const priorities = Array.from({ length: 8 }, (_, p) => ({ id: `priority-${p}`, name: `Priority ${p}`, query: 'x', hashtags: [] }));
      const config = { ...testConfig, priorities };
      const items = Array.from({ length: 200 }, (_, i) =>
        makeItem({
          title: `${'A very long headline about the council and its many services '.repeat(3)}${i}`,
          summary: 'Summary '.repeat(60),
          link: `https://www.example-news-publisher.co.uk/news/local/exampleton/${'segment/'.repeat(10)}${i}?utm_source=rss`,
          priorities: [priorities[i % 8]!.id],
          sensitive: i % 5 === 0,
          reasons: ['A long reason that explains in plain words why this item was flagged as sensitive. '.repeat(2)],
        }),
      );

      const { html, $ } = render(items, { config });

      expect(Buffer.byteLength(html, 'utf8')).toBeLessThan(100 * 1024);
      // Everything is still accounted for, even what is not shown.
      expect(headings($)).toHaveLength(9);
      expect($.text()).toContain('Sensitive coverage 40 · Priority 0 ');
      const shownPlusHidden = $('h2')
        .map((_, el) => {
          const table = $(el).next('table');
          const more = /^\+(\d+) more/.exec((table.length > 0 ? table.next('p') : $(el).next('p')).text());
          const shown = table.find('tr').length;
          return shown + Number(more?.[1] ?? 0);
        })
        .get();
      expect(shownPlusHidden.reduce((a, b) => a + b, 0)).toBe(200);
      expect($('h2').next('table').find('tr').length).toBeLessThan(SECTION_CAPS.sensitive + 8 * SECTION_CAPS.priority);
    });
  });
});
