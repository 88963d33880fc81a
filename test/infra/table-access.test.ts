import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FunctionId } from '../../shared/platform/topology.js';
import type { DespatchStack } from '../../infra/stack.js';
import { actionsOf, buildStack, removeOutdirs, roleStatements } from './support.js';

const READ = ['dynamodb:GetItem', 'dynamodb:Query'];
const WRITE = ['dynamodb:PutItem', 'dynamodb:UpdateItem'];

/** Each function's table actions, from the DynamoDB calls its code makes (infra/table-access.ts). */
const EXPECTED: Readonly<Record<FunctionId, readonly string[]>> = {
  poller: [...READ, ...WRITE],
  classifier: [...READ, ...WRITE, 'dynamodb:DeleteItem'],
  alerter: [...READ, ...WRITE, 'dynamodb:DeleteItem'],
  briefing: [...READ, ...WRITE, 'dynamodb:DeleteItem'],
  planner: [...READ, ...WRITE, 'dynamodb:DeleteItem'],
  'review-api': [...READ, ...WRITE, 'dynamodb:DeleteItem'],
};

interface ConditionalStatement {
  readonly Action: string | string[];
  readonly Condition?: Record<string, Record<string, unknown>>;
}

describe('Table access per function (least privilege)', () => {
  let stack: DespatchStack;
  let template: Template;

  beforeAll(() => {
    ({ stack } = buildStack({ nag: false }));
    template = Template.fromStack(stack);
  });
  afterAll(removeOutdirs);

  const dynamoStatements = (id: FunctionId): ConditionalStatement[] =>
    roleStatements(template, stack, id).filter((s) => actionsOf(s).some((a) => a.startsWith('dynamodb:'))) as unknown as ConditionalStatement[];

  it.each(Object.keys(EXPECTED) as FunctionId[])('gives %s exactly its table actions, and never Scan or a batch write', (id) => {
    const actions = [...new Set(dynamoStatements(id).flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])))].sort();
    expect(actions).toEqual([...(EXPECTED[id] ?? [])].sort());
    for (const never of ['dynamodb:Scan', 'dynamodb:BatchWriteItem', 'dynamodb:BatchGetItem', 'dynamodb:*']) expect(actions).not.toContain(never);
  });

  it('lets the review API delete only grid items (partition key GRID#…)', () => {
    const deletes = dynamoStatements('review-api').filter((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]).includes('dynamodb:DeleteItem'));
    expect(deletes).toHaveLength(1);
    expect(deletes[0]?.Action).toBe('dynamodb:DeleteItem');
    expect(deletes[0]?.Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['GRID#*'] } });
  });

  it('lets the poller delete nothing', () => {
    expect(dynamoStatements('poller').flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]))).not.toContain('dynamodb:DeleteItem');
  });
});
