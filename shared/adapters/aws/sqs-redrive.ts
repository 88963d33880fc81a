/**
 * Moves the messages in a dead-letter queue back to the queue they came from, with SQS's own
 * message-move task (the same API the console's "Start DLQ redrive" uses), and waits until it is
 * done, so the operator is told how many went back.
 */
import { GetQueueAttributesCommand, ListMessageMoveTasksCommand, StartMessageMoveTaskCommand, type SQSClient } from '@aws-sdk/client-sqs';

export interface RedriveResult {
  dlqUrl: string;
  waiting: number;
  moved: number;
  status: 'completed' | 'nothing-to-move' | 'failed' | 'still-running';
  failureReason?: string;
}

export class RedriveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RedriveError';
  }
}

async function attributes(client: SQSClient, url: string): Promise<{ arn: string; waiting: number }> {
  const { Attributes = {} } = await client.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn', 'ApproximateNumberOfMessages'] }));
  if (!Attributes.QueueArn) throw new RedriveError(`The queue ${url} has no ARN: is it the right URL?`);
  return { arn: Attributes.QueueArn, waiting: Number(Attributes.ApproximateNumberOfMessages ?? 0) };
}

export async function redrive(client: SQSClient, dlqUrl: string, options: { timeoutMs?: number; pollMs?: number } = {}): Promise<RedriveResult> {
  const { arn, waiting } = await attributes(client, dlqUrl);
  if (waiting === 0) return { dlqUrl, waiting, moved: 0, status: 'nothing-to-move' };
  // Without a destination, SQS returns each message to the queue it was dead-lettered from.
  const { TaskHandle } = await client.send(new StartMessageMoveTaskCommand({ SourceArn: arn }));
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  while (Date.now() < deadline) {
    const { Results = [] } = await client.send(new ListMessageMoveTasksCommand({ SourceArn: arn, MaxResults: 10 }));
    const task = Results.find((t) => !TaskHandle || t.TaskHandle === TaskHandle) ?? Results[0];
    const moved = Number(task?.ApproximateNumberOfMessagesMoved ?? 0);
    if (task?.Status === 'COMPLETED') return { dlqUrl, waiting, moved, status: 'completed' };
    if (task?.Status === 'FAILED' || task?.Status === 'CANCELLED') {
      return { dlqUrl, waiting, moved, status: 'failed', failureReason: task.FailureReason ?? task.Status };
    }
    await new Promise((r) => setTimeout(r, options.pollMs ?? 500));
  }
  return { dlqUrl, waiting, moved: 0, status: 'still-running' };
}
