/**
 * The whole pipeline on one machine: emulators on loopback, the table and queues from the topology,
 * the real handlers invoked in this process with real-shaped events, schedules and queue consumers.
 * Handlers reach the emulators through the standard AWS_ENDPOINT_URL_* variables, with the same
 * @aws-sdk clients they use in AWS.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { releaseUnfinishedClaims } from '../../shared/adapters/aws/delivery-store.js';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Context, SQSEvent } from 'aws-lambda';
import type { Config } from '../../shared/platform/config/schema.js';
import { ENV } from '../../shared/platform/env.js';
import type { BriefingOutcome } from '../../shared/deliver/briefing/send.js';
import type { PollSummary } from '../../shared/ingest/poller/poll-group.js';
import { buildTopology, type FunctionId, type QueueId, type ScheduleSpec, type Topology } from '../../shared/platform/topology.js';
import { lambdaContext } from './lambda-context.js';
import { ensureQueues, ensureTable, type LocalQueue } from './provision.js';
import { QueueConsumer, type SqsHandler } from './queue-consumer.js';
import { LocalScheduler } from './scheduler.js';
import { DurableSqs } from './durable-sqs.js';
import type { JournalModel } from './queue-journal.js';
import { startDynalite, type RunningServer } from './servers.js';
import { readLocalStackInfo, removeLocalStackInfo, writeLocalStackInfo } from './stack-info.js';
import { newLocalCredentials, type LocalCredentials } from './local-guard.js';
import { ARCHIVE_DIR, checkDatabase, DATABASE_DIR, LOCAL_TABLE_NAME, dataDirProblem, DataDirInUseError, markDataDir, probeDatabaseLock } from './data-dir.js';

export const LOCAL_REGION = 'eu-west-2';
const DATA_DIR_CHECK_MS = 5_000;

export interface LocalStackOptions {
  config: Config;
  /** Where dynalite keeps its data and the outbox lives. */
  dataDir: string;
  /** Keep the table in memory instead of under the data dir (tests). */
  inMemory?: boolean;
  /**
   * Shortens the queues' visibility timeout, so that a failed message is retried in seconds rather
   * than the minutes AWS is given (6 x the function timeout). Defaults to the topology's value.
   */
  visibilityTimeoutSeconds?: number;
  /** Told about errors that escape a handler (they also fail the batch). */
  onError?: (where: string, error: unknown) => void;
  /** Told when the data dir vanishes or turns read-only under the running stack (it should stop). */
  onDataDirLost?: (problem: string) => void;
}

/** How the queues stand, from the durable queues' journal (what the next start would find). */
export interface QueueStanding {
  ingest: { waiting: number; inFlight: number };
  ingestDlq: { waiting: number };
  alerts: { waiting: number; inFlight: number };
  alertsDlq: { waiting: number };
}

export interface DrainProgress {
  classified: number;
  alertsProcessed: number;
  waiting: number;
  deadLettered: number;
}

type AnyHandler = (event: unknown, context: Context) => Promise<unknown>;

/** The handler modules, imported lazily: after the environment is set, as a Lambda container would. */
const handlerModules: Record<FunctionId, () => Promise<{ handler: unknown }>> = {
  poller: () => import('../../functions/poller/handler.js'),
  classifier: () => import('../../functions/classifier/handler.js'),
  alerter: () => import('../../functions/alerter/handler.js'),
  briefing: () => import('../../functions/briefing/handler.js'),
  planner: () => import('../../functions/planner/handler.js'),
  'review-api': () => import('../../functions/review-api/handler.js'),
};

export class LocalStack {
  private scheduler: LocalScheduler | undefined;
  private consumersRunning = false;
  private readonly stopHooks: (() => Promise<void>)[] = [];

  private constructor(
    readonly config: Config,
    readonly topology: Topology,
    readonly dataDir: string,
    readonly outboxDir: string,
    readonly queues: Record<QueueId, LocalQueue>,
    readonly endpoints: { dynamodb: string; sqs: string },
    /** This run's random credentials: the emulators refuse requests not signed with them. */
    readonly credentials: LocalCredentials,
    private readonly servers: RunningServer[],
    /** Delivery claims a killed run left unfinished, freed at this start. */
    readonly releasedClaims: number,
    private readonly durableSqs: DurableSqs,
    /** Messages a previous run left on the queues, put back when this one started. */
    readonly restored: { restored: number; deadLettered: number },
    private readonly sqs: SQSClient,
    private readonly consumers: Record<QueueId, QueueConsumer>,
    private readonly onError: (where: string, error: unknown) => void,
    private readonly stopHearingFailures: () => void,
    private readonly inMemory: boolean,
    private readonly onDataDirLost: (problem: string) => void,
  ) {}

