import { describe, expect, it } from 'vitest';
import type { Hook } from '../../../shared/grid/model.js';
import { publicityDecision } from '../../../shared/grid/publicity.js';
import { queryInWords } from '../../../shared/grid/query-words.js';
import { gridConfig } from './fixtures.js';

describe('rule queries said in words', () => {
  it('says words, phrases, stems and distances without the query syntax', () => {
    // Act + Assess
    expect(queryInWords('candidate* NEAR/5 election*')).toBe("'candidate' within 5 words of 'election'");
    expect(queryInWords('"Lib Dem*"')).toBe("'Lib Dem'");
    expect(queryInWords('"calls for" ONEAR/3 (resign* OR quit)')).toBe("'calls for' followed within 3 words by ('resign' or 'quit')");
    expect(queryInWords('title:hustings NOT site:example.org')).toBe("'hustings' in the headline and not from the site example.org");
  });

  it('gives a pre-election reason in words, not query syntax', () => {
    // Prepare
    const config = gridConfig({
      channels: [{ id: 'facebook', days: ['mon', 'tue', 'wed', 'thu', 'fri'], times: ['10:00'], staffRun: true }],
      preElection: [{ noticeOfElection: '2026-10-26', poll: '2026-12-03' }],
      controversial: ['candidate* NEAR/5 election*', '"Lib Dem*"'],
    });
    const grid = config.grid!;
    const hook = { kind: 'story', aboutMayor: false, controversial: ['candidate* NEAR/5 election*', '"Lib Dem*"'] } as unknown as Hook;
    // Act
    const decision = publicityDecision(hook, grid.channels[0]!, '2026-12-01', grid);
    // Assess
    expect(decision.allowed).toBe(false);
    const reason = decision.allowed ? '' : decision.reason;
    expect(reason).toContain("this mentions 'candidate' within 5 words of 'election', 'Lib Dem'");
    expect(reason).not.toMatch(/NEAR|\*|"/);
  });
});
