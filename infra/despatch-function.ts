/**
 * The house Lambda function: one per topology entry, with the defaults every function shares
 * (latest Node.js on arm64, X-Ray, its own log group and role, ESM bundle with the validated
 * configuration inlined) and small methods that give a permission and the matching environment
 * variable together, so a function never has one without the other.
 */
import { join } from 'node:path';
import { ArnFormat, CfnElement, Duration, Stack, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { NodejsFunction, OutputFormat, type ICommandHooks } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { FunctionConfig } from '../shared/platform/config/projections.js';
import { ENV } from '../shared/platform/env.js';
import type { FunctionId, FunctionSpec, QueueTrigger } from '../shared/platform/topology.js';
import { lockFile, repoRoot } from './paths.js';
import type { TableAccess } from './table-access.js';

/**
 * Lets the bundled ESM code `require()` the CommonJS modules some dependencies still load at run
 * time; esbuild cannot turn those into imports.
 */
const ESM_REQUIRE_BANNER = "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

export interface DespatchFunctionProps {
  /** What the function is: entry, memory, timeout, description. From the topology. */
  readonly spec: FunctionSpec;
  /**
   * The function's projection of the validated configuration, inlined into the bundle
   * (shared/runtime/config.ts reads it through the same projection's schema).
   */
  readonly config: FunctionConfig<FunctionId>;
  /**
   * Folder that `spec.entry` is relative to.
   * @default the repository root
   */
  readonly sourceRoot?: string;
  /**
   * Queue for asynchronous invocations that failed all their retries (scheduled functions).
   * @default - none: the function is not invoked asynchronously
   */
  readonly deadLetterQueue?: IQueue;
  /**
   * How long the function's logs are kept. Logs may name people in the news: keep them short.
   * @default RetentionDays.ONE_MONTH
   */
  readonly logRetention?: RetentionDays;
  /**
   * Files copied into the bundle beside index.mjs: name in the bundle → absolute path (the review
   * page's files, too big to inline as a define on esbuild's command line).
   * @default - none
   */
  readonly bundleFiles?: Readonly<Record<string, string>>;
}

export class DespatchFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: DespatchFunctionProps) {
    super(scope, id);
    const { spec, config } = props;

    this.logGroup = new LogGroup(this, 'Logs', { retention: props.logRetention ?? RetentionDays.ONE_MONTH });

