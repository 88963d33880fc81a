import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Runtime } from 'aws-cdk-lib/aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENV } from '../../shared/platform/env.js';
import { functions as topologyFunctions, type FunctionId, type QueueId } from '../../shared/platform/topology.js';
import { DespatchFunction } from '../../infra/despatch-function.js';
import type { DespatchStack } from '../../infra/stack.js';
import {
  actionsOf,
  arnOf,
  buildStack,
  functionLogicalId,
  logicalIdOf,
  removeOutdirs,
  resourcesOf,
  roleStatements,
  stubSourceRoot,
  testConfig,
} from './support.js';

const FUNCTION_IDS = Object.keys(topologyFunctions) as FunctionId[];
const QUEUE_URL_VARIABLE: Record<QueueId, string> = { ingest: ENV.ingestQueueUrl, alerts: ENV.alertsQueueUrl };

describe('Pipeline functions', () => {
  let stack: DespatchStack;
  let template: Template;

  beforeAll(() => {
    // Prepare
    ({ stack } = buildStack());
    // Act
    template = Template.fromStack(stack);
  });
  afterAll(removeOutdirs);

  it.each(FUNCTION_IDS)('runs %s on the latest Node.js, arm64, with the topology memory and timeout, traced', (id) => {
    // Assess
    const spec = stack.topology.functions[id];
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: spec.description,
      Runtime: Runtime.NODEJS_LATEST.name,
      Architectures: ['arm64'],
      MemorySize: spec.memoryMb,
      Timeout: spec.timeoutSeconds,
      Handler: 'index.handler',
      TracingConfig: { Mode: 'Active' },
    });
  });

  it('uses the newest Node.js runtime this aws-cdk-lib knows (what AwsSolutions-L1 checks)', () => {
    // Assess
    const versions = Runtime.ALL.map((r) => /^nodejs(\d+)\.x$/.exec(r.name)?.[1])
      .filter((v) => v !== undefined)
      .map(Number);
    expect(Runtime.NODEJS_LATEST.name).toBe(`nodejs${Math.max(...versions)}.x`);
  });

  it.each(FUNCTION_IDS)('gives %s its own log group, kept for a month', (id) => {
    // Assess
    const fn = stack.pipeline.functions[id];
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: stack.topology.functions[id].description,
      LoggingConfig: { LogGroup: { Ref: logicalIdOf(stack, fn.logGroup) } },
    });
    expect(template.toJSON().Resources[logicalIdOf(stack, fn.logGroup)].Properties.RetentionInDays).toBe(30);
  });

  it.each(FUNCTION_IDS)('sets Powertools, TABLE_NAME and only the queue URLs %s sends to', (id) => {
    // Assess
    const spec = stack.topology.functions[id];
    const queueUrls = Object.fromEntries(
      (Object.keys(QUEUE_URL_VARIABLE) as QueueId[]).map((q) => [
        QUEUE_URL_VARIABLE[q],
        spec.sendsTo.includes(q) ? { Ref: logicalIdOf(stack, stack.stateful.queues[q].queue) } : Match.absent(),
      ]),
    );
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: spec.description,
      Environment: {
        Variables: Match.objectLike({
          POWERTOOLS_SERVICE_NAME: 'despatch',
          POWERTOOLS_LOG_LEVEL: 'INFO',
          [ENV.tableName]: { Ref: logicalIdOf(stack, stack.stateful.table) },
          ...queueUrls,
        }),
      },
    });
  });

  it('sends failed scheduled runs to the failed-runs queue, and only scheduled functions have a DLQ', () => {
    // Assess
    const scheduled = new Set(stack.topology.schedules.map((s) => s.target));
    for (const id of FUNCTION_IDS) {
      template.hasResourceProperties('AWS::Lambda::Function', {
        Description: stack.topology.functions[id].description,
        DeadLetterConfig: scheduled.has(id) ? { TargetArn: arnOf(stack, stack.stateful.failedRuns) } : Match.absent(),
      });
    }
  });

  it.each(FUNCTION_IDS.filter((id) => topologyFunctions[id].consumes))(
    'lets %s consume its queue in topology-sized batches, reporting failures per record',
    (id) => {
      // Assess
      const trigger = stack.topology.functions[id].consumes!;
      template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        FunctionName: { Ref: functionLogicalId(stack, id) },
        EventSourceArn: arnOf(stack, stack.stateful.queues[trigger.queue].queue),
        BatchSize: trigger.batchSize,
        MaximumBatchingWindowInSeconds: trigger.maxBatchingWindowSeconds > 0 ? trigger.maxBatchingWindowSeconds : Match.absent(),
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        ScalingConfig: { MaximumConcurrency: trigger.maxConcurrency },
      });
    },
  );

  it('reserves the alerter its own concurrency, more than its queue may use, so the release schedule still runs', () => {
    // Assess
    const alerter = stack.topology.functions.alerter;
    expect(alerter.reservedConcurrency).toBeGreaterThan(alerter.consumes!.maxConcurrency);
    const resources = template.toJSON().Resources as Record<string, { Properties: { ReservedConcurrentExecutions?: number } }>;
    for (const id of FUNCTION_IDS) {
      expect(resources[functionLogicalId(stack, id)]!.Properties.ReservedConcurrentExecutions, id).toBe(topologyFunctions[id].reservedConcurrency);
    }
  });

  it('has no event source mapping for a function that consumes nothing', () => {
    // Assess
    const consumers = FUNCTION_IDS.filter((id) => topologyFunctions[id].consumes).map((id) => ({ Ref: functionLogicalId(stack, id) }));
    const mappings = Object.values(template.findResources('AWS::Lambda::EventSourceMapping'));
    expect(mappings.map((m) => m.Properties.FunctionName)).toEqual(expect.arrayContaining(consumers));
    expect(mappings).toHaveLength(consumers.length);
  });
});

