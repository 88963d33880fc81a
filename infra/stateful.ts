/**
 * The stateful half of the app: the table and the queues, with their secure defaults in one place
 * (encryption at rest, TLS-only queue policies, DLQs, point-in-time recovery, retention on delete).
 * Shapes come from the topology; nothing here restates a timeout, count or retention.
 */
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Queue, QueueEncryption, type QueueProps } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { QueueId, QueueSpec, TableSpec, Topology } from '../shared/platform/topology.js';

/**
 * A queue that is TLS-only and encrypted at rest. Every queue in the app is made through this,
 * so none can be created without them.
 */
export function secureQueue(scope: Construct, id: string, props: QueueProps = {}): Queue {
  if (props.encryption === QueueEncryption.UNENCRYPTED || props.enforceSSL === false) {
    throw new Error(`${id}: queues in Despatch are always encrypted and TLS-only`);
  }
  return new Queue(scope, id, {
    // SQS-managed keys: encrypted at rest with no KMS key policy for Lambda and Scheduler to need.
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    ...props,
  });
}

/** Says, on a queue that is itself a dead-letter queue, why it has no dead-letter queue of its own. */
function acknowledgeIsDeadLetterQueue(queue: Queue, of: string): void {
  Validations.of(queue).acknowledge({
    id: 'Serverless-SQSRedrivePolicy',
    reason: `This queue is the dead-letter queue of ${of}; a DLQ is the end of the line and has no DLQ of its own.`,
  });
}

export interface WorkQueueProps {
  /** Visibility timeout, retention and DLQ settings, from the topology. */
  readonly spec: QueueSpec;
}

/** A work queue and its dead-letter queue, shaped by one `QueueSpec`. */
export class WorkQueue extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: WorkQueueProps) {
    super(scope, id);
    const { spec } = props;
    this.deadLetterQueue = secureQueue(this, 'DeadLetterQueue', {
      retentionPeriod: Duration.seconds(spec.dlq.retentionSeconds),
    });
    acknowledgeIsDeadLetterQueue(this.deadLetterQueue, `the ${spec.id} queue`);
    this.queue = secureQueue(this, 'Queue', {
      visibilityTimeout: Duration.seconds(spec.visibilityTimeoutSeconds),
      retentionPeriod: Duration.seconds(spec.retentionSeconds),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: spec.dlq.maxReceiveCount },
    });
  }
}

export interface DespatchTableProps {
  /** Keys, index and TTL attribute, from the topology. */
  readonly spec: TableSpec;
}

/** The one DynamoDB table: on demand, point-in-time recovery, TTL, kept if the stack goes. */
export class DespatchTable extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string, props: DespatchTableProps) {
    super(scope, id);
    const { spec } = props;
    this.table = new Table(this, 'Table', {
      partitionKey: { name: spec.partitionKey, type: AttributeType.STRING },
      sortKey: { name: spec.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // Items expire after the configured retention (data minimisation); the functions set expiresAt.
      timeToLiveAttribute: spec.ttlAttribute,
      encryption: TableEncryption.AWS_MANAGED,
      // The office's record of coverage outlives any one deployment: never deleted with the stack,
      // and not deletable by a slip in the console either.
      removalPolicy: RemovalPolicy.RETAIN,
      deletionProtection: true,
    });
    for (const index of spec.indexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
      });
    }
  }
}

export interface StatefulProps {
  /** The pipeline's shape. */
  readonly topology: Topology;
}

/** Everything that holds data: the table, the work queues and the failed-runs queue. */
export class Stateful extends Construct {
  readonly table: Table;
  readonly queues: Readonly<Record<QueueId, WorkQueue>>;
  /**
   * Where a scheduled run that never happened ends up, whichever way it failed: EventBridge
   * Scheduler could not invoke the function, or the function failed all its asynchronous retries.
   * Both put the schedule's input (`{ "v": 1, ... }`) in the message body, so one redrive works.
   */
  readonly failedRuns: Queue;

  constructor(scope: Construct, id: string, props: StatefulProps) {
    super(scope, id);
    const { topology } = props;
    this.table = new DespatchTable(this, 'Data', { spec: topology.table }).table;
    this.queues = {
      ingest: new WorkQueue(this, 'Ingest', { spec: topology.queues.ingest }),
      alerts: new WorkQueue(this, 'Alerts', { spec: topology.queues.alerts }),
    };
    this.failedRuns = secureQueue(this, 'FailedRuns', { retentionPeriod: Duration.seconds(topology.failedRuns.retentionSeconds) });
    acknowledgeIsDeadLetterQueue(this.failedRuns, 'the schedules and the scheduled functions');
  }
}
