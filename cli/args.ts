/** Command-line parsing shared by the commands, with errors a person can act on. */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** "--config FILE, --data-dir DIR, --once": the options a command takes, as its help writes them. */
const PLACEHOLDERS: Record<string, string> = { config: 'FILE', out: 'FILE', labels: 'FILE', 'data-dir': 'DIR', date: 'DATE', week: 'WEEK' };
function describeOptions(command: string, options: Options): string {
  const names = Object.keys(options);
  // The commands that share the common set take more options than one line can hold.
  if (names.length > 8) return `see "despatch --help" for the options of ${command}`;
  const list = Object.entries(options).map(([name, option]) => (option.type === 'string' ? `--${name} ${PLACEHOLDERS[name] ?? 'VALUE'}` : `--${name}`));
  return `${command} takes ${list.join(', ') || 'no options'}`;
}

/**
 * Parses a command's arguments. Node's own messages ("Unknown option '--demo'. To specify a positional
 * argument starting with a '-', place it at the end…") are written for programmers; a person gets one
 * line that names the command, what was wrong, and the options it does take.
 */
export function parseCommandArgs<T extends Options>(argv: string[], options: T, command = 'this command') {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    const code = (error as { code?: string }).code;
    const message = (error as Error).message;
    const takes = describeOptions(command, options);
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const option = /'([^']+)'/.exec(message)?.[1] ?? 'that option';
      throw new UsageError(`${command} has no option ${option}: ${takes}.`);
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const option = /'(--?[\w-]+)/.exec(message)?.[1] ?? 'an option';
      throw new UsageError(`${option} needs a value after it: ${takes}.`);
    }
    throw new UsageError(`${command}: ${message}`);
  }
}

/** What a command produces: its exit code and what it prints, so it can be tested without a child process. */
export interface CommandOutput {
  code: number;
  stdout: string;
  stderr: string;
}
