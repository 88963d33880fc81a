import { load, type CheerioAPI } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { renderBriefing, SECTION_CAPS, type BriefingInput } from '../../../../shared/deliver/briefing/render.js';
import type { ClassifiedItem } from '../../../../shared/platform/model.js';
import { at, makeItem, testConfig } from './fixtures.js';

const WINDOW = { from: new Date('2026-11-23T07:00:00Z'), to: new Date('2026-11-24T07:00:00Z') };

function render(items: ClassifiedItem[], over: Partial<BriefingInput> = {}) {
  const email = renderBriefing({ config: testConfig, items, window: WINDOW, generatedAt: WINDOW.to, ...over });
  return { ...email, $: load(email.html) };
}

const headings = ($: CheerioAPI) =>
  $('h2')
    .map((_, el) => $(el).text())
    .get();

/** The headline paragraph of each entry in the section whose heading starts with `name`. */
function sectionHeadlines($: CheerioAPI, name: string): string[] {
  const h2 = $('h2').filter((_, el) => $(el).text().startsWith(name));
  return h2
    .next('table')
    .find('tr > td > p')
    .filter((_, el) => ($(el).attr('style') ?? '').includes('font-size:17px'))
    .map((_, el) =>
      $(el)
        .text()
        .replace(/ \(no link\)$/, ''),
    )
    .get();
}

/** The text of the section whose heading starts with `name`, up to the next heading. */
function sectionText($: CheerioAPI, name: string): string {
  const h2 = $('h2').filter((_, el) => $(el).text().startsWith(name));
  return h2.nextUntil('h2').text().trim();
}

