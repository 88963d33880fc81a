import { describe, expect, it } from 'vitest';
import { BundledConfigError, parseBundledConfig } from '../../../../shared/platform/config/bundled.js';
import { configSchema } from '../../../../shared/platform/config/schema.js';
import { queryProblems } from '../../../../shared/classify/config-queries.js';
import { testConfig } from '../../../support/config.js';

const good = testConfig([{ id: 'gazette', url: 'https://gazette.example/rss' }]);

describe('the configuration a bundle carries', () => {
  it('reads back what synth inlined, identical to the validated configuration', () => {
    expect(parseBundledConfig(JSON.stringify(good), configSchema, queryProblems)).toEqual(good);
  });

  it('refuses text that is not JSON, naming the cause and how to rebuild', () => {
    expect(() => parseBundledConfig('council: {name: x}', configSchema)).toThrow(BundledConfigError);
    expect(() => parseBundledConfig('council: {name: x}', configSchema)).toThrow(/not JSON.*|cdk synth/s);
  });

  it('refuses a configuration the schema does not accept, naming the field', () => {
    const { council: _council, ...rest } = good;
    expect(() => parseBundledConfig(JSON.stringify(rest), configSchema)).toThrow(/council/);
  });

  it('runs the query check too: an unbalanced priority query is refused, not dead-lettered item by item', () => {
    const broken = { ...good, priorities: [{ ...good.priorities[0], query: '(housing OR homes' }] };
    expect(() => parseBundledConfig(JSON.stringify(broken), configSchema, queryProblems)).toThrow(/priorities\.0\.query/);
  });
});