describe('Pipeline permissions (least privilege)', () => {
  let stack: DespatchStack;
  let template: Template;

  beforeAll(() => {
    // Prepare
    ({ stack } = buildStack({ sesConfigurationSet: 'despatch-events' }));
    // Act
    template = Template.fromStack(stack);
  });
  afterAll(removeOutdirs);

  /** Resources a function may sqs:SendMessage to, as template references. */
  function sendTargets(id: FunctionId): unknown[] {
    return roleStatements(template, stack, id)
      .filter((s) => s.Effect === 'Allow' && actionsOf(s).some((a) => a === 'sqs:SendMessage' || a === 'sqs:*'))
      .flatMap(resourcesOf);
  }

  it('gives the alerter no sqs:SendMessage at all', () => {
    // Assess
    expect(sendTargets('alerter')).toEqual([]);
  });

  it('lets the classifier send to the alerts queue and nowhere else', () => {
    // Assess
    expect(sendTargets('classifier')).toEqual([arnOf(stack, stack.stateful.queues.alerts.queue)]);
  });

  it.each(FUNCTION_IDS)('lets %s send only to the queues in its sendsTo, plus its DLQ if scheduled', (id) => {
    // Assess
    const spec = stack.topology.functions[id];
    const scheduled = stack.topology.schedules.some((s) => s.target === id);
    const expected = [
      ...spec.sendsTo.map((q) => arnOf(stack, stack.stateful.queues[q].queue)),
      ...(scheduled ? [arnOf(stack, stack.stateful.failedRuns)] : []),
    ];
    expect(sendTargets(id)).toHaveLength(expected.length);
    expect(sendTargets(id)).toEqual(expect.arrayContaining(expected));
  });

  it.each(FUNCTION_IDS)('grants %s table access exactly as the topology says, on this table only', (id) => {
    // Assess
    const table = arnOf(stack, stack.stateful.table);
    const dynamo = roleStatements(template, stack, id).filter((s) => actionsOf(s).some((a) => a.startsWith('dynamodb:')));
    expect(dynamo.length).toBeGreaterThan(0);
    // Reads reach the table and its indexes; writes the table only (indexes are never written directly).
    const writes = new Set(['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem']);
    for (const statement of dynamo) {
      const writing = actionsOf(statement).some((a) => writes.has(a));
      expect(resourcesOf(statement)).toEqual(writing ? [table] : [table, { 'Fn::Join': ['', [table, '/index/*']] }]);
    }
    const actions = dynamo.flatMap(actionsOf);
    if (stack.topology.functions[id].table === 'readwrite') expect(actions).toContain('dynamodb:PutItem');
    else expect(actions).not.toContain('dynamodb:PutItem');
  });

  it.each(FUNCTION_IDS)('uses Resource "*" in %s only for the X-Ray actions, which accept nothing else', (id) => {
    // Assess: the role's acknowledgement of AwsSolutions-IAM5[Resource::*] is meant for these alone.
    const starred = roleStatements(template, stack, id).filter((s) => resourcesOf(s).includes('*'));
    expect(starred.flatMap(actionsOf).sort()).toEqual(['xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
  });

  it('allows SES sending only from the configured addresses, their domains and the configuration set', () => {
    // Assess
    // briefing.from and alerts.from in the test configuration, and the domains SES may check instead.
    const identities = ['despatch@testborough.gov.uk', 'testborough.gov.uk', 'alerts@press-office.testborough.org.uk', 'press-office.testborough.org.uk'];
    const expected = [...identities.map((name) => sesArn('identity', name)), sesArn('configuration-set', 'despatch-events')];
    for (const id of FUNCTION_IDS) {
      const ses = roleStatements(template, stack, id).filter((s) => actionsOf(s).some((a) => a.startsWith('ses:')));
      if (!stack.topology.functions[id].sendsEmail) {
        expect(ses, `${id} must not send email`).toEqual([]);
        continue;
      }
      expect(ses).toHaveLength(1);
      expect(actionsOf(ses[0]!).sort()).toEqual(['ses:SendEmail', 'ses:SendRawEmail']);
      expect(resourcesOf(ses[0]!)).toHaveLength(expected.length);
      expect(resourcesOf(ses[0]!)).toEqual(expect.arrayContaining(expected));
    }
  });

  it('tells the email senders which SES configuration set to use', () => {
    // Assess
    for (const id of FUNCTION_IDS) {
      template.hasResourceProperties('AWS::Lambda::Function', {
        Description: stack.topology.functions[id].description,
        Environment: {
          Variables: Match.objectLike({
            [ENV.sesConfigurationSet]: stack.topology.functions[id].sendsEmail ? 'despatch-events' : Match.absent(),
          }),
        },
      });
    }
  });
});

describe('DespatchFunction.useTable', () => {
  it('gives a reader no write actions', () => {
    // Prepare
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new Stack(app, 'Reader');
    const table = new Table(stack, 'Table', { partitionKey: { name: 'pk', type: AttributeType.STRING } });
    const fn = new DespatchFunction(stack, 'Reader', {
      spec: { ...topologyFunctions.briefing, table: 'read' },
      config: testConfig(),
      sourceRoot: stubSourceRoot,
    });
    // Act
    fn.useTable(table, { reads: ['dynamodb:GetItem', 'dynamodb:Query'], writes: [], writeKeys: [] });
    // Assess
    const statements = Object.values(Template.fromStack(stack).findResources('AWS::IAM::Policy')).flatMap(
      (p) => p.Properties.PolicyDocument.Statement as { Action: string | string[] }[],
    );
    const actions = statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
    expect(actions).toContain('dynamodb:Query');
    for (const write of ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem']) {
      expect(actions).not.toContain(write);
    }
  });
});

function sesArn(resource: 'identity' | 'configuration-set', name: string): unknown {
  return {
    'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ses:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, `:${resource}/${name}`]],
  };
}
