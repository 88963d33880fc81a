/**
 * The query language as the political assistant will use it: each row is a query, a text, and
 * whether it matches (with the words that would be highlighted).
 */
import { describe, expect, it } from 'vitest';
import { compileQuery, prepareText } from '../../../../shared/classify/rules/index.js';

interface Case {
  readonly query: string;
  readonly title: string;
  readonly summary?: string;
  /** The item's configured source id and link, for source: and site:. */
  readonly sourceId?: string;
  readonly link?: string;
  /** Highlighted texts in reading order (title first), or null for "does not match". */
  readonly spans: readonly string[] | null;
}

function run(query: string, title: string, summary = '', item: { sourceId?: string; link?: string } = {}): string[] | null {
  const spans = compileQuery(query).match(prepareText({ title, summary, ...item }));
  return spans && spans.map((span) => span.text);
}

const cases: Record<string, readonly Case[]> = {
  'terms, case and implicit AND': [
    { query: 'housing', title: 'Council housing plan approved', spans: ['housing'] },
    { query: 'housing', title: 'HOUSING CRISIS', spans: ['HOUSING'] },
    { query: 'Housing', title: 'new homes', spans: null },
    { query: 'council housing', title: 'Housing crisis deepens', summary: 'The council said it would act', spans: ['Housing', 'council'] },
    { query: 'council housing', title: 'The council met', spans: null },
    { query: 'council AND housing', title: 'Housing crisis', summary: 'council', spans: ['Housing', 'council'] },
    { query: 'LEWISHAM', title: 'Lewisham news', spans: ['Lewisham'] },
    { query: '2024', title: 'In 2024, rents rose', spans: ['2024'] },
    { query: 'housing', title: 'Housing, housing and more housing', spans: ['Housing', 'housing', 'housing'] },
  ],
  'OR, and precedence of AND over OR': [
    { query: 'housing OR homeless', title: 'Homeless shelter opens', spans: ['Homeless'] },
    { query: 'rent OR housing', title: 'Rent and housing costs', spans: ['Rent', 'housing'] },
    { query: 'rent OR housing AND council', title: 'Rent rises', spans: ['Rent'] },
    { query: 'rent OR housing AND council', title: 'Housing news', spans: null },
    { query: 'rent OR housing council', title: 'Housing news', summary: 'from the council', spans: ['Housing', 'council'] },
    { query: '(rent OR housing) AND council', title: 'Housing news', spans: null },
    { query: '(rent OR housing) AND council', title: 'Council freezes rent', spans: ['Council', 'rent'] },
  ],
  'NOT: first, AND NOT, and binding tighter than AND and OR': [
    { query: 'NOT sport', title: 'Council news', spans: [] },
    { query: 'NOT sport', title: 'Sport results', spans: null },
    { query: 'housing NOT sport', title: 'Housing and sport', spans: null },
    { query: 'housing NOT sport', title: 'Housing news', spans: ['Housing'] },
    { query: 'housing AND NOT sport', title: 'Housing news', summary: 'sport', spans: null },
    { query: 'housing AND NOT sport', title: 'Housing news', spans: ['Housing'] },
    { query: 'NOT sport housing', title: 'Housing news', spans: ['Housing'] },
    { query: 'NOT sport OR housing', title: 'Sport stadium housing', spans: ['housing'] },
    { query: 'NOT sport OR housing', title: 'Sport results', spans: null },
    { query: 'NOT (sport OR football) council', title: 'Council football pitch', spans: null },
    { query: 'NOT (sport OR football) council', title: 'Council budget', spans: ['Council'] },
    { query: 'NOT NOT council', title: 'Council budget', spans: [] },
  ],
  'nested groups': [
    {
      query: '((rent OR repairs) AND (tenant* OR landlord*)) NOT "student lets"',
      title: 'Landlords face repairs order',
      spans: ['Landlords', 'repairs'],
    },
    {
      query: '((rent OR repairs) AND (tenant* OR landlord*)) NOT "student lets"',
      title: 'Landlords face repairs order',
      summary: 'Mostly student lets.',
      spans: null,
    },
    { query: '(((housing)))', title: 'housing', spans: ['housing'] },
  ],
  'lower-case and/or/not are ordinary words': [
    { query: 'cats and dogs', title: 'Cats and dogs', spans: ['Cats', 'and', 'dogs'] },
    { query: 'cats and dogs', title: 'Cats or dogs', spans: null },
    { query: 'not guilty', title: 'Councillor found not guilty', spans: ['not', 'guilty'] },
    { query: 'not guilty', title: 'Councillor guilty', spans: null },
    { query: 'this or that', title: 'this and that', spans: null },
    { query: '"Lewisham AND Greenwich"', title: 'Lewisham and Greenwich join up', spans: ['Lewisham and Greenwich'] },
    { query: 'near', title: 'Homes near the park', spans: ['near'] },
  ],
  'wildcards, also inside phrases': [
    { query: 'homeless*', title: 'Homelessness rises', spans: ['Homelessness'] },
    { query: 'homeless*', title: 'A homeless man', spans: ['homeless'] },
    { query: 'homeless*', title: 'Home news', spans: null },
    { query: 'resign*', title: 'Mayor resigns; aides resigning', spans: ['resigns', 'resigning'] },
    { query: '"warm space*"', title: 'New warm spaces open', spans: ['warm spaces'] },
    { query: '"warm space*"', title: 'Warm, spacey rooms', spans: ['Warm, spacey'] },
    { query: '"regenerat* scheme"', title: 'Regeneration scheme stalls', spans: ['Regeneration scheme'] },
    { query: '"warm space*"', title: 'warm homes and spaces', spans: null },
    { query: 'caf*', title: 'Café culture', spans: ['Café'] },
  ],
  'phrases across punctuation, hyphens and fields': [
    { query: '"rough sleeping"', title: 'Rough sleeping up', spans: ['Rough sleeping'] },
    { query: '"rough sleeping"', title: 'Rough and sleeping', spans: null },
    { query: '"rough sleeping"', title: 'rough — sleeping', spans: ['rough — sleeping'] },
    { query: '"council run"', title: 'Council-run hubs', spans: ['Council-run'] },
    { query: 'council-run', title: 'hubs the council run', spans: ['council run'] },
    { query: 'council-run', title: 'run by the council', spans: null },
    { query: '"budget cuts"', title: 'Council budget', summary: 'Cuts announced', spans: null },
    { query: '“warm space”', title: 'A warm space for all', spans: ['warm space'] },
  ],
  'accents, possessives and Unicode word breaks': [
    { query: 'café', title: 'Cafe opens', spans: ['Cafe'] },
    { query: 'cafe', title: 'CAFÉ OPENS', spans: ['CAFÉ'] },
    { query: 'café', title: 'Cafe\u0301 opens', spans: ['Cafe\u0301'] },
    { query: 'naïve', title: 'A NAIVE plan', spans: ['NAIVE'] },
    { query: 'résidents', title: 'Residents object', spans: ['Residents'] },
    { query: 'mayor', title: "The Mayor's office", spans: ['Mayor'] },
    { query: 'mayor', title: 'The Mayor’s office', spans: ['Mayor'] },
    { query: '"mayor\'s office"', title: 'The Mayor’s Office said', spans: ['Mayor’s Office'] },
    { query: "Lewisham's", title: 'Lewisham council', spans: ['Lewisham'] },
    { query: 'lewisham', title: 'Lewisham’s budget', spans: ['Lewisham'] },
    { query: 'lewisham', title: 'Deptford/Lewisham/Catford', spans: ['Lewisham'] },
    { query: 'mayors', title: "Mayors' summit", spans: ['Mayors'] },
    { query: 'ﬁnance', title: 'Finance chief', spans: ['Finance'] },
  ],
  'field scopes': [
    { query: 'title:housing', title: 'Housing plan', summary: 'housing', spans: ['Housing'] },
    { query: 'title:housing', title: 'Plan', summary: 'housing', spans: null },
    { query: 'summary:(rent OR repairs)', title: 'Rent', summary: 'Repairs due', spans: ['Repairs'] },
    { query: 'title:"warm space*" council', title: 'Warm spaces', summary: 'Council', spans: ['Warm spaces', 'Council'] },
    { query: 'title:(housing NOT sport)', title: 'Housing plan', summary: 'sport', spans: ['Housing'] },
  ],
  'proximity: NEAR, ONEAR and bare NEAR': [
    { query: 'mayor NEAR/3 resign*', title: 'The Mayor will not resign', spans: ['Mayor', 'resign'] },
    { query: 'resign* NEAR/3 mayor', title: 'The Mayor will not resign', spans: ['Mayor', 'resign'] },
    { query: 'mayor NEAR/1 resign*', title: 'The Mayor will not resign', spans: null },
    { query: 'mayor ONEAR/3 resign*', title: 'The Mayor will not resign', spans: ['Mayor', 'resign'] },
    { query: 'resign* ONEAR/3 mayor', title: 'The Mayor will not resign', spans: null },
    { query: 'mayor NEAR resign*', title: 'Mayor a b c d e resigns', spans: ['Mayor', 'resigns'] },
    { query: 'mayor NEAR resign*', title: 'Mayor a b c d e f resigns', spans: null },
    { query: '(mayor OR leader) NEAR/2 "budget cuts"', title: 'Leader defends budget cuts', spans: ['Leader', 'budget cuts'] },
    { query: 'mayor NEAR/5 resign*', title: 'Mayor', summary: 'resigns', spans: null },
    { query: 'housing NEAR/2 hous*', title: 'housing', spans: null },
    { query: 'mayor NEAR/2 resign* OR sport', title: 'Sport', spans: ['Sport'] },
    { query: 'mayor NEAR/2 resign* housing', title: 'Housing mayor resigns', spans: ['Housing', 'mayor', 'resigns'] },
    {
      query: '"Mayor of Lewisham" NEAR/3 "calls to resign"',
      title: 'Mayor of Lewisham faces calls to resign',
      spans: ['Mayor of Lewisham', 'calls to resign'],
    },
    { query: '"Mayor of Lewisham" ONEAR/3 "calls to resign"', title: 'Calls to resign grow; the Mayor of Lewisham is silent', spans: null },
    {
      query: '"Mayor of Lewisham" NEAR/3 "calls to resign"',
      title: 'Calls to resign grow; the Mayor of Lewisham is silent',
      spans: ['Calls to resign', 'Mayor of Lewisham'],
    },
    { query: '"Mayor of Lewisham" NEAR/1 "calls to resign"', title: 'Calls to resign grow; the Mayor of Lewisham is silent', spans: null },
    { query: '(mayor OR "council leader") ONEAR/2 (resign* OR quit*)', title: 'Council leader to quit', spans: ['Council leader', 'quit'] },
    { query: '(mayor OR "council leader") ONEAR/2 (resign* OR quit*)', title: 'Quitting: the council leader', spans: null },
    {
      query: '"temporary accommodation" NEAR/4 homeless*',
      title: 'Homeless families in temporary accommodation',
      spans: ['Homeless', 'temporary accommodation'],
    },
    { query: '"warm space*" NEAR/1 librar*', title: 'Library warm spaces open', spans: ['Library', 'warm spaces'] },
    { query: 'mayor NEAR/2 budget NEAR/2 cuts', title: 'Mayor defends budget after cuts', spans: ['Mayor', 'budget', 'cuts'] },
    { query: 'rent OR mayor NEAR/1 resign*', title: 'Mayor will not resign', spans: null },
    { query: 'rent OR mayor NEAR/1 resign*', title: 'Rent rises', spans: ['Rent'] },
    { query: 'title:(mayor NEAR/2 resign*)', title: 'Mayor quits', summary: 'Mayor to resign', spans: null },
    { query: 'mayor ONEAR resign*', title: 'Mayor a b c d e resigns', spans: ['Mayor', 'resigns'] },
  ],
  'source: and site: (about the item, not its words)': [
    { query: 'source:bbc-london', title: 'Anything', sourceId: 'bbc-london', spans: [] },
    { query: 'source:BBC-London', title: 'Anything', sourceId: 'bbc-london', spans: [] },
    { query: 'source:bbc-london', title: 'Anything', sourceId: 'news-shopper', spans: null },
    { query: 'source:bbc-london', title: 'Anything', spans: null },
    { query: 'mayor AND NOT source:lewisham-meetings', title: 'Mayor and Cabinet', sourceId: 'lewisham-meetings', spans: null },
    { query: 'mayor AND NOT source:lewisham-meetings', title: 'Mayor criticised', sourceId: 'news-shopper', spans: ['Mayor'] },
    { query: 'homeless* (source:bbc-london OR source:news-shopper)', title: 'Homelessness rises', sourceId: 'news-shopper', spans: ['Homelessness'] },
    { query: 'site:bbc.co.uk', title: 'x', link: 'https://www.bbc.co.uk/news/articles/c1', spans: [] },
    { query: 'site:bbc.co.uk', title: 'x', link: 'https://bbc.co.uk/news', spans: [] },
    { query: 'site:bbc.co.uk', title: 'x', link: 'https://feeds.BBCI.co.uk/news', spans: null },
    { query: 'site:bbc.co.uk', title: 'x', link: 'https://notbbc.co.uk/news', spans: null },
    { query: 'site:bbc.co.uk', title: 'x', link: 'https://example.com/?u=https://bbc.co.uk/', spans: null },
    { query: 'site:bbc.co.uk', title: 'x', link: '', spans: null },
    { query: 'site:gov.uk housing', title: 'Housing funding', link: 'https://www.gov.uk/government/news/x', spans: ['Housing'] },
    { query: 'site:WWW.GOV.UK.', title: 'x', link: 'https://www.gov.uk/x', spans: [] },
    { query: 'site:lewisham.gov.uk', title: 'x', link: 'https://councilmeetings.lewisham.gov.uk/mgRss.aspx', spans: [] },
  ],
};

