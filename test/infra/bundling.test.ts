import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { functions, type FunctionId } from '../../shared/platform/topology.js';
import type { DespatchStack } from '../../infra/stack.js';
import { buildStack, functionLogicalId, removeOutdirs, SECRET_CONFIG_YAML, SECRET_PHONE, testConfig } from './support.js';

/** Every function the topology defines: a new one is bundled and checked without editing a list. */
const FUNCTION_IDS: readonly FunctionId[] = Object.values(functions).map((spec) => spec.id);

/**
 * Really runs esbuild (locally, no Docker) on stub handlers, then loads each bundle in a plain
 * Node.js process, as Lambda would: ESM, `require` available, configuration inlined.
 */
describe('Function bundles', () => {
  let stack: DespatchStack;
  let outdir: string;
  let template: Template;

  beforeAll(() => {
    // Prepare / Act
    ({ stack, outdir } = buildStack({ bundle: true, nag: false, config: testConfig(SECRET_CONFIG_YAML) }));
    template = Template.fromStack(stack);
  }, 120_000);
  afterAll(removeOutdirs);

  function bundleDir(id: FunctionId): string {
    const code = template.toJSON().Resources[functionLogicalId(stack, id)].Properties.Code as { S3Key: string };
    return join(outdir, `asset.${code.S3Key.replace(/\.zip$/, '')}`);
  }

  it('covers all six functions', () => {
    expect(FUNCTION_IDS).toHaveLength(6);
  });

  it.each(FUNCTION_IDS)('builds %s as a minified ESM bundle with a source map and a require shim', (id) => {
    // Assess
    const dir = bundleDir(id);
    const source = readFileSync(join(dir, 'index.mjs'), 'utf8');
    expect(source.startsWith("import { createRequire } from 'module'; const require = createRequire(import.meta.url);")).toBe(true);
    expect(source).toMatch(/\/\/# sourceMappingURL=index\.mjs\.map\s*$/);
    expect(existsSync(join(dir, 'index.mjs.map'))).toBe(true);
    // Minified: internal names such as shared/platform/config/runtime.ts's runtimeConfig are mangled.
    expect(source).not.toContain('runtimeConfig');
  });

  it.each(FUNCTION_IDS)('carries no webhook address or phone number in %s (the alerter reads them from Parameter Store)', (id) => {
    // Assess: the configuration has a route with a Teams webhook and a number.
    const source = readFileSync(join(bundleDir(id), 'index.mjs'), 'utf8');
    expect(source).toContain('Testborough');
    expect(source).not.toContain('TopSecretSig123');
    expect(source).not.toContain(SECRET_PHONE.slice(1));
  });

  it.each(FUNCTION_IDS)('inlines the validated configuration into %s, so it runs without any config file', (id) => {
    // Act: load the bundle in a fresh Node.js process with no configuration file: only the inlined JSON.
    const url = pathToFileURL(join(bundleDir(id), 'index.mjs')).href;
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH };
    const out = execFileSync(
      process.execPath,
      ['--input-type=module', '-e', `const m = await import(${JSON.stringify(url)}); process.stdout.write(String(await m.handler()));`],
      { env, encoding: 'utf8' },
    );
    // Assess: the stub handler answers with the configuration it sees, read from the bundle.
    expect(z.object({ council: z.object({ short: z.string() }) }).parse(JSON.parse(out)).council.short).toBe('Testborough');
  });

  /** What each function's projection keeps at the top level (shared/platform/config/projections.ts). */
  const SEES: Readonly<Record<FunctionId, readonly string[]>> = {
    poller: ['briefing', 'council', 'groups', 'maxAgeDays', 'mayor', 'network', 'places', 'retention', 'sources'],
    classifier: ['council', 'legislation', 'mayor', 'priorities', 'retention', 'sensitivity', 'sources'],
    alerter: ['alerts', 'briefing', 'council', 'email', 'mayor', 'network', 'retention', 'sensitivity'],
    briefing: ['briefing', 'council', 'email', 'legislation', 'mayor', 'places', 'priorities', 'retention', 'sensitivity', 'sources'],
    planner: ['council', 'groups', 'legislation', 'mayor', 'priorities', 'retention', 'sensitivity', 'sources'],
    'review-api': ['briefing', 'council', 'groups', 'legislation', 'mayor', 'priorities', 'retention', 'sensitivity', 'sources'],
  };

  it.each(FUNCTION_IDS)('bundles into %s only the part of the configuration it reads', (id) => {
    // Act
    const bundled = bundledConfig(id);
    // Assess
    expect(Object.keys(bundled).sort()).toEqual(SEES[id]);
  });

  it('keeps source addresses, alert contacts and the briefing list out of the internet-facing review API', () => {
    // Assess: the bundle's text, not just the parsed projection.
    const source = readFileSync(join(bundleDir('review-api'), 'index.mjs'), 'utf8');
    for (const url of ['paper.example.co.uk', 'bills.example.org', 'meetings.example.gov.uk']) expect(source).not.toContain(url);
    expect(source).not.toContain('office@testborough.gov.uk');
    expect(source).not.toContain('alerts@press-office.testborough.org.uk');
    expect(source).not.toContain('critical-team');
    // What it does need: the sources' names and groups (coverage, own sources) and the priorities.
    expect(source).toContain('Local Paper');
    expect(source).toContain('council homes');
  });

  it('gives the poller the sources and none of the priority queries, triggers or recipients', () => {
    const source = readFileSync(join(bundleDir('poller'), 'index.mjs'), 'utf8');
    expect(source).toContain('paper.example.co.uk');
    expect(source).not.toContain('council homes');
    expect(source).not.toContain('inquiry');
    expect(source).not.toContain('office@testborough.gov.uk');
  });

  it('gives alert routes to the alerter alone, and source addresses to the poller alone', () => {
    for (const id of FUNCTION_IDS) {
      const source = readFileSync(join(bundleDir(id), 'index.mjs'), 'utf8');
      expect(source.includes('critical-team'), id).toBe(id === 'alerter');
      expect(source.includes('paper.example.co.uk'), id).toBe(id === 'poller');
    }
  });

  /** The projection a bundle carries, as its stub handler reports it. */
  function bundledConfig(id: FunctionId): Record<string, unknown> {
    const url = pathToFileURL(join(bundleDir(id), 'index.mjs')).href;
    const out = execFileSync(
      process.execPath,
      ['--input-type=module', '-e', `const m = await import(${JSON.stringify(url)}); process.stdout.write(String(await m.handler()));`],
      { env: { PATH: process.env.PATH }, encoding: 'utf8' },
    );
    return z.record(z.string(), z.unknown()).parse(JSON.parse(out));
  }
});
