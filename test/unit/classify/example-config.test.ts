/**
 * The shipped example configuration judges Lewisham's news out of the box: criticism of a cabinet
 * member is sensitive, and an item naming one of the borough's places counts as the borough's.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../shared/platform/config/load.js';
import { classifyText, compileRules, outletOf } from '../../../shared/classify/compile-rules.js';
import { boroughQuery, namesBorough } from '../../../shared/classify/relevance.js';
import { scoreStory } from '../../../shared/classify/sensitivity/score.js';

const config = parseConfig(readFileSync(new URL('../../../config/example.yaml', import.meta.url), 'utf8'), 'example.yaml');

describe('config/example.yaml', () => {
  it('lists a cabinet, each member marked to be checked, and the borough’s places', () => {
    const text = readFileSync(new URL('../../../config/example.yaml', import.meta.url), 'utf8');
    expect(config.sensitivity.cabinet.length).toBeGreaterThanOrEqual(6);
    for (const member of config.sensitivity.cabinet) expect(text).toMatch(new RegExp(`name: ${member.name}.*# check`));
    expect(config.places).toEqual(expect.arrayContaining(['Catford', 'Deptford', 'Brockley', 'Forest Hill', 'Sydenham', 'Hither Green', 'Evelyn']));
    expect(config.legislation.extents).not.toContain('scotland');
  });

  it('makes criticism of a cabinet member sensitive', () => {
    const rules = compileRules(config);
    const member = config.sensitivity.cabinet[0]!;
    const item = { sourceId: config.sources[0]!.id, sourceName: config.sources[0]!.name };
    const { assessment } = classifyText(
      { title: `${member.aliases[0]} criticised as repairs backlog passes 3,000 homes`, summary: '', sourceId: item.sourceId },
      rules,
      outletOf(rules, item),
    );
    expect(assessment.evidence?.lines.join(' ')).toContain(member.name);
    expect(scoreStory(rules.sensitivity, assessment.evidence, 1).level).not.toBe('none');
  });

  it('counts an item naming one of its places as the borough’s', () => {
    const query = boroughQuery(config);
    expect(namesBorough(query, { title: 'New library opens in Hither Green', summary: '' })).toBe(true);
    expect(namesBorough(query, { title: 'New library opens in Croydon', summary: '' })).toBe(false);
  });
});
