/**
 * Malformed queries are refused when the configuration is loaded, with the file, the line and the
 * column of the mistake in the YAML file (not just in the query string).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { queryProblems } from '../../../shared/classify/config-queries.js';
import { ConfigError, parseConfig } from '../../../shared/platform/config/load.js';

const example = readFileSync(new URL('../../../config/example.yaml', import.meta.url), 'utf8');
const HOUSING = `query: '"council homes" OR "social housing"`;

function problems(text: string): string[] {
  try {
    parseConfig(text, 'despatch.yaml', queryProblems);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
}

/** 1-based line and column of `needle` in `text`, as an editor shows them. */
function where(text: string, needle: string): { line: number; col: number } {
  const at = text.indexOf(needle);
  expect(at).toBeGreaterThanOrEqual(0);
  const before = text.slice(0, at).split('\n');
  return { line: before.length, col: (before[before.length - 1] ?? '').length + 1 };
}

describe("phrases in the office's words", () => {
  it('reads { phrase: calls for } as the quoted phrase, and refuses one written with quotes inside', () => {
    const config = parseConfig(example, 'despatch.yaml', queryProblems);
    expect(config.sensitivity.triggers).toContainEqual({ term: '"calls for"', weight: 1 });
    const quoted = example.replace('- { phrase: calls for }', `- { phrase: '"calls for"' }`);
    expect(problems(quoted).join('\n')).toContain('write the words without quotes: { phrase: calls for }');
  });
});

describe('queries checked at load', () => {
  it('accepts the shipped example and demo configurations', () => {
    expect(problems(example)).toEqual([]);
    expect(problems(readFileSync(new URL('../../../config/demo.yaml', import.meta.url), 'utf8'))).toEqual([]);
  });

  it('refuses an unbalanced ( in a priority with the line and column of the ( in the file', () => {
    const broken = example.replace(HOUSING, `query: '("council homes" OR "social housing"`);
    const { line, col } = where(broken, `("council homes"`);
    expect(problems(broken)).toEqual([
      expect.stringMatching(new RegExp(`^despatch\\.yaml:${line}:${col}: priorities\\[0\\]\\.query: unbalanced parenthesis \\(column 1 of the query "\\(`)),
    ]);
  });

  it('points into double-quoted strings with escapes, and at a dangling operator', () => {
    const line = `    query: "\\"council homes\\" OR \\"social housing\\" OR"`;
    const broken = example.replace(/^    query: '"council homes".*$/m, line);
    const at = where(broken, line);
    // The last OR of that line: its column in the file, not in the unescaped query.
    expect(problems(broken)).toEqual([
      expect.stringMatching(new RegExp(`^despatch\\.yaml:${at.line}:${line.lastIndexOf('OR') + 1}: priorities\\[0\\]\\.query: OR needs something after it`)),
    ]);
  });

  it('refuses an empty phrase in a trigger, a bad pre-election query and 5,000 nested parentheses', () => {
    const deep = `${'('.repeat(5000)}x${')'.repeat(5000)}`;
    const broken = example
      .replace(HOUSING, `query: '${deep} OR "social housing"`)
      .replace(`- { term: '"no confidence"', weight: 2 }`, `- { term: 'resign* OR ""', weight: 2 }`)
      .replace('\ngrid:\n', `\ngrid:\n  controversial: [election*, 'Labour OR']\n`);
    const found = problems(broken);
    const deepAt = where(broken, deep);
    expect(found).toContainEqual(
      expect.stringMatching(new RegExp(`^despatch\\.yaml:${deepAt.line}:${deepAt.col + 32}: priorities\\[0\\]\\.query: nested more than 32 levels deep`)),
    );
    const phrase = where(broken, `""', weight`);
    expect(found).toContainEqual(
      expect.stringMatching(new RegExp(`^despatch\\.yaml:${phrase.line}:${phrase.col}: sensitivity\\.triggers\\[1\\]\\.term: empty phrase`)),
    );
    const labour = where(broken, `'Labour OR'`);
    expect(found).toContainEqual(
      expect.stringMatching(new RegExp(`^despatch\\.yaml:${labour.line}:${labour.col + 8}: grid\\.controversial\\[1\\]: OR needs something after it`)),
    );
    expect(found).toHaveLength(3);
  });
});

describe('the loaders despatch start, run and cdk synth use', () => {
  it('cli loadConfig (start and run) refuses a malformed query with file:line:col', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { loadConfig } = await import('../../../cli/local.js');
    const dir = mkdtempSync(join(tmpdir(), 'despatch-queries-'));
    try {
      const file = join(dir, 'despatch.yaml');
      const broken = example.replace(HOUSING, `query: '("council homes" OR "social housing"`);
      writeFileSync(file, broken);
      const { line, col } = where(broken, `("council homes"`);
      expect(() => loadConfig(file)).toThrow(`${file}:${line}:${col}: priorities[0].query: unbalanced parenthesis (column 1 of the query`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
