import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functions, type FunctionId } from '../../shared/platform/topology.js';
import { nagPacks } from '../../infra/nag.js';
import type { DespatchStack } from '../../infra/stack.js';
import { actionsOf, buildStack, functionLogicalId, removeOutdirs, roleStatements, SECRET_CONFIG_YAML, SECRET_PHONE as PHONE, testConfig } from './support.js';

const FUNCTION_IDS: readonly FunctionId[] = Object.values(functions).map((spec) => spec.id);

interface FunctionResource {
  readonly Properties: { readonly Environment?: { readonly Variables?: Record<string, unknown> } };
}

describe('Alert secrets in the synthesized template', () => {
  let stack: DespatchStack;
  let template: Template;
  let json: string;

  beforeAll(() => {
    ({ stack } = buildStack({ config: testConfig(SECRET_CONFIG_YAML), nag: false }));
    template = Template.fromStack(stack);
    json = JSON.stringify(template.toJSON());
  });
  afterAll(removeOutdirs);

  it('holds no webhook address or phone number anywhere, environment included', () => {
    expect(json).not.toContain('TopSecretSig123');
    expect(json).not.toContain('logic.azure.com');
    expect(json).not.toContain(PHONE);
    expect(json).not.toContain(PHONE.slice(1));
  });

  it.each(FUNCTION_IDS)('gives %s an environment with no secret, and the prefix to the alerter alone', (id) => {
    const fn = template.findResources('AWS::Lambda::Function')[functionLogicalId(stack, id)] as FunctionResource;
    const variables = JSON.stringify(fn.Properties.Environment?.Variables ?? {});
    expect(variables).not.toContain('sig=');
    expect(variables).not.toContain(PHONE);
    if (id === 'alerter') expect(fn.Properties.Environment?.Variables?.DESPATCH_SECRETS_PREFIX).toBe('/despatch/Despatch/alerts');
    else expect(variables).not.toContain('DESPATCH_SECRETS_PREFIX');
  });

  it.each(FUNCTION_IDS)('lets %s read and decrypt parameters only if it is the alerter', (id) => {
    const statements = roleStatements(template, stack, id);
    const ssmOrKms = statements.flatMap(actionsOf).filter((a) => a.startsWith('ssm:') || a.startsWith('kms:'));
    if (id !== 'alerter') {
      expect(ssmOrKms).toEqual([]);
      return;
    }
    expect(ssmOrKms.sort()).toEqual(['kms:Decrypt', 'ssm:GetParameters']);
    const ssm = statements.find((s) => actionsOf(s).includes('ssm:GetParameters'));
    expect(JSON.stringify(ssm?.Resource)).toContain(':parameter/despatch/Despatch/alerts/*');
    const kms = statements.find((s) => actionsOf(s).includes('kms:Decrypt')) as unknown as { Condition: Record<string, Record<string, unknown>> };
    expect(Object.keys(kms.Condition.StringEquals ?? {})).toEqual(['kms:ViaService']);
    expect(JSON.stringify(kms.Condition.StringLike)).toContain('/despatch/Despatch/alerts/*');
  });

  it('leaves cdk-nag nothing unacknowledged', () => {
    const { app } = buildStack({ config: testConfig(SECRET_CONFIG_YAML) });
    expect(() => app.synth()).not.toThrow();
    expect(nagPacks().flatMap((pack) => pack.validateScope(app).violations.map((v) => v.ruleName))).toEqual([]);
  });

  it('gives no function parameter access when no route has a secret', () => {
    const { stack: plain } = buildStack({ nag: false });
    const plainTemplate = Template.fromStack(plain);
    for (const id of FUNCTION_IDS)
      expect(
        roleStatements(plainTemplate, plain, id)
          .flatMap(actionsOf)
          .filter((a) => a.startsWith('ssm:')),
      ).toEqual([]);
  });
});
