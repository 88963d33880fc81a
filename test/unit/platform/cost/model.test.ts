import { describe, expect, it } from 'vitest';
import { monthlyCost, UnknownRegionError, type Workload } from '../../../../shared/platform/cost/model.js';
import { defaultPerOperation } from '../../../../shared/platform/cost/per-operation.js';
import { runCost } from '../../../../cli/commands/cost.js';

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
  smsPerAlert: 1,
  alarms: 'essential',
  dashboard: false,
};

const total = (w: Workload) => monthlyCost(w, defaultPerOperation).reduce((sum, l) => sum + l.monthly, 0);
const line = (w: Workload, service: string) => monthlyCost(w, defaultPerOperation).find((l) => l.service === service)!;

describe('monthlyCost', () => {
  it('prices what infra deploys besides the pipeline: the alarms and dashboard configured, the KMS key, sign-ins, texts', () => {
    expect(line(workload, 'CloudWatch alarms')).toMatchObject({ usage: '5 alarms (essential), no dashboard' });
    expect(line(workload, 'CloudWatch alarms').monthly).toBeCloseTo(5 * 0.1, 5);
    const full = { ...workload, alarms: 'full', dashboard: true } as const;
    expect(line(full, 'CloudWatch alarms')).toMatchObject({ usage: '17 alarms (full), 1 dashboard' });
    expect(line(full, 'CloudWatch alarms').monthly).toBeCloseTo(17 * 0.1 + 3, 5);
    // Ten alarms and three dashboards are free.
    expect(line(full, 'CloudWatch alarms').monthlyWithFreeTier).toBeCloseTo(7 * 0.1, 5);
    expect(line(workload, 'CloudWatch alarms').monthlyWithFreeTier).toBe(0);
    expect(line(workload, 'SNS text messages').monthly).toBeCloseTo(5 * 30.44 * 0.0395, 5);
    expect(line({ ...workload, smsPerAlert: 0 }, 'SNS text messages').monthly).toBe(0);
    expect(line(workload, 'Cognito (Plus)').monthly).toBeCloseTo(5 * 0.02, 5);
  });

  it('covers every service the stack uses', () => {
    expect(monthlyCost(workload, defaultPerOperation).map((l) => l.service)).toEqual([
      'Lambda',
      'SQS',
      'DynamoDB',
      'EventBridge Scheduler',
      'SES',
      'CloudWatch Logs',
      'API Gateway (HTTP)',
      'Cognito (Plus)',
      'CloudWatch alarms',
      'CloudWatch metrics',
      'KMS',
      'SNS text messages',
    ]);
  });

  it('grows with polling frequency and item volume', () => {
    expect(total({ ...workload, everySeconds: 60 })).toBeGreaterThan(total(workload));
    expect(line({ ...workload, itemsPerDay: 6000 }, 'DynamoDB').monthly).toBeGreaterThan(line(workload, 'DynamoDB').monthly);
  });

  it('never goes below zero with the free tier, and never above the list price', () => {
    for (const l of monthlyCost({ ...workload, sources: 1, itemsPerDay: 1, alertsPerDay: 0 }, defaultPerOperation)) {
      expect(l.monthlyWithFreeTier).toBeGreaterThanOrEqual(0);
      expect(l.monthlyWithFreeTier).toBeLessThanOrEqual(l.monthly + 1e-9);
    }
  });

  it('charges SES per email sent to each recipient', () => {
    const emails = (5 * 30.44 + 22) * 3;
    expect(line(workload, 'SES').monthly).toBeCloseTo((emails / 1000) * 0.1, 5);
  });

  it('refuses a region it has no prices for', () => {
    expect(() => monthlyCost({ ...workload, region: 'mars-1' }, defaultPerOperation)).toThrow(UnknownRegionError);
  });
});

describe('despatch cost', () => {
  it('prints a line per service and the totals with and without the free tier', () => {
    const text = runCost({ sources: '300', every: '10m', 'items-per-day': '3000' });
    expect(text).toMatch(/^Monthly AWS cost in eu-west-2: 300 sources every 10m, 3000 new items a day/);
    expect(text).toMatch(/\n {2}total\s+\$\d+\.\d\d\s+\$\d+\.\d\d\n/);
    expect(text).toContain('Prices: list prices as of 2026-11');
  });

  it('says which argument is wrong', () => {
    expect(() => runCost({ sources: 'lots' })).toThrow('--sources must be a number ≥ 1, not "lots"');
    expect(() => runCost({ every: 'hourly' })).toThrow('--every must be a duration such as 10m or 1h');
    expect(() => runCost({ alarms: 'some' })).toThrow('--alarms must be one of essential, full, not "some"');
  });
});
