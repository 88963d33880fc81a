/**
 * Judges a parliamentary item as the classifier judges press: the compiled rules of the config,
 * the item's own text, and the story sensitivity of a story of one outlet. Shared by the tests
 * that check a parliamentary record naming the Mayor near a trigger reaches the alert level.
 */
import { classifyText, compileRules } from '../../../../shared/classify/compile-rules.js';
import { storySensitivity } from '../../../../shared/classify/sensitivity/score.js';
import type { Config, SourceConfig } from '../../../../shared/platform/config/schema.js';

export function judgeAsPress(config: Config, source: SourceConfig, item: { title: string; summary?: string } | undefined) {
  const rules = compileRules(config);
  const { assessment } = classifyText({ title: item?.title ?? '', summary: item?.summary ?? '', sourceId: source.id }, rules, {
    sourceId: source.id,
    name: source.name,
    kind: source.outlet,
  });
  return storySensitivity(
    rules.sensitivity,
    { best: assessment.evidence, outlets: [{ id: source.id, name: source.name }] },
    { sourceId: source.id, spans: assessment.spans },
  );
}