describe('renderBriefing', () => {
  describe('escaping of feed strings', () => {
    const hostile = [
      makeItem({
        title: '<script>alert(1)</script>',
        summary: 'Summary with &lt;b&gt; text and <b>bold</b>',
        sourceName: 'Echo <img src=x onerror=alert(1)>',
        sensitive: true,
        sensitiveWords: ['script'],
      }),
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

      const hrefs = $('a[href]')
        .not('[href^="#section-"]')
        .map((_, el) => $(el).attr('href'))
        .get();
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

      expect(text).toContain('<script>alert(1)</script>');
      expect(text).toContain('Summary with &lt;b&gt; text and <b>bold</b>');
      expect(text).toContain('https://news.example.co.uk/story/');
      expect(text).not.toContain('javascript:');
    });

    it('escapes the other outlets of a story and the failing sources too', () => {
      const items = [
        makeItem({ title: 'Same story', sourceName: 'Echo', clusterId: 's1', priorities: ['housing'] }),
        makeItem({ title: 'Same story again', sourceName: '<script>alert(2)</script>', link: 'javascript:alert(2)', clusterId: 's1', priorities: ['housing'] }),
      ];

      const { $, html } = render(items, {
        failingSources: [
          { name: 'Feed <img src=x onerror=alert(3)>', failingSince: '2026-11-23T01:00:00Z', consecutiveFailures: 9, reason: '<b>HTTP 500</b>' },
        ],
      });

      expect($('script, img, b:contains("HTTP 500")')).toHaveLength(0);
      expect(html).not.toMatch(/<script|<img|javascript:/i);
      expect(sectionText($, 'Housing')).toContain('Also: <script>alert(2)</script>');
      expect(sectionText($, 'Sources failing')).toContain('Feed <img src=x onerror=alert(3)>');
    });
  });

  describe('sections', () => {
    const everyKind = () => [
      makeItem({ title: 'Council in court', sensitive: true }),
      makeItem({ title: 'New homes', priorities: ['housing'] }),
      makeItem({ title: 'Youth club', priorities: ['youth'] }),
      makeItem({ title: 'Bakery award' }),
      makeItem({
        title: 'The Housing (Amendment) Regulations 2026',
        kind: 'legislation',
        details: { legislationType: 'uksi', year: 2026, legislationNumber: 1187, documentType: 'UK Statutory Instrument' },
      }),
      makeItem({
        title: 'Local Audit Bill: report stage, House of Lords',
        kind: 'bill',
        details: { documentType: 'Bill', billStage: 'Report stage', billHouse: 'House of Lords' },
      }),
      makeItem({ title: 'Funding for councils', kind: 'announcement', details: { documentType: 'Press release' } }),
      makeItem({
        title: 'Audit reform: consultation',
        kind: 'consultation',
        details: { documentType: 'Consultation', closingDate: '2026-12-15T23:59:00.000Z' },
      }),
      makeItem({
        title: 'Mayor and Cabinet - 25/11/2026 19:00',
        kind: 'meeting',
        details: { committee: 'Mayor and Cabinet', meetingDate: '2026-11-25T19:00:00.000Z' },
      }),
    ];
    const failing = [{ name: 'Exampleton Weekly', failingSince: '2026-11-23T01:00:00Z', consecutiveFailures: 36, reason: 'HTTP 404 Not Found' }];

    it('runs sensitive, priorities (configuration order), other, legislation, parliament, government, council, sources failing', () => {
      const { $, text } = render(everyKind(), { failingSources: failing });

      expect(headings($)).toEqual([
        'Sensitive coverage (1)',
        'Housing (1)',
        'Young people (1)',
        'Everything else (1)',
        'Legislation (1)',
        'Parliament (1)',
        'Government (2)',
        'Council this week (1)',
        'Sources failing (1)',
      ]);
      const order = headings($).map((h) => text.indexOf(`${h}\n=`));
      expect(order.every((n) => n > 0)).toBe(true);
      expect([...order].sort((a, b) => a - b)).toEqual(order);
    });

    it('leaves out sections with nothing in them', () => {
      const { $, text } = render([makeItem({ title: 'Air only', priorities: ['air-quality'] })]);

      expect(headings($)).toEqual(['Air quality (1)']);
      expect(text).not.toMatch(/Sensitive coverage|Housing|Young people|Everything else|Legislation|Government|Council this week|Sources failing/);
    });

    it('names a new statutory instrument with its number, and a bill with its stage', () => {
      const { $ } = render(everyKind());

      const legislation = sectionText($, 'Legislation');
      expect(legislation).toContain('The Housing (Amendment) Regulations 2026');
      expect(legislation).toContain('Type: UK Statutory Instrument 2026 No. 1187');
      expect(sectionHeadlines($, 'Legislation')).toEqual(['The Housing (Amendment) Regulations 2026']);
      expect(sectionText($, 'Parliament')).toContain('Stage: Report stage, House of Lords');
      expect(sectionHeadlines($, 'Parliament')).toEqual(['Local Audit Bill: report stage, House of Lords']);
    });

    it('gives a consultation its closing date, soonest closing first, before announcements', () => {
      const items = [
        ...everyKind(),
        makeItem({ title: 'Bus consultation', kind: 'consultation', details: { closingDate: '2026-12-01' } }),
        makeItem({ title: 'Undated consultation', kind: 'consultation' }),
      ];

      const { $ } = render(items);

      expect(sectionHeadlines($, 'Government')).toEqual(['Bus consultation', 'Audit reform: consultation', 'Undated consultation', 'Funding for councils']);
      const government = sectionText($, 'Government');
      expect(government).toContain('Closes: Tue 1 Dec');
      expect(government).toContain('Closes: Tue 15 Dec, 23:59');
      expect(government).toContain('Closes: closing date not given in the summary: check the page');
      expect(government).toContain('Type: Press release');
    });

    describe('"Council this week" is the next seven London calendar days, whole days', () => {
      const meeting = (committee: string, meetingDate: string) =>
        makeItem({
          title: `${committee} meeting`,
          kind: 'meeting',
          details: { committee, meetingDate },
          publishedAt: '2026-03-20T12:00:00Z',
          seenAt: '2026-03-20T12:00:00Z',
        });
      const councilLines = ($: CheerioAPI) =>
        $('h2')
          .filter((_, el) => $(el).text().startsWith('Council this week'))
          .next('table')
          .find('td > p:first-child')
          .map((_, el) => $(el).text())
          .get();
      const at1502 = (iso: string) => ({ window: { from: new Date(Date.parse(iso) - 86_400_000), to: new Date(iso) }, generatedAt: new Date(iso) });

      it("keeps this morning's meeting and the full Council two days out when briefed at 15:02, across the clocks going forward", () => {
        // Friday 27 March 2026, 15:02 GMT; the clocks go forward on Sunday 29th. The seventh day is Thursday 2 April (BST).
        const items = [
          meeting('Yesterday late', '2026-03-26T23:30:00.000Z'),
          meeting('Licensing', '2026-03-27T09:00:00.000Z'),
          meeting('Full Council', '2026-03-29T18:30:00.000Z'),
          meeting('Planning', '2026-04-02T22:30:00.000Z'),
          meeting('Audit', '2026-04-02'),
          // 00:30 BST on Friday 3 April is the eighth day, though it is less than 7×24 hours after the first midnight.
          meeting('Eighth day', '2026-04-02T23:30:00.000Z'),
        ];

        const { $ } = render(items, at1502('2026-03-27T15:02:00Z'));

        expect(councilLines($)).toEqual([
          'Licensing · Fri 27 Mar, 09:00',
          'Full Council · Sun 29 Mar, 19:30',
          'Audit · Thu 2 Apr',
          'Planning · Thu 2 Apr, 23:30',
        ]);
      });

      it('keeps the whole seventh day across the clocks going back', () => {
        // Friday 23 October 2026, 15:02 BST; the clocks go back on Sunday 25th. The seventh day is Thursday 29 October (GMT).
        const items = [
          meeting('Yesterday late', '2026-10-22T22:30:00.000Z'),
          meeting('Full Council', '2026-10-25T19:30:00.000Z'),
          meeting('Late scrutiny', '2026-10-29T23:30:00.000Z'),
          meeting('Eighth day', '2026-10-30T00:15:00.000Z'),
        ];

        const { $ } = render(items, at1502('2026-10-23T14:02:00Z'));

        expect(councilLines($)).toEqual(['Full Council · Sun 25 Oct, 19:30', 'Late scrutiny · Thu 29 Oct, 23:30']);
      });
    });

    it('lists the council meetings of the coming week by date and committee, including ones announced earlier', () => {
      const meeting = (title: string, committee: string, meetingDate: string, seenAt = '2026-11-23T12:00:00Z') =>
        makeItem({ title, kind: 'meeting', details: { committee, meetingDate }, publishedAt: seenAt, seenAt });
      const items = [
        meeting('Full Council - 30/11/2026', 'Full Council', '2026-11-30T19:30:00.000Z'),
        meeting('Planning - 10/12/2026', 'Planning Committee', '2026-12-10T19:30:00.000Z'),
        meeting('Last week', 'Licensing', '2026-11-20T10:00:00.000Z'),
        meeting('Mayor and Cabinet - 25/11/2026', 'Mayor and Cabinet', '2026-11-25T19:00:00.000Z'),
        // The clustering put two meetings in one story; they are still two meetings.
        { ...meeting('Scrutiny - 26/11/2026', 'Overview and Scrutiny', '2026-11-26'), clusterId: 'same' },
        { ...meeting('Audit - 27/11/2026', 'Audit Committee', '2026-11-27T18:00:00.000Z'), clusterId: 'same' },
      ];
      const earlier = [meeting('Housing Select - 24/11/2026', 'Housing Select Committee', '2026-11-24T19:30:00.000Z', '2026-11-10T09:00:00Z')];

      const { $ } = render(items, { earlierMeetings: earlier });

      const outletLines = $('h2')
        .filter((_, el) => $(el).text().startsWith('Council this week'))
        .next('table')
        .find('td > p:first-child')
        .map((_, el) => $(el).text())
        .get();
      expect(outletLines).toEqual([
        'Housing Select Committee · Tue 24 Nov, 19:30',
        'Mayor and Cabinet · Wed 25 Nov, 19:00',
        'Overview and Scrutiny · Thu 26 Nov',
        'Audit Committee · Fri 27 Nov, 18:00',
        'Full Council · Mon 30 Nov, 19:30',
      ]);
    });

    it('lists sources failing with how long, how many attempts and the last error', () => {
      const { $, text } = render([makeItem()], { failingSources: failing });

      const line = 'Exampleton Weekly: failing since Mon 23 Nov 01:00 (30 hours, 36 attempts). Last error: HTTP 404 Not Found';
      expect(sectionText($, 'Sources failing')).toContain(line);
      expect(text).toContain(`* ${line}`);
    });

    it('says so when source health could not be read, rather than leaving the section out', () => {
      const { $ } = render([makeItem()], { sourceHealthUnavailable: true });

      expect(sectionText($, 'Sources failing')).toContain('could not be read this morning');
    });

    it('puts a story under each of its priorities, and a sensitive story only under Sensitive', () => {
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

    it('puts stories tagged only with priorities no longer configured under Everything else', () => {
      const { $ } = render([makeItem({ title: 'Old tag', priorities: ['retired-priority'] })]);

      expect(headings($)).toEqual(['Everything else (1)']);
    });

    it('orders a priority section by how many outlets carry each story, then newest first', () => {
      const base = '2026-11-23T08:00:00Z';
      const items = [
        makeItem({ title: 'Middle', priorities: ['housing'], publishedAt: at(base, 60) }),
        makeItem({ title: 'Oldest', priorities: ['housing'], publishedAt: at(base, 0) }),
        makeItem({ title: 'Newest', priorities: ['housing'], publishedAt: at(base, 120) }),
        makeItem({ title: 'Widely carried', priorities: ['housing'], publishedAt: at(base, 10), clusterId: 'wide', sourceName: 'Echo' }),
        makeItem({ title: 'Widely carried (BBC)', priorities: ['housing'], publishedAt: at(base, 20), clusterId: 'wide', sourceName: 'BBC London' }),
      ];

      expect(sectionHeadlines(render(items).$, 'Housing')).toEqual(['Widely carried', 'Newest', 'Middle', 'Oldest']);
    });

    it('puts critical stories before high ones in Sensitive coverage, and labels the level', () => {
      const items = [makeItem({ title: 'High one', level: 'high' }), makeItem({ title: 'Critical one', level: 'critical' })];

      const { $, text } = render(items);

      expect(sectionHeadlines($, 'Sensitive coverage')).toEqual(['Critical one', 'High one']);
      expect(sectionText($, 'Sensitive coverage')).toMatch(/^CRITICAL/);
      expect(text).toContain('* [CRITICAL] Critical one');
    });

    it('shows the reasons a story is sensitive', () => {
      const item = makeItem({ sensitive: true, reasons: ['Mayor named ("Mayor of Exampleton") with "resign*" ("resigns")', 'National outlet'] });

      const { $, text } = render([item]);

      expect($.text()).toContain('Why sensitive: Mayor named ("Mayor of Exampleton") with "resign*" ("resigns"); National outlet');
      expect(text).toContain('Why sensitive: Mayor named ("Mayor of Exampleton") with "resign*" ("resigns"); National outlet');
    });

    it('says why a story below the alert level is worth watching', () => {
      const item = makeItem({
        title: 'Cllr criticised',
        priorities: ['housing'],
        level: 'watch',
        reasons: ['Cabinet Member for Housing named within 1 word of "criticised"'],
      });

      expect(sectionText(render([item]).$, 'Housing')).toContain('Watch: Cabinet Member for Housing named within 1 word of "criticised"');
    });

    it('leaves the arithmetic out of the reasons, keeping the facts', () => {
      const item = makeItem({
        sensitive: true,
        reasons: ['Mayor named within 2 words of "resign"', 'national outlet (BBC London): score × 1.5', '3 outlets carry the story (A, B, C): score + 2'],
      });

      expect(render([item]).$.text()).toContain(
        'Why sensitive: Mayor named within 2 words of "resign"; national outlet (BBC London); 3 outlets carry the story (A, B, C)',
      );
    });

    it(`caps a priority section at ${SECTION_CAPS.priority} stories and says how many more there are, and where from`, () => {
      const base = '2026-11-23T08:00:00Z';
      const items = Array.from({ length: SECTION_CAPS.priority + 5 }, (_, i) =>
        makeItem({ title: `Housing ${i}`, priorities: ['housing'], publishedAt: at(base, i), sourceName: i < 3 ? 'Inside Housing' : 'Echo' }),
      );

      const { $, text } = render(items);

      expect(headings($)).toEqual([`Housing (${SECTION_CAPS.priority + 5})`]);
      expect(sectionHeadlines($, 'Housing')).toHaveLength(SECTION_CAPS.priority);
      expect(sectionHeadlines($, 'Housing')[0]).toBe(`Housing ${SECTION_CAPS.priority + 4}`); // the newest are the ones shown
      expect($.text()).toContain('+5 more stories not shown: Inside Housing 3, Echo 2.');
      expect(text).toContain('+5 more stories not shown: Inside Housing 3, Echo 2.');
      expect($('a').filter((_, el) => $(el).text().startsWith('See them all'))).toHaveLength(0);
    });

    it('links "+N more" to the review page\'s Today view when its address is configured', () => {
      const items = Array.from({ length: SECTION_CAPS.priority + 1 }, (_, i) => makeItem({ title: `Housing ${i}`, priorities: ['housing'] }));

      const { $, text } = render(items, { reviewUrl: 'https://review.exampleton.gov.uk/' });

      const link = $('a').filter((_, el) => $(el).text() === 'See them all on the review page');
      expect(link.attr('href')).toBe('https://review.exampleton.gov.uk/#/today');
      expect(text).toContain('+1 more story not shown: Exampleton Echo 1. See them all on the review page: https://review.exampleton.gov.uk/#/today');
    });

    it('caps sensitive coverage and other coverage too', () => {
      const items = [
        ...Array.from({ length: SECTION_CAPS.sensitive + 2 }, (_, i) => makeItem({ title: `S${i}`, sensitive: true })),
        ...Array.from({ length: SECTION_CAPS.other + 1 }, (_, i) => makeItem({ title: `E${i}` })),
      ];

      const { $ } = render(items);

      expect(sectionHeadlines($, 'Sensitive coverage')).toHaveLength(SECTION_CAPS.sensitive);
      expect(sectionHeadlines($, 'Everything else')).toHaveLength(SECTION_CAPS.other);
      expect($.text()).toContain('+2 more stories not shown');
      expect($.text()).toContain('+1 more story not shown');
    });

    it('counts a redelivered item (same id twice) once', () => {
      const item = makeItem({ title: 'Only once', priorities: ['housing'] });

      const { $, subject } = render([item, { ...item }]);

      expect(sectionHeadlines($, 'Housing')).toEqual(['Only once']);
      expect(subject).toMatch(/: no sensitive stories, 1 item in 1 story$/);
    });
  });

  describe('stories carried by several outlets', () => {
    const story = () => [
      makeItem({
        title: 'Mayor faces calls to resign',
        sourceName: 'Exampleton Echo',
        link: 'https://echo.example/a',
        publishedAt: '2026-11-23T08:00:00Z',
        clusterId: 'story-1',
        level: 'high',
      }),
      makeItem({
        title: 'Calls for Mayor to resign grow',
        sourceName: 'BBC London',
        link: 'https://bbc.example/b',
        publishedAt: '2026-11-23T09:00:00Z',
        clusterId: 'story-1',
        level: 'critical',
        reasons: ['Mayor named with "resign*"', '2 outlets carry the story'],
      }),
      makeItem({
        title: 'Mayor under pressure',
        sourceName: 'Evening Paper',
        link: 'https://paper.example/c',
        publishedAt: '2026-11-23T10:00:00Z',
        clusterId: 'story-1',
        level: 'critical',
        reasons: ['Mayor named with "resign*"', '3 outlets carry the story'],
      }),
    ];

    it('shows the story once, led by the first outlet, with "Also:" linking the others', () => {
      const { $, text } = render(story());

      expect(sectionHeadlines($, 'Sensitive coverage')).toEqual(['Mayor faces calls to resign']);
      const also = $('p').filter((_, el) => $(el).text().startsWith('Also:'));
      expect(also.text()).toBe('Also: BBC London, Evening Paper');
      expect(
        also
          .find('a')
          .map((_, el) => $(el).attr('href'))
          .get(),
      ).toEqual(['https://bbc.example/b', 'https://paper.example/c']);
      expect(text).toContain('Also: BBC London (https://bbc.example/b); Evening Paper (https://paper.example/c)');
    });

    it('gives the story its highest level and latest reasons, and says how many outlets carry it', () => {
      const { $ } = render(story(), { storyOutlets: new Map([['story-1', ['Exampleton Echo', 'BBC London', 'Evening Paper', 'Radio Exampleton']]]) });

      const section = sectionText($, 'Sensitive coverage');
      expect(section).toMatch(/^CRITICAL/);
      expect(section).toContain('Why sensitive: Mayor named with "resign*"; 3 outlets carry the story');
      expect(section).toContain('Carried by: 4 outlets (before this period: Radio Exampleton)');
    });

    it('counts items and sensitive stories in the subject', () => {
      const { subject } = render([...story(), makeItem({ priorities: ['housing'] })]);

      expect(subject).toBe('Political developments — Tue 24 Nov: 1 sensitive story (3 items), 4 items in 2 stories');
    });
  });

  describe('entries', () => {
    it('shows the outlet, the linked headline, a snippet cut to about 200 characters, and the London time', () => {
      const long = `${'The council said '.repeat(20)}end.`;
      const item = makeItem({
        title: 'Headline',
        summary: long,
        sourceName: 'BBC London',
        publishedAt: '2026-11-23T18:05:00Z',
        link: 'https://www.bbc.co.uk/news/a?x=1&y=2',
      });

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

      expect(
        $('mark')
          .map((_, el) => $(el).text())
          .get(),
      ).toEqual(['Mayor of Exampleton', 'resigns', 'housing', 'Housing']);
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

      const times = $('h2')
        .next('table')
        .find('td > p:first-child')
        .map((_, el) => $(el).text())
        .get();
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
    it('says in the subject the date, how many stories are sensitive and how many items came in', () => {
      const items = [makeItem({ sensitive: true }), makeItem({ sensitive: true }), makeItem(), makeItem({ priorities: ['housing'] })];

      expect(render(items).subject).toBe('Political developments — Tue 24 Nov: 2 sensitive stories (2 items), 4 items in 4 stories');
      expect(render([makeItem()]).subject).toBe('Political developments — Tue 24 Nov: no sensitive stories, 1 item in 1 story');
    });

    it('adds failing sources to the subject, so an outage is seen without opening the email', () => {
      const failing = [{ name: 'A', failingSince: '2026-11-23T01:00:00Z', consecutiveFailures: 3, reason: 'timed out' }];

      expect(render([makeItem()], { failingSources: failing }).subject).toBe(
        'Political developments — Tue 24 Nov: no sensitive stories, 1 item in 1 story, 1 source failing',
      );
    });

    it('names the council and the period covered at the top', () => {
      const { $, text } = render([makeItem()]);

      expect($('h1').text()).toBe('Political developments — Tue 24 Nov');
      expect($.text()).toContain('London Borough of Exampleton');
      expect($.text()).toContain('Since Mon 23 Nov 07:00 · no sensitive stories, 1 item in 1 story');
      expect(text.split('\n').slice(0, 4)).toEqual([
        'Political developments — Tue 24 Nov',
        '===================================',
        'London Borough of Exampleton',
        'Since Mon 23 Nov 07:00 · no sensitive stories, 1 item in 1 story',
      ]);
    });

    it('still sends a short email when nothing was found, so the office knows it ran', () => {
      const { subject, $, text } = render([]);

      expect(subject).toBe('Political developments — Tue 24 Nov: nothing new');
      expect($.text()).toContain('Nothing new was found since Mon 23 Nov 07:00.');
      expect(text).toContain('Nothing new was found since Mon 23 Nov 07:00.');
      expect($('h2')).toHaveLength(0);
    });

    it("lists this week's meetings and failing sources even when nothing new came in", () => {
      const meeting = makeItem({
        title: 'Full Council',
        kind: 'meeting',
        details: { committee: 'Full Council', meetingDate: '2026-11-25T19:30:00.000Z' },
        seenAt: '2026-11-20T09:00:00Z',
      });
      const failing = [{ name: 'Echo', failingSince: '2026-11-23T01:00:00Z', consecutiveFailures: 3, reason: 'timed out' }];

      const { subject, $ } = render([], { earlierMeetings: [meeting], failingSources: failing });

      expect(subject).toBe('Political developments — Tue 24 Nov: nothing new, 1 source failing');
      expect(headings($)).toEqual(['Council this week (1)', 'Sources failing (1)']);
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
          ...(i % 10 === 0 ? { kind: 'meeting' as const, details: { committee: `Committee ${i}`, meetingDate: '2026-11-25T19:00:00.000Z' } } : {}),
        }),
      );

      const { html, text, $ } = render(items, {
        failingSources: Array.from({ length: 12 }, (_, i) => ({
          name: `Source ${i}`,
          failingSince: '2026-11-23T01:00:00Z',
          consecutiveFailures: 9,
          reason: 'HTTP 503 Service Unavailable',
        })),
      });

      expect(Buffer.byteLength(html, 'utf8')).toBeLessThan(100 * 1024);
      expect(Buffer.byteLength(text, 'utf8')).toBeLessThan(100 * 1024);
      expect($('h2').first().text()).toBe('Sensitive coverage (34)');
      expect(headings($).at(-1)).toBe('Sources failing (12)');
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

  it('links each part of "In this email" to its section, in order, and keeps the list in the plain text', () => {
    // Prepare
    const { $, text } = render([
      makeItem({ title: 'Mayor faces calls to resign', sensitive: true, sensitiveWords: ['resign'] }),
      makeItem({ title: 'New homes for Riverside', priorities: ['housing'], priorityWords: ['homes'] }),
    ]);
    // Act
    const links = $('a[href^="#section-"]')
      .map((_, el) => ({ href: $(el).attr('href') ?? '', text: $(el).text() }))
      .get();
    // Assess: one link per section, each to a heading that exists, named as the heading is.
    expect(links.length).toBe($('h2').length);
    for (const link of links) {
      const target = $(`h2[id="${link.href.slice(1)}"]`);
      expect(target.length).toBe(1);
      expect(target.text().startsWith(link.text.replace(/ \d+$/, ''))).toBe(true);
    }
    expect(text).toMatch(/In this email: .*Sensitive/);
  });

  it('shows a sensitive word apart from a priority word, by more than colour, and says which is which', () => {
    // Prepare: one headline with a priority's word and a sensitivity trigger.
    const { $, html } = render([
      makeItem({
        title: 'Mayor criticised over temporary homes',
        priorities: ['housing'],
        priorityWords: ['homes'],
        sensitive: true,
        sensitiveWords: ['criticised'],
      }),
    ]);
    // Act
    const sensitive = $('mark.d-sens');
    const priority = $('mark').not('.d-sens');
    // Assess
    expect(sensitive.first().text()).toBe('criticised');
    expect(sensitive.first().attr('style')).toMatch(/font-weight:700/);
    expect(sensitive.first().attr('style')).toMatch(/text-decoration:underline/);
    expect(sensitive.first().attr('title')).toBe('sensitive');
    expect(priority.first().text()).toBe('homes');
    expect(priority.first().attr('style')).not.toMatch(/font-weight|underline/);
    expect(html).toContain('Highlights: a priority’s words on yellow; sensitive words bold and underlined, on pink.');
  });
});
