/**
 * The Despatch stack: stateful resources and the pipeline, both shaped by `buildTopology(config)`.
 */
import { CfnOutput, Stack, Tags, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { Config } from '../shared/platform/config/schema.js';
import { buildTopology, type Topology } from '../shared/platform/topology.js';
import { Operations } from './operations.js';
import { Pipeline } from './pipeline.js';
import { Review, reviewPageFiles } from './review.js';
import { Stateful } from './stateful.js';

export interface DespatchStackProps extends StackProps {
  /** The validated configuration (from `loadConfigFile`). */
  readonly config: Config;
  /**
   * SES configuration set for delivery events, passed to the email senders.
   * @default - none
   */
  readonly sesConfigurationSet?: string;
  /**
   * Folder the topology's handler entries (`functions/<id>/handler.ts`) are relative to.
   * @default the repository root
   */
  readonly sourceRoot?: string;
}

export class DespatchStack extends Stack {
  readonly topology: Topology;
  readonly stateful: Stateful;
  readonly pipeline: Pipeline;
  readonly operations: Operations;
  readonly review: Review;

  constructor(scope: Construct, id: string, props: DespatchStackProps) {
    super(scope, id, {
      description: `Despatch: media monitoring, briefing and alerts for the Mayor of ${props.config.council.short}`,
      ...props,
    });
    Tags.of(this).add('project', 'despatch');

    this.topology = buildTopology(props.config);
    this.stateful = new Stateful(this, 'Stateful', { topology: this.topology });
    this.pipeline = new Pipeline(this, 'Pipeline', {
      topology: this.topology,
      config: props.config,
      stateful: this.stateful,
      sesConfigurationSet: props.sesConfigurationSet,
      sourceRoot: props.sourceRoot,
      bundleFiles: { 'review-api': reviewPageFiles() },
    });
    this.review = new Review(this, 'Review', { fn: this.pipeline.functions['review-api'] });

    this.operations = new Operations(this, 'Operations', {
      functions: this.pipeline.functions,
      deadLetterQueues: {
        ingest: this.stateful.queues.ingest.deadLetterQueue,
        alerts: this.stateful.queues.alerts.deadLetterQueue,
        'failed-runs': this.stateful.failedRuns,
      },
      alarmEmail: props.config.operations.alarmEmail,
      alarms: props.config.operations.alarms,
      dashboard: props.config.operations.dashboard,
    });

    // What an operator (and the redrive command) needs to find.
    new CfnOutput(this, 'TableName', { value: this.stateful.table.tableName });
    new CfnOutput(this, 'IngestQueueUrl', { value: this.stateful.queues.ingest.queue.queueUrl });
    new CfnOutput(this, 'IngestDeadLetterQueueUrl', { value: this.stateful.queues.ingest.deadLetterQueue.queueUrl });
    new CfnOutput(this, 'AlertsQueueUrl', { value: this.stateful.queues.alerts.queue.queueUrl });
    new CfnOutput(this, 'AlertsDeadLetterQueueUrl', { value: this.stateful.queues.alerts.deadLetterQueue.queueUrl });
    new CfnOutput(this, 'FailedRunsQueueUrl', { value: this.stateful.failedRuns.queueUrl });
  }
}
