/** Coverage charts: items per priority per day, sensitive stories, top outlets. */
import { coverageSchema } from '../../shared/grid/model.js';
import { shortDate } from '../../shared/grid/calendar.js';
import { coverageCharts } from '../charts.js';
import { append, h } from '../dom.js';
import type { View, ViewContext } from '../router.js';

async function render(ctx: ViewContext): Promise<void> {
  append(ctx.root, h('h2', { class: 'view-title' }, 'Coverage'));
  ctx.status('Loading coverage…');
  const week = ctx.params.get('week');
  const coverage = coverageSchema.parse(await ctx.api(`/api/coverage${week ? `?week=${encodeURIComponent(week)}` : ''}`));
  append(ctx.root, h('div', { id: 'coverage' }, coverageCharts(coverage)));
  ctx.status(`Coverage for the ${coverage.days.length} days up to ${shortDate(coverage.to)}.`);
}

export const coverageView: View = { id: 'coverage', label: 'Coverage', title: 'Coverage', render };
