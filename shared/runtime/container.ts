/**
 * Everything a function needs that is costly to make — clients, compiled rules, the configuration —
 * made once per container (Lambda keeps a container warm between invocations) and handed to the
 * use cases. Clients pick up AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL_SQS by themselves, which is
 * how the local runtime points the very same code at dynalite and local SQS.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { SSMClient } from '@aws-sdk/client-ssm';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { Config } from '../platform/config/schema.js';
import type { FunctionConfig } from '../platform/config/projections.js';
import type { FunctionId } from '../platform/topology.js';
import { commonConfig, runtimeConfig, resetRuntimeConfig } from './config.js';
import { compileRules, type CompiledRules } from '../classify/compile-rules.js';
import type { Mailer } from '../deliver/email/message.js';
import { alsoToOutbox, createOutboxMailer } from '../adapters/local/outbox.js';
import { createSesMailer } from '../adapters/aws/ses.js';
import type { SmsSender, WebhookPoster } from '../deliver/ports.js';
import { createSnsSmsSender } from '../adapters/aws/sns-sms.js';
import { createOutboxSmsSender, withOutboxCopy } from '../adapters/local/outbox-senders.js';
import { createWebhookPoster } from '../adapters/webhook.js';
import { createSsmSecrets } from '../adapters/aws/ssm-secrets.js';
import { createConfigSecrets } from '../adapters/local/config-secrets.js';
import { secretParameters, unsealAlertSecrets, type SecretsPort } from '../deliver/alerts/secrets.js';
import { ENV, optionalEnv, requireEnv } from '../platform/env.js';
import { createDynamoStore, type Store } from '../adapters/aws/dynamo-store.js';
import { createGridStore } from '../adapters/aws/grid-store.js';
import { createAlertActionStore } from '../adapters/aws/workspace-store.js';
import type { AlertActionStore } from '../workspace/alert-actions.js';
import { fileAckSecret, ssmAckSecret } from '../adapters/aws/ack-secret.js';
import type { GridStore } from '../grid/ports.js';
import { compileGridRules, type GridRules } from '../grid/hooks.js';
import { requireGrid } from '../grid/planner.js';
import { createSqsQueueSender } from '../adapters/aws/sqs-send-batch.js';
import type { QueueSender } from '../ingest/ports.js';
import { meterConsumedCapacity, newMeter } from './capacity.js';
import { createFileArchive, type FileArchive } from '../adapters/local/file-archive.js';

const METER_CAPACITY = 'DESPATCH_METER_CAPACITY';
/** What the functions' DynamoDB calls cost, when DESPATCH_METER_CAPACITY is set (benchmarks). */
export const capacity = newMeter();

export const logger = new Logger({ serviceName: 'despatch' });
/** Counts for the dashboard and alarms (infra/operations.ts), as CloudWatch embedded-metric log lines. */
export const metrics = new Metrics({
  namespace: 'Despatch',
  serviceName: 'despatch',
  // The library's own messages go through our structured logger, never raw to the console. An
  // invocation that counted nothing (a quiet poll) is normal, so that one is a debug line.
  logger: {
    debug: (...args: unknown[]) => logger.debug(String(args[0])),
    info: (...args: unknown[]) => logger.info(String(args[0])),
    warn: (...args: unknown[]) => (String(args[0]).startsWith('No application metrics') ? logger.debug(String(args[0])) : logger.warn(String(args[0]))),
    error: (...args: unknown[]) => logger.error(String(args[0])),
  },
});

interface Container {
  doc: DynamoDBDocumentClient;
  store: Store;
  gridStore: GridStore;
  alertActions: AlertActionStore;
  ackSecret: Promise<Buffer | undefined>;
  gridRules: GridRules;
  sqs: SQSClient;
  rules: CompiledRules;
  mailer: Mailer;
  sms: SmsSender;
  webhooks: WebhookPoster;
  ingestQueue: QueueSender;
  alertsQueue: QueueSender;
  alertConfig: Promise<FunctionConfig<'alerter'>>;
  archive: FileArchive | null;
}

let container: Partial<Container> = {};

function memo<K extends keyof Container>(key: K, make: () => Container[K]): Container[K] {
  const existing = container[key];
  if (existing !== undefined) return existing as Container[K];
  const made = make();
  container[key] = made;
  return made;
}

/** The configuration function `id` carries (its projection, parsed once per container). */
export const config = <F extends FunctionId>(id: F): FunctionConfig<F> => runtimeConfig(id);

/** One DynamoDB client per container, shared by every store. */
const doc = (): DynamoDBDocumentClient =>
  memo('doc', () => {
    const client = new DynamoDBClient({});
    // Benchmarks ask the functions to report DynamoDB's own capacity figures.
    if (optionalEnv(METER_CAPACITY)) meterConsumedCapacity(client, capacity);
    return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  });

export const store = (): Store => memo('store', () => createDynamoStore(doc(), requireEnv(ENV.tableName), { retentionDays: commonConfig().retention.days }));

/**
 * The search archive, locally (DESPATCH_ARCHIVE_DIR); null in AWS, where day files would go to S3
 * (not built yet: see the README's search section).
 */
export const archive = (): FileArchive | null =>
  memo('archive', () => {
    const dir = optionalEnv(ENV.archiveDir);
    return dir ? createFileArchive(dir, { retentionDays: commonConfig().retention.days }) : null;
  });

/** The grid's weeks, slots and draft-read log, in the same table. */
export const gridStore = (): GridStore =>
  memo('gridStore', () => createGridStore(doc(), requireEnv(ENV.tableName), { retentionDays: commonConfig().retention.days }));

