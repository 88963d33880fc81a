/**
 * The coverage view's pictures, drawn as inline SVG (no chart library, no inline script): coverage
 * per priority per day as small multiples, sensitive stories per day, and the outlets that carried
 * the most. Each chart has a text alternative and the same numbers in a table behind "Show numbers".
 */
import type { Coverage } from '../shared/grid/model.js';
import { shortDate } from '../shared/grid/calendar.js';
import { h, link, svg } from './dom.js';

const PALETTE = ['#1d4f91', '#2e7d32', '#8e24aa', '#c2410c', '#00695c', '#5d4037', '#37474f', '#ad1457'];

function numbersTable(caption: string, head: string[], rows: (string | number)[][]): HTMLElement {
  return h(
    'details',
    { class: 'numbers' },
    h('summary', {}, 'Show numbers'),
    h(
      'table',
      {},
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, ...head.map((c, i) => h('th', { scope: i === 0 ? 'col' : 'col' }, c)))),
      h('tbody', {}, ...rows.map((r) => h('tr', {}, ...r.map((c, i) => (i === 0 ? h('th', { scope: 'row' }, String(c)) : h('td', {}, String(c))))))),
    ),
  );
}

/** A row of day bars for one series. */
function dayBars(values: number[], max: number, colour: string, label: string, days: string[]): SVGElement {
  const width = 28 * values.length;
  const height = 60;
  const bars = values.map((v, i) => {
    const barHeight = max === 0 ? 0 : Math.round((v / max) * (height - 14));
    return svg(
      'rect',
      { x: i * 28 + 4, y: height - 12 - barHeight, width: 20, height: Math.max(barHeight, v > 0 ? 1 : 0), fill: colour, rx: 2 },
      svg('title', {}, `${shortDate(days[i] ?? '')}: ${v}`),
    );
  });
  const axis = svg('line', { x1: 0, y1: height - 12, x2: width, y2: height - 12, stroke: '#555', 'stroke-width': 1 });
  // The day of the month under each bar, so a bar can be matched to its day at a glance.
  const ticks = days.map((d, i) =>
    svg('text', { x: i * 28 + 14, y: height - 1, 'text-anchor': 'middle', 'font-size': 10, fill: '#1a1a1a' }, String(Number(d.slice(8)))),
  );
  return svg('svg', { viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-label': label }, axis, ...bars, ...ticks);
}

export function coverageCharts(c: Coverage): HTMLElement {
  const max = Math.max(1, ...c.priorities.flatMap((p) => p.perDay));
  const period = `${shortDate(c.from)} to ${shortDate(c.to)}`;
  const perPriority = h(
    'section',
    { class: 'chart', 'aria-labelledby': 'chart-priorities' },
    h('h2', { id: 'chart-priorities' }, `Items per priority per day, ${period}`),
    h(
      'ul',
      { class: 'multiples' },
      ...c.priorities.map((p, i) =>
        h(
          'li',
          {},
          h('span', { class: 'series-name' }, `${p.name} (${p.total})`),
          dayBars(p.perDay, max, PALETTE[i % PALETTE.length] ?? '#1d4f91', `${p.name}: ${p.total} items, ${p.perDay.join(', ')} per day`, c.days),
        ),
      ),
    ),
    numbersTable(
      'Items per priority per day',
      ['Priority', ...c.days.map(shortDate)],
      c.priorities.map((p) => [p.name, ...p.perDay]),
    ),
  );

  const sensitiveTotal = c.sensitive.stories.length;
  const sensitive = h(
    'section',
    { class: 'chart', 'aria-labelledby': 'chart-sensitive' },
    h('h2', { id: 'chart-sensitive' }, `Sensitive stories, ${period}: ${sensitiveTotal}`),
    dayBars(c.sensitive.perDay, Math.max(1, ...c.sensitive.perDay), '#b71c1c', `Sensitive stories per day: ${c.sensitive.perDay.join(', ')}`, c.days),
    sensitiveTotal === 0
      ? h('p', {}, 'None in this period.')
      : h(
          'ul',
          { class: 'stories' },
          ...c.sensitive.stories.map((s) =>
            h('li', {}, link(s.link, s.title), ` — ${s.sourceName}, ${shortDate(s.day)}. `, h('span', { class: 'reason' }, s.reasons.join('; '))),
          ),
        ),
  );

  const outletMax = Math.max(1, ...c.outlets.map((o) => o.count));
  const rowHeight = 22;
  const outletSvg = svg(
    'svg',
    {
      viewBox: `0 0 360 ${rowHeight * Math.max(1, c.outlets.length)}`,
      width: 360,
      height: rowHeight * Math.max(1, c.outlets.length),
      role: 'img',
      'aria-label': `Top outlets: ${c.outlets.map((o) => `${o.name} ${o.count}`).join(', ') || 'none'}`,
    },
    ...c.outlets.flatMap((o, i) => [
      svg('rect', { x: 0, y: i * rowHeight + 3, width: Math.max(2, Math.round((o.count / outletMax) * 200)), height: 16, fill: '#1d4f91', rx: 2 }),
      svg(
        'text',
        { x: Math.max(2, Math.round((o.count / outletMax) * 200)) + 6, y: i * rowHeight + 16, fill: '#1a1a1a', 'font-size': 13 },
        `${o.name} (${o.count})`,
      ),
    ]),
  );
  const outlets = h(
    'section',
    { class: 'chart', 'aria-labelledby': 'chart-outlets' },
    h('h2', { id: 'chart-outlets' }, 'Top outlets'),
    outletSvg,
    numbersTable(
      'Items per outlet',
      ['Outlet', 'Items'],
      c.outlets.map((o) => [o.name, o.count]),
    ),
  );

  return h('div', { class: 'charts' }, h('p', {}, `${c.total} items seen from ${period}.`), perPriority, sensitive, outlets);
}
