/** `despatch rules label` asking y/n per headline: the answers a person types become the labels file. */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { askEach } from '../../../cli/commands/rules-label.js';

const HOUSING = { id: 'housing', name: 'Housing' };

/** A terminal that types the next answer each time a question is asked, as a person would. */
function typist(answers: readonly string[]): { input: PassThrough; output: PassThrough; asked: () => string } {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  let next = 0;
  output.on('data', (chunk: Buffer) => {
    printed += chunk.toString('utf8');
    if (!printed.endsWith(') ')) return;
    const answer = answers[next++];
    setImmediate(() => (answer === undefined ? input.end() : input.write(`${answer}\n`)));
  });
  return { input, output, asked: () => printed };
}

describe('rules label, asking on the terminal', () => {
  it('records yes and no, asks again after an answer it cannot read, and leaves out a skipped headline', async () => {
    // Prepare
    const io = typist(['y', 'maybe', 'N', 's', 'no']);
    // Act
    const lines = await askEach(['Council homes approved', 'Bus route cut', 'Weather: sunny', 'Rent freeze'], HOUSING, io);
    // Assess
    expect(lines).toEqual([
      { title: 'Council homes approved', priorities: ['housing'] },
      { title: 'Bus route cut', priorities: [] },
      { title: 'Rent freeze', priorities: [] },
    ]);
    expect(io.asked().match(/\[2\/4\] Bus route cut/g)).toHaveLength(2);
    expect(io.asked()).toContain('Is this about Housing? (y = yes, n = no, s = skip, q = stop here)');
  });

  it('stops at "q" or at the end of the input, keeping what was answered', async () => {
    const quit = await askEach(['One', 'Two', 'Three'], HOUSING, typist(['yes', 'q']));
    const ended = await askEach(['One', 'Two', 'Three'], HOUSING, typist(['n']));
    expect(quit).toEqual([{ title: 'One', priorities: ['housing'] }]);
    expect(ended).toEqual([{ title: 'One', priorities: [] }]);
  });

  it('shows a headline with terminal escape sequences as plain text', async () => {
    const io = typist(['y']);
    await askEach(['Mayor \u001b]52;c;ZXZpbA==\u0007resigns'], HOUSING, io);
    expect(io.asked()).not.toContain('\u001b');
  });
});
