import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../../shared/platform/config/load.js';
import { readFileSync } from 'node:fs';

const demo = readFileSync(new URL('../../../config/demo.yaml', import.meta.url), 'utf8');

function problems(gridYaml: string): string[] {
  const base = demo.slice(0, demo.indexOf('\ngrid:'));
  try {
    parseConfig(`${base}\n${gridYaml}`, 'grid.yaml');
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
}

describe('grid configuration', () => {
  it("accepts the demo and example configurations' grids", () => {
    // Act / Assess
    expect(parseConfig(demo, 'demo.yaml').grid?.channels.map((c) => c.id)).toEqual(['x', 'bluesky', 'instagram', 'linkedin', 'facebook']);
    expect(parseConfig(readFileSync(new URL('../../../config/example.yaml', import.meta.url), 'utf8'), 'example.yaml').grid?.preElection).toHaveLength(2);
  });

  it('names the line and field of each mistake', () => {
    // Act
    const found = problems(`grid:
  channels:
    - { id: x, times: ["08:30"], maxPerDay: 2 }
    - { id: x, times: ["9am"] }
    - { id: tiktok, times: ["10:00"] }
  weights: { parks: 2 }
  voice: { templates: { priority: ["{headline} {link}"] } }
  preElection:
    - { noticeOfElection: "2030-05-02", poll: "2030-03-26" }
`);
    // Assess
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^grid\.yaml:\d+: grid\.channels\[1\]\.times\[0\]: must be a 24-hour time/),
        expect.stringMatching(/grid\.channels\[2\]\.id: /),
      ]),
    );
  });

  it('checks what only the whole file can tell: weights, duplicates, caps, templates, periods', () => {
    // Act
    const found = problems(`grid:
  channels:
    - { id: x, times: ["08:30"], maxPerDay: 2 }
    - { id: x, times: ["09:00"] }
  weights: { parks: 2 }
  voice: { templates: { priority: ["{headline} {link}"] } }
  preElection:
    - { noticeOfElection: "2030-05-02", poll: "2030-03-26" }
`).join('\n');
    // Assess
    expect(found).toMatch(/grid\.weights\.parks: names priority "parks", which is not under priorities/);
    expect(found).toMatch(/grid\.channels\[1\]\.id: duplicate channel "x"/);
    expect(found).toMatch(/grid\.channels\[0\]\.maxPerDay: is 2 but only 1 time\(s\) are listed/);
    expect(found).toMatch(/grid\.voice\.templates\.priority\[0\]: names \{headline\}, which drafting does not know/);
    expect(found).toMatch(/grid\.preElection\[0\]\.poll: is before the notice of election \(2030-05-02\)/);
  });

  it("checks the safety settings: priorities that draft from the press, the council's own sources, the recency limit", () => {
    // Act
    const found = problems(`grid:
  channels:
    - { id: x, times: ["08:30"] }
  draftPress: [parks]
  ownSources: [hartwell-press-office]
  recencyDays: 30
`).join('\n');
    // Assess
    expect(found).toMatch(/grid\.draftPress\[0\]: names priority "parks", which is not under priorities/);
    expect(found).toMatch(/grid\.ownSources\[0\]: names source "hartwell-press-office", which is not under sources/);
    expect(found).toMatch(/grid\.recencyDays: /);
  });

  it('defaults to drafting news up to 3 days after publication, with the tragedy and criticism guards on', () => {
    // Act
    const grid = parseConfig(demo, 'demo.yaml').grid;
    // Assess
    expect(grid?.recencyDays).toBe(3);
    expect(grid?.draftPress).toEqual([]);
    expect(grid?.tragedyGuard).toMatch(/knifed OR died .*death\*/);
    expect(grid?.criticism).toMatch(/criticised .*"no confidence"/);
  });
});
