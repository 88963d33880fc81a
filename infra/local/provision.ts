/** Creates the table and the queues the topology describes, on the local emulators. */
import { CreateTableCommand, DescribeTableCommand, ResourceNotFoundException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { QueueId, Topology } from '../../shared/platform/topology.js';

export async function ensureTable(client: DynamoDBClient, tableName: string, topology: Topology): Promise<void> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  const { table } = topology;
  const attributes = [table.partitionKey, table.sortKey, ...table.indexes.flatMap((i) => [i.partitionKey, i.sortKey])];
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: attributes.map((name) => ({ AttributeName: name, AttributeType: 'S' })),
      KeySchema: [
        { AttributeName: table.partitionKey, KeyType: 'HASH' },
        { AttributeName: table.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: table.indexes.map((index) => ({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    }),
  );
  // dynalite has no TTL (UpdateTimeToLive): locally, items are kept until the data dir is removed.
  for (let i = 0; i < 50; i++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === 'ACTIVE') return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`table ${tableName} did not become active`);
}

export interface LocalQueue {
  id: QueueId;
  url: string;
  arn: string;
  dlqUrl: string;
  visibilityTimeoutSeconds: number;
}

export async function ensureQueues(
  client: SQSClient,
  topology: Topology,
  options: { prefix: string; visibilityTimeoutSeconds?: number },
): Promise<Record<QueueId, LocalQueue>> {
  const made = {} as Record<QueueId, LocalQueue>;
  for (const spec of Object.values(topology.queues)) {
    const dlqUrl = await createQueue(client, `${options.prefix}-${spec.id}-dlq`, { MessageRetentionPeriod: String(spec.dlq.retentionSeconds) });
    const dlqArn = await queueArn(client, dlqUrl);
    const visibility = options.visibilityTimeoutSeconds ?? spec.visibilityTimeoutSeconds;
    const url = await createQueue(client, `${options.prefix}-${spec.id}`, {
      VisibilityTimeout: String(visibility),
      MessageRetentionPeriod: String(spec.retentionSeconds),
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: spec.dlq.maxReceiveCount }),
    });
    made[spec.id] = { id: spec.id, url, arn: await queueArn(client, url), dlqUrl, visibilityTimeoutSeconds: visibility };
  }
  return made;
}

async function createQueue(client: SQSClient, name: string, attributes: Record<string, string>): Promise<string> {
  const { QueueUrl } = await client.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
  if (!QueueUrl) throw new Error(`local SQS returned no URL for ${name}`);
  return QueueUrl;
}

async function queueArn(client: SQSClient, url: string): Promise<string> {
  const { Attributes } = await client.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }));
  const arn = Attributes?.QueueArn;
  if (!arn) throw new Error(`local SQS returned no ARN for ${url}`);
  return arn;
}
