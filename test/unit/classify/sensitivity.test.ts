/**
 * Sensitivity levels on labelled examples for the Lewisham office: who is named, near which
 * trigger, in which outlet, and how widely the story has spread, with the reasons a person reads.
 */
import { describe, expect, it } from 'vitest';
import { compileRules, RuleConfigError, classifyText } from '../../../shared/classify/compile-rules.js';
import { scoreExplanation, storySensitivity } from '../../../shared/classify/sensitivity/score.js';
import { configSchema, type Config } from '../../../shared/platform/config/schema.js';
import type { SensitivityLevel } from '../../../shared/platform/config/schema.js';

function lewisham(sensitivity: Record<string, unknown>): Config {
  return configSchema.parse({
    council: { name: 'London Borough of Lewisham', short: 'Lewisham' },
    mayor: { name: 'Brenda Dacres', aliases: ['Mayor of Lewisham', 'Lewisham Mayor', 'Mayor Dacres'] },
    priorities: [{ id: 'housing', name: 'Housing', query: 'homeless* OR "temporary accommodation"' }],
    sensitivity,
    groups: [{ id: 'press', every: '10m' }],
    sources: [
      { id: 'bbc-london', name: 'BBC London', kind: 'rss', url: 'https://feeds.bbci.co.uk/x', group: 'press', outlet: 'national' },
      { id: 'news-shopper', name: 'News Shopper', kind: 'rss', url: 'https://www.newsshopper.co.uk/news/rss/', group: 'press', outlet: 'local' },
      { id: 'brockley-blog', name: 'Brockley Central', kind: 'rss', url: 'https://brockley.example/feed', group: 'press', outlet: 'blog' },
      {
        id: 'lewisham-meetings',
        name: 'Lewisham Council meetings',
        kind: 'rss',
        url: 'https://councilmeetings.lewisham.gov.uk/mgRss.aspx',
        group: 'press',
        outlet: 'official',
      },
    ],
    briefing: { to: ['pa@lewisham.example'], from: 'despatch@lewisham.example' },
    alerts: { to: ['pa@lewisham.example'] },
  });
}

const config = lewisham({
  triggers: [{ term: 'resign*', weight: 2 }, '"no confidence"', 'investigation', 'criticised', 'ombudsman', { term: '"special measures"', weight: 3 }],
  cabinet: [{ name: 'Amanda De Ryk', role: 'Cabinet Member for Finance', aliases: ['Cllr De Ryk'] }],
  proximity: 6,
  thresholds: { watch: 1, high: 3, critical: 8 },
});
const rules = compileRules(config);

function assess(title: string, summary: string, sourceId: string, outlets = [sourceId]) {
  const source = config.sources.find((s) => s.id === sourceId)!;
  const { assessment } = classifyText({ title, summary, sourceId }, rules, { sourceId, name: source.name, kind: source.outlet });
  const story = { best: assessment.evidence, outlets: outlets.map((id) => ({ id, name: config.sources.find((s) => s.id === id)?.name ?? id })) };
  return { ...storySensitivity(rules.sensitivity, story, { sourceId, spans: assessment.spans }), explained: scoreExplanation(rules.sensitivity, story) };
}

interface Example {
  readonly title: string;
  readonly summary?: string;
  readonly source: string;
  readonly outlets?: readonly string[];
  readonly level: SensitivityLevel;
  readonly score: number;
}

const examples: readonly Example[] = [
  // The Mayor near a trigger: 3 × the trigger's weight, × the outlet.
  { title: 'Lewisham Mayor urged to resign over housing failures', source: 'news-shopper', level: 'high', score: 6 },
  { title: 'Lewisham Mayor urged to resign over housing failures', source: 'bbc-london', level: 'critical', score: 9 },
  { title: 'Lewisham Mayor urged to resign over housing failures', source: 'brockley-blog', level: 'high', score: 3 },
  { title: 'Brenda Dacres faces investigation over contract', source: 'news-shopper', level: 'high', score: 3 },
  { title: 'Mayor Dacres criticised by ombudsman', source: 'news-shopper', level: 'high', score: 6 },
  // Spread: + 1 per outlet beyond the first.
  {
    title: 'Brenda Dacres faces investigation over contract',
    source: 'news-shopper',
    outlets: ['news-shopper', 'bbc-london', 'brockley-blog'],
    level: 'high',
    score: 5,
  },
  {
    title: 'Lewisham Mayor urged to resign over housing failures',
    source: 'news-shopper',
    outlets: ['news-shopper', 'bbc-london', 'brockley-blog'],
    level: 'critical',
    score: 8,
  },
  // Too far apart (more than 6 words between), or not named at all.
  {
    title: 'Brenda Dacres opens new library',
    summary: 'Elsewhere in the borough, two councillors said the leader of the opposition should resign.',
    source: 'news-shopper',
    level: 'none',
    score: 0,
  },
  { title: 'Police investigation into Catford burglary', source: 'bbc-london', level: 'none', score: 0 },
  { title: 'Brenda Dacres opens new library in Deptford', source: 'bbc-london', level: 'none', score: 0 },
  // The council (weight 1) and a cabinet member (weight 2).
  { title: 'Lewisham Council criticised over damp repairs', source: 'news-shopper', level: 'watch', score: 1 },
  { title: 'Ombudsman: Lewisham Council criticised over damp', source: 'bbc-london', level: 'high', score: 3 },
  { title: 'Lewisham Council children’s services put in special measures', source: 'news-shopper', level: 'high', score: 3 },
  { title: 'Cllr De Ryk faces no confidence vote', source: 'news-shopper', level: 'watch', score: 2 },
  { title: 'Amanda De Ryk faces no confidence vote', source: 'bbc-london', level: 'high', score: 3 },
  // The council's own meetings feed weighs half.
  { title: 'Mayor and Cabinet: Mayor Dacres to respond to ombudsman report', source: 'lewisham-meetings', level: 'watch', score: 1.5 },
];

