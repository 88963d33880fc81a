/** The `despatch` command line. */
import { resolve } from 'node:path';
import { ConfigError } from '../shared/platform/config/load.js';
import { RuleConfigError } from '../shared/classify/compile-rules.js';
import { RedriveError } from '../shared/adapters/aws/sqs-redrive.js';
import { SecretsError } from '../shared/deliver/alerts/secrets.js';
import { parseCommandArgs, UsageError } from './args.js';
import { DEFAULT_CONFIG, DEFAULT_DATA_DIR, loadConfig, loadDemo } from './local.js';
import { installStopSignals, SIGNAL_EXIT_CODE } from './stop-signal.js';
import { BackupError, DamagedDataDirError, DataDirInUseError } from '../infra/local/data-dir.js';
import { JournalCorruptError } from '../infra/local/queue-journal.js';
import { LocalUsersFileError } from '../infra/local/local-users.js';

const HELP = `despatch — media monitoring, briefing and alerts for a Mayor's office

Usage:
  despatch start [--config FILE] [--data-dir DIR] [--demo] [--verbose]
      Run the whole pipeline on this machine until stopped: polls every source group now,
      then on schedule; the briefing at its configured time. --demo serves the built-in
      sample feeds on loopback and writes a briefing straight away.
  despatch run --once [--config FILE] [--data-dir DIR] [--demo] [--verbose]
      Poll every source once, process everything, write the briefing, print a summary.
  despatch cost [--sources N] [--every 10m] [--items-per-day N] [--alerts-per-day N] [--review-users N] [--api-requests-per-day N] [--sms-per-alert N] [--alarms essential|full] [--dashboard] [--region R]
      The monthly AWS bill for that workload, by service, with and without the free tier.
  despatch backup [--out FILE] [--data-dir DIR]
      Write the local data (store and queued messages) to one file, with Despatch stopped or running.
  despatch restore FILE [--data-dir DIR] [--config FILE]
      Bring a backup back (Despatch stopped); the data that was there is moved aside, not deleted.
  despatch status [--json] [--config FILE] [--data-dir DIR]
      How the local pipeline stands, running or not: items stored, messages queued and
      dead-lettered, sources ok and failing, the last briefing sent.
  despatch redrive [--list] [--queue ingest|alerts] [--data-dir DIR] [--aws [--stack NAME] [--region R]]
      Move messages that failed repeatedly (dead-lettered) back to be processed again, locally
      (running or not) or, with --aws, in the deployed stack (default name Despatch).
      --list shows each local dead letter and why it failed.
  despatch users add NAME --role approver|editor|reader [--days N] [--data-dir DIR] [--demo]
      Add a person who may sign in to the local review page (or give them a new link: the old one
      stops working) and print their sign-in link, good for N days (default 90).
  despatch users list | users revoke NAME [--data-dir DIR] [--demo]
      Who may sign in (role, created, last used, expiry); end one person's link now.
  despatch revoke-tokens [--data-dir DIR] [--demo]
      Revoke every local review page sign-in link now; the next "despatch start" prints new ones.
  despatch match --query QUERY [--title TEXT] [--text TEXT] [--source ID] [--link URL] [--json]
      Try one query on one headline and snippet: exit 0 and the matched words when it matches,
      1 when it does not, 2 when the query has a mistake (shown with its column).
  despatch rules test --config FILE --labels FILE.jsonl [--json]
      The rule lab: run the configured priorities and sensitivity rules over labelled headlines
      and print each priority's precision, recall, misses and false alarms, and wrong levels.
  despatch rules label --config FILE --out FILE.jsonl (--csv FILE | --headlines FILE) [--priority ID]
      Write the labelled headlines file for "rules test" from a spreadsheet saved as CSV (headline
      and label columns: y/n, a priority's name, a level such as high), or by answering y/n to each.
  despatch fetch URL [--kind KIND] [--json] [--config FILE]
      Fetch one source the way the poller does and print its items; URL may be a configured
      source's id. Try a new source with this before adding it to the configuration.
  despatch briefing [--date YYYY-MM-DD] [--dry-run] [--config FILE] [--data-dir DIR] [--demo]
      Send today's briefing now (once per date, as the schedule does); --dry-run writes it to the
      outbox without sending; --date writes the briefing sent that day again, from its record.
  despatch search QUERY [--from DATE] [--to DATE] [--priority ID] [--source ID] [--kind K] [--level L] [--sort newest|relevance] [--limit N] [--json] [--export csv|xlsx --out FILE] [--config FILE] [--data-dir DIR] [--demo]
      Search every archived item with the query language (what the review page's Search does);
      exit 1 when nothing matches, 2 when the query has a mistake (shown with its column).
  despatch sources [--config FILE] [--data-dir DIR]
      The health of every source: last success, last error and why, failures in a row, next attempt.
  despatch grid [--week 2026-W49] [--config FILE] [--data-dir DIR] [--demo] [--export csv|xlsx|ics --out FILE]
      Plan the week's social media grid (default: next week) and print it, with why each post was
      chosen; --export writes the week as a spreadsheet (csv, xlsx) or the approved posts as a calendar (ics).
  despatch secrets push [--config FILE] [--stack NAME] [--region R]
      Write the alert routes' webhook addresses and phone numbers to SSM Parameter Store
      (SecureString), where the deployed alerter reads them; run before "cdk deploy".

Exit codes: 0 done; 1 failed; 2 a mistake in the command or configuration; 3 (run --once) done,
but a source failed or a message was dead-lettered; 130/143 stopped by Ctrl-C/SIGTERM (nothing
queued is lost: it is processed at the next start).

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
  date: { type: 'string' },
  'dry-run': { type: 'boolean', default: false },
  list: { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
  out: { type: 'string' },
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
    console.log(runCost(parseCommandArgs(rest, costOptions, 'despatch cost').values));
    return 0;
  }
  // Tries one query on one text: no configuration or local stack either.
  if (command === 'match') return (await import('./commands/match.js')).matchCommand(rest);
  // The rule lab: its own --config and --labels, no local stack.
  if (command === 'rules') return (await import('./commands/rules-test.js')).rulesCommand(rest);
  // Fetches one source with its own options (--kind, --json); no local stack.
  if (command === 'fetch') return (await import('./commands/fetch.js')).fetchCommand(rest);
  // The local users file in the data dir only: no configuration, and fine while "despatch start" runs.
  if (command === 'users') {
    const { usersCommand } = await import('./commands/users.js');
    console.log(usersCommand(rest, (given, demo) => resolve(given ?? (demo ? `${DEFAULT_DATA_DIR}/demo` : DEFAULT_DATA_DIR))));
    return 0;
  }
  // Writes the alert routes' secrets to Parameter Store for the deployed alerter; no local stack.
  if (command === 'secrets') return (await import('./commands/secrets.js')).secretsCommand(rest);
  // Reads the archive's day files (and a running stack's endpoint), with its own options.
  if (command === 'search') return (await import('./commands/search.js')).searchCommand(rest);
  // Plans and prints (or exports) a week of the social media grid, with its own options.
  if (command === 'grid') return (await import('./commands/grid.js')).gridCommand(rest);
  const { values, positionals } = parseCommandArgs(rest, commonOptions, `despatch ${command ?? ''}`.trim());
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (command === 'revoke-tokens') {
    // Needs no configuration: only the data dir the running start reads the revocation from.
    const { revokeTokensCommand } = await import('./commands/revoke-tokens.js');
    console.log(revokeTokensCommand(resolve(values['data-dir'] ?? (values.demo ? `${DEFAULT_DATA_DIR}/demo` : DEFAULT_DATA_DIR))));
    return 0;
  }
  // Handlers log through Powertools as JSON; on a terminal the command's own lines say what happened.
  process.env.POWERTOOLS_LOG_LEVEL ??= values.verbose ? 'INFO' : 'CRITICAL';
  // CloudWatch embedded metrics mean nothing on a laptop (set before the functions' container loads).
  process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';

  // Long-running commands hear Ctrl-C and SIGTERM from their first moment (see stop-signal.ts).
  const stop = installStopSignals((line) => console.error(line));
  const demo = values.demo ? await loadDemo() : undefined;
  const config = demo?.config ?? loadConfig(values.config ?? DEFAULT_CONFIG);
  const dataDir = resolve(values['data-dir'] ?? (demo ? `${DEFAULT_DATA_DIR}/demo` : DEFAULT_DATA_DIR));
  // Only the long-running commands have work to finish; the rest stop on Ctrl-C as usual.
  if (command !== 'run' && command !== 'start') stop.dispose();
  try {
    switch (command) {
      case 'run': {
        if (!values.once) throw new UsageError('run needs --once (for a long-running pipeline use "despatch start")');
        const { runOnce, runExitCode } = await import('./run-once.js');
        const { summary, text } = await runOnce({ config, dataDir, stop });
        console.log(text);
        return stop.received ? SIGNAL_EXIT_CODE[stop.received === 'SIGTERM' ? 'SIGTERM' : 'SIGINT'] : runExitCode(summary);
      }
      case 'redrive': {
        const { listDeadLetters, parseQueues, runRedrive } = await import('./commands/redrive.js');
        if (values.list) {
          if (values.aws) throw new UsageError('--list reads the local queues; in AWS, look at the dead-letter queues in the SQS console');
          console.log(listDeadLetters({ queues: parseQueues(values.queue), dataDir }));
          return 0;
        }
        const options = { queues: parseQueues(values.queue), aws: values.aws, stack: values.stack, dataDir };
        console.log(await runRedrive(values.region ? { ...options, region: values.region } : options));
        return 0;
      }
      case 'backup': {
        const { backup, defaultBackupFile } = await import('./commands/backup.js');
        const result = await backup({ dataDir, out: resolve(values.out ?? defaultBackupFile()) });
        console.log(`Backed up ${dataDir}: ${result.rows} stored rows and ${result.messages} queued message(s) → ${result.file}`);
        return 0;
      }
      case 'restore': {
        const file = positionals[0];
        if (!file) throw new UsageError('restore needs the backup file: despatch restore FILE [--data-dir DIR]');
        const { restore } = await import('./commands/backup.js');
        const result = await restore({ dataDir, file: resolve(file), config });
        console.log(
          `Restored ${result.rows} stored rows and ${result.messages} queued message(s) into ${dataDir}.` +
            (result.movedAside ? `\nThe data that was there is kept in ${result.movedAside}.` : ''),
        );
        return 0;
      }
      case 'status':
        return (await import('./commands/status.js')).statusCommand({ config, dataDir, json: values.json });
      case 'sources':
        return (await import('./commands/sources.js')).sourcesCommand({ config, dataDir });
      case 'briefing':
        return (await import('./commands/briefing.js')).briefingCommand({ config, dataDir, date: values.date, dryRun: values['dry-run'] });
      case 'start': {
        const { start } = await import('./start.js');
        let lost: string | undefined;
        const onDataDirLost = (problem: string) => {
          lost = problem;
          console.error(
            `ERROR: ${problem}. Despatch cannot keep what it collects and is stopping. Restore the data dir (or "despatch restore FILE"), then start again.`,
          );
          process.kill(process.pid, 'SIGTERM');
        };
        const stack = await start({ config, dataDir, briefNow: Boolean(demo), log: (line) => console.log(line), stop, onDataDirLost });
        await stop.stopped;
        const standing = stack.standing();
        await stack.stop().catch((error: unknown) => {
          if (!lost) throw error;
        });
        if (lost) return 1;
        const waiting = standing.ingest.waiting + standing.ingest.inFlight;
        const alerts = standing.alerts.waiting + standing.alerts.inFlight;
        console.log(
          waiting + alerts === 0
            ? 'Stopped. Nothing was left waiting.'
            : `Stopped. ${waiting} item(s) and ${alerts} alert(s) are still queued; they are kept on disk and processed at the next start.`,
        );
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
    if (
      error instanceof ConfigError ||
      error instanceof RuleConfigError ||
      error instanceof UsageError ||
      error instanceof RedriveError ||
      error instanceof SecretsError
    ) {
      console.error(error.message);
      process.exit(2);
    }
    // The data dir cannot be used as it is: the message says why and what to do.
    if (
      error instanceof DataDirInUseError ||
      error instanceof DamagedDataDirError ||
      error instanceof JournalCorruptError ||
      error instanceof BackupError ||
      error instanceof LocalUsersFileError
    ) {
      console.error(error.message);
      process.exit(1);
    }
    console.error(error);
    process.exit(1);
  },
);
