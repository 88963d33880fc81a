/** Command-line parsing shared by the commands, with errors a person can act on. */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** What a command produces: its exit code and what it prints, so it can be tested without a child process. */
export interface CommandOutput {
  code: number;
  stdout: string;
  stderr: string;
}
