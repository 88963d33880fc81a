import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueId } from '../../shared/platform/topology.js';
import type { DespatchStack } from '../../infra/stack.js';
import { arnOf, buildStack, functionLogicalId, logicalIdOf, removeOutdirs } from './support.js';

const QUEUE_IDS: readonly QueueId[] = ['ingest', 'alerts'];

describe('Stateful: table and queues', () => {
  let stack: DespatchStack;
  let template: Template;

  beforeAll(() => {
    // Prepare
    ({ stack } = buildStack());
    // Act
    template = Template.fromStack(stack);
  });
  afterAll(removeOutdirs);

  it('keeps the table: on demand, point-in-time recovery, TTL on expiresAt, encrypted, retained', () => {
    // Assess
    const { table } = stack.topology;
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        SSESpecification: { SSEEnabled: true },
        KeySchema: [
          { AttributeName: table.partitionKey, KeyType: 'HASH' },
          { AttributeName: table.sortKey, KeyType: 'RANGE' },
        ],
      }),
    });
  });

  it('has the gsi1 index from the topology, projecting all attributes', () => {
    // Assess
    const [index] = stack.topology.table.indexes;
    expect(index).toBeDefined();
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      GlobalSecondaryIndexes: [
        {
          IndexName: index?.name,
          KeySchema: [
            { AttributeName: index?.partitionKey, KeyType: 'HASH' },
            { AttributeName: index?.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    });
  });

  it.each(QUEUE_IDS)('sends %s messages that keep failing to its DLQ after maxReceiveCount', (id) => {
    // Assess
    const spec = stack.topology.queues[id];
    const work = stack.stateful.queues[id];
    template.hasResourceProperties('AWS::SQS::Queue', {
      RedrivePolicy: { deadLetterTargetArn: arnOf(stack, work.deadLetterQueue), maxReceiveCount: spec.dlq.maxReceiveCount },
      VisibilityTimeout: spec.visibilityTimeoutSeconds,
      MessageRetentionPeriod: spec.retentionSeconds,
    });
    expect(template.toJSON().Resources[logicalIdOf(stack, work.deadLetterQueue)].Properties.MessageRetentionPeriod).toBe(spec.dlq.retentionSeconds);
  });

  it.each(QUEUE_IDS)('gives the %s queue a visibility timeout of at least 6x its consumer timeout', (id) => {
    // Assess: read both numbers from the synthesised template, not from the topology's arithmetic.
    const consumer = Object.values(stack.topology.functions).find((f) => f.consumes?.queue === id);
    if (!consumer) throw new Error(`no consumer for ${id} in the topology`);
    const resources = template.toJSON().Resources;
    const visibility = resources[logicalIdOf(stack, stack.stateful.queues[id].queue)].Properties.VisibilityTimeout as number;
    const timeout = resources[functionLogicalId(stack, consumer.id)].Properties.Timeout as number;
    expect(visibility).toBeGreaterThanOrEqual(6 * timeout);
  });

  it('encrypts every queue at rest', () => {
    // Assess
    const queues = Object.values(template.findResources('AWS::SQS::Queue'));
    expect(queues).toHaveLength(5); // two work queues, their DLQs, and the failed-runs queue
    for (const queue of queues) expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
  });

  it('denies every queue to requests without TLS', () => {
    // Assess
    const queues = [...QUEUE_IDS.flatMap((id) => [stack.stateful.queues[id].queue, stack.stateful.queues[id].deadLetterQueue]), stack.stateful.failedRuns];
    for (const queue of queues) {
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: logicalIdOf(stack, queue) }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Deny',
              Action: 'sqs:*',
              Principal: { AWS: '*' },
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            }),
          ]),
        },
      });
    }
  });

  it('outputs the table name and queue URLs', () => {
    // Assess
    template.hasOutput('TableName', { Value: { Ref: logicalIdOf(stack, stack.stateful.table) } });
    template.hasOutput('IngestQueueUrl', { Value: { Ref: logicalIdOf(stack, stack.stateful.queues.ingest.queue) } });
    template.hasOutput('AlertsQueueUrl', { Value: { Ref: logicalIdOf(stack, stack.stateful.queues.alerts.queue) } });
    template.hasOutput('FailedRunsQueueUrl', { Value: { Ref: logicalIdOf(stack, stack.stateful.failedRuns) } });
  });
});