describe('compileQuery conformance', () => {
  for (const [group, rows] of Object.entries(cases)) {
    describe(group, () => {
      it.each(
        rows.map(
          (row) =>
            [
              row.query,
              row.title,
              row.summary ?? '',
              row.spans,
              { ...(row.sourceId ? { sourceId: row.sourceId } : {}), ...(row.link !== undefined ? { link: row.link } : {}) },
            ] as const,
        ),
      )('%s on %j / %j', (query, title, summary, expected, item) => {
        // Prepare / Act
        const spans = run(query, title, summary, item);
        // Assess
        expect(spans).toEqual(expected);
      });
    });
  }

  it('has at least 60 cases', () => {
    expect(Object.values(cases).flat().length).toBeGreaterThanOrEqual(60);
  });
});

describe('match spans', () => {
  it('offsets index the original title after an emoji and accented characters', () => {
    const title = '🎉 Ça va: Café opens';
    const [span] = compileQuery('cafe').match(prepareText({ title, summary: '' })) ?? [];
    expect(span).toEqual({ field: 'title', start: title.indexOf('Café'), end: title.indexOf('Café') + 4, text: 'Café' });
    expect(span?.start).toBe(10); // the emoji is two UTF-16 units
  });

  it('offsets cover a decomposed accent and a phrase across a hyphen in the summary', () => {
    const summary = 'Re\u0301sume\u0301 👩🏽‍💻 of the council-run hub';
    const spans = compileQuery('"council run" OR résumé').match(prepareText({ title: 'x', summary }));
    expect(spans).toEqual([
      { field: 'summary', start: 0, end: 8, text: 'Re\u0301sume\u0301' },
      { field: 'summary', start: summary.indexOf('council'), end: summary.indexOf(' hub'), text: 'council-run' },
    ]);
  });

  it('every span text is the original substring at its offsets', () => {
    const fields = { title: 'The Mayor’s “warm spaces”', summary: 'Ünïcödé Lewisham—Catford, CAFÉS and mayors' };
    const spans = compileQuery('mayor* OR "warm space*" OR caf* OR lewisham NEAR/1 catford').match(prepareText(fields)) ?? [];
    expect(spans.map((s) => s.text)).toEqual(['Mayor', 'warm spaces', 'Lewisham', 'Catford', 'CAFÉS', 'mayors']);
    for (const span of spans) expect(fields[span.field].slice(span.start, span.end)).toBe(span.text);
  });

  it('gives each highlighted range once even when several terms find it', () => {
    const spans = compileQuery('housing OR hous* OR "housing"').match(prepareText({ title: 'Housing', summary: '' }));
    expect(spans).toEqual([{ field: 'title', start: 0, end: 7, text: 'Housing' }]);
  });
});

describe('compiled queries and prepared texts are reusable', () => {
  it('one prepared text answers many queries, and a query compiled after it still matches', () => {
    const text = prepareText({ title: 'Zebrafish crossing opens', summary: 'Zebrafishery nearby' });
    const late = compileQuery('zebrafish* NOT sport');
    expect(late.match(text)?.map((s) => s.text)).toEqual(['Zebrafish', 'Zebrafishery']);
    expect(
      compileQuery('"zebrafish crossing"')
        .match(text)
        ?.map((s) => s.text),
    ).toEqual(['Zebrafish crossing']);
    expect(late.source).toBe('zebrafish* NOT sport');
  });
});
