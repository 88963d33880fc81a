/**
 * Today: everything since the last briefing, sensitive first, then by priority, as the email
 * orders it, with the same highlights. Filters live in the address ('#/today?priority=housing'),
 * so a filtered list can be bookmarked or sent.
 */
import { todayViewSchema, type TodayView, type WorkspaceItem } from '../../shared/workspace/views.js';
import { safeHref } from '../../shared/deliver/render/escape.js';
import { append, h } from '../dom.js';
import { highlighted } from '../highlight.js';
import { routeHref, type View, type ViewContext } from '../router.js';

const FILTERS = ['priority', 'source', 'kind', 'level'] as const;
const LABEL: Record<(typeof FILTERS)[number], string> = { priority: 'Priority', source: 'Source', kind: 'Kind', level: 'Level' };

function when(iso: string): string {
  return new Date(iso).toLocaleString('en-GB', { timeZone: 'Europe/London', dateStyle: 'medium', timeStyle: 'short' });
}

function options(view: TodayView, filter: (typeof FILTERS)[number]): { id: string; name: string }[] {
  const f = view.filters;
  if (filter === 'priority') return f.priorities;
  if (filter === 'source') return f.sources;
  return (filter === 'kind' ? f.kinds : f.levels).map((k) => ({ id: k, name: k }));
}

function filterForm(view: TodayView, params: URLSearchParams): HTMLFormElement {
  const form = h('form', { class: 'filters', 'aria-label': 'Filters' });
  for (const filter of FILTERS) {
    const select = h(
      'select',
      { id: `filter-${filter}`, name: filter },
      h('option', { value: '' }, 'All'),
      ...options(view, filter).map((o) => h('option', { value: o.id, selected: params.get(filter) === o.id }, o.name)),
    );
    // Each choice is a new address: the router renders it, and Back undoes it.
    select.addEventListener('change', () => {
      const next = new URLSearchParams(params);
      if (select.value) next.set(filter, select.value);
      else next.delete(filter);
      location.hash = routeHref('today', next);
    });
    append(form, h('div', { class: 'filter' }, h('label', { for: `filter-${filter}` }, LABEL[filter]), select));
  }
  return form;
}

function entry(item: WorkspaceItem): HTMLLIElement {
  // The server sends only safe links; checked again here, as every link the page makes is.
  const href = item.url ? safeHref(item.url) : undefined;
  const title = href ? h('a', { href, rel: 'noopener noreferrer', target: '_blank' }, ...highlighted(item.title)) : h('span', {}, ...highlighted(item.title));
  return h(
    'li',
    { class: `item${item.sensitive ? ' sensitive' : ''}`, 'data-item': item.id },
    h('h3', { class: 'item-title' }, title),
    h(
      'p',
      { class: 'item-meta' },
      item.sensitive ? h('strong', { class: 'level' }, `Sensitive (${item.level}) · `) : null,
      `${item.sourceName} · ${when(item.publishedAt)}`,
      item.priorities.length > 0 ? ` · ${item.priorities.map((p) => p.name).join(', ')}` : '',
      // Every outlet that carried it, its level over time and its alerts (the headline names it for a screen reader).
      item.storyId ? ' · ' : null,
      item.storyId
        ? h(
            'a',
            { href: routeHref('story', {}, [item.storyId]), class: 'story-link' },
            'The story',
            h('span', { class: 'visually-hidden' }, `: ${item.title.map((p) => p.text).join('')}`),
          )
        : null,
    ),
    item.snippet.length > 0 ? h('p', { class: 'item-snippet' }, ...highlighted(item.snippet)) : null,
    item.reasons.length > 0 ? h('p', { class: 'reason' }, item.reasons.join('; ')) : null,
  );
}

async function render(ctx: ViewContext): Promise<void> {
  append(ctx.root, h('h2', { class: 'view-title' }, 'Today'));
  ctx.status('Loading today’s coverage…');
  const query = new URLSearchParams(FILTERS.flatMap((f) => (ctx.params.get(f) ? [[f, ctx.params.get(f) ?? '']] : [])));
  const view = todayViewSchema.parse(await ctx.api(`/api/today${query.size > 0 ? `?${query.toString()}` : ''}`));
  const shown = view.items.length < view.total ? `the first ${view.items.length} of ${view.total}` : String(view.total);
  append(
    ctx.root,
    h('p', { class: 'since' }, `${view.total} items ${view.since}.`),
    filterForm(view, query),
    h('p', { class: 'hint' }, view.key),
    view.items.length === 0 ? h('p', {}, 'Nothing matches.') : h('ol', { class: 'items', id: 'today-items' }, ...view.items.map(entry)),
  );
  ctx.status(`Today: ${shown} items ${view.since}.`);
}

export const todayView: View = { id: 'today', label: 'Today', title: 'Today', render };
