/**
 * Search: the query language over the whole archive (GET /api/search). The form's submit becomes a
 * new address ('#/search?q=…&from=…'), so a search can be bookmarked and Back undoes it. Marks are
 * offsets into the feed's text: each piece goes in as a text node, marked ones inside <mark>.
 */
import * as z from 'zod';
import { safeHref } from '../../shared/deliver/render/escape.js';
import { ApiError, download } from '../api.js';
import { append, h } from '../dom.js';
import { routeHref, type View, type ViewContext } from '../router.js';

// The answer's shape, checked here rather than imported: search-api.ts brings exceljs with it.
const mark = z.object({ start: z.number().int(), end: z.number().int(), kind: z.enum(['priority', 'sensitive']) });
const hitSchema = z.object({
  id: z.string(),
  title: z.string(),
  url: z.string(),
  sourceName: z.string(),
  publishedAt: z.string(),
  priorities: z.array(z.string()),
  level: z.string().nullable(),
  storyId: z.string().nullable(),
  snippet: z.string(),
  marks: z.object({ title: z.array(mark), snippet: z.array(mark) }),
});
const responseSchema = z.object({
  total: z.number().int(),
  items: z.array(hitSchema),
  counts: z.object({ byPriority: z.record(z.string(), z.number()), byWeek: z.record(z.string(), z.number()) }),
});
const errorSchema = z.object({ error: z.string(), column: z.number().int().optional() });

const FIELDS = ['q', 'from', 'to', 'priority', 'source', 'kind', 'level', 'sort'] as const;
const PAGE = 50;

/** The text with its marks as text nodes and <mark>s (the briefing's classes); overlapping marks are skipped. */
function marked(text: string, marks: readonly z.infer<typeof mark>[]): (Node | string)[] {
  const out: (Node | string)[] = [];
  let at = 0;
  for (const m of marks) {
    if (m.start < at || m.end > text.length || m.end <= m.start) continue;
    if (m.start > at) out.push(text.slice(at, m.start));
    const piece = text.slice(m.start, m.end);
    out.push(m.kind === 'sensitive' ? h('mark', { class: 'd-sens', title: 'sensitive' }, piece) : h('mark', {}, piece));
    at = m.end;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}

function field(name: string, label: string, input: HTMLElement): HTMLElement {
  return h('div', { class: 'filter' }, h('label', { for: `search-${name}` }, label), input);
}

function form(params: URLSearchParams): HTMLFormElement {
  const value = (name: string) => params.get(name) ?? '';
  const el = h(
    'form',
    { class: 'filters search-form', role: 'search' },
    field('q', 'Query', h('input', { id: 'search-q', name: 'q', type: 'search', value: value('q'), required: true, 'aria-describedby': 'search-error' })),
    field('from', 'From', h('input', { id: 'search-from', name: 'from', type: 'date', value: value('from') })),
    field('to', 'To', h('input', { id: 'search-to', name: 'to', type: 'date', value: value('to') })),
    field('priority', 'Priority (id)', h('input', { id: 'search-priority', name: 'priority', value: value('priority') })),
    field('source', 'Source (id)', h('input', { id: 'search-source', name: 'source', value: value('source') })),
    field(
      'sort',
      'Order',
      h(
        'select',
        { id: 'search-sort', name: 'sort' },
        h('option', { value: 'newest', selected: value('sort') !== 'relevance' }, 'Newest first'),
        h('option', { value: 'relevance', selected: value('sort') === 'relevance' }, 'Most relevant first'),
      ),
    ),
    h('div', { class: 'filter' }, h('button', { type: 'submit' }, 'Search')),
  );
  el.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(el);
    const next: Record<string, string> = {};
    for (const name of FIELDS) {
      const v = data.get(name);
      if (typeof v === 'string' && v.trim() !== '') next[name] = v.trim();
    }
    // kind and level come only from the address (links from elsewhere); kept as they were.
    for (const name of ['kind', 'level'] as const) if (params.get(name)) next[name] = params.get(name) ?? '';
    location.hash = routeHref('search', next);
  });
  return el;
}

