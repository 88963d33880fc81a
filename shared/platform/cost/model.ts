/**
 * The monthly AWS bill for a given workload, service by service, from per-operation counts and a
 * dated price table. Plain arithmetic, so a council's finance officer can follow every line.
 */
import { plannedAlarms, type AlarmLevel } from '../alarms.js';
import { functions as fns, type FunctionId } from '../topology.js';
import type { PerOperation } from './per-operation.js';
import { freeTier, prices, type RegionPrices } from './prices-2026-11.js';

export interface Workload {
  sources: number;
  /** Seconds between polls of each source. */
  everySeconds: number;
  itemsPerDay: number;
  /** Share of polls in which a source served something new (its state is rewritten). */
  changedPollShare: number;
  alertsPerDay: number;
  briefingsPerMonth: number;
  recipientsPerEmail: number;
  retentionDays: number;
  region: string;
  /** People who sign in to the review page in a month (Cognito monthly active users). */
  reviewUsers: number;
  /** Review page API requests a day (page loads, edits, approvals, exports). */
  apiRequestsPerDay: number;
  /** Phone numbers each alert is texted to (alert routes with `sms`). */
  smsPerAlert: number;
  /** `operations.alarms`: which alarms the stack deploys. */
  alarms: AlarmLevel;
  /** `operations.dashboard`: whether the stack deploys its dashboard. */
  dashboard: boolean;
}

export interface CostLine {
  service: string;
  usage: string;
  monthly: number;
  monthlyWithFreeTier: number;
}

const DAYS_PER_MONTH = 30.44;
/**
 * Custom metrics (Powertools, namespace Despatch, dimension service) published in every hour at any
 * real load, so billed for the whole month: ItemsQueued, SourcesFailed and SourcesFailingTooLong
 * from every poll, ItemsStored from every classifier batch. The others (ItemsSensitive,
 * ItemsUpdated, AlertsSent, BriefingMissing, BriefingsSent, SlotsPlanned, SlotsRaced and the review
 * API's three) are billed only for the hours they are published in, and are not counted: a floor.
 */
const HOURLY_CUSTOM_METRICS = 4;
/** The alarm topic's KMS key (infra/operations.ts); test/infra/operations.test.ts counts the template's. */
const KMS_KEYS = 1;
const GB = 1024 ** 3;
/** Lambda's SQS event source polls each queue continuously: about this many empty receives a month (5 pollers, 20 s long polls). */
const SQS_IDLE_RECEIVES_PER_QUEUE = 5 * 3 * 60 * 24 * DAYS_PER_MONTH;

export class UnknownRegionError extends Error {
  constructor(readonly region: string) {
    super(`No prices for region ${region}; known: ${Object.keys(prices).join(', ')}`);
    this.name = 'UnknownRegionError';
  }
}

