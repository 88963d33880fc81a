/** The README's command table renders as one table: a blank line inside it turns the rows after it into text. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8').split('\n');

describe('README command table', () => {
  it('is one unbroken table holding every command, redrive and cost included', () => {
    // Prepare
    const header = readme.indexOf('| command | what it does |');
    expect(header).toBeGreaterThan(-1);
    const rows: string[] = [];
    for (let i = header + 2; i < readme.length && readme[i]!.startsWith('|'); i++) rows.push(readme[i]!);
    // Act
    const commands = rows.map((row) => /^\| `despatch (\w+)/.exec(row)?.[1]);
    // Assess: every "| `despatch …" row in the file is inside the table
    const everyRow = readme.filter((line) => line.startsWith('| `despatch '));
    expect(rows).toEqual(everyRow);
    expect(commands).toEqual(expect.arrayContaining(['start', 'run', 'grid', 'rules', 'redrive', 'cost']));
    expect(readme[header + rows.length + 2]).toBe('');
  });
});
