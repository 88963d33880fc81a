import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../infra/paths.js';
import { functions as topologyFunctions } from '../../shared/platform/topology.js';
import { cdkContext, TEST_CONFIG_YAML } from './support.js';

const work = mkdtempSync(join(tmpdir(), 'despatch-app-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * Runs infra/app.ts the way `cdk synth` does: cdk.json's context plus overrides in CDK_CONTEXT_JSON,
 * output in CDK_OUTDIR. (The CLI's own last step, reading the assembly back, is not needed here.)
 */
function runApp(context: Record<string, unknown>): { status: number | null; stderr: string; outdir: string } {
  const outdir = mkdtempSync(join(work, 'out-'));
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'infra/app.ts'], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, CDK_CONTEXT_JSON: JSON.stringify({ ...cdkContext, ...context }), CDK_OUTDIR: outdir },
    timeout: 180_000,
  });
  return { status: result.status, stderr: result.stderr, outdir };
}

const handlersPresent = ['poller', 'classifier', 'alerter', 'briefing'].every((id) => existsSync(join(repoRoot, 'functions', id, 'handler.ts')));

describe('infra/app.ts', () => {
  it('stops with the file, line and field when the configuration is invalid', () => {
    // Prepare: a briefing time that is not a 24-hour time.
    const file = join(work, 'bad.yaml');
    writeFileSync(file, TEST_CONFIG_YAML.replace('time: "06:45"', 'time: "7am"'));
    // Act
    const { status, stderr } = runApp({ config: file });
    // Assess
    expect(status).toBe(1);
    expect(stderr).toContain('Invalid configuration in');
    expect(stderr).toMatch(/bad\.yaml:\d+: briefing\.time: must be a 24-hour time/);
  });

  it('stops with the file, line and column when a priority query does not compile', () => {
    // Prepare: an unbalanced parenthesis, which used to synthesize and then dead-letter every item.
    const file = join(work, 'bad-query.yaml');
    const broken = TEST_CONFIG_YAML.replace(`query: '"council homes"' }`, `query: '("council homes"' }`);
    expect(broken).not.toBe(TEST_CONFIG_YAML);
    writeFileSync(file, broken);
    const lines = broken.split('\n');
    const line = lines.findIndex((l) => l.includes(`'("council homes"'`)) + 1;
    const col = (lines[line - 1] ?? '').indexOf(`("council homes"`) + 1;
    // Act
    const { status, stderr } = runApp({ config: file });
    // Assess
    expect(status).toBe(1);
    expect(stderr).toContain(`bad-query.yaml:${line}:${col}: priorities[0].query: unbalanced parenthesis`);
  });

  it('stops with a clear message when the configuration file is missing', () => {
    // Act
    const { status, stderr } = runApp({ config: join(work, 'missing.yaml') });
    // Assess
    expect(status).toBe(1);
    expect(stderr).toMatch(/missing\.yaml: cannot be read \(ENOENT\)/);
  });

  it('stops when a poll interval cannot be scheduled', () => {
    // Prepare
    const file = join(work, 'ninety-seconds.yaml');
    writeFileSync(file, TEST_CONFIG_YAML.replace('every: 10m', 'every: 90s'));
    // Act
    const { status, stderr } = runApp({ config: file, 'aws:cdk:bundling-stacks': [] });
    // Assess
    expect(status).toBe(1);
    // The configuration schema refuses it before any infrastructure is built, naming the line.
    expect(stderr).toMatch(/ninety-seconds\.yaml:\d+: groups\[0\]\.every: must be a whole number of minutes/);
  });

  // The whole of `cdk synth` for the real handlers: esbuild bundles each one, cdk-nag checks the
  // stack. Skipped, visibly, until functions/<id>/handler.ts exist.
  it.skipIf(!handlersPresent)(
    'synthesises and bundles the real handlers with config/example.yaml, clean under cdk-nag',
    () => {
      // Act
      const { status, stderr, outdir } = runApp({});
      // Assess
      expect(stderr).not.toMatch(/AwsSolutions-|Serverless-|ERROR/);
      expect(status, stderr).toBe(0);
      const template = Template.fromJSON(JSON.parse(readFileSync(join(outdir, 'Despatch.template.json'), 'utf8')) as Record<string, unknown>);
      // One function per topology entry, nothing else.
      template.resourceCountIs('AWS::Lambda::Function', Object.keys(topologyFunctions).length);
      for (const [logicalId, fn] of Object.entries(template.findResources('AWS::Lambda::Function'))) {
        const key = (fn.Properties.Code as { S3Key: string }).S3Key.replace(/\.zip$/, '');
        expect(existsSync(join(outdir, `asset.${key}`, 'index.mjs')), `${logicalId} bundle`).toBe(true);
      }
    },
    180_000,
  );
});