describe('sensitivity levels on labelled examples', () => {
  it.each(examples.map((e) => [e.title, e.source, (e.outlets ?? []).length, e] as const))('%s (%s, %i outlets)', (_title, _source, _n, example) => {
    const result = assess(example.title, example.summary ?? '', example.source, example.outlets ? [...example.outlets] : undefined);
    expect({ level: result.level, score: result.score }).toEqual({ level: example.level, score: example.score });
    expect(result.sensitive).toBe(example.level === 'high' || example.level === 'critical');
    expect(result.reasons.length > 0).toBe(example.level !== 'none');
  });

  it('says who was named, as written, how near which trigger, the outlet and the spread', () => {
    const result = assess('Lewisham Mayor urged to resign', 'Critics want an investigation into Brenda Dacres.', 'bbc-london', [
      'bbc-london',
      'news-shopper',
      'brockley-blog',
    ]);
    expect(result.reasons).toEqual([
      'Mayor named ("Lewisham Mayor", "Brenda Dacres") within 3 words of "resign" and 2 words of "investigation"',
      'national outlet (BBC London): score × 1.5',
      '3 outlets carry the story (BBC London, News Shopper, Brockley Central): score + 2',
    ]);
    expect(result.explained).toBe('Score 15.5 (Mayor 3 × triggers 3, × 1.5 national outlet, + 2 for 3 outlets): critical (from 8)');
    expect(result.spans.map((s) => s.text)).toEqual(['Lewisham Mayor', 'resign', 'investigation', 'Brenda Dacres']);
  });

  it('names a cabinet member with their role', () => {
    const result = assess('Amanda De Ryk faces no confidence vote', '', 'bbc-london');
    expect(result.reasons[0]).toBe('Amanda De Ryk, Cabinet Member for Finance, named ("Amanda De Ryk") within 2 words of "no confidence"');
  });
});

describe('sensitivity configuration', () => {
  it('still accepts the earlier form: a list of bare trigger words, each weighing 1', () => {
    const plain = lewisham({ triggers: ['resign*', 'investigation'] });
    expect(plain.sensitivity).toMatchObject({
      triggers: [
        { term: 'resign*', weight: 1 },
        { term: 'investigation', weight: 1 },
      ],
      cabinet: [],
      proximity: 8,
      named: { mayor: 3, cabinet: 2, council: 1 },
      outletWeights: { national: 1.5, local: 1, blog: 0.5, official: 0.5 },
      thresholds: { watch: 1, high: 3, critical: 8 },
      alertLevel: 'high',
      spreadAlerts: [3, 6],
    });
  });

  it('refuses thresholds that do not rise, and spread alerts out of order', () => {
    expect(() => lewisham({ triggers: ['resign*'], thresholds: { watch: 5, high: 3, critical: 8 } })).toThrow(/must rise/);
    expect(() => lewisham({ triggers: ['resign*'], spreadAlerts: [6, 3] })).toThrow(/rising order/);
  });

  it('refuses a trigger whose distance cannot be measured, naming it', () => {
    const bad = lewisham({ triggers: ['resign*', 'scandal NOT football'] });
    expect(() => compileRules(bad)).toThrow(RuleConfigError);
    expect(() => compileRules(bad)).toThrow(/sensitivity\.triggers\[1\]: a trigger must be a word, phrase or OR-group/);
  });

  it('suggests quotes for a phrase that lost them in YAML ("calls for" read as two words)', () => {
    const unquoted = lewisham({ triggers: ['calls for'] });
    expect(() => compileRules(unquoted)).toThrow('for the phrase, write it as { phrase: calls for }');
  });
});
