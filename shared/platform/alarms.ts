/**
 * Which CloudWatch alarms the stack deploys for `operations.alarms`: one list, read by
 * infra/operations.ts to build them and by the cost model to price them, so the bill counts exactly
 * what is deployed (test/infra/operations.test.ts checks the synthesized template against it).
 *
 * CloudWatch bills a metric alarm per metric it references: "If you create a metric alarm that
 * contains a metric math expression, which references multiple metrics, you incur a cost for each
 * alarm-metric that's referenced in the metric math expression" (CloudWatch user guide, "Optimizing
 * and reducing costs of CloudWatch alarms"). Folding several metrics into one math alarm therefore
 * saves nothing, and a composite alarm ($0.50) costs more than the alarms it would replace; what
 * saves money is watching fewer metrics. So every alarm here watches one metric, and the cheaper
 * level keeps the ones that each stand for something the office would otherwise miss.
 */
import type { FunctionId } from './topology.js';

import { ALARM_LEVELS } from './config/schema.js';

export { ALARM_LEVELS };
export type AlarmLevel = (typeof ALARM_LEVELS)[number];

/** The dead-letter queues, by the name docs/runbook.md gives them. */
export const DEAD_LETTER_QUEUES = ['ingest', 'alerts', 'failed-runs'] as const;
export type DeadLetterQueueName = (typeof DEAD_LETTER_QUEUES)[number];

export type AlarmSpec =
  | { readonly kind: 'dead-letters'; readonly queue: DeadLetterQueueName }
  | { readonly kind: 'briefing-missing' }
  | { readonly kind: 'sources-failing' }
  | { readonly kind: 'errors'; readonly fn: FunctionId }
  | { readonly kind: 'throttles'; readonly fn: FunctionId };

/**
 * `essential` (the default): the dead-letter queues (nothing is lost unseen: an item never
 * classified, an alert never sent, a scheduled poll, plan or briefing that failed every retry), the
 * briefing not sent, and sources failing for too long: five alarm metrics, inside the ten that are
 * always free. `full` adds an errors and a throttles alarm per function, which say the same thing
 * sooner (15 minutes of errors, the first throttle) and also cover the review page's API, whose
 * failures people see but no queue records.
 */
export function plannedAlarms(level: AlarmLevel, functionIds: readonly FunctionId[]): AlarmSpec[] {
  const essential: AlarmSpec[] = [
    ...DEAD_LETTER_QUEUES.map((queue): AlarmSpec => ({ kind: 'dead-letters', queue })),
    { kind: 'briefing-missing' },
    { kind: 'sources-failing' },
  ];
  if (level === 'essential') return essential;
  return [
    ...essential,
    ...functionIds.flatMap((fn): AlarmSpec[] => [
      { kind: 'errors', fn },
      { kind: 'throttles', fn },
    ]),
  ];
}
