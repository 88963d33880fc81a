/**
 * What tells an operator that Despatch needs attention: alarms on everything that means the office
 * would miss something (a dead-letter queue not empty, the morning briefing not sent by a quarter
 * past, sources failing for too long; with `operations.alarms: full`, also functions failing or
 * throttled), all notifying one SNS topic, and, with `operations.dashboard: true`, a dashboard of
 * the pipeline. Which alarms exist is decided in shared/platform/alarms.ts, which the cost model
 * reads too. docs/runbook.md says what to do about each alarm.
 */
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  MathExpression,
  Metric,
  SingleValueWidget,
  TextWidget,
  TreatMissingData,
  type IAlarm,
  type IMetric,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { plannedAlarms, type AlarmLevel, type AlarmSpec, type DeadLetterQueueName } from '../shared/platform/alarms.js';
import type { FunctionId } from '../shared/platform/topology.js';
import type { DespatchFunction } from './despatch-function.js';

/** Namespace of the metrics the functions publish with Powertools Metrics. */
export const METRICS_NAMESPACE = 'Despatch';
/**
 * Powertools Metrics adds its service name as a `service` dimension to every metric it publishes
 * (shared/runtime/container.ts names it "despatch"), and CloudWatch treats a metric with other
 * dimensions as another metric: an alarm without this dimension would watch a metric that never
 * has data, and never fire.
 */
export const METRICS_DIMENSIONS = { service: 'despatch' } as const;

export interface OperationsProps {
  /** Every function of the stack, by id. */
  readonly functions: Readonly<Record<FunctionId, DespatchFunction>>;
  /** Every dead-letter queue, by the name docs/runbook.md gives it. */
  readonly deadLetterQueues: Readonly<Record<DeadLetterQueueName, IQueue>>;
  /** `operations.alarms`: which alarms to deploy (shared/platform/alarms.ts). */
  readonly alarms: AlarmLevel;
  /** `operations.dashboard`: deploy the Despatch dashboard ($3 a month at list price). */
  readonly dashboard: boolean;
  /**
   * Who is emailed when an alarm fires (confirm the SNS subscription email first).
   * @default - no subscription: subscribe to the topic yourself
   */
  readonly alarmEmail?: string;
}