/** What the office did about each alert, and the acknowledge links used (the workspace's Alerts view). */
export const alertActionStore = (): AlertActionStore => memo('alertActions', () => createAlertActionStore(doc(), requireEnv(ENV.tableName)));

/**
 * The acknowledge links' signing secret, read once per container: SSM in AWS, the data dir's file
 * locally; undefined where neither is set up (the alert emails then carry no acknowledge link).
 * A failed read is not kept, so the next request tries again.
 */
export const ackSecret = (): Promise<Buffer | undefined> =>
  memo('ackSecret', () => {
    const parameter = optionalEnv(ENV.ackSecretParameter);
    const file = optionalEnv(ENV.ackSecretFile);
    const loading = parameter ? ssmAckSecret(new SSMClient({}), parameter) : Promise.resolve(file ? fileAckSecret(file) : undefined);
    loading.catch(() => {
      if (container.ackSecret === loading) delete container.ackSecret;
    });
    return loading;
  });

/** The grid's compiled rules (hooks, publicity, controversial matters); needs `grid` in the configuration. */
export const gridRules = (grid: FunctionConfig<'planner' | 'review-api'>): GridRules => memo('gridRules', () => compileGridRules(grid, requireGrid(grid)));

export const sqs = (): SQSClient => memo('sqs', () => new SQSClient({}));

/** The queue the poller hands new items to. */
export const ingestQueue = (): QueueSender => memo('ingestQueue', () => createSqsQueueSender(sqs(), requireEnv(ENV.ingestQueueUrl)));

/** The queue the classifier hands due story alerts to. */
export const alertsQueue = (): QueueSender => memo('alertsQueue', () => createSqsQueueSender(sqs(), requireEnv(ENV.alertsQueueUrl)));

export const rules = (): CompiledRules => memo('rules', () => compileRules(config('classifier')));

/**
 * Email goes to the outbox folder when OUTBOX_DIR is set (local), and also through SMTP when the
 * configuration has email.smtp; otherwise (AWS) through SES v2.
 */
export const mailer = (email: Config['email']): Mailer =>
  memo('mailer', () => {
    const outbox = optionalEnv(ENV.outboxDir);
    if (outbox) {
      const smtp = email.smtp;
      // nodemailer's SMTP transport is loaded only where it is used (a laptop with email.smtp).
      return smtp
        ? alsoToOutbox(
            lazyMailer(async () => (await import('../adapters/local/smtp.js')).createSmtpMailer(smtp)),
            outbox,
          )
        : createOutboxMailer(outbox);
    }
    const configurationSet = optionalEnv(ENV.sesConfigurationSet);
    return createSesMailer(new SESv2Client({}), configurationSet ? { configurationSetName: configurationSet } : {});
  });

/** Text messages: SNS in AWS, the outbox (.sms.txt) locally. */
export const smsSender = (): SmsSender =>
  memo('sms', () => {
    const outbox = optionalEnv(ENV.outboxDir);
    return outbox ? createOutboxSmsSender(outbox) : createSnsSmsSender(new SNSClient({}));
  });

/** Teams and Slack webhooks, through the safe fetch with the configuration's network rules; locally copied to the outbox. */
export const webhookPoster = (): WebhookPoster =>
  memo('webhooks', () => {
    const network = config('alerter').network;
    const poster = createWebhookPoster({
      allowPrivateHosts: network.allowPrivateHosts,
      userAgent: `Despatch/0.1 (alerts for a council Mayor's office; contact: ${network.contact})`,
      // A webhook answers in a second or two; the alerter has 30 s for a batch.
      timeoutMs: Math.min(network.timeoutSeconds, 10) * 1000,
      maxBodyBytes: 64 * 1024,
    });
    const outbox = optionalEnv(ENV.outboxDir);
    return outbox ? withOutboxCopy(poster, outbox) : poster;
  });

/**
 * The alert routes' secrets: from SSM Parameter Store in AWS (the alerter's bundle carries the
 * configuration with them sealed out), from the local configuration itself for `npm start`.
 */
function secretsPort(): SecretsPort {
  // Only the deployed alerter has a prefix (infra/despatch-function.ts); a sealed configuration
  // without one fails in unsealAlertSecrets, naming the route, rather than alerting nobody.
  const prefix = optionalEnv(ENV.secretsPrefix);
  return prefix ? createSsmSecrets(new SSMClient({}), prefix) : createConfigSecrets(() => config('alerter'));
}

/**
 * The alerter's configuration, with the routes' webhook addresses and numbers back in it: read once
 * per container (cold start). A failed read is not kept, so the next message tries again.
 */
export const alertConfig = (): Promise<FunctionConfig<'alerter'>> =>
  memo('alertConfig', () => {
    const loading = (async () => {
      const sealed = config('alerter');
      const wanted = secretParameters(sealed);
      return wanted.length === 0 ? sealed : unsealAlertSecrets(sealed, await secretsPort().load(wanted));
    })();
    loading.catch(() => {
      if (container.alertConfig === loading) delete container.alertConfig;
    });
    return loading;
  });

function lazyMailer(load: () => Promise<Mailer>): Mailer {
  let loaded: Promise<Mailer> | undefined;
  return { send: async (message) => (await (loaded ??= load())).send(message) };
}

/** Local runtime only: forget the container, as a fresh Lambda container would start with none. */
export function resetContainer(): void {
  container.sqs?.destroy();
  container.doc?.destroy();
  container = {};
  resetRuntimeConfig();
}
