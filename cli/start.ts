/** `despatch start`: the local stack until Ctrl-C — polls every group now, then on schedule. */
import type { Config } from '../shared/config/schema.js';
import type { PollSummary } from '../shared/poller/poll-group.js';
import type { BriefingOutcome } from '../shared/briefing/send.js';
import { LocalStack } from '../infra/local/runtime.js';
import { describeSource } from './output.js';

export interface StartOptions {
  config: Config;
  dataDir: string;
  /** The demo writes a briefing straight after its first poll instead of waiting for 07:00. */
  briefNow: boolean;
  log: (line: string) => void;
}

export async function start(options: StartOptions): Promise<LocalStack> {
  const { log } = options;
  const stack = await LocalStack.start({
    config: options.config,
    dataDir: options.dataDir,
    onError: (where, error) => log(`error in ${where}: ${error instanceof Error ? error.message : String(error)}`),
  });
  log(`Despatch is running for ${options.config.council.name}.`);
  log(`  DynamoDB (dynalite): ${stack.endpoints.dynamodb}   SQS (local-aws-sqs): ${stack.endpoints.sqs}`);
  log(`  Outbox (briefings and alerts): ${stack.outboxDir}`);

  const reportPoll = (summary: PollSummary) => {
    log(`Polled ${summary.group}:`);
    for (const source of summary.sources) log(`  ${describeSource(source)}`);
  };
  for (const summary of await stack.pollAllGroups()) reportPoll(summary);
  await stack.drain(60_000);
  if (options.briefNow) reportBriefing(await stack.briefing(), log);

  const scheduler = stack.startBackground((spec, result) => {
    if (spec.target === 'poller') reportPoll(result as PollSummary);
    else reportBriefing(result as BriefingOutcome, log);
  });
  for (const { spec, at } of scheduler.upcoming()) {
    log(`  next: ${spec.description} — ${at.toLocaleString('en-GB', { timeZone: 'Europe/London', dateStyle: 'medium', timeStyle: 'short' })}`);
  }
  log('Press Ctrl-C to stop.');
  return stack;
}

function reportBriefing(outcome: BriefingOutcome, log: (line: string) => void): void {
  if (outcome.status === 'sent') {
    log(`Briefing for ${outcome.record.localDate}: ${outcome.record.itemCount} items, ${outcome.record.sensitiveCount} sensitive${outcome.location ? ` → ${outcome.location}` : ''}`);
  } else {
    log(`Briefing for ${outcome.record.localDate} was already sent.`);
  }
}
