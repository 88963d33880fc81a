/**
 * The source kinds in the configuration file: what is accepted, and the file:line message a
 * person gets for an html source without selectors (or selectors on a feed).
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../../../shared/platform/config/load.js';

function configWith(sourcesYaml: string): string {
  return `council: { name: London Borough of Hartwell, short: Hartwell }
mayor: { name: Sam Okafor }
priorities: [{ id: housing, name: Housing, query: housing }]
sensitivity: { triggers: [resign*] }
groups: [{ id: council, every: 1h }]
sources:
${sourcesYaml}
briefing: { to: [pa@hartwell.example], from: despatch@hartwell.example }
alerts: { to: [pa@hartwell.example] }
`;
}

function problems(text: string): readonly string[] {
  try {
    parseConfig(text, 'despatch.yaml');
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('source kinds in the configuration', () => {
  it('accepts every kind, html with its selectors', () => {
    // Prepare
    const text =
      configWith(`  - { id: news, name: News, kind: html, url: "https://www.hartwell.gov.uk/news", group: council, selectors: { item: "article", title: "h2", link: "a", date: "time" } }
  - { id: bills, name: Bills, kind: parliament-bills, url: "https://bills-api.parliament.uk/api/v1/Bills?SortOrder=DateUpdatedDescending&Take=50", group: council }
  - { id: meetings, name: Meetings, kind: moderngov, url: "https://democracy.hartwell.gov.uk/mgRss.aspx?XXR=0", group: council }
  - { id: laws, name: Laws, kind: atom, url: "https://www.legislation.gov.uk/new/data.feed", group: council }`);
    // Act
    const config = parseConfig(text, 'despatch.yaml');
    // Assess
    expect(config.sources.map((s) => s.kind)).toEqual(['html', 'parliament-bills', 'moderngov', 'atom']);
    expect(config.sources[0]?.selectors).toEqual({ item: 'article', title: 'h2', link: 'a', date: 'time' });
    expect(config.network.perHostConcurrency).toBe(2);
    expect(config.briefing.failingSourceHours).toBe(12);
  });

  it('says where an html source is missing its selectors', () => {
    // Act
    const found = problems(configWith('  - { id: news, name: News, kind: html, url: "https://www.hartwell.gov.uk/news", group: council }'));
    // Assess
    expect(found).toEqual([expect.stringMatching(/^despatch\.yaml:7: sources\[0\]\.selectors: is required for kind html/)]);
  });

  it('says selectors are only for html sources', () => {
    // Act
    const found = problems(
      configWith('  - { id: feed, name: Feed, kind: rss, url: "https://news.example/rss", group: council, selectors: { item: a, title: a, link: a } }'),
    );
    // Assess
    expect(found).toEqual([expect.stringMatching(/^despatch\.yaml:7: sources\[0\]\.selectors: is only used by kind html \(this source is kind rss\)/)]);
  });

  it('refuses an unknown kind and an empty selector', () => {
    // Act
    const found = problems(
      configWith(`  - { id: feed, name: Feed, kind: json, url: "https://news.example/rss", group: council }
  - { id: news, name: News, kind: html, url: "https://www.hartwell.gov.uk/news", group: council, selectors: { item: "", title: h2, link: a } }`),
    );
    // Assess
    expect(found).toHaveLength(2);
    expect(found[0]).toMatch(/sources\[0\]\.kind/);
    expect(found[1]).toMatch(/sources\[1\]\.selectors\.item: must be a CSS selector/);
  });
});
