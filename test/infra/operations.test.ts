import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStack, removeOutdirs, testConfig, TEST_CONFIG_YAML } from './support.js';
import type { DespatchStack } from '../../infra/stack.js';
import { functions } from '../../shared/platform/topology.js';
import { monthlyCost, type Workload } from '../../shared/platform/cost/model.js';
import { defaultPerOperation } from '../../shared/platform/cost/per-operation.js';
import { metrics } from '../../shared/runtime/container.js';
import { METRICS_DIMENSIONS, METRICS_NAMESPACE } from '../../infra/operations.js';

describe('Operations', () => {
  let stack: DespatchStack;
  let template: Template;

  beforeAll(() => {
    // Prepare
    const config = testConfig(`${TEST_CONFIG_YAML}\noperations: { alarmEmail: ops@example.gov.uk, alarms: full, dashboard: true }\n`);
    ({ stack } = buildStack({ config }));
    template = Template.fromStack(stack);
  });
  afterAll(removeOutdirs);

  it('alarms when any dead-letter queue holds a message', () => {
    for (const queue of [stack.stateful.queues.ingest.deadLetterQueue, stack.stateful.queues.alerts.deadLetterQueue, stack.stateful.failedRuns]) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Namespace: 'AWS/SQS',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [stack.getLogicalId(queue.node.defaultChild as never), 'QueueName'] } }],
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
        AlarmActions: [{ Ref: Match.stringLikeRegexp('AlarmTopic') }],
      });
    }
  });

  it('encrypts the alarm topic with its own rotated key, which CloudWatch in this account may use', () => {
    const keys = template.findResources('AWS::KMS::Key');
    const [keyId, key] = Object.entries(keys).find(([id]) => id.includes('AlarmTopicKey'))!;
    expect(key.Properties.EnableKeyRotation).toBe(true);
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } });
    const statements = key.Properties.KeyPolicy.Statement as { Principal?: { Service?: string }; Action: string[]; Condition?: unknown }[];
    const cloudwatch = statements.find((st) => st.Principal?.Service === 'cloudwatch.amazonaws.com');
    expect(cloudwatch?.Action.sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey*']);
    expect(cloudwatch?.Condition).toEqual({ StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } });
  });

  it('alarms on errors and throttling of every function', () => {
    // Every function the topology defines, so a new one cannot be left without alarms.
    const names = Object.values(functions).map((spec) => spec.id);
    expect(names).toHaveLength(6);
    for (const name of names) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmName: `Despatch: ${name} function failing`,
        MetricName: 'Errors',
        Namespace: 'AWS/Lambda',
      });
      template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: `Despatch: ${name} function throttled`, MetricName: 'Throttles' });
    }
  });

  it('alarms when the briefing is missing and when sources fail for too long, on the metrics the functions publish', () => {
    const dimensions = [{ Name: 'service', Value: 'despatch' }];
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'BriefingMissing', Namespace: 'Despatch', Threshold: 0, Dimensions: dimensions });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'SourcesFailingTooLong', Namespace: 'Despatch', Dimensions: dimensions });
    // What Powertools really publishes: the same namespace and the service dimension, nothing else.
    metrics.addMetric('BriefingMissing', 'Count', 1);
    const emf = metrics.serializeMetrics();
    metrics.clearMetrics();
    expect(emf._aws.CloudWatchMetrics[0]).toMatchObject({ Namespace: METRICS_NAMESPACE, Dimensions: [Object.keys(METRICS_DIMENSIONS)] });
    expect(emf).toMatchObject(METRICS_DIMENSIONS);
  });

  it('sends every alarm to one TLS-only topic, with the configured email subscribed', () => {
    const alarms = template.findResources('AWS::CloudWatch::Alarm');
    expect(Object.keys(alarms).length).toBeGreaterThanOrEqual(13);
    for (const alarm of Object.values(alarms)) {
      expect((alarm as { Properties: { AlarmActions: unknown[] } }).Properties.AlarmActions).toEqual([{ Ref: expect.stringMatching(/AlarmTopic/) }]);
    }
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.gov.uk' });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });

  it('has a dashboard of the pipeline', () => {
    template.hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: 'Despatch' });
  });
});

/** What the cost model assumes the stack deploys, against what the synthesized template holds. */
describe('Operations: the cost model counts what is deployed', () => {
  afterAll(removeOutdirs);
  const workload: Workload = {
    sources: 300,
    everySeconds: 600,
    itemsPerDay: 3000,
    changedPollShare: 0.2,
    alertsPerDay: 5,
    briefingsPerMonth: 22,
    recipientsPerEmail: 3,
    retentionDays: 400,
    region: 'eu-west-2',
    reviewUsers: 5,
    apiRequestsPerDay: 200,
    smsPerAlert: 0,
    alarms: 'essential',
    dashboard: false,
  };

  for (const [yaml, alarms, dashboard] of [
    ['', 'essential', false],
    ['operations: { alarms: full, dashboard: true }', 'full', true],
  ] as const) {
    it(`alarms: ${alarms}, dashboard: ${dashboard}`, () => {
      const template = Template.fromStack(buildStack({ config: testConfig(`${TEST_CONFIG_YAML}\n${yaml}\n`), nag: false }).stack);
      const deployed = Object.values(template.findResources('AWS::CloudWatch::Alarm')) as { Properties: { MetricName?: string; Metrics?: unknown[] } }[];
      // Each alarm watches one metric (no math expressions), so each is billed as one alarm metric.
      for (const alarm of deployed) expect(alarm.Properties.MetricName && !alarm.Properties.Metrics).toBeTruthy();
      const dashboards = Object.keys(template.findResources('AWS::CloudWatch::Dashboard')).length;
      const keys = Object.keys(template.findResources('AWS::KMS::Key')).length;
      expect(template.findResources('AWS::CloudWatch::CompositeAlarm')).toEqual({});
      const lines = monthlyCost({ ...workload, alarms, dashboard }, defaultPerOperation);
      expect(lines.find((l) => l.service === 'CloudWatch alarms')?.usage).toBe(
        `${deployed.length} alarms (${alarms}), ${dashboards === 1 ? '1 dashboard' : 'no dashboard'}`,
      );
      expect(dashboards).toBe(dashboard ? 1 : 0);
      expect(lines.find((l) => l.service === 'KMS')?.usage).toMatch(new RegExp(`^${keys} key`));
    });
  }
});