    // An explicit role instead of the default one, which would carry the AWSLambdaBasicExecutionRole
    // managed policy (logs on every log group in the account); this one can write only its own logs.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Despatch ${spec.id}: ${spec.description}`,
    });
    this.logGroup.grantWrite(this.role);

    this.fn = new NodejsFunction(this, 'Function', {
      entry: join(props.sourceRoot ?? repoRoot, spec.entry),
      handler: 'handler',
      description: spec.description,
      // NODEJS_LATEST follows aws-cdk-lib upgrades, which is what AwsSolutions-L1 checks against.
      runtime: Runtime.NODEJS_LATEST,
      architecture: Architecture.ARM_64,
      memorySize: spec.memoryMb,
      timeout: Duration.seconds(spec.timeoutSeconds),
      tracing: Tracing.ACTIVE,
      reservedConcurrentExecutions: spec.reservedConcurrency,
      role: this.role,
      logGroup: this.logGroup,
      deadLetterQueue: props.deadLetterQueue,
      environment: {
        POWERTOOLS_SERVICE_NAME: 'despatch',
        POWERTOOLS_LOG_LEVEL: 'INFO',
        // Stack traces point at the TypeScript source, not the minified bundle.
        NODE_OPTIONS: '--enable-source-maps',
      },
      projectRoot: repoRoot,
      depsLockFilePath: lockFile,
      bundling: {
        format: OutputFormat.ESM,
        // Syntax floor for the bundle; every runtime NODEJS_LATEST can point at runs it.
        target: 'node22',
        minify: true,
        sourceMap: true,
        // Line mapping is enough for stack traces; leaving the sources out keeps the package small.
        sourcesContent: false,
        mainFields: ['module', 'main'],
        banner: ESM_REQUIRE_BANNER,
        // Bundle the AWS SDK too: the functions run the client versions they were tested with,
        // not whatever the runtime ships that month.
        externalModules: [],
        define: { [`process.env.${ENV.bundledConfig}`]: JSON.stringify(JSON.stringify(config)) },
        ...(props.bundleFiles ? { commandHooks: copyIntoBundle(props.bundleFiles) } : {}),
        // No Docker on the build machines: esbuild from node_modules does the bundling.
        forceDockerBundling: false,
      },
    });

    // Tracing.ACTIVE grants these two X-Ray actions on "*", the only resource X-Ray accepts.
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'Only xray:PutTraceSegments and xray:PutTelemetryRecords use "*": X-Ray does not support resource-level permissions.',
    });
  }

  /**
   * Exactly the table actions the function's code makes (infra/table-access.ts), on the table and
   * its indexes, and `TABLE_NAME` to find it. Writes are limited to the partition keys the function
   * owns: every key a write touches must match one of `writeKeys` (dynamodb:LeadingKeys).
   */
  useTable(table: ITable, access: TableAccess): void {
    const resources = [table.tableArn, `${table.tableArn}/index/*`];
    if (access.reads.length > 0) this.fn.addToRolePolicy(new PolicyStatement({ actions: [...access.reads], resources }));
    if (access.writes.length > 0) {
      if (access.writeKeys.length === 0) throw new Error(`${this.node.path}: table writes need the partition keys they may touch`);
      this.fn.addToRolePolicy(
        new PolicyStatement({
          actions: [...access.writes],
          // Writes go to the table's own keys; an index is never written directly.
          resources: [table.tableArn],
          conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...access.writeKeys] } },
        }),
      );
    }
    this.fn.addEnvironment(ENV.tableName, table.tableName);
    const cfnTable = table.node.defaultChild;
    if (!CfnElement.isCfnElement(cfnTable)) throw new Error(`${table.node.path} is not a table defined in this app`);
    Validations.of(this.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${Stack.of(cfnTable).getLogicalId(cfnTable)}.Arn>/index/*]`,
      reason: 'Query on the indexes of this one table (the gsi1 access patterns); no other table is reachable.',
    });
  }

  /** Permission to send to a queue, and the environment variable that holds its URL. */
  sendsTo(queue: IQueue, urlVariable: string): void {
    queue.grantSendMessages(this.fn);
    this.fn.addEnvironment(urlVariable, queue.queueUrl);
  }

  /** Consumes a queue in batches, reporting failed records one by one so the rest are deleted. */
  consumes(queue: IQueue, trigger: QueueTrigger): void {
    this.fn.addEventSource(
      new SqsEventSource(queue, {
        batchSize: trigger.batchSize,
        maxBatchingWindow: trigger.maxBatchingWindowSeconds > 0 ? Duration.seconds(trigger.maxBatchingWindowSeconds) : undefined,
        reportBatchItemFailures: true,
        maxConcurrency: trigger.maxConcurrency,
      }),
    );
    Validations.of(this.fn).acknowledge({
      id: 'Serverless-LambdaDLQ',
      reason:
        "Invoked synchronously by an SQS event source mapping: a failed message returns to its queue and goes to that queue's DLQ after maxReceiveCount. A function DLQ only applies to asynchronous invocations.",
    });
    Validations.of(this.fn).acknowledge({
      id: 'Serverless-LambdaEventSourceMappingDestination',
      reason: "SQS event source mappings do not support on-failure destinations; failed messages go to the source queue's redrive DLQ instead.",
    });
  }

  /**
   * SES v2 `SendEmail` from the given addresses only. SES authorises a send against the address
   * identity or its domain identity, whichever is verified, so both are allowed; with a
   * configuration set, SES also checks the set.
   */
  /**
   * SNS Publish straight to phone numbers (alert routes with `sms`). A phone number has no ARN, so
   * IAM cannot name it; NotResource on every SNS ARN allows text messages and no topic at all.
   */
  sendsSms(): void {
    this.fn.addToRolePolicy(new PolicyStatement({ actions: ['sns:Publish'], notResources: ['arn:aws:sns:*:*:*'] }));
  }

  /**
   * Reads the SecureString parameters under `prefix` (the alert routes' secrets) and sets the
   * variable that names it. Decrypt is through the account's aws/ssm key, for Parameter Store only
   * and only for parameters under the prefix (the encryption context names the parameter).
   */
  readsSecrets(prefix: string): void {
    const stack = Stack.of(this);
    const parameterArn = stack.formatArn({
      service: 'ssm',
      resource: 'parameter',
      resourceName: `${prefix.replace(/^\//, '')}/*`,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
    this.fn.addToRolePolicy(new PolicyStatement({ actions: ['ssm:GetParameters'], resources: [parameterArn] }));
    this.fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['kms:Decrypt'],
        resources: [stack.formatArn({ service: 'kms', resource: 'key', resourceName: '*', arnFormat: ArnFormat.SLASH_RESOURCE_NAME })],
        conditions: {
          StringEquals: { 'kms:ViaService': `ssm.${stack.region}.amazonaws.com` },
          StringLike: { 'kms:EncryptionContext:PARAMETER_ARN': parameterArn },
        },
      }),
    );
    this.fn.addEnvironment(ENV.secretsPrefix, prefix);
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ssm:<AWS::Region>:<AWS::AccountId>:parameter' + `${prefix}/*]`,
      reason: "The alert routes' secrets: every parameter under this stack's own prefix, one per webhook and per route's numbers.",
    });
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:kms:<AWS::Region>:<AWS::AccountId>:key/*]',
      reason:
        "The AWS-managed aws/ssm key has no ARN known at synth; Decrypt is limited to calls through Parameter Store in this region for parameters under this stack's prefix.",
    });
  }

  sendsEmailFrom(addresses: readonly string[], configurationSet?: string): void {
    const stack = Stack.of(this);
    const identity = (name: string): string =>
      stack.formatArn({ service: 'ses', resource: 'identity', resourceName: name, arnFormat: ArnFormat.SLASH_RESOURCE_NAME });
    const identities = new Set(addresses.flatMap((address) => [address, domainOf(address)]));
    const resources = [...identities].map(identity);
    if (configurationSet) {
      resources.push(
        stack.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: configurationSet, arnFormat: ArnFormat.SLASH_RESOURCE_NAME }),
      );
      this.fn.addEnvironment(ENV.sesConfigurationSet, configurationSet);
    }
    this.fn.addToRolePolicy(new PolicyStatement({ actions: ['ses:SendEmail', 'ses:SendRawEmail'], resources }));
  }
}

/** Bundling hooks that copy files into the bundle's folder after esbuild has run. */
function copyIntoBundle(files: Readonly<Record<string, string>>): ICommandHooks {
  return {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (_inputDir, outputDir) => Object.entries(files).map(([name, from]) => `cp "${from}" "${join(outputDir, name)}"`),
  };
}

function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 1) throw new Error(`not an email address: ${address}`);
  return address.slice(at + 1);
}
