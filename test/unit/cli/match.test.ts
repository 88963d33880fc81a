/** `despatch match` through its command function: hostile queries are refused with exit 2, never a crash. */
import { describe, expect, it } from 'vitest';
import { MAX_NEAR_OPERANDS } from '../../../shared/classify/rules/lex.js';
import { runMatch } from '../../../cli/commands/match.js';

describe('despatch match on hostile queries', () => {
  it('refuses 5,000 nested parentheses with the column, instead of overflowing the stack', () => {
    const query = `${'('.repeat(5000)}housing${')'.repeat(5000)}`;
    const result = runMatch(['--query', query, '--title', 'housing', '--json']);
    expect(result.code).toBe(2);
    const body = JSON.parse(result.stdout) as { error: { reason: string; column: number } };
    expect(body.error).toMatchObject({ reason: 'nested more than 32 levels deep', column: 33 });
  });

  it('matches a long NEAR chain on a repetitive headline (evaluated without enumerating combinations)', () => {
    const query = Array.from({ length: MAX_NEAR_OPERANDS }, () => 'mayor').join(' NEAR/5 ');
    const title = Array.from({ length: 50 }, () => 'mayor').join(' ');
    const result = runMatch(['--query', query, '--title', title, '--json']);
    expect(result.code).toBe(0);
    const body = JSON.parse(result.stdout) as { matches: boolean; spans: unknown[] };
    expect(body.matches).toBe(true);
    expect(body.spans).toHaveLength(50);
  });
});
