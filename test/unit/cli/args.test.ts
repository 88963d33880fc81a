import { describe, expect, it } from 'vitest';
import { parseCommandArgs, UsageError } from '../../../cli/args.js';

const options = { kind: { type: 'string' }, json: { type: 'boolean' }, config: { type: 'string' } } as const;

describe('command-line parsing', () => {
  it("names the command and its options for an unknown option, in one line and without Node's wording", () => {
    const error = (() => {
      try {
        parseCommandArgs(['--demo'], options, 'despatch fetch');
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(UsageError);
    const message = (error as Error).message;
    expect(message).toBe('despatch fetch has no option --demo: despatch fetch takes --kind VALUE, --json, --config FILE.');
    expect(message).not.toMatch(/positional|place it at the end/);
    expect(message.split('\n')).toHaveLength(1);
  });

  it('says which option needs a value', () => {
    expect(() => parseCommandArgs(['--config'], options, 'despatch fetch')).toThrow('--config needs a value after it: despatch fetch takes');
  });

  it('parses what is right', () => {
    expect(parseCommandArgs(['--json', 'x'], options, 'despatch fetch')).toMatchObject({ values: { json: true }, positionals: ['x'] });
  });
});