  static async start(options: LocalStackOptions): Promise<LocalStack> {
    const topology = buildTopology(options.config);
    const dataDir = resolve(options.dataDir);
    const outboxDir = join(dataDir, 'outbox');
    mkdirSync(outboxDir, { recursive: true });
    if (readLocalStackInfo(dataDir)) throw new DataDirInUseError(dataDir, 'a local stack is running on it');
    if (!options.inMemory) {
      // Never let LevelDB make an empty database over damaged data, nor trip over another's lock.
      checkDatabase(dataDir);
      await probeDatabaseLock(dataDir);
    }
    // Per run, so no web page or other program can guess them; the handlers get them from the
    // environment, other commands from local-stack.json (readable by this user only).
    const credentials = newLocalCredentials();
    const dynamo = await startDynalite(options.inMemory ? undefined : join(dataDir, DATABASE_DIR), { credentials, region: LOCAL_REGION });
    // The queues' journal lives in the data dir: what SendMessage accepted survives kill -9.
    const sqsServer = await DurableSqs.start({ dir: join(dataDir, 'queues'), region: LOCAL_REGION, credentials }).catch(async (error: unknown) => {
      await dynamo.close();
      throw error;
    });

    Object.assign(process.env, {
      AWS_REGION: LOCAL_REGION,
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      AWS_ENDPOINT_URL_SQS: sqsServer.endpoint,
      [ENV.tableName]: LOCAL_TABLE_NAME,
      [ENV.outboxDir]: outboxDir,
      [ENV.ackSecretFile]: ackSecretFile(dataDir),
      [ENV.archiveDir]: join(dataDir, ARCHIVE_DIR),
      // The handlers read the configuration the way a bundled Lambda does.
      [ENV.bundledConfig]: JSON.stringify(options.config),
      POWERTOOLS_SERVICE_NAME: 'despatch',
      // CloudWatch embedded metrics mean nothing on a laptop; they would only clutter the output.
      POWERTOOLS_METRICS_DISABLED: 'true',
    });
    delete process.env.AWS_PROFILE;
    delete process.env.AWS_SESSION_TOKEN;

    const dynamoClient = new DynamoDBClient({});
    const sqs = new SQSClient({});
    await ensureTable(dynamoClient, LOCAL_TABLE_NAME, topology);
    // This process holds the data dir alone, so a claim still "sending" was left by a killed run:
    // free it now, or its alert would wait out the lease and, with local retries in seconds, be dead-lettered.
    const releasedClaims = await releaseUnfinishedClaims(DynamoDBDocumentClient.from(dynamoClient), LOCAL_TABLE_NAME);
    dynamoClient.destroy();
    if (!options.inMemory) markDataDir(dataDir);
    const queues = await ensureQueues(sqs, topology, {
      prefix: 'despatch',
      ...(options.visibilityTimeoutSeconds !== undefined ? { visibilityTimeoutSeconds: options.visibilityTimeoutSeconds } : {}),
    });
    for (const spec of Object.values(topology.queues)) process.env[spec.urlVariable] = queues[spec.id].url;
    const urlByName = new Map(
      Object.values(queues).flatMap(
        (q) =>
          [
            [nameOf(q.url), q.url],
            [nameOf(q.dlqUrl), q.dlqUrl],
          ] as const,
      ),
    );
    const restored = await sqsServer.restore((name) => urlByName.get(name));
    // Other commands (redrive) find the running stack's queues here; local SQS lives only while it runs.
    writeLocalStackInfo(dataDir, {
      pid: process.pid,
      dynamodb: dynamo.endpoint,
      sqs: sqsServer.endpoint,
      credentials,
      queues: Object.fromEntries(Object.values(queues).map((q) => [q.id, { url: q.url, dlqUrl: q.dlqUrl }])),
    });

    // A fresh container for every function: nothing cached from an earlier stack in this process.
    const { resetContainer } = await import('../../shared/runtime/container.js');
    resetContainer();
    // Why a record failed is kept beside it in the journal, for `despatch redrive --list`.
    const { onRecordFailure } = await import('../../shared/runtime/batch.js');
    const stopHearingFailures = onRecordFailure((messageId, reason) => sqsServer.recordFailure(messageId, reason));

    const onError = options.onError ?? (() => undefined);
    const consumers = {} as Record<QueueId, QueueConsumer>;
    for (const spec of Object.values(topology.functions)) {
      const trigger = spec.consumes;
      if (!trigger) continue;
      const { handler } = await handlerModules[spec.id]();
      consumers[trigger.queue] = new QueueConsumer(
        sqs,
        queues[trigger.queue],
        trigger,
        handler as SqsHandler,
        () => lambdaContext(spec, LOCAL_REGION),
        LOCAL_REGION,
        (error) => onError(spec.id, error),
        (messageId, reason) => sqsServer.recordFailure(messageId, reason),
      );
    }
    return new LocalStack(
      options.config,
      topology,
      dataDir,
      outboxDir,
      queues,
      { dynamodb: dynamo.endpoint, sqs: sqsServer.endpoint },
      credentials,
      [dynamo, { endpoint: sqsServer.endpoint, close: () => sqsServer.close() }],
      releasedClaims,
      sqsServer,
      restored,
      sqs,
      consumers,
      onError,
      stopHearingFailures,
      options.inMemory ?? false,
      options.onDataDirLost ?? ((problem) => onError('data dir', new Error(problem))),
    );
  }

