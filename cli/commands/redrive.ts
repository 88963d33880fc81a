/**
 * `despatch redrive [--queue ingest|alerts] [--aws [--stack NAME] [--region R]] [--data-dir DIR]`:
 * moves dead-lettered messages back to their queue, on the running local stack or in AWS.
 */
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { SQSClient } from '@aws-sdk/client-sqs';
import { readLocalStackInfo } from '../../infra/local/stack-info.js';
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

export async function runRedrive(options: RedriveOptions): Promise<string> {
  const { client, dlqUrls, where } = options.aws ? await awsTargets(options) : localTargets(options);
  try {
    const lines = [`Redriving dead-lettered messages (${where}):`];
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
      return 'the dead-letter queue is empty';
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
  const client = new SQSClient({ endpoint: info.sqs, region: 'eu-west-2', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
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
