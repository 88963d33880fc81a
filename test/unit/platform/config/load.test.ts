import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../../../shared/platform/config/load.js';

const example = readFileSync(new URL('../../../../config/example.yaml', import.meta.url), 'utf8');

function problems(text: string): string[] {
  try {
    parseConfig(text, 'despatch.yaml');
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
}

describe('parseConfig', () => {
  it('accepts the shipped example and the demo configuration', () => {
    expect(parseConfig(example, 'example.yaml').sources.length).toBeGreaterThan(5);
    expect(parseConfig(readFileSync(new URL('../../../../config/demo.yaml', import.meta.url), 'utf8'), 'demo.yaml').council.short).toBe('Hartwell');
  });

  it('names the file, the line and the field of a bad value', () => {
    const broken = example.replace('url: "https://feeds.bbci.co.uk/news/england/london/rss.xml"', 'url: "file:///etc/passwd"');
    const line = broken.split('\n').findIndex((l) => l.includes('file:///etc/passwd')) + 1;
    expect(problems(broken)).toContain(`despatch.yaml:${line}: sources[0].url: must be an http(s) URL`);
  });

  it('puts each problem on its own line under the file, with what to write for a missing section', () => {
    // Prepare
    const broken = example.replace(/^alerts:\n(?:[ #].*\n|\n)*/m, '');
    // Act
    let message = '';
    try {
      parseConfig(broken, 'despatch.yaml');
    } catch (error) {
      message = (error as Error).message;
    }
    // Assess: never "is requiredInvalid configuration" run together
    expect(message.split('\n')[0]).toBe('Invalid configuration in despatch.yaml:');
    expect(message).toMatch(/\n {2}- despatch\.yaml:\d+: alerts: is required\. Add, for example:\n {6}alerts:\n {8}to: \[press\.office@hartwell\.gov\.uk\]/);
    expect(message).not.toMatch(/required[A-Z]/);
  });

  it('says a missing key is required', () => {
    // Drop the whole top-level alerts block (up to the next top-level key).
    const broken = example.replace(/\nalerts:\n(?:[ #].*\n|\n)*/, '\n');
    expect(broken).not.toMatch(/^alerts:/m);
    expect(problems(broken)).toEqual([expect.stringMatching(/^despatch\.yaml:\d+: alerts: is required\. Add, for example:\n {6}alerts:\n {8}to: \[/)]);
  });

  it('rejects a source in a group that does not exist', () => {
    const broken = example.replace('group: press, outlet: national }', 'group: newsroom, outlet: national }');
    expect(problems(broken)[0]).toMatch(/sources\[0\]\.group: names group "newsroom", which is not under groups/);
  });

  it('rejects unknown keys, so a misspelt key is not silently ignored', () => {
    expect(problems(example.replace('retention: { days: 400 }', 'retension: { days: 400 }'))[0]).toMatch(/retension|Unrecognized key/);
  });

  it('reports YAML syntax errors with their position', () => {
    expect(problems('council: { name: x\n')[0]).toMatch(/^despatch\.yaml:\d+:\d+: /);
  });

  it('refuses a poll interval EventBridge cannot schedule', () => {
    expect(problems(example.replace('every: 10m', 'every: 30s'))[0]).toMatch(/groups\[0\]\.every: must be at least 1m/);
    expect(problems(example.replace('every: 10m', 'every: 90s'))[0]).toMatch(/groups\[0\]\.every: must be a whole number of minutes/);
  });
});
