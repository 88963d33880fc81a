/**
 * The pipeline's shape, defined once: which schedule triggers which function, which queue feeds
 * which function, batch sizes, DLQs and timeouts. The CDK app (infra/) and the local runtime
 * (infra/local/) both read this, so the cloud and the laptop cannot drift apart.
 */
import { parseDurationSeconds, type Config, type Weekday } from './config/schema.js';
import type { BriefingEvent, PollEvent } from './model.js';

export const TIME_ZONE = 'Europe/London';

export type QueueId = 'ingest' | 'alerts';
export type FunctionId = 'poller' | 'classifier' | 'alerter' | 'briefing';

export interface QueueSpec {
  readonly id: QueueId;
  /** Visibility timeout: at least 6 x the consuming function's timeout, as AWS recommends. */
  readonly visibilityTimeoutSeconds: number;
  readonly retentionSeconds: number;
  readonly dlq: { readonly maxReceiveCount: number; readonly retentionSeconds: number };
}

export interface QueueTrigger {
  readonly queue: QueueId;
  readonly batchSize: number;
  readonly maxBatchingWindowSeconds: number;
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
  readonly consumes?: QueueTrigger;
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
  readonly input: PollEvent | BriefingEvent;
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
}

const DAY = 86_400;

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
    consumes: { queue: 'ingest', batchSize: 25, maxBatchingWindowSeconds: 5 },
  },
  alerter: {
    id: 'alerter',
    description: 'Emails one alert per sensitive item',
    entry: 'functions/alerter/handler.ts',
    memoryMb: 256,
    timeoutSeconds: 30,
    table: 'readwrite',
    sendsTo: [],
    sendsEmail: true,
    consumes: { queue: 'alerts', batchSize: 5, maxBatchingWindowSeconds: 0 },
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
  },
};

function queueFor(id: QueueId): QueueSpec {
  const consumer = Object.values(functions).find((f) => f.consumes?.queue === id);
  if (!consumer) throw new Error(`no function consumes the ${id} queue`);
  return {
    id,
    visibilityTimeoutSeconds: 6 * consumer.timeoutSeconds,
    retentionSeconds: 4 * DAY,
    dlq: { maxReceiveCount: 5, retentionSeconds: 14 * DAY },
  };
}

export const queues: Readonly<Record<QueueId, QueueSpec>> = { ingest: queueFor('ingest'), alerts: queueFor('alerts') };

/** Schedules depend on the configuration: one per source group, and the briefing at its configured time. */
export function schedulesFor(config: Config): ScheduleSpec[] {
  const [hour, minute] = config.briefing.time.split(':').map(Number) as [number, number];
  return [
    ...config.groups.map(
      (group): ScheduleSpec => ({
        id: `poll-${group.id}`,
        description: `Poll the ${group.id} sources every ${group.every}`,
        target: 'poller',
        expression: { kind: 'rate', seconds: parseDurationSeconds(group.every) },
        timeZone: TIME_ZONE,
        input: { v: 1, group: group.id },
      }),
    ),
    {
      id: 'briefing',
      description: `Morning briefing at ${config.briefing.time} ${TIME_ZONE} on ${config.briefing.days.join(', ')}`,
      target: 'briefing',
      expression: { kind: 'weekly', hour, minute, days: config.briefing.days },
      timeZone: TIME_ZONE,
      input: { v: 1 },
    },
  ];
}

export function buildTopology(config: Config): Topology {
  return { table, queues, functions, schedules: schedulesFor(config) };
}