export function monthlyCost(workload: Workload, ops: PerOperation): CostLine[] {
  const price: RegionPrices | undefined = prices[workload.region];
  if (!price) throw new UnknownRegionError(workload.region);
  const pollsPerMonth = (DAYS_PER_MONTH * 86_400) / workload.everySeconds;
  const sourcePolls = pollsPerMonth * workload.sources;
  const items = workload.itemsPerDay * DAYS_PER_MONTH;
  const alerts = workload.alertsPerDay * DAYS_PER_MONTH;

  // Lambda: GB-seconds by function, and requests.
  const gbSeconds =
    ((pollsPerMonth * ops.pollerBaseMs + sourcePolls * ops.pollerMsPerSource) / 1000) * (fns.poller.memoryMb / 1024) +
    ((items * ops.classifierMsPerItem) / 1000) * (fns.classifier.memoryMb / 1024) +
    ((alerts * ops.alerterMsPerAlert) / 1000) * (fns.alerter.memoryMb / 1024) +
    ((workload.briefingsPerMonth * ops.briefingMs) / 1000) * (fns.briefing.memoryMb / 1024);
  const classifierBatches = items / (fns.classifier.consumes?.batchSize ?? 1);
  const invocations = pollsPerMonth + classifierBatches + alerts + workload.briefingsPerMonth;

  // SQS: sends (batched by 10), receives and deletes, plus the event sources' idle polling.
  const sqsRequests = items / 10 + classifierBatches * 2 + alerts * 3 + 2 * SQS_IDLE_RECEIVES_PER_QUEUE;

  // DynamoDB.
  const writeUnits = items * ops.writeUnitsPerNewItem + sourcePolls * workload.changedPollShare * ops.writeUnitsPerChangedSourcePoll + alerts * 1;
  const readUnits = items * ops.readUnitsPerNewItem + sourcePolls * ops.readUnitsPerSourcePoll + workload.briefingsPerMonth * 50;
  const storedGb = (workload.itemsPerDay * workload.retentionDays * ops.bytesPerItem) / GB;

  const schedulerInvocations = pollsPerMonth + workload.briefingsPerMonth;
  const emails = (alerts + workload.briefingsPerMonth) * workload.recipientsPerEmail;
  const logGb = (invocations * ops.logBytesPerInvocation) / GB;
  const apiRequests = workload.apiRequestsPerDay * DAYS_PER_MONTH;
  const texts = alerts * workload.smsPerAlert;
  // What infra/operations.ts deploys for this configuration; each alarm watches one metric, billed as one alarm metric.
  const alarmCount = plannedAlarms(workload.alarms, Object.keys(fns) as FunctionId[]).length;
  const dashboards = workload.dashboard ? 1 : 0;

  const line = (service: string, usage: string, monthly: number, free: number): CostLine => ({
    service,
    usage,
    monthly,
    monthlyWithFreeTier: Math.max(0, free),
  });
  const fmt = (n: number) => Math.round(n).toLocaleString('en-GB');

  return [
    line(
      'Lambda',
      `${fmt(invocations)} invocations, ${fmt(gbSeconds)} GB-s (arm64)`,
      gbSeconds * price.lambdaArmPerGbSecond + (invocations / 1e6) * price.lambdaPerMillionRequests,
      Math.max(0, gbSeconds - freeTier.lambdaGbSeconds) * price.lambdaArmPerGbSecond +
        (Math.max(0, invocations - freeTier.lambdaRequests) / 1e6) * price.lambdaPerMillionRequests,
    ),
    line(
      'SQS',
      `${fmt(sqsRequests)} requests (incl. event-source polling)`,
      (sqsRequests / 1e6) * price.sqsPerMillionRequests,
      (Math.max(0, sqsRequests - freeTier.sqsRequests) / 1e6) * price.sqsPerMillionRequests,
    ),
    line(
      'DynamoDB',
      `${fmt(writeUnits)} write units, ${fmt(readUnits)} read units, ${storedGb.toFixed(2)} GB (+PITR)`,
      (writeUnits / 1e6) * price.dynamoPerMillionWriteUnits +
        (readUnits / 1e6) * price.dynamoPerMillionReadUnits +
        storedGb * (price.dynamoStoragePerGbMonth + price.dynamoPitrPerGbMonth),
      (writeUnits / 1e6) * price.dynamoPerMillionWriteUnits +
        (readUnits / 1e6) * price.dynamoPerMillionReadUnits +
        Math.max(0, storedGb - freeTier.dynamoStorageGb) * price.dynamoStoragePerGbMonth +
        storedGb * price.dynamoPitrPerGbMonth,
    ),
    line(
      'EventBridge Scheduler',
      `${fmt(schedulerInvocations)} invocations`,
      (schedulerInvocations / 1e6) * price.schedulerPerMillionInvocations,
      (Math.max(0, schedulerInvocations - freeTier.schedulerInvocations) / 1e6) * price.schedulerPerMillionInvocations,
    ),
    line('SES', `${fmt(emails)} emails`, (emails / 1000) * price.sesPerThousandEmails, (emails / 1000) * price.sesPerThousandEmails),
    line(
      'CloudWatch Logs',
      `${logGb.toFixed(2)} GB ingested, kept one month`,
      logGb * (price.logsIngestPerGb + price.logsStoragePerGbMonth),
      Math.max(0, logGb - freeTier.logsGb) * (price.logsIngestPerGb + price.logsStoragePerGbMonth),
    ),
    line(
      'API Gateway (HTTP)',
      `${fmt(apiRequests)} review page requests`,
      (apiRequests / 1e6) * price.httpApiPerMillionRequests,
      (Math.max(0, apiRequests - freeTier.httpApiRequests) / 1e6) * price.httpApiPerMillionRequests,
    ),
    line(
      'Cognito (Plus)',
      `${fmt(workload.reviewUsers)} monthly active users`,
      workload.reviewUsers * price.cognitoPlusPerMau,
      workload.reviewUsers * price.cognitoPlusPerMau,
    ),
    line(
      'CloudWatch alarms',
      `${alarmCount} alarms (${workload.alarms}), ${dashboards === 1 ? '1 dashboard' : 'no dashboard'}`,
      alarmCount * price.alarmPerMonth + dashboards * price.dashboardPerMonth,
      Math.max(0, alarmCount - freeTier.alarms) * price.alarmPerMonth + Math.max(0, dashboards - freeTier.dashboards) * price.dashboardPerMonth,
    ),
    line(
      'CloudWatch metrics',
      `${HOURLY_CUSTOM_METRICS} custom metrics published every hour (others prorated, not counted)`,
      HOURLY_CUSTOM_METRICS * price.customMetricPerMonth,
      Math.max(0, HOURLY_CUSTOM_METRICS - freeTier.customMetrics) * price.customMetricPerMonth,
    ),
    // A rotated key costs $1 more a month after each of its first two yearly rotations: $1 is the first year.
    line('KMS', `${KMS_KEYS} key (alarm topic), first year`, KMS_KEYS * price.kmsKeyPerMonth, KMS_KEYS * price.kmsKeyPerMonth),
    line('SNS text messages', `${fmt(texts)} texts to UK numbers`, texts * price.smsUkPerMessage, texts * price.smsUkPerMessage),
  ];
}