function hit(item: z.infer<typeof hitSchema>): HTMLLIElement {
  const href = safeHref(item.url);
  const title = marked(item.title, item.marks.title);
  return h(
    'li',
    { class: `item${item.level && item.level !== 'none' ? ' sensitive' : ''}`, 'data-item': item.id },
    h('h3', { class: 'item-title' }, href ? h('a', { href, rel: 'noopener noreferrer', target: '_blank' }, ...title) : h('span', {}, ...title)),
    h(
      'p',
      { class: 'item-meta' },
      `${item.sourceName} · ${new Date(item.publishedAt).toLocaleString('en-GB', { timeZone: 'Europe/London', dateStyle: 'medium', timeStyle: 'short' })}`,
      item.priorities.length > 0 ? ` · ${item.priorities.join(', ')}` : '',
      item.storyId ? ' · ' : '',
      item.storyId ? h('a', { href: routeHref('story', {}, [item.storyId]) }, 'the story') : null,
    ),
    item.snippet ? h('p', { class: 'item-snippet' }, ...marked(item.snippet, item.marks.snippet)) : null,
  );
}

function counts(title: string, record: Record<string, number>): HTMLElement {
  return h('section', { class: 'search-counts' }, h('h3', {}, title), h('ul', {}, ...Object.entries(record).map(([k, n]) => h('li', {}, `${k}: ${n}`))));
}

async function render(ctx: ViewContext): Promise<void> {
  append(ctx.root, h('h2', { class: 'view-title' }, 'Search'), form(ctx.params));
  const q = ctx.params.get('q');
  if (!q) return ctx.status('Write a query, e.g. "temporary accommodation".');
  const query = new URLSearchParams(FIELDS.flatMap((f) => (ctx.params.get(f) ? [[f, ctx.params.get(f) ?? '']] : [])));
  const offset = Math.max(0, Number(ctx.params.get('offset')) || 0);
  ctx.status('Searching…');
  let body: unknown;
  try {
    body = await ctx.api(`/api/search?${query.toString()}&limit=${PAGE}&offset=${offset}`);
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 400) throw error;
    const e = errorSchema.safeParse(error.body);
    const reason = e.success ? e.data.error : error.message;
    const column = e.success ? e.data.column : undefined;
    append(
      ctx.root,
      h(
        'div',
        { id: 'search-error', class: 'search-error', role: 'alert' },
        h('p', {}, column === undefined ? reason : `${reason} (column ${column})`),
        // The query with a caret under the column, as `despatch match` prints it.
        column === undefined ? null : h('pre', { class: 'caret', 'aria-hidden': 'true' }, `${q}\n${' '.repeat(Math.max(0, column - 1))}^`),
      ),
    );
    return ctx.status(`The search was refused: ${reason}`);
  }
  const result = responseSchema.parse(body);
  const exportButton = (format: 'csv' | 'xlsx') => {
    const b = h('button', { type: 'button' }, `Export ${format.toUpperCase()}`);
    b.addEventListener('click', () => {
      void download(`/api/search/export?format=${format}&${query.toString()}`, `despatch-search.${format}`).then(
        (name) => ctx.status(`Downloaded ${name}.`),
        (error: unknown) => ctx.status(error instanceof Error ? `The export failed: ${error.message}` : 'The export failed.'),
      );
    });
    return b;
  };
  const pageLink = (to: number, label: string) => h('a', { href: routeHref('search', { ...Object.fromEntries(query), offset: String(to) }) }, label);
  append(
    ctx.root,
    h('p', { class: 'since' }, `${result.total} items match.`),
    h('div', { class: 'filters' }, exportButton('csv'), exportButton('xlsx')),
    h('div', { class: 'search-summary' }, counts('Per priority', result.counts.byPriority), counts('Per week (Monday)', result.counts.byWeek)),
    result.items.length === 0
      ? h('p', {}, 'Nothing matches.')
      : h('ol', { class: 'items', id: 'search-items', start: String(offset + 1) }, ...result.items.map(hit)),
    h(
      'nav',
      { class: 'paging', 'aria-label': 'Result pages' },
      offset > 0 ? pageLink(Math.max(0, offset - PAGE), 'Previous page') : null,
      offset > 0 && offset + PAGE < result.total ? ' · ' : '',
      offset + PAGE < result.total ? pageLink(offset + PAGE, 'Next page') : null,
    ),
  );
  ctx.status(`Search: ${result.total} items match; showing ${result.items.length} from number ${offset + 1}.`);
}

export const searchView: View = { id: 'search', label: 'Search', title: 'Search', render };
