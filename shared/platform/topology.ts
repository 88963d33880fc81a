/**
 * The pipeline's shape, defined once: which schedule triggers which function, which queue feeds
 * which function, batch sizes, DLQs and timeouts. The CDK app (infra/) and the local runtime
 * (infra/local/) both read this, so the cloud and the laptop cannot drift apart.
 */
import { parseDurationSeconds, type Config, type Weekday } from './config/schema.js';
import type { BriefingEvent, PollEvent, ReleaseHeldEvent } from './model.js';
import { ENV } from './env.js';

export const TIME_ZONE = 'Europe/London';

export type QueueId = 'ingest' | 'alerts';
import type { FunctionId } from './config/projections.js';
export type { FunctionId };

export interface QueueSpec {
  readonly id: QueueId;
  /** The environment variable a function that sends to this queue reads its URL from. */
  readonly urlVariable: string;
  /** Visibility timeout: at least 6 x the consuming function's timeout, as AWS recommends. */
  readonly visibilityTimeoutSeconds: number;
  readonly retentionSeconds: number;
  readonly dlq: { readonly maxReceiveCount: number; readonly retentionSeconds: number };
}

export interface QueueTrigger {
  readonly queue: QueueId;
  readonly batchSize: number;
  readonly maxBatchingWindowSeconds: number;
  /**
   * Most concurrent invocations the queue's event source mapping starts (SQS allows 2 to 1000), so
   * a flood of items cannot take the account's whole concurrency from the alerter.
   */
  readonly maxConcurrency: number;
}

export interface FunctionSpec {
  readonly id: FunctionId;
  readonly description: string;
  /** Handler module, relative to the repository root. */
  readonly entry: string;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  readonly table: 'read' | 'readwrite';
  readonly sendsTo: readonly QueueId[];
  readonly sendsEmail: boolean;
  /** Texts people (SNS Publish to a phone number), when a route in the configuration has numbers. */
  readonly sendsSms: boolean;
  readonly consumes?: QueueTrigger;
  /**
   * Concurrency set aside for this function alone: no flood elsewhere in the account can leave it
   * waiting, and it cannot take more than this. Unset: it shares the account's unreserved pool.
   */
  readonly reservedConcurrency?: number;
}

export type ScheduleExpression =
  | { readonly kind: 'rate'; readonly seconds: number }
  | { readonly kind: 'weekly'; readonly hour: number; readonly minute: number; readonly days: readonly Weekday[] };

export interface ScheduleSpec {
  readonly id: string;
  readonly description: string;
  readonly target: FunctionId;
  readonly expression: ScheduleExpression;
  readonly timeZone: typeof TIME_ZONE;
  readonly input: PollEvent | BriefingEvent | PlannerEvent | ReleaseHeldEvent;
  /** How a run that could not be delivered (or failed) is retried, before it is kept as a failed run. */
  readonly retry: ScheduleRetry;
}

export interface ScheduleRetry {
  /** Retries after the first attempt (Scheduler's default is 185: far too many for a poll). */
  readonly attempts: number;
  /**
   * How long a run is still worth making. A poll is worthless once the next one is due, so it gives
   * up after one period; a weekly run (the briefing) is still wanted late in the morning, so it
   * tries for an hour. Scheduler's limits are 60 s to 24 h.
   */
  readonly maxAgeSeconds: number;
}

/** Where scheduled runs that never happened are kept (in AWS an SQS queue; locally, the log). */
export interface FailedRunsSpec {
  /** Kept for inspection and redrive: the SQS maximum. */
  readonly retentionSeconds: number;
}

/** What the weekly schedule sends the planner (validated by shared/grid/plan-week.ts): plan the following week. */
export interface PlannerEvent {
  readonly v: 1;
  readonly week?: string;
}

export interface TableSpec {
  readonly partitionKey: 'pk';
  readonly sortKey: 'sk';
  readonly ttlAttribute: 'expiresAt';
  readonly indexes: readonly { readonly name: 'gsi1'; readonly partitionKey: 'gsi1pk'; readonly sortKey: 'gsi1sk' }[];
}

