import { join } from 'node:path';
import { Validations } from 'aws-cdk-lib';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../shared/platform/config/load.js';
import { nagPacks } from '../../infra/nag.js';
import { repoRoot } from '../../infra/paths.js';
import { buildStack, removeOutdirs, TEST_CONFIG_YAML, testConfig } from './support.js';

afterAll(removeOutdirs);

/**
 * cdk-nag 3 reports through CDK policy validation, not annotations: `app.synth()` throws with the
 * report when a pack finds anything, and `validateScope` lists the findings for a readable failure.
 */
describe('cdk-nag (AwsSolutions and Serverless packs)', () => {
  it.each([
    ['the test configuration', () => testConfig()],
    ['config/example.yaml', () => loadConfigFile(join(repoRoot, 'config/example.yaml'))],
    ['a single from-address', () => testConfig(TEST_CONFIG_YAML.replace(/\n  from: alerts@.*\n/, '\n'))],
  ])('finds nothing unacknowledged with %s', (_, config) => {
    // Prepare
    const { app } = buildStack({ config: config(), sesConfigurationSet: 'despatch-events' });
    // Act
    const synth = (): unknown => app.synth();
    // Assess
    expect(synth).not.toThrow();
    const findings = nagPacks().flatMap((pack) =>
      pack.validateScope(app).violations.map((v) => `${v.severity} ${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath).join(', ')}`),
    );
    expect(findings).toEqual([]);
  });

  it('fails synth when a finding is not acknowledged', () => {
    // Prepare: a queue without a DLQ that nobody acknowledged.
    const { app, stack } = buildStack();
    new Queue(stack, 'Unacknowledged', { enforceSSL: true });
    // Act
    const synth = (): unknown => app.synth();
    // Assess
    expect(synth).toThrow(/AwsSolutions-SQS3/);
  });

  it('gives every acknowledgement a rule id and a reason a reviewer can check', () => {
    // Prepare
    const { app } = buildStack();
    // Act
    const acknowledgements = app.node
      .findAll()
      .flatMap((c) => c.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY))
      .flatMap((m) => Object.entries(m.data as Record<string, string>));
    // Assess
    expect(acknowledgements.length).toBeGreaterThan(0);
    for (const [id, reason] of acknowledgements) {
      expect(id.replace(/^annotation::/i, '')).toMatch(/^(AwsSolutions|Serverless)-[A-Za-z0-9]+(\[.+\])?$/);
      expect(reason.length, `reason for ${id}`).toBeGreaterThanOrEqual(40);
    }
    // Never a blanket IAM5: each wildcard is acknowledged by the exact resource it names.
    expect(acknowledgements.map(([id]) => id)).not.toContain('AwsSolutions-IAM5');
  });
});
