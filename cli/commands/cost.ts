/**
 * `despatch cost --sources 300 --every 10m --items-per-day 3000 [--region eu-west-2] …`: the
 * monthly AWS bill by service, with and without the always-free tier.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALARM_LEVELS, type AlarmLevel } from '../../shared/platform/alarms.js';
import { parseDurationSeconds } from '../../shared/platform/config/schema.js';
import { monthlyCost, type Workload } from '../../shared/platform/cost/model.js';
import { defaultPerOperation, perOperationSchema, type PerOperation } from '../../shared/platform/cost/per-operation.js';
import { PRICES_AS_OF } from '../../shared/platform/cost/prices-2026-11.js';
import { UsageError } from '../args.js';
import { REPO_ROOT } from '../local.js';

export const costOptions = {
  sources: { type: 'string', default: '300' },
  every: { type: 'string', default: '10m' },
  'items-per-day': { type: 'string', default: '3000' },
  'alerts-per-day': { type: 'string', default: '5' },
  recipients: { type: 'string', default: '3' },
  'retention-days': { type: 'string', default: '400' },
  'changed-share': { type: 'string', default: '0.2' },
  region: { type: 'string', default: 'eu-west-2' },
  'review-users': { type: 'string', default: '5' },
  'api-requests-per-day': { type: 'string', default: '200' },
  'sms-per-alert': { type: 'string', default: '0' },
  /** As the configuration's operations.alarms and operations.dashboard (defaults: essential, no dashboard). */
  alarms: { type: 'string', default: 'essential' },
  dashboard: { type: 'boolean', default: false },
  measured: { type: 'string' },
} as const;

type CostValues = { [K in keyof typeof costOptions]?: (typeof costOptions)[K]['type'] extends 'boolean' ? boolean : string };

function number(name: string, value: string | undefined, min = 0): number {
  const n = Number(value);
  if (value === undefined || !Number.isFinite(n) || n < min) throw new UsageError(`--${name} must be a number ≥ ${min}, not "${value}"`);
  return n;
}

function loadPerOperation(path: string | undefined): { ops: PerOperation; from: string } {
  const file = path ?? join(REPO_ROOT, 'bench', 'measured.json');
  if (!existsSync(file)) {
    if (path) throw new UsageError(`--measured: ${path} does not exist`);
    return { ops: defaultPerOperation, from: `built-in figures (${defaultPerOperation.measuredAt})` };
  }
  const parsed = perOperationSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new UsageError(`${file} is not a measurement file: ${parsed.error.issues[0]?.message}`);
  return { ops: parsed.data, from: `${file} (measured ${parsed.data.measuredAt})` };
}

function alarmLevel(value: string | undefined): AlarmLevel {
  const level = ALARM_LEVELS.find((l) => l === value);
  if (!level) throw new UsageError(`--alarms must be one of ${ALARM_LEVELS.join(', ')}, not "${value}"`);
  return level;
}

const defaults: CostValues = Object.fromEntries(Object.entries(costOptions).flatMap(([name, option]) => ('default' in option ? [[name, option.default]] : [])));

export function runCost(given: CostValues): string {
  const values = { ...defaults, ...given };
  let everySeconds: number;
  try {
    everySeconds = parseDurationSeconds(values.every ?? '10m');
  } catch {
    throw new UsageError(`--every must be a duration such as 10m or 1h, not "${values.every}"`);
  }
  const workload: Workload = {
    sources: number('sources', values.sources, 1),
    everySeconds,
    itemsPerDay: number('items-per-day', values['items-per-day']),
    alertsPerDay: number('alerts-per-day', values['alerts-per-day']),
    recipientsPerEmail: number('recipients', values.recipients, 1),
    retentionDays: number('retention-days', values['retention-days'], 1),
    changedPollShare: Math.min(1, number('changed-share', values['changed-share'])),
    briefingsPerMonth: 22,
    region: values.region ?? 'eu-west-2',
    reviewUsers: number('review-users', values['review-users']),
    apiRequestsPerDay: number('api-requests-per-day', values['api-requests-per-day']),
    smsPerAlert: number('sms-per-alert', values['sms-per-alert']),
    alarms: alarmLevel(values.alarms),
    dashboard: values.dashboard ?? false,
  };
  const { ops, from } = loadPerOperation(values.measured);
  const lines = monthlyCost(workload, ops);
  const money = (n: number) => `$${n.toFixed(2)}`;
  const width = Math.max(...lines.map((l) => l.usage.length));
  const rows = lines.map(
    (l) => `  ${l.service.padEnd(22)} ${l.usage.padEnd(width)}  ${money(l.monthly).padStart(9)}  ${money(l.monthlyWithFreeTier).padStart(9)}`,
  );
  const total = (key: 'monthly' | 'monthlyWithFreeTier') => lines.reduce((sum, l) => sum + l[key], 0);
  return [
    `Monthly AWS cost in ${workload.region}: ${workload.sources} sources every ${values.every}, ${workload.itemsPerDay} new items a day, ${workload.alertsPerDay} alerts a day`,
    `  ${'service'.padEnd(22)} ${'usage'.padEnd(width)}  ${'list'.padStart(9)}  ${'free tier'.padStart(9)}`,
    ...rows,
    `  ${'total'.padEnd(22)} ${''.padEnd(width)}  ${money(total('monthly')).padStart(9)}  ${money(total('monthlyWithFreeTier')).padStart(9)}`,
    '',
    `Prices: list prices as of ${PRICES_AS_OF} (shared/platform/cost/prices-${PRICES_AS_OF}.ts); per-operation figures: ${from}.`,
    'Not included: data transfer out (feeds are fetched in, email is small), X-Ray beyond its free 100,000 traces, tax.',
  ].join('\n');
}
