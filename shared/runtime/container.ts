/**
 * Everything a function needs that is costly to make — clients, compiled rules, the configuration —
 * made once per container (Lambda keeps a container warm between invocations) and handed to the
 * use cases. Clients pick up AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL_SQS by themselves, which is
 * how the local runtime points the very same code at dynalite and local SQS.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SQSClient } from '@aws-sdk/client-sqs';
import { Logger } from '@aws-lambda-powertools/logger';
import type { Config } from '../config/schema.js';
import { runtimeConfig, resetRuntimeConfig } from '../config/runtime.js';
import { compileRules, type CompiledRules } from '../classifier/rules.js';
import type { Mailer } from '../email/message.js';
import { createOutboxMailer } from '../email/outbox.js';
import { createSesMailer } from '../email/ses.js';
import { ENV, optionalEnv, requireEnv } from '../env.js';
import { createDynamoStore, type Store } from '../store/dynamo-store.js';

export const logger = new Logger({ serviceName: 'despatch' });

interface Container {
  config: Config;
  store: Store;
  sqs: SQSClient;
  rules: CompiledRules;
  mailer: Mailer;
}

let container: Partial<Container> = {};

function memo<K extends keyof Container>(key: K, make: () => Container[K]): Container[K] {
  const existing = container[key];
  if (existing !== undefined) return existing as Container[K];
  const made = make();
  container[key] = made;
  return made;
}

export const config = (): Config => memo('config', runtimeConfig);

export const store = (): Store =>
  memo('store', () => {
    const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });
    return createDynamoStore(doc, requireEnv(ENV.tableName), { retentionDays: config().retention.days });
  });

export const sqs = (): SQSClient => memo('sqs', () => new SQSClient({}));

export const rules = (): CompiledRules => memo('rules', () => compileRules(config()));

/** Email goes to the outbox folder when OUTBOX_DIR is set (local), otherwise through SES v2. */
export const mailer = (): Mailer =>
  memo('mailer', () => {
    const outbox = optionalEnv(ENV.outboxDir);
    if (outbox) return createOutboxMailer(outbox);
    const configurationSet = optionalEnv(ENV.sesConfigurationSet);
    return createSesMailer(new SESv2Client({}), configurationSet ? { configurationSetName: configurationSet } : {});
  });

/** Local runtime only: forget the container, as a fresh Lambda container would start with none. */
export function resetContainer(): void {
  for (const client of [container.sqs]) client?.destroy();
  container = {};
  resetRuntimeConfig();
}
