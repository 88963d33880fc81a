/**
 * What tells an operator that Despatch needs attention: alarms on everything that means the office
 * would miss something (a dead-letter queue not empty, functions failing or throttled, the morning
 * briefing not sent by a quarter past, sources failing for too long), all notifying one SNS topic,
 * and a dashboard of the pipeline. docs/runbook.md says what to do about each alarm.
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
import type { DespatchFunction } from './despatch-function.js';

/** Namespace of the metrics the functions publish with Powertools Metrics. */
export const METRICS_NAMESPACE = 'Despatch';

export interface OperationsProps {
  /** Every function of the stack, by id. */
  readonly functions: Readonly<Record<string, DespatchFunction>>;
  /** Every dead-letter queue, by a name an operator recognises. */
  readonly deadLetterQueues: Readonly<Record<string, IQueue>>;
  /**
   * Who is emailed when an alarm fires (confirm the SNS subscription email first).
   * @default - no subscription: subscribe to the topic yourself
   */
  readonly alarmEmail?: string;
}

export class Operations extends Construct {
  readonly topic: Topic;
  readonly alarms: ReadonlyMap<string, IAlarm>;
  readonly dashboard: Dashboard;

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

    for (const [name, queue] of Object.entries(props.deadLetterQueues)) {
      alarmWhenAboveZero(`dlq-${name}`, `DeadLetters-${name}`, {
        name: `${name} dead-letter queue not empty`,
        description: `Messages failed repeatedly and were set aside in the ${name} dead-letter queue. See docs/runbook.md "DLQ not empty".`,
        metric: queue.metricApproximateNumberOfMessagesVisible({ period: fiveMinutes, statistic: 'Maximum' }),
      });
    }

    for (const [name, fn] of Object.entries(props.functions)) {
      alarmWhenAboveZero(`errors-${name}`, `Errors-${name}`, {
        name: `${name} function failing`,
        description: `The ${name} function reported errors in 3 of the last 3 five-minute periods. See docs/runbook.md "Function failing".`,
        metric: fn.fn.metricErrors({ period: fiveMinutes, statistic: 'Sum' }),
        periods: 3,
      });
      alarmWhenAboveZero(`throttles-${name}`, `Throttles-${name}`, {
        name: `${name} function throttled`,
        description: `Lambda refused to run the ${name} function (account concurrency exhausted). See docs/runbook.md "Throttling".`,
        metric: fn.fn.metricThrottles({ period: fiveMinutes, statistic: 'Sum' }),
      });
    }

    // Published by the briefing function's 07:15 check (1 when today's briefing is missing).
    alarmWhenAboveZero('briefing-missing', 'BriefingMissing', {
      name: 'morning briefing not sent',
      description: 'The morning briefing had not been sent 15 minutes after its time. See docs/runbook.md "Briefing not sent".',
      metric: new Metric({ namespace: METRICS_NAMESPACE, metricName: 'BriefingMissing', period: Duration.minutes(15), statistic: 'Maximum' }),
    });
    // Published by the poller: how many sources have been failing for longer than configured.
    alarmWhenAboveZero('sources-failing', 'SourcesFailing', {
      name: 'sources failing for too long',
      description: 'One or more sources have failed for longer than briefing.failingSourceHours. See docs/runbook.md "Sources failing".',
      metric: new Metric({ namespace: METRICS_NAMESPACE, metricName: 'SourcesFailingTooLong', period: Duration.hours(1), statistic: 'Maximum' }),
    });
    this.alarms = alarms;
    this.dashboard = this.buildDashboard(props);
  }

  private buildDashboard(props: OperationsProps): Dashboard {
    const dashboard = new Dashboard(this, 'Dashboard', { dashboardName: 'Despatch', defaultInterval: Duration.days(1) });
    const custom = (metricName: string, statistic = 'Sum') => new Metric({ namespace: METRICS_NAMESPACE, metricName, statistic, period: Duration.hours(1) });
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
              errors: props.functions.classifier?.fn.metricErrors({ period: Duration.hours(1) }) ?? custom('None'),
              invocations: props.functions.classifier?.fn.metricInvocations({ period: Duration.hours(1) }) ?? custom('None'),
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
