/**
 * Sources: the health table `despatch sources` prints, with "retry now" for a source waiting out a
 * back-off (editors and approvers; the API refuses readers). On a phone the table scrolls inside
 * its own box.
 */
import { sourcesViewSchema, type SourcesView } from '../../shared/workspace/views.js';
import { ApiError } from '../api.js';
import { append, clear, h } from '../dom.js';
import type { View, ViewContext } from '../router.js';

async function render(ctx: ViewContext): Promise<void> {
  append(ctx.root, h('h2', { class: 'view-title' }, 'Sources'));
  const body = h('div', {});
  append(ctx.root, body);
  const show = (view: SourcesView) => {
    clear(body);
    const table = h(
      'table',
      { class: 'sources', id: 'sources-table' },
      h('caption', {}, view.summary),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ...['Source', 'Group', 'Kind', 'Last success', 'Last error', 'Failures', 'Next attempt', 'Action'].map((c) => h('th', { scope: 'col' }, c)),
        ),
      ),
      h(
        'tbody',
        {},
        ...view.rows.map((r) => {
          const retry = r.waiting
            ? h('button', { type: 'button', 'data-retry': r.id }, 'Retry now', h('span', { class: 'visually-hidden' }, ` ${r.name}`))
            : null;
          retry?.addEventListener('click', () => {
            retry.disabled = true;
            ctx.status(`Clearing the wait for ${r.name}…`);
            ctx
              .api(`/api/sources/${encodeURIComponent(r.id)}/retry`, { method: 'POST' })
              .then((answer) => {
                show(sourcesViewSchema.parse(answer));
                ctx.status(`${r.name} will be fetched at the next poll.`);
              })
              .catch((error: unknown) => {
                retry.disabled = false;
                ctx.status(error instanceof ApiError ? `Not done: ${error.message}` : 'Not done.');
              });
          });
          return h(
            'tr',
            {},
            h('th', { scope: 'row' }, r.name),
            ...[r.group, r.kind, r.lastSuccess, r.lastError, r.failures, r.nextAttempt].map((c) => h('td', {}, c)),
            h('td', {}, retry),
          );
        }),
      ),
    );
    append(
      body,
      h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': 'Source health (scrolls sideways)' }, table),
      view.notes.length > 0
        ? h(
            'section',
            { 'aria-labelledby': 'notes-title' },
            h('h3', { id: 'notes-title' }, 'Warnings and refused items'),
            h('ul', {}, ...view.notes.map((n) => h('li', {}, n))),
          )
        : null,
    );
  };
  ctx.status('Loading sources…');
  const view = sourcesViewSchema.parse(await ctx.api('/api/sources'));
  show(view);
  ctx.status(view.summary);
}

export const sourcesView: View = { id: 'sources', label: 'Sources', title: 'Sources', render };
