import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStack, removeOutdirs, testConfig, TEST_CONFIG_YAML } from './support.js';
import type { DespatchStack } from '../../infra/stack.js';
import { functions } from '../../shared/platform/topology.js';

describe('Operations', () => {
  let stack: DespatchStack;
  let template: Template;

  beforeAll(() => {
    // Prepare
    const config = testConfig(`${TEST_CONFIG_YAML}\noperations: { alarmEmail: ops@example.gov.uk }\n`);
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

  it('alarms when the briefing is missing and when sources fail for too long', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'BriefingMissing', Namespace: 'Despatch', Threshold: 0 });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'SourcesFailingTooLong', Namespace: 'Despatch' });
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
