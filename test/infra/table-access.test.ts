import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import type { FunctionId } from '../../shared/platform/topology.js';
import type { DespatchStack } from '../../infra/stack.js';
import { actionsOf, buildStack, removeOutdirs, roleStatements } from './support.js';

const READ = ['dynamodb:GetItem', 'dynamodb:Query'];

/**
 * Each function's table access, from the DynamoDB calls its code makes (infra/table-access.ts):
 * reads, writes, and the partition-key prefixes its writes may touch.
 */
const EXPECTED: Readonly<Record<FunctionId, { reads: readonly string[]; writes: readonly string[]; keys: readonly string[] }>> = {
  poller: { reads: ['dynamodb:GetItem'], writes: ['dynamodb:PutItem'], keys: ['SOURCE#*'] },
  classifier: { reads: READ, writes: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'], keys: ['ITEM#*', 'STORIES#*', 'PRIORITY#*'] },
  alerter: { reads: READ, writes: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'], keys: ['STORY#*', 'ITEM#*', 'HELD'] },
  briefing: { reads: READ, writes: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'], keys: ['BRIEFING#*', 'BRIEFING'] },
  planner: { reads: READ, writes: ['dynamodb:PutItem', 'dynamodb:DeleteItem'], keys: ['GRID#*'] },
  'review-api': {
    reads: READ,
    writes: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
    keys: ['GRID#*', 'GRIDREAD#*', 'ALERTACTION#*', 'ACKLINK#*'],
  },
};

const WRITES = new Set(['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem']);

interface ConditionalStatement {
  readonly Action: string | string[];
  readonly Resource: unknown;
  readonly Condition?: Record<string, Record<string, unknown>>;
}

const actions = (s: ConditionalStatement): string[] => (Array.isArray(s.Action) ? s.Action : [s.Action]);

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
    const all = [...new Set(dynamoStatements(id).flatMap(actions))].sort();
    expect(all).toEqual([...EXPECTED[id].reads, ...EXPECTED[id].writes].sort());
    for (const never of ['dynamodb:Scan', 'dynamodb:BatchWriteItem', 'dynamodb:BatchGetItem', 'dynamodb:*']) expect(all).not.toContain(never);
  });

  it.each(Object.keys(EXPECTED) as FunctionId[])('lets %s write only the partition keys it owns (dynamodb:LeadingKeys)', (id) => {
    const writing = dynamoStatements(id).filter((s) => actions(s).some((a) => WRITES.has(a)));
    // One statement holds every write, and it carries the condition: no unconditioned write anywhere.
    expect(writing).toHaveLength(1);
    expect([...actions(writing[0] as ConditionalStatement)].sort()).toEqual([...EXPECTED[id].writes].sort());
    expect(writing[0]?.Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...EXPECTED[id].keys] } });
    // On the table itself, not its indexes (which are never written directly).
    expect(JSON.stringify(writing[0]?.Resource)).not.toContain('/index/');
  });

  it('keeps the review API from deleting or changing anything but the grid, its read log and what the office did about alerts', () => {
    // From the template, not the table above.
    const writing = dynamoStatements('review-api').filter((s) => actions(s).some((a) => WRITES.has(a)));
    const keys = writing.flatMap((s) => z.array(z.string()).parse(s.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys']));
    expect(keys.length).toBeGreaterThan(0);
    for (const prefix of ['ITEM#', 'STORY#', 'STORIES#', 'SOURCE#', 'BRIEFING', 'PRIORITY#', 'HELD']) {
      expect(keys.some((k) => prefix.startsWith(k.replace('*', '')))).toBe(false);
    }
    expect(keys.sort()).toEqual(['ACKLINK#*', 'ALERTACTION#*', 'GRID#*', 'GRIDREAD#*']);
  });

  it('lets the poller delete nothing and write only source state', () => {
    expect(dynamoStatements('poller').flatMap(actions)).not.toContain('dynamodb:DeleteItem');
    const writing = dynamoStatements('poller').filter((s) => actions(s).some((a) => WRITES.has(a)));
    expect(writing.map((s) => s.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys'])).toEqual([['SOURCE#*']]);
  });
});