export interface Topology {
  readonly table: TableSpec;
  readonly queues: Readonly<Record<QueueId, QueueSpec>>;
  readonly functions: Readonly<Record<FunctionId, FunctionSpec>>;
  readonly schedules: readonly ScheduleSpec[];
  readonly failedRuns: FailedRunsSpec;
}

const DAY = 86_400;

export const failedRuns: FailedRunsSpec = { retentionSeconds: 14 * DAY };

const SCHEDULE_RETRY_ATTEMPTS = 3;

function retryFor(expression: ScheduleExpression): ScheduleRetry {
  const seconds = expression.kind === 'rate' ? expression.seconds : 3600;
  return { attempts: SCHEDULE_RETRY_ATTEMPTS, maxAgeSeconds: Math.min(Math.max(seconds, 60), DAY) };
}

export const table: TableSpec = {
  partitionKey: 'pk',
  sortKey: 'sk',
  ttlAttribute: 'expiresAt',
  indexes: [{ name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' }],
};

export const functions: Readonly<Record<FunctionId, FunctionSpec>> = {
  poller: {
    id: 'poller',
    description: 'Fetches one source group, drops items already seen, queues the new ones',
    entry: 'functions/poller/handler.ts',
    memoryMb: 512,
    timeoutSeconds: 120,
    table: 'readwrite',
    sendsTo: ['ingest'],
    sendsEmail: false,
    sendsSms: false,
  },
  classifier: {
    id: 'classifier',
    description: 'Tags items by priority and sensitivity, stores them, queues alerts',
    entry: 'functions/classifier/handler.ts',
    memoryMb: 512,
    timeoutSeconds: 30,
    table: 'readwrite',
    sendsTo: ['alerts'],
    sendsEmail: false,
    sendsSms: false,
    consumes: { queue: 'ingest', batchSize: 25, maxBatchingWindowSeconds: 5, maxConcurrency: 5 },
  },
  alerter: {
    id: 'alerter',
    description: 'Sends one alert per sensitive story step to its routes (email, webhook, SMS); releases alerts held in quiet hours',
    entry: 'functions/alerter/handler.ts',
    memoryMb: 256,
    timeoutSeconds: 30,
    table: 'readwrite',
    sendsTo: [],
    sendsEmail: true,
    sendsSms: true,
    consumes: { queue: 'alerts', batchSize: 5, maxBatchingWindowSeconds: 0, maxConcurrency: 4 },
    // An alert must never wait behind ingestion: 5 reserved, of which the queue may use 4 and the
    // schedule that releases held alerts the fifth.
    reservedConcurrency: 5,
  },
  briefing: {
    id: 'briefing',
    description: 'Writes and sends the morning political-developments email',
    entry: 'functions/briefing/handler.ts',
    memoryMb: 512,
    timeoutSeconds: 120,
    table: 'readwrite',
    sendsTo: [],
    sendsEmail: true,
    sendsSms: false,
  },
  planner: {
    id: 'planner',
    description: "Plans the following week's social media grid as drafts",
    entry: 'functions/planner/handler.ts',
    memoryMb: 512,
    timeoutSeconds: 120,
    table: 'readwrite',
    sendsTo: [],
    sendsEmail: false,
    sendsSms: false,
  },
  'review-api': {
    id: 'review-api',
    description: 'Serves the grid review page and its API (edit, approve, export)',
    entry: 'functions/review-api/handler.ts',
    memoryMb: 512,
    // API Gateway HTTP APIs wait at most 30 seconds for an integration.
    timeoutSeconds: 29,
    table: 'readwrite',
    sendsTo: [],
    sendsEmail: false,
    sendsSms: false,
  },
};

function queueFor(id: QueueId): QueueSpec {
  const consumer = Object.values(functions).find((f) => f.consumes?.queue === id);
  if (!consumer) throw new Error(`no function consumes the ${id} queue`);
  return {
    id,
    urlVariable: id === 'ingest' ? ENV.ingestQueueUrl : ENV.alertsQueueUrl,
    visibilityTimeoutSeconds: 6 * consumer.timeoutSeconds,
    retentionSeconds: 4 * DAY,
    dlq: { maxReceiveCount: 5, retentionSeconds: 14 * DAY },
  };
}

export const queues: Readonly<Record<QueueId, QueueSpec>> = { ingest: queueFor('ingest'), alerts: queueFor('alerts') };

/** Schedules depend on the configuration: one per source group, and the briefing at its configured time. */
export function schedulesFor(config: Config): ScheduleSpec[] {
  return withoutRetry(config).map((spec) => ({ ...spec, retry: retryFor(spec.expression) }));
}

/** A schedule before its retry policy, which follows from its expression. */
type ScheduleDraft = Omit<ScheduleSpec, 'retry'>;

function withoutRetry(config: Config): ScheduleDraft[] {
  const [hour, minute] = config.briefing.time.split(':').map(Number) as [number, number];
  return [
    ...config.groups.map((group): ScheduleDraft => ({
      id: `poll-${group.id}`,
      description: `Poll the ${group.id} sources every ${group.every}`,
      target: 'poller',
      expression: { kind: 'rate', seconds: parseDurationSeconds(group.every) },
      timeZone: TIME_ZONE,
      input: { v: 1, group: group.id },
    })),
    {
      id: 'briefing',
      description: `Morning briefing at ${config.briefing.time} ${TIME_ZONE} on ${config.briefing.days.join(', ')}`,
      target: 'briefing',
      expression: { kind: 'weekly', hour, minute, days: config.briefing.days },
      timeZone: TIME_ZONE,
      input: { v: 1 },
    },
    briefingCheck(hour, minute, config.briefing.days),
    ...plannerSchedule(config),
    ...quietHoursEnd(config),
  ];
}

/** With quiet hours, the alerter sends what it held when they end, every day, on London's clock. */
function quietHoursEnd(config: Config): ScheduleDraft[] {
  const quiet = config.alerts.quietHours;
  if (!quiet) return [];
  const [hour, minute] = quiet.to.split(':').map(Number) as [number, number];
  return [
    {
      id: 'alerts-release-held',
      description: `Send the alerts held in quiet hours (${quiet.from}–${quiet.to} ${TIME_ZONE}) when they end`,
      target: 'alerter',
      expression: { kind: 'weekly', hour, minute, days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] },
      timeZone: TIME_ZONE,
      input: { v: 1, kind: 'release-held' },
    },
  ];
}

/** The weekly grid planner, when the configuration has a grid: it plans the following week. */
function plannerSchedule(config: Config): ScheduleDraft[] {
  if (!config.grid) return [];
  const { day, time } = config.grid.planner;
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  return [
    {
      id: 'grid-planner',
      description: `Plan the following week's social media grid at ${time} ${TIME_ZONE} on ${day}`,
      target: 'planner',
      expression: { kind: 'weekly', hour, minute, days: [day] },
      timeZone: TIME_ZONE,
      input: { v: 1 },
    },
  ];
}

/** Minutes after the briefing time at which its check runs (and the "briefing not sent" alarm can fire). */
export const BRIEFING_CHECK_DELAY_MINUTES = 15;

function briefingCheck(hour: number, minute: number, days: readonly Weekday[]): ScheduleDraft {
  const total = hour * 60 + minute + BRIEFING_CHECK_DELAY_MINUTES;
  const nextDay = total >= 24 * 60;
  const order = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
  const checkDays = nextDay ? days.map((d) => order[(order.indexOf(d) + 1) % 7] as Weekday) : days;
  const at = total % (24 * 60);
  return {
    id: 'briefing-check',
    description: `Check the briefing was sent, ${BRIEFING_CHECK_DELAY_MINUTES} minutes after its time`,
    target: 'briefing',
    expression: { kind: 'weekly', hour: Math.floor(at / 60), minute: at % 60, days: checkDays },
    timeZone: TIME_ZONE,
    input: { v: 1, check: true },
  };
}

export function buildTopology(config: Config): Topology {
  return { table, queues, functions, schedules: schedulesFor(config), failedRuns };
}
