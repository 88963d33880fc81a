/**
 * Environment variables the functions read, named once. Both hosts set them: the CDK app on each
 * Lambda, the local runtime in its own process.
 */
export const ENV = {
  tableName: 'TABLE_NAME',
  ingestQueueUrl: 'INGEST_QUEUE_URL',
  alertsQueueUrl: 'ALERTS_QUEUE_URL',
  /** Local only: when set, email is written to this folder instead of sent through SES. */
  outboxDir: 'OUTBOX_DIR',
  /** Local only: when set, the classifier also archives each stored item here, for search (shared/adapters/local/file-archive.ts). */
  archiveDir: 'DESPATCH_ARCHIVE_DIR',
  /** Optional SES configuration set for delivery events. */
  sesConfigurationSet: 'SES_CONFIGURATION_SET',
  /** Inlined into each Lambda bundle at build time (esbuild `define`); never set by hand. */
  bundledConfig: 'DESPATCH_CONFIG_JSON',
  /** The alerter only: Parameter Store prefix of the alert routes' secrets (`/despatch/<stack>/alerts`). */
  secretsPrefix: 'DESPATCH_SECRETS_PREFIX',
  /** The alerter and review API in AWS: the SSM SecureString signing the alert emails' acknowledge links. */
  ackSecretParameter: 'DESPATCH_ACK_SECRET_PARAMETER',
  /** Locally: the file in the data dir holding that secret. */
  ackSecretFile: 'DESPATCH_ACK_SECRET_FILE',
} as const;

export class MissingEnvironmentError extends Error {
  constructor(readonly variable: string) {
    super(`Environment variable ${variable} is not set`);
    this.name = 'MissingEnvironmentError';
  }
}

/** Reads a variable that must be set; throws a clear error naming it when it is not. */
export function requireEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new MissingEnvironmentError(name);
  return value;
}

export function optionalEnv(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value === '' ? undefined : value;
}
