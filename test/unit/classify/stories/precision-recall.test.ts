/**
 * How well "same story" is decided, on labelled pairs of headlines and ledes (pairs.ts): precision
 * (of the pairs put together, how many are one story) and recall (of the pairs that are one story,
 * how many are put together). A lost story costs more than a merged pair, but a merged pair can hide
 * a second story's alert, so both are held above what was measured, less a small margin.
 */
import { describe, expect, it } from 'vitest';
import { commonWordsFor, jaccard, shingles, signature, similarity } from '../../../../shared/classify/stories/signature.js';
import { documentIdentity, sameStory, storyFeatures } from '../../../../shared/classify/stories/same-story.js';
import { pairs } from './pairs.js';

/** What the classifier ignores for the Lewisham office (see classifier/rules.ts). */
const common = commonWordsFor(['Brenda Dacres', 'Lewisham']);

function judge() {
  return pairs.map((pair) => {
    const a = shingles(pair.a, common);
    const b = shingles(pair.b, common);
    return {
      pair,
      estimate: similarity(signature(a), signature(b)),
      exact: jaccard(a, b),
      together: sameStory(storyFeatures(pair.a, common), storyFeatures(pair.b, common)),
    };
  });
}

describe('story clustering on labelled pairs', () => {
  it('has at least 60 labelled pairs, of both kinds', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(60);
    expect(pairs.filter((p) => p.same).length).toBeGreaterThanOrEqual(30);
    expect(pairs.filter((p) => !p.same).length).toBeGreaterThanOrEqual(30);
  });

  // The written pairs' hard cases are the same subject in two boroughs ("Council tax in Lewisham /
  // in Greenwich to rise by 4.99 per cent"); the real corpus pairs (test/corpus/story-pairs.test.ts)
  // are held at 0.95 and 0.90. Measured here: 0.833 and 0.972 (signatures alone: 0.872 and 0.944).
  it('keeps precision and recall at what was measured (0.83 and 0.97), less 0.03', () => {
    // Act
    const judged = judge();
    const together = judged.filter((j) => j.together);
    const truePositives = together.filter((j) => j.pair.same).length;
    const precision = truePositives / together.length;
    const recall = truePositives / judged.filter((j) => j.pair.same).length;
    console.log(`story clustering: precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)} on ${judged.length} written pairs`);
    // Assess
    expect(precision).toBeGreaterThanOrEqual(0.8);
    expect(recall).toBeGreaterThanOrEqual(0.94);
  });

  it('the 128-byte MinHash estimate stays close to the exact Jaccard similarity', () => {
    const judged = judge();
    const worst = Math.max(...judged.map((j) => Math.abs(j.estimate - j.exact)));
    const mean = judged.reduce((sum, j) => sum + Math.abs(j.estimate - j.exact), 0) / judged.length;
    expect(mean).toBeLessThan(0.05);
    expect(worst).toBeLessThan(0.15);
  });
});

describe('shingles and signatures', () => {
  it('treat word forms, accents, case and possessives as the same word', () => {
    const a = shingles({ title: 'Mayor’s café plan: residents RESIGNED to closures', summary: '' });
    const b = shingles({ title: "mayor's cafe plans: resident resigns to closure", summary: '' });
    expect(jaccard(a, b)).toBe(1);
  });

  it('never call two headlines with nothing distinctive the same story', () => {
    const empty = signature(shingles({ title: 'The council says it will', summary: '' }));
    expect(similarity(empty, empty)).toBe(0);
  });

  it('ignore the office’s own names, which are in nearly every item', () => {
    const a = shingles({ title: 'Brenda Dacres visits Lewisham library', summary: '' }, common);
    expect([...a].some((s) => s.includes('lewisham') || s.includes('dacre'))).toBe(false);
  });
});

describe('one story means one event', () => {
  const bill = (title: string, summary: string, slug: string) =>
    storyFeatures({ title, summary, link: `http://services.parliament.uk/bills/2017-19/${slug}.html` }, common);

  it('never joins two bills, however alike their boilerplate and titles', () => {
    const peerages = bill(
      'Succession to Peerages',
      'A Bill to make provision about succession to peerages and baronetcies; and for connected purposes.',
      'successiontopeerages',
    );
    const poverty = bill('Fuel Poverty', 'A Bill to make provision about the cost of living and fuel poverty; and for connected purposes.', 'fuelpoverty');
    const kew = bill('Kew Gardens (Leases)', 'A Bill to make provision about leases at Kew Gardens; and for connected purposes.', 'kewgardensleases');
    const kew2 = bill(
      'Kew Gardens (Leases) (No. 2)',
      'A Bill to make provision about leases at Kew Gardens; and for connected purposes.',
      'kewgardensleasesno2',
    );
    expect(sameStory(peerages, poverty)).toBe(false);
    expect(sameStory(kew, kew2)).toBe(false);
    expect(sameStory(kew, kew)).toBe(true);
  });

  it('joins one instrument listed twice (its PDF and its XML entries)', () => {
    const pdf = storyFeatures(
      { title: 'The Climate Change (Scotland) Amendment Order 2026', summary: '', link: 'http://www.legislation.gov.uk/ssi/2026/266/made' },
      common,
    );
    const xml = storyFeatures(
      { title: 'The Climate Change (Scotland) Amendment Order 2026', summary: '', link: 'http://www.legislation.gov.uk/ssi/2026/266/made/data.xht' },
      common,
    );
    expect(sameStory(pdf, xml)).toBe(true);
  });

  it('takes the document from legislation.gov.uk and Parliament links', () => {
    expect(documentIdentity('https://www.legislation.gov.uk/uksi/2026/123/contents/made')).toBe('leg:uksi/2026/123');
    expect(documentIdentity('http://www.legislation.gov.uk/id/ssi/2026/266')).toBe('leg:ssi/2026/266');
    expect(documentIdentity('https://bills.parliament.uk/bills/3456/stages')).toBe('bill:3456');
    expect(documentIdentity('https://www.bbc.co.uk/news/uk-58943252')).toBeUndefined();
  });

  it('keeps two scandals about the same Mayor apart: the Mayor’s name is not a shared term', () => {
    const contract = storyFeatures(
      {
        title: 'Brenda Dacres faces calls to resign over £4m temporary accommodation contract',
        summary: 'Opposition councillors say the Mayor of Lewisham must explain the deal.',
      },
      common,
    );
    const expenses = storyFeatures(
      {
        title: 'Brenda Dacres under fire over expenses claims for Catford trip',
        summary: 'Opposition councillors say the Mayor of Lewisham must explain the claims.',
      },
      common,
    );
    expect(sameStory(contract, expenses)).toBe(false);
  });

  it('keeps reports published days apart apart', () => {
    const a = storyFeatures(
      {
        title: 'Election Planning and Services inquiry launched',
        summary: 'The Administration Committee launches an inquiry.',
        publishedAt: '2016-01-10T10:00:00Z',
      },
      common,
    );
    const b = storyFeatures(
      {
        title: 'Election Planning and Services examined with MPs and staff',
        summary: 'The Administration Committee hears evidence.',
        publishedAt: '2016-03-01T10:00:00Z',
      },
      common,
    );
    expect(sameStory(a, b)).toBe(false);
    expect(sameStory(a, { ...b, publishedAt: a.publishedAt })).toBe(true);
  });
});