  /** Invokes a function as Lambda would, with the given event. */
  async invoke(id: FunctionId, event: unknown): Promise<unknown> {
    const { handler } = await handlerModules[id]();
    return (handler as AnyHandler)(event, lambdaContext(this.topology.functions[id], LOCAL_REGION));
  }

  async pollGroup(group: string): Promise<PollSummary> {
    return (await this.invoke('poller', { v: 1, group })) as PollSummary;
  }

  async pollAllGroups(): Promise<PollSummary[]> {
    return Promise.all(this.config.groups.map((g) => this.pollGroup(g.id)));
  }

  async briefing(now?: Date): Promise<BriefingOutcome> {
    return (await this.invoke('briefing', { v: 1, ...(now ? { now: now.toISOString() } : {}) })) as BriefingOutcome;
  }

  /** Delivers a hand-made SQS event to a queue's consumer function (tests, redelivery). */
  async deliver(queue: QueueId, event: SQSEvent): Promise<unknown> {
    const spec = Object.values(this.topology.functions).find((f) => f.consumes?.queue === queue);
    if (!spec) throw new Error(`no consumer for ${queue}`);
    return this.invoke(spec.id, event);
  }

  /**
   * Consumes both queues until nothing is waiting or in flight (a failing message ends in its DLQ
   * after its retries, so this ends), or until `signal` aborts: then the batch in hand is finished
   * and the rest stays on the (durable) queues for the next start.
   */
  async drain(options: { signal?: AbortSignal; onProgress?: (progress: DrainProgress) => void; progressEveryMs?: number } = {}): Promise<{ drained: boolean }> {
    let lastReport = 0;
    const report = (force = false) => {
      if (!options.onProgress || (!force && Date.now() - lastReport < (options.progressEveryMs ?? 2000))) return;
      lastReport = Date.now();
      options.onProgress(this.progress());
    };
    while (!options.signal?.aborted) {
      let received = 0;
      for (const consumer of Object.values(this.consumers)) {
        if (options.signal?.aborted) break;
        received += (await consumer.consumeOnce(0)).received;
      }
      report();
      if (received > 0) continue;
      if ((await this.queueDepth('ingest')).total === 0 && (await this.queueDepth('alerts')).total === 0) {
        report(true);
        return { drained: true };
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    return { drained: false };
  }

  /** Counts for a progress line: processed by this process, and what the journal says is left. */
  progress(): DrainProgress {
    const standing = this.standing();
    return {
      classified: this.consumers.ingest?.processed ?? 0,
      alertsProcessed: this.consumers.alerts?.processed ?? 0,
      waiting: standing.ingest.waiting + standing.ingest.inFlight + standing.alerts.waiting + standing.alerts.inFlight,
      deadLettered: standing.ingestDlq.waiting + standing.alertsDlq.waiting,
    };
  }

  /** How the queues stand, read from the durable queues' journal. */
  standing(): QueueStanding {
    return queueStanding(
      this.durableSqs.model,
      Date.now(),
      Object.fromEntries(Object.values(this.queues).map((q) => [q.id, { name: nameOf(q.url), dlqName: nameOf(q.dlqUrl) }])),
    );
  }

  async queueDepth(queue: QueueId, which: 'main' | 'dlq' = 'main'): Promise<{ visible: number; inFlight: number; total: number }> {
    const url = which === 'main' ? this.queues[queue].url : this.queues[queue].dlqUrl;
    const { Attributes = {} } = await this.sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: url,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'],
      }),
    );
    const visible = Number(Attributes.ApproximateNumberOfMessages ?? 0);
    const inFlight = Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0) + Number(Attributes.ApproximateNumberOfMessagesDelayed ?? 0);
    return { visible, inFlight, total: visible + inFlight };
  }

  /** Runs the schedules and the queue consumers until stop(). */
  startBackground(onScheduled: (spec: ScheduleSpec, result: unknown) => void): LocalScheduler {
    this.scheduler = new LocalScheduler(this.topology.schedules, async (spec) => onScheduled(spec, await this.invoke(spec.target, spec.input)), {
      onFailedRun: (spec, error, attempts) =>
        this.onError(
          spec.target,
          new Error(`the scheduled run "${spec.description}" failed ${attempts} time(s): ${error instanceof Error ? error.message : String(error)}`),
        ),
    });
    this.scheduler.start();
    for (const consumer of Object.values(this.consumers)) consumer.start();
    this.consumersRunning = true;
    if (!this.inMemory) this.watchDataDir();
    return this.scheduler;
  }

  /** Checks every few seconds that the data dir is still there and writable; says so once if not. */
  private watchDataDir(): void {
    const timer = setInterval(() => {
      const problem = dataDirProblem(this.dataDir);
      if (!problem) return;
      clearInterval(timer);
      this.onDataDirLost(problem);
    }, DATA_DIR_CHECK_MS);
    timer.unref();
    this.stopHooks.push(async () => clearInterval(timer));
  }

  /** Something to close when the stack stops, before the emulators go (the review page's server). */
  onStop(hook: () => Promise<void>): void {
    this.stopHooks.push(hook);
  }

  async stop(): Promise<void> {
    this.scheduler?.stop();
    // The batch in hand is finished and deleted; what is left stays in the journal for the next start.
    if (this.consumersRunning) await Promise.all(Object.values(this.consumers).map((c) => c.stop()));
    for (const hook of this.stopHooks.splice(0)) await hook();
    this.stopHearingFailures();
    this.sqs.destroy();
    for (const server of this.servers) await server.close();
    removeLocalStackInfo(this.dataDir);
  }
}

