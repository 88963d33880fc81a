/**
 * The briefing's order and membership by judgement, not by how widely a story is carried: the
 * borough's own stories lead every section, an item is under a priority only for its own words,
 * and legislation for another nation is left out.
 */
import { load, type CheerioAPI } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { renderBriefing, type BriefingInput } from '../../../../shared/deliver/briefing/render.js';
import type { ClassifiedItem } from '../../../../shared/platform/model.js';
import { makeItem, testConfig } from './fixtures.js';

const WINDOW = { from: new Date('2026-11-23T07:00:00Z'), to: new Date('2026-11-24T07:00:00Z') };
const config: BriefingInput['config'] = {
  ...testConfig,
  places: ['Riverside', 'Old Town'],
  sensitivity: { cabinet: [{ name: 'Priya Lal', aliases: ['Cllr Lal'] }] },
};

function render(items: ClassifiedItem[], over: Partial<BriefingInput['config']> = {}) {
  const email = renderBriefing({ config: { ...config, ...over }, items, window: WINDOW, generatedAt: WINDOW.to });
  return load(email.html);
}

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

describe('briefing: the borough first', () => {
  it("puts the borough's own story above a national story carried by three outlets", () => {
    // Arrange: a national housing story in three outlets, and one local housing story.
    const national = ['BBC News', 'The Guardian', 'Sky News'].map((sourceName) =>
      makeItem({
        title: `National housing shortage deepens, says ${sourceName}`,
        sourceName,
        clusterId: 'national',
        priorities: ['housing'],
        priorityWords: ['housing'],
      }),
    );
    const local = makeItem({
      title: '120 homes approved for Riverside estate',
      sourceName: 'Exampleton Echo',
      priorities: ['housing'],
      priorityWords: ['homes'],
    });
    // Act
    const $ = render([...national, local]);
    // Assess
    expect(sectionHeadlines($, 'Housing')[0]).toBe('120 homes approved for Riverside estate');
    expect(sectionHeadlines($, 'Housing')).toHaveLength(2);
  });

  it('counts the council, the Mayor and a cabinet member as the borough too', () => {
    const far = makeItem({
      title: 'Housing costs rise across England',
      sourceName: 'BBC News',
      priorities: ['housing'],
      priorityWords: ['Housing'],
      publishedAt: '2026-11-23T20:00:00.000Z',
    });
    const lal = makeItem({
      title: 'Cllr Lal sets out housing plan',
      sourceName: 'Exampleton Echo',
      priorities: ['housing'],
      priorityWords: ['housing'],
      publishedAt: '2026-11-23T10:00:00.000Z',
    });
    const $ = render([far, lal]);
    expect(sectionHeadlines($, 'Housing')).toEqual(['Cllr Lal sets out housing plan', 'Housing costs rise across England']);
  });

  it('without places configured, keeps the usual order (most outlets first)', () => {
    const national = ['BBC News', 'Sky News'].map((sourceName) =>
      makeItem({ title: 'National housing shortage deepens', sourceName, clusterId: 'n', priorities: ['housing'], priorityWords: ['housing'] }),
    );
    const local = makeItem({ title: '120 homes approved for Riverside estate', priorities: ['housing'], priorityWords: ['homes'] });
    const $ = render([...national, local], { places: [] });
    expect(sectionHeadlines($, 'Housing')[0]).toBe('National housing shortage deepens');
  });
});

describe('briefing: an item is under a priority for its own words', () => {
  it("does not list a story under a priority that only another outlet's item matched", () => {
    // Arrange: one story; the lead says nothing of young people, the second outlet's item does.
    const lead = makeItem({
      title: 'Succession to Peerages Bill published',
      sourceName: 'Parliament',
      clusterId: 's1',
      publishedAt: '2026-11-23T08:00:00.000Z',
    });
    const other = makeItem({
      title: 'Youth services bill published',
      sourceName: 'Exampleton Echo',
      clusterId: 's1',
      priorities: ['youth'],
      priorityWords: ['Youth'],
      publishedAt: '2026-11-23T09:00:00.000Z',
    });
    // Act
    const $ = render([lead, other]);
    // Assess: under Young people, the item that matched, with its own highlight; never the bill.
    expect(sectionHeadlines($, 'Young people')).toEqual(['Youth services bill published']);
    const h2 = $('h2').filter((_, el) => $(el).text().startsWith('Young people'));
    expect(h2.next('table').find('mark').first().text()).toBe('Youth');
    expect($.text()).not.toMatch(/Succession to Peerages Bill published[^]*Priorities: Young people/);
  });
});

describe('briefing: legislation by extent', () => {
  const ssi = makeItem({
    title: 'The Visitor Levy (Scotland) Regulations 2026',
    kind: 'legislation',
    details: { legislationType: 'ssi', year: 2026, legislationNumber: 268 },
  });
  const nisr = makeItem({
    title: 'The Rates (Northern Ireland) Order 2026',
    kind: 'legislation',
    details: { legislationType: 'nisr', year: 2026, legislationNumber: 12 },
  });
  const uksi = makeItem({
    title: 'The Firearms (Amendment) Rules 2026',
    kind: 'legislation',
    details: { legislationType: 'uksi', year: 2026, legislationNumber: 1050 },
  });

  it('leaves Scottish and Northern Irish instruments out for an English council (the default)', () => {
    const $ = render([ssi, nisr, uksi]);
    expect(sectionHeadlines($, 'Legislation')).toEqual(['The Firearms (Amendment) Rules 2026']);
  });

  it('shows them when the configuration asks for those extents', () => {
    const $ = render([ssi, nisr, uksi], { legislation: { extents: ['uk', 'scotland'] } });
    expect(sectionHeadlines($, 'Legislation')).toHaveLength(2);
    expect(sectionHeadlines($, 'Legislation')).toContain('The Visitor Levy (Scotland) Regulations 2026');
  });

  it('lists one instrument once though two sources list it (its PDF and its XML, or the log and a search feed)', () => {
    const details = { legislationType: 'uksi', year: 2026, legislationNumber: 1050 };
    const fromLog = makeItem({
      title: 'The Firearms (Amendment) Rules 2026',
      kind: 'legislation',
      details,
      sourceId: 'leglog',
      sourceName: 'legislation.gov.uk new',
      link: 'https://www.legislation.gov.uk/uksi/2026/1050/contents/made',
    });
    const fromSearch = makeItem({
      title: 'The Firearms (Amendment) Rules 2026 (PDF)',
      kind: 'legislation',
      details,
      sourceId: 'legsearch',
      sourceName: 'legislation.gov.uk search',
      link: 'https://www.legislation.gov.uk/uksi/2026/1050/pdfs/uksi_20261050_en.pdf',
    });
    const another = makeItem({
      title: 'The Firearms (Amendment) (No. 2) Rules 2026',
      kind: 'legislation',
      details: { ...details, legislationNumber: 1051 },
      sourceId: 'leglog',
      sourceName: 'legislation.gov.uk new',
    });

    const $ = render([fromLog, fromSearch, another]);

    const headlines = sectionHeadlines($, 'Legislation');
    expect(headlines).toHaveLength(2);
    expect(headlines).toContain('The Firearms (Amendment) (No. 2) Rules 2026');
    expect(headlines.filter((h) => h.startsWith('The Firearms (Amendment) Rules 2026'))).toHaveLength(1);
  });
});
