/** The `despatch` command line. */
import { resolve } from 'node:path';
import { ConfigError } from '../shared/config/load.js';
import { RuleConfigError } from '../shared/classifier/rules.js';
import { RedriveError } from '../shared/queue/redrive.js';
import { parseCommandArgs, UsageError } from './args.js';
import { DEFAULT_CONFIG, DEFAULT_DATA_DIR, loadConfig, loadDemo } from './local.js';

const HELP = `despatch — media monitoring, briefing and alerts for a Mayor's office

Usage:
  despatch start [--config FILE] [--data-dir DIR] [--demo] [--verbose]
      Run the whole pipeline on this machine until stopped: polls every source group now,
      then on schedule; the briefing at its configured time. --demo serves the built-in
      sample feeds on loopback and writes a briefing straight away.
  despatch run --once [--config FILE] [--data-dir DIR] [--demo] [--verbose]
      Poll every source once, process everything, write the briefing, print a summary.
  despatch cost [--sources N] [--every 10m] [--items-per-day N] [--alerts-per-day N] [--region R]
      The monthly AWS bill for that workload, by service, with and without the free tier.
  despatch redrive [--queue ingest|alerts] [--data-dir DIR] [--aws [--stack NAME] [--region R]]
      Move messages that failed repeatedly (dead-lettered) back to be processed again, on the
      running local stack or, with --aws, in the deployed stack (default name Despatch).

Defaults: --config ${DEFAULT_CONFIG}, --data-dir ${DEFAULT_DATA_DIR} (the demo uses ${DEFAULT_DATA_DIR}/demo).
Email is written to <data-dir>/outbox as .eml and .html files.`;

const commonOptions = {
  config: { type: 'string' },
  'data-dir': { type: 'string' },
  demo: { type: 'boolean', default: false },
  verbose: { type: 'boolean', default: false },
  once: { type: 'boolean', default: false },
  queue: { type: 'string' },
  aws: { type: 'boolean', default: false },
  stack: { type: 'string', default: 'Despatch' },
  region: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/**
 * The AWS SDK warns on every run under Node 20 that future versions will need Node 22. That is for
 * the developers (see the README), not for the person reading the command's output.
 */
function quietenSdkNodeVersionWarning(): void {
  const listeners = process.listeners('warning');
  process.removeAllListeners('warning');
  process.on('warning', (warning) => {
    if (warning.name === 'NodeVersionSupportWarning' || /AWS SDK for JavaScript/.test(warning.message)) return;
    for (const listener of listeners) listener(warning);
  });
}

async function main(argv: string[]): Promise<number> {
  quietenSdkNodeVersionWarning();
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    console.log(HELP);
    return command ? 0 : 1;
  }
  if (command === 'cost') {
    // Needs no configuration or local stack: plain arithmetic over measured figures.
    const { costOptions, runCost } = await import('./commands/cost.js');
    console.log(runCost(parseCommandArgs(rest, costOptions).values));
    return 0;
  }
  const { values } = parseCommandArgs(rest, commonOptions);
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  // Handlers log through Powertools as JSON; on a terminal the command's own lines say what happened.
  process.env.POWERTOOLS_LOG_LEVEL ??= values.verbose ? 'INFO' : 'CRITICAL';

  const demo = values.demo ? await loadDemo() : undefined;
  const config = demo?.config ?? loadConfig(values.config ?? DEFAULT_CONFIG);
  const dataDir = resolve(values['data-dir'] ?? (demo ? `${DEFAULT_DATA_DIR}/demo` : DEFAULT_DATA_DIR));
  try {
    switch (command) {
      case 'run': {
        if (!values.once) throw new UsageError('run needs --once (for a long-running pipeline use "despatch start")');
        const { runOnce } = await import('./run-once.js');
        const { text } = await runOnce({ config, dataDir });
        console.log(text);
        return 0;
      }
      case 'redrive': {
        const { parseQueues, runRedrive } = await import('./commands/redrive.js');
        const options = { queues: parseQueues(values.queue), aws: values.aws, stack: values.stack, dataDir };
        console.log(await runRedrive(values.region ? { ...options, region: values.region } : options));
        return 0;
      }
      case 'start': {
        const { start } = await import('./start.js');
        const stack = await start({ config, dataDir, briefNow: Boolean(demo), log: (line) => console.log(line) });
        await new Promise<void>((resolveStop) => {
          const stop = () => resolveStop();
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
        console.log('Stopping…');
        await stack.stop();
        return 0;
      }
      default:
        throw new UsageError(`unknown command "${command}"\n\n${HELP}`);
    }
  } finally {
    await demo?.fixtures.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ConfigError || error instanceof RuleConfigError || error instanceof UsageError || error instanceof RedriveError) {
      console.error(error.message);
      process.exit(2);
    }
    console.error(error);
    process.exit(1);
  },
);
