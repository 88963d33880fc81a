/**
 * The stateless half: one function per topology entry, wired to the table, queues, SES and its
 * schedules exactly as the topology says.
 *   schedule ─► poller ─► ingest ─► classifier ─► alerts ─► alerter ─► SES
 *   schedule ─► briefing ─► SES
 *   schedule ─► planner ─► table (the grid);  HTTP API ─► review-api (infra/review.ts)
 */
import { ArnFormat, Stack, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { ScheduleTargetInput, Schedule } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { Config } from '../shared/platform/config/schema.js';
import type { FunctionId, FunctionSpec, QueueId, Topology } from '../shared/platform/topology.js';
import { DespatchFunction } from './despatch-function.js';
import { TABLE_ACCESS } from './table-access.js';
import { maxDeliveryAge, scheduleExpression } from './schedules.js';
import type { Stateful } from './stateful.js';
import { sealAlertSecrets, secretParameters, secretsPrefix } from '../shared/deliver/alerts/secrets.js';
import { projectConfig } from '../shared/platform/config/projections.js';

export interface PipelineProps {
  readonly topology: Topology;
  /** The validated configuration: bundled into each function, and the source of the SES from-addresses. */
  readonly config: Config;
  readonly stateful: Stateful;
  /**
   * SES configuration set the email senders use (and may use, in IAM).
   * @default - none
   */
  readonly sesConfigurationSet?: string;
  /**
   * Folder the topology's handler entries are relative to.
   * @default the repository root
   */
  readonly sourceRoot?: string;
  /**
   * Files to copy into a function's bundle (the review page's files for review-api).
   * @default - none
   */
  readonly bundleFiles?: Partial<Record<FunctionId, Readonly<Record<string, string>>>>;
}

export class Pipeline extends Construct {
  readonly functions: Readonly<Record<FunctionId, DespatchFunction>>;
  readonly schedules: ReadonlyMap<string, Schedule>;

  constructor(scope: Construct, id: string, props: PipelineProps) {
    super(scope, id);
    const { topology, config, stateful } = props;
    // Every address the office sends from; SES may authorise a send against any of them.
    const fromAddresses = [...new Set([config.briefing.from, config.alerts.from ?? config.briefing.from])];
    const scheduledTargets = new Set(topology.schedules.map((s) => s.target));
    // No bundle carries a webhook address or phone number: they are in Parameter Store, read by
    // the alerter alone (shared/deliver/alerts/secrets.ts); only the alerter's projection has routes.
    const bundled = sealAlertSecrets(config);
    const hasSecrets = secretParameters(config).length > 0;

    const make = (spec: FunctionSpec): DespatchFunction => {
      const fn = new DespatchFunction(this, pascalCase(spec.id), {
        spec,
        // Only the part of the configuration this function reads (shared/platform/config/projections.ts).
        config: projectConfig(spec.id, bundled),
        sourceRoot: props.sourceRoot,
        bundleFiles: props.bundleFiles?.[spec.id],
        // Scheduler invokes asynchronously: a run that fails all Lambda's retries lands here.
        deadLetterQueue: scheduledTargets.has(spec.id) ? stateful.failedRuns : undefined,
      });
      if (spec.id === 'planner' && !scheduledTargets.has(spec.id)) {
        Validations.of(fn.fn).acknowledge({
          id: 'Serverless-LambdaDLQ',
          reason: 'The configuration has no grid section, so no schedule invokes the planner; it runs only when an operator invokes it synchronously.',
        });
      }
      fn.useTable(stateful.table, TABLE_ACCESS[spec.id]);
      for (const queue of spec.sendsTo) fn.sendsTo(stateful.queues[queue].queue, topology.queues[queue].urlVariable);
      if (spec.consumes) fn.consumes(stateful.queues[spec.consumes.queue].queue, spec.consumes);
      if (spec.sendsEmail) fn.sendsEmailFrom(fromAddresses, props.sesConfigurationSet);
      // Only when a route texts someone: otherwise the alerter cannot publish to SNS at all.
      if (spec.sendsSms && config.alerts.routes.some((r) => r.sms.length > 0)) fn.sendsSms();
      if (spec.id === 'alerter' && hasSecrets) fn.readsSecrets(secretsPrefix(Stack.of(this).stackName));
      return fn;
    };
    const f = topology.functions;
    this.functions = {
      poller: make(f.poller),
      classifier: make(f.classifier),
      alerter: make(f.alerter),
      briefing: make(f.briefing),
      planner: make(f.planner),
      'review-api': make(f['review-api']),
    };

    const schedules = new Map<string, Schedule>();
    const schedulerRoles = new Map<FunctionId, Role>();
    for (const spec of topology.schedules) {
      let role = schedulerRoles.get(spec.target);
      if (!role) {
        role = this.schedulerRole(spec.target);
        schedulerRoles.set(spec.target, role);
      }
      schedules.set(
        spec.id,
        new Schedule(this, `Schedule-${spec.id}`, {
          description: spec.description,
          schedule: scheduleExpression(spec),
          target: new LambdaInvoke(this.functions[spec.target].fn, {
            role,
            input: ScheduleTargetInput.fromObject(spec.input),
            retryAttempts: spec.retry.attempts,
            maxEventAge: maxDeliveryAge(spec),
            deadLetterQueue: stateful.failedRuns,
          }),
        }),
      );
    }
    this.schedules = schedules;
  }

  /**
   * The role EventBridge Scheduler assumes to invoke one function; only schedules in this account's
   * default group can assume it. LambdaInvoke adds the invoke and DLQ permissions to it. Made
   * here rather than left to LambdaInvoke so its acknowledgement sits beside it.
   */
  private schedulerRole(target: FunctionId): Role {
    const stack = Stack.of(this);
    const fn = this.functions[target];
    const role = new Role(this, `SchedulerRole-${target}`, {
      description: `EventBridge Scheduler invokes the Despatch ${target} function`,
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: {
          StringEquals: {
            'aws:SourceAccount': stack.account,
            'aws:SourceArn': stack.formatArn({
              service: 'scheduler',
              resource: 'schedule-group',
              resourceName: 'default',
              arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
            }),
          },
        },
      }),
    });
    const cfnFunction = stack.getLogicalId(fn.fn.node.defaultChild as CfnFunction);
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${cfnFunction}.Arn>:*]`,
      reason: `CDK's grantInvoke also allows the ${target} function's own versions and aliases (<arn>:*); no other function.`,
    });
    return role;
  }
}

function pascalCase(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_, __: string, c: string) => c.toUpperCase());
}
