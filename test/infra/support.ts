/**
 * Builds the Despatch stack for the infra tests the way `cdk synth` does (same feature flags from
 * cdk.json, same cdk-nag packs), against stub handlers and, unless asked, without bundling.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, CfnElement } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import * as z from 'zod';
import { parseConfig } from '../../shared/platform/config/load.js';
import type { Config } from '../../shared/platform/config/schema.js';
import type { FunctionId } from '../../shared/platform/topology.js';
import { addNagChecks } from '../../infra/nag.js';
import { repoRoot } from '../../infra/paths.js';
import { DespatchStack } from '../../infra/stack.js';

/** Holds functions/<id>/handler.ts stubs shaped like the real ones. */
export const stubSourceRoot = fileURLToPath(new URL('./fixtures/', import.meta.url));

const cdkJson = z.object({ context: z.record(z.string(), z.unknown()) });
/** The context `cdk synth` passes the app: feature flags and the default config path. */
export const cdkContext = cdkJson.parse(JSON.parse(readFileSync(join(repoRoot, 'cdk.json'), 'utf8'))).context;

/**
 * A small configuration that differs from the example where it matters: three groups with
 * different rates, a briefing on three days at 06:45, and alerts from another domain.
 */
export const TEST_CONFIG_YAML = `
council: { name: Test Borough Council, short: Testborough }
mayor: { name: Pat Example }
priorities:
  - { id: housing, name: Housing, query: '"council homes"' }
sensitivity: { triggers: [inquiry] }
groups:
  - { id: press, every: 10m }
  - { id: legislation, every: 1h }
  - { id: council, every: 1d }
sources:
  - { id: local-paper, name: Local Paper, kind: rss, url: "https://paper.example.co.uk/rss", group: press }
  - { id: bills, name: Bills, kind: rss, url: "https://bills.example.org/rss", group: legislation }
  - { id: meetings, name: Meetings, kind: rss, url: "https://meetings.example.gov.uk/rss", group: council }
briefing:
  time: "06:45"
  days: [mon, wed, fri]
  to: [office@testborough.gov.uk]
  from: despatch@testborough.gov.uk
alerts:
  to: [office@testborough.gov.uk]
  from: alerts@press-office.testborough.org.uk
`;

/** The test configuration with a route whose Teams webhook and number must never reach a bundle. */
export const SECRET_PHONE = '+447700900987';
export const SECRET_CONFIG_YAML = `${TEST_CONFIG_YAML}  routes:
    - { id: critical-team, level: critical, webhook: { url: "https://prod-12.uksouth.logic.azure.com/workflows/abc/triggers/manual/paths/invoke?sig=TopSecretSig123", kind: teams }, sms: ["${SECRET_PHONE}"] }
`;

export function testConfig(yaml: string = TEST_CONFIG_YAML): Config {
  return parseConfig(yaml, 'test.yaml');
}

export interface BuildOptions {
  readonly config?: Config;
  /** Run esbuild for real. @default false */
  readonly bundle?: boolean;
  /** @default the stub handlers */
  readonly sourceRoot?: string;
  readonly sesConfigurationSet?: string;
  /** Register the cdk-nag packs, as infra/app.ts does. @default true */
  readonly nag?: boolean;
}

const outdirs: string[] = [];

/** Removes the cloud assemblies the tests wrote; call from `afterAll`. */
export function removeOutdirs(): void {
  for (const dir of outdirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function buildStack(options: BuildOptions = {}): { app: App; stack: DespatchStack; outdir: string } {
  const outdir = mkdtempSync(join(tmpdir(), 'despatch-cdk-'));
  outdirs.push(outdir);
  const app = new App({
    outdir,
    context: {
      ...cdkContext,
      // An empty list skips asset bundling for every stack, which keeps these tests fast.
      ...(options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] }),
    },
  });
  const stack = new DespatchStack(app, 'Despatch', {
    config: options.config ?? testConfig(),
    sourceRoot: options.sourceRoot ?? stubSourceRoot,
    sesConfigurationSet: options.sesConfigurationSet,
  });
  if (options.nag ?? true) addNagChecks(app);
  return { app, stack, outdir };
}

/** Logical ID of a function's CfnFunction, to find it and its role in the template. */
export function functionLogicalId(stack: DespatchStack, id: FunctionId): string {
  return logicalIdOf(stack, stack.pipeline.functions[id].fn);
}

export interface Statement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
}

interface PolicyResource {
  readonly Properties: { readonly Roles: readonly { readonly Ref: string }[]; readonly PolicyDocument: { readonly Statement: Statement[] } };
}

interface FunctionResource {
  readonly Properties: { readonly Role: { readonly 'Fn::GetAtt': readonly [string, string] } };
}

/** Every IAM statement attached to a function's role, from any policy in the template. */
export function roleStatements(template: Template, stack: DespatchStack, id: FunctionId): Statement[] {
  // CDK's template JSON is untyped; these views name only the fields read here.
  const fn = template.findResources('AWS::Lambda::Function')[functionLogicalId(stack, id)] as FunctionResource | undefined;
  if (!fn) throw new Error(`no function ${id} in the template`);
  const roleRef = fn.Properties.Role['Fn::GetAtt'][0];
  const policies = Object.values(template.findResources('AWS::IAM::Policy')) as PolicyResource[];
  return policies.filter((p) => p.Properties.Roles.some((r) => r.Ref === roleRef)).flatMap((p) => p.Properties.PolicyDocument.Statement);
}

export function actionsOf(statement: Statement): string[] {
  return Array.isArray(statement.Action) ? statement.Action : [statement.Action];
}

export function resourcesOf(statement: Statement): unknown[] {
  return Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource];
}

/** `{ "Fn::GetAtt": [logicalId, "Arn"] }`, the way the template refers to a resource's ARN. */
export function arnOf(stack: DespatchStack, construct: IConstruct): { 'Fn::GetAtt': [string, string] } {
  return { 'Fn::GetAtt': [logicalIdOf(stack, construct), 'Arn'] };
}

export function logicalIdOf(stack: DespatchStack, construct: IConstruct): string {
  const cfn = construct.node.defaultChild;
  if (!CfnElement.isCfnElement(cfn)) throw new Error(`${construct.node.path} has no CloudFormation resource`);
  return stack.getLogicalId(cfn);
}