function nameOf(queueUrl: string): string {
  return queueUrl.slice(queueUrl.lastIndexOf('/') + 1);
}

/** The queues' standing from a journal model, by the names the local stack gives its queues. */
export function queueStanding(
  model: JournalModel,
  now: number,
  names: Record<string, { name: string; dlqName: string }> = {
    ingest: { name: 'despatch-ingest', dlqName: 'despatch-ingest-dlq' },
    alerts: { name: 'despatch-alerts', dlqName: 'despatch-alerts-dlq' },
  },
): QueueStanding {
  const of = (id: string) => names[id] ?? { name: `despatch-${id}`, dlqName: `despatch-${id}-dlq` };
  return {
    ingest: model.counts(of('ingest').name, now),
    ingestDlq: { waiting: model.counts(of('ingest').dlqName, now).waiting },
    alerts: model.counts(of('alerts').name, now),
    alertsDlq: { waiting: model.counts(of('alerts').dlqName, now).waiting },
  };
}

/**
 * The file signing the alert emails' acknowledge links (shared/workspace/ack-link.ts), made once
 * and kept, so links sent before a restart still work; readable by this user only.
 */
function ackSecretFile(dataDir: string): string {
  const path = join(dataDir, 'ack-secret');
  if (!existsSync(path)) writeFileSync(path, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  return path;
}
