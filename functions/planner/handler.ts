/** Weekly schedule (or an operator) → planner: plans the following week's grid and stores it as drafts. */
import { planEventSchema, planWeek } from '../../shared/grid/plan-week.js';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { config, gridRules, gridStore, logger, metrics, store } from '../../shared/runtime/container.js';
import { parseInput } from '../../shared/runtime/parse-event.js';
import { lambdaHandler } from '../../shared/runtime/middleware.js';

export interface PlanSummary {
  week: string;
  slots: number;
  empty: number;
  excluded: number;
  needsResponse: number;
  written: number;
  raced: number;
}

async function plan(event: unknown): Promise<PlanSummary> {
  const input = parseInput(planEventSchema, event, 'planner input');
  const now = input.now ? new Date(input.now) : new Date();
  const outcome = await planWeek(
    input.week,
    { config: config('planner'), items: store(), grid: gridStore(), now: () => now, rules: gridRules(config('planner')) },
    { onlyIfNew: input.onlyIfNew ?? false },
  );
  const { grid } = outcome;
  const summary: PlanSummary = {
    week: grid.week,
    slots: grid.slots.length,
    empty: grid.empty.length,
    excluded: grid.excluded.length,
    needsResponse: grid.needsResponse.length,
    written: outcome.written,
    raced: outcome.raced,
  };
  metrics.addMetric('SlotsPlanned', MetricUnit.Count, summary.slots);
  metrics.addMetric('SlotsRaced', MetricUnit.Count, summary.raced);
  logger.info('grid planned', { ...summary });
  return summary;
}

export const handler = lambdaHandler(plan);