export class Operations extends Construct {
  readonly topic: Topic;
  readonly alarms: ReadonlyMap<string, IAlarm>;
  /** Only with `operations.dashboard: true`. */
  readonly dashboard?: Dashboard;

  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);
    // CloudWatch alarms cannot publish to a topic under the AWS-managed SNS key (its policy cannot
    // name CloudWatch), so the topic has its own key that lets CloudWatch, from this account only, use it.
    const key = new Key(this, 'AlarmTopicKey', {
      description: 'Despatch: encrypts the alarm topic',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    key.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );
    this.topic = new Topic(this, 'AlarmTopic', { displayName: 'Despatch alarms', enforceSSL: true, masterKey: key });
    if (props.alarmEmail) {
      const subscription = this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
      Validations.of(subscription).acknowledge({
        id: 'Serverless-SNSRedrivePolicy',
        reason:
          'An email subscription for alarm notifications: SNS retries delivery, and an alarm that was not delivered stays in ALARM on the dashboard; a dead-letter queue for it would itself need watching.',
      });
    }
    const action = new SnsAction(this.topic);
    const alarms = new Map<string, IAlarm>();
    /** Every alarm here means "something above zero that should be zero"; no data means all is well. */
    const alarmWhenAboveZero = (key: string, id: string, props: { name: string; description: string; metric: IMetric; periods?: number }) => {
      const alarm = new Alarm(this, id, {
        alarmName: `Despatch: ${props.name}`,
        alarmDescription: props.description,
        metric: props.metric,
        threshold: 0,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: props.periods ?? 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      alarm.addAlarmAction(action);
      alarms.set(key, alarm);
    };
    const fiveMinutes = Duration.minutes(5);
    const custom = (metricName: string, period: Duration) =>
      new Metric({ namespace: METRICS_NAMESPACE, metricName, dimensionsMap: METRICS_DIMENSIONS, period, statistic: 'Maximum' });

    const build = (spec: AlarmSpec): void => {
      switch (spec.kind) {
        case 'dead-letters':
          return alarmWhenAboveZero(`dlq-${spec.queue}`, `DeadLetters-${spec.queue}`, {
            name: `${spec.queue} dead-letter queue not empty`,
            description: `Messages failed repeatedly and were set aside in the ${spec.queue} dead-letter queue. See docs/runbook.md "DLQ not empty".`,
            metric: props.deadLetterQueues[spec.queue].metricApproximateNumberOfMessagesVisible({ period: fiveMinutes, statistic: 'Maximum' }),
          });
        case 'briefing-missing':
          // Published by the briefing function's 07:15 check (1 when today's briefing is missing).
          return alarmWhenAboveZero('briefing-missing', 'BriefingMissing', {
            name: 'morning briefing not sent',
            description: 'The morning briefing had not been sent 15 minutes after its time. See docs/runbook.md "Briefing not sent".',
            metric: custom('BriefingMissing', Duration.minutes(15)),
          });
        case 'sources-failing':
          // Published by the poller: how many sources have been failing for longer than configured.
          return alarmWhenAboveZero('sources-failing', 'SourcesFailing', {
            name: 'sources failing for too long',
            description: 'One or more sources have failed for longer than briefing.failingSourceHours. See docs/runbook.md "Sources failing".',
            metric: custom('SourcesFailingTooLong', Duration.hours(1)),
          });
        case 'errors':
          return alarmWhenAboveZero(`errors-${spec.fn}`, `Errors-${spec.fn}`, {
            name: `${spec.fn} function failing`,
            description: `The ${spec.fn} function reported errors in 3 of the last 3 five-minute periods. See docs/runbook.md "Function failing".`,
            metric: props.functions[spec.fn].fn.metricErrors({ period: fiveMinutes, statistic: 'Sum' }),
            periods: 3,
          });
        case 'throttles':
          return alarmWhenAboveZero(`throttles-${spec.fn}`, `Throttles-${spec.fn}`, {
            name: `${spec.fn} function throttled`,
            description: `Lambda refused to run the ${spec.fn} function (account concurrency exhausted). See docs/runbook.md "Throttling".`,
            metric: props.functions[spec.fn].fn.metricThrottles({ period: fiveMinutes, statistic: 'Sum' }),
          });
      }
    };
    for (const spec of plannedAlarms(props.alarms, Object.keys(props.functions) as FunctionId[])) build(spec);
    this.alarms = alarms;
    // The CloudWatch console's automatic dashboards (Lambda, SQS, DynamoDB) cost nothing; this one $3 a month.
    if (props.dashboard) this.dashboard = this.buildDashboard(props);
  }

  private buildDashboard(props: OperationsProps): Dashboard {
    const dashboard = new Dashboard(this, 'Dashboard', { dashboardName: 'Despatch', defaultInterval: Duration.days(1) });
    const custom = (metricName: string, statistic = 'Sum') =>
      new Metric({ namespace: METRICS_NAMESPACE, metricName, dimensionsMap: METRICS_DIMENSIONS, statistic, period: Duration.hours(1) });
    const fns = Object.entries(props.functions);
    dashboard.addWidgets(
      new TextWidget({ markdown: '# Despatch\nItems in → tagged → alerts → briefing. What each alarm means: docs/runbook.md.', width: 24, height: 2 }),
    );
    dashboard.addWidgets(
      new GraphWidget({ title: 'Items', left: [custom('ItemsQueued'), custom('ItemsStored'), custom('ItemsSensitive')], width: 12 }),
      new GraphWidget({ title: 'Alerts and briefings', left: [custom('AlertsSent'), custom('BriefingsSent')], width: 12 }),
    );
    dashboard.addWidgets(
      new GraphWidget({ title: 'Function errors', left: fns.map(([, fn]) => fn.fn.metricErrors({ period: Duration.hours(1) })), width: 12 }),
      new GraphWidget({ title: 'Sources failing', left: [custom('SourcesFailed'), custom('SourcesFailingTooLong', 'Maximum')], width: 12 }),
    );
    dashboard.addWidgets(
      new SingleValueWidget({
        title: 'Dead-lettered messages',
        metrics: Object.entries(props.deadLetterQueues).map(([, q]) => q.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum' })),
        width: 12,
      }),
      new GraphWidget({
        title: 'Function duration (p95, ms)',
        left: fns.map(([, fn]) => fn.fn.metricDuration({ statistic: 'p95', period: Duration.hours(1) })),
        width: 12,
      }),
    );
    // Failed batches as a share of invocations: a rising line means a bad source or a bug, often before the alarm.
    dashboard.addWidgets(
      new GraphWidget({
        title: 'Classifier failures per 100 items',
        left: [
          new MathExpression({
            expression: '100 * errors / MAX([invocations, 1])',
            usingMetrics: {
              errors: props.functions.classifier.fn.metricErrors({ period: Duration.hours(1) }),
              invocations: props.functions.classifier.fn.metricInvocations({ period: Duration.hours(1) }),
            },
            label: 'failed batches %',
            period: Duration.hours(1),
          }),
        ],
        width: 24,
      }),
    );
    return dashboard;
  }
}
