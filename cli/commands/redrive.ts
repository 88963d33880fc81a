/**
 * `despatch redrive [--list] [--queue ingest|alerts] [--aws [--stack NAME] [--region R]] [--data-dir DIR]`:
 * moves dead-lettered messages back to their queue, on the local stack (running or not: the local
 * queues are kept on disk) or in AWS; `--list` shows each local dead letter and why it failed.
 */
import { londonDateTime } from '../../shared/deliver/render/time.js';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { SQSClient } from '@aws-sdk/client-sqs';
import { join } from 'node:path';
import { readLocalStackInfo } from '../../infra/local/stack-info.js';
import { QueueJournal, readJournal, type JournalMessage } from '../../infra/local/queue-journal.js';
import { cleanText } from '../../shared/deliver/render/text.js';
import { redrive, RedriveError, type RedriveResult } from '../../shared/adapters/aws/sqs-redrive.js';
import type { QueueId } from '../../shared/platform/topology.js';
import { UsageError } from '../args.js';

export interface RedriveOptions {
  queues: QueueId[];
  aws: boolean;
  stack: string;
  region?: string;
  dataDir: string;
}

const OUTPUT_FOR: Record<QueueId, string> = { ingest: 'IngestDeadLetterQueueUrl', alerts: 'AlertsDeadLetterQueueUrl' };

export function parseQueues(value: string | undefined): QueueId[] {
  if (value === undefined) return ['ingest', 'alerts'];
  if (value === 'ingest' || value === 'alerts') return [value];
  throw new UsageError(`--queue must be "ingest" or "alerts", not "${value}"`);
}

const LOCAL_DLQ: Record<QueueId, string> = { ingest: 'despatch-ingest-dlq', alerts: 'despatch-alerts-dlq' };

/** Each local dead letter, oldest first, with the reason its consumer recorded. */
export function listDeadLetters(options: Pick<RedriveOptions, 'queues' | 'dataDir'>): string {
  const model = readJournal(join(options.dataDir, 'queues'));
  const lines: string[] = [];
  for (const queue of options.queues) {
    const dead = model.messagesIn(LOCAL_DLQ[queue]);
    lines.push(`${queue}: ${dead.length === 0 ? 'nothing set aside' : `${dead.length} message(s) set aside after failing repeatedly`}`);
    for (const message of dead) lines.push(...describeDeadLetter(message));
  }
  if (lines.some((l) => l.startsWith('  -'))) lines.push('', '"despatch redrive" puts them back on their queue to be tried again.');
  return lines.join('\n');
}

function describeDeadLetter(message: JournalMessage): string[] {
  const sent = londonDateTime(new Date(message.firstSentAt));
  return [
    `  - ${cleanText(whatItIs(message.body)).slice(0, 160)}`,
    `    queued ${sent} (London), message ${message.id}`,
    `    why: ${message.lastError ? cleanText(message.lastError).slice(0, 300) : 'no reason was recorded (the function failed before it could say)'}`,
  ];
}

/** An ingest message's headline and source, an alert's story; the start of anything else. */
function whatItIs(body: string): string {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === 'object') {
      const record = parsed as Record<string, unknown>;
      const item = record.item as Record<string, unknown> | undefined;
      const title = item && typeof item.title === 'string' ? `"${item.title}" from ${String(item.sourceId ?? 'an unknown source')}` : undefined;
      if (title && record.kind === 'sensitive-item') return `alert (${String(record.reason ?? 'new')}) for ${title}`;
      if (title) return `item ${title}`;
    }
  } catch {
    // not JSON: shown as it is
  }
  return body.slice(0, 160);
}

/**
 * With no stack running, the local redrive is written to the queues' journal: the next start puts
 * the messages back on their queue (the emulator is not running to move them now).
 */
function redriveStopped(options: RedriveOptions): string {
  const journal = QueueJournal.open(join(options.dataDir, 'queues'));
  try {
    const lines = ['Trying again the messages set aside after failing repeatedly (local, Despatch not running):'];
    for (const queue of options.queues) {
      const dead = journal.model.messagesIn(LOCAL_DLQ[queue]).length;
      if (dead > 0) journal.append([{ op: 'redrive', dlq: LOCAL_DLQ[queue], at: Date.now() }], true);
      lines.push(`  ${queue}: ${dead === 0 ? 'nothing set aside' : `${dead} message(s) will be processed again at the next start`}`);
    }
    return lines.join('\n');
  } finally {
    journal.close();
  }
}

export async function runRedrive(options: RedriveOptions): Promise<string> {
  if (!options.aws && !readLocalStackInfo(options.dataDir)) return redriveStopped(options);
  const { client, dlqUrls, where } = options.aws ? await awsTargets(options) : localTargets(options);
  try {
    const lines = [`Trying again the messages set aside after failing repeatedly (${where}):`];
    for (const queue of options.queues) {
      const url = dlqUrls[queue];
      if (!url) throw new RedriveError(`No dead-letter queue found for ${queue}`);
      lines.push(`  ${queue}: ${describe(await redrive(client, url))}`);
    }
    return lines.join('\n');
  } finally {
    client.destroy();
  }
}

function describe(result: RedriveResult): string {
  switch (result.status) {
    case 'nothing-to-move':
      return 'nothing set aside';
    case 'completed':
      return `${result.moved} message(s) moved back to be processed again`;
    case 'failed':
      return `the move failed: ${result.failureReason ?? 'no reason given'} (${result.moved} moved)`;
    case 'still-running':
      return `${result.waiting} message(s) are being moved; check again in a minute`;
  }
}

function localTargets(options: RedriveOptions) {
  const info = readLocalStackInfo(options.dataDir);
  if (!info) {
    throw new RedriveError(
      `Despatch is not running from ${options.dataDir}. Local queues exist only while "despatch start" runs: start it, then redrive from another terminal (or use --aws for the deployed stack).`,
    );
  }
  const client = new SQSClient({ endpoint: info.sqs, region: 'eu-west-2', credentials: info.credentials });
  const dlqUrls: Partial<Record<QueueId, string>> = { ingest: info.queues.ingest?.dlqUrl, alerts: info.queues.alerts?.dlqUrl };
  return { client, dlqUrls, where: `local stack, ${info.sqs}` };
}

async function awsTargets(options: RedriveOptions) {
  const region = options.region ? { region: options.region } : {};
  const cloudFormation = new CloudFormationClient(region);
  try {
    const { Stacks = [] } = await cloudFormation.send(new DescribeStacksCommand({ StackName: options.stack }));
    const outputs = new Map((Stacks[0]?.Outputs ?? []).map((o) => [o.OutputKey, o.OutputValue]));
    const dlqUrls: Partial<Record<QueueId, string>> = { ingest: outputs.get(OUTPUT_FOR.ingest), alerts: outputs.get(OUTPUT_FOR.alerts) };
    return { client: new SQSClient(region), dlqUrls, where: `AWS stack ${options.stack}` };
  } finally {
    cloudFormation.destroy();
  }
}
