/**
 * Alerts (#/alerts?from=2026-12-01&to=2026-12-07&state=new): every alert sent in the range with its
 * state (new, acknowledged, handled with a short note), who did it and when, and a link to its
 * story. Editors and approvers get "Acknowledge" and "Mark handled"; readers see neither (GET
 * /api/me says the role; the API refuses readers anyway). The range and the state are in the
 * address, so a filtered list can be bookmarked. Feed text goes in as text only.
 */
import * as z from 'zod';
import { roles } from '../../shared/platform/config/roles.js';
import { alertStates, alertsViewSchema, alertViewSchema, HANDLED_NOTE_MAX, type AlertView } from '../../shared/workspace/views.js';
import { ApiError } from '../api.js';
import { append, clear, h } from '../dom.js';
import { routeHref, type View, type ViewContext } from '../router.js';
import { alertStateLine, LEVEL_WORDS, when } from '../words.js';

// What GET /api/me answers, as far as this view needs it (shared/workspace/me-api.ts is server code).
const meSchema = z.object({ role: z.enum(roles) });
const answerSchema = z.object({ alert: alertViewSchema });
type State = (typeof alertStates)[number];
const STATE_WORDS: Record<State, string> = { new: 'New', acknowledged: 'Acknowledged', handled: 'Handled' };

const isState = (s: string | null): s is State => alertStates.some((x) => x === s);
const failure = (error: unknown) => (error instanceof ApiError ? error.message : 'The server could not be reached.');

interface AlertsPage {
  ctx: ViewContext;
  canAct: boolean;
  /** An alert changed (acknowledged, handled): the list's counts follow. */
  changed: (alert: AlertView) => void;
}

function actions(alert: AlertView, page: AlertsPage, replace: (next: AlertView) => void): HTMLElement | null {
  if (!page.canAct || alert.state === 'handled') return null;
  const { ctx } = page;
  const message = h('p', { class: 'slot-message', id: `msg-${alert.id}` });
  const post = async (action: 'acknowledge' | 'handled', body: unknown, controls: HTMLButtonElement[], done: string) => {
    for (const c of controls) c.disabled = true;
    message.textContent = '';
    try {
      const answer = answerSchema.parse(await ctx.api(`/api/alerts/${encodeURIComponent(alert.id)}/${action}`, { method: 'POST', body: JSON.stringify(body) }));
      replace(answer.alert);
      ctx.status(`${done}: ${answer.alert.title}`);
    } catch (error) {
      // The server's own words: "say what was done…", or who handled it first.
      for (const c of controls) c.disabled = false;
      message.textContent = `Not done: ${failure(error)}`;
      ctx.status(`Not done: ${failure(error)}`);
    }
  };
  const hidden = () => h('span', { class: 'visually-hidden' }, `: ${alert.title}`);
  const ack = alert.state === 'new' ? h('button', { type: 'button', 'data-action': 'acknowledge' }, 'Acknowledge', hidden()) : null;
  const noteId = `note-${alert.id}`;
  const note = h('input', {
    id: noteId,
    name: 'note',
    type: 'text',
    maxlength: String(HANDLED_NOTE_MAX),
    required: true,
    autocomplete: 'off',
    'aria-describedby': `msg-${alert.id}`,
  });
  const submit = h('button', { type: 'submit', 'data-action': 'handled' }, 'Mark handled', hidden());
  const controls = [submit, ...(ack ? [ack] : [])];
  ack?.addEventListener('click', () => void post('acknowledge', {}, controls, 'Acknowledged'));
  const form = h(
    'form',
    { class: 'handled-form' },
    h('label', { for: noteId }, 'What was done (e.g. “statement issued”, “no action”)'),
    h('div', { class: 'handled-row' }, note, submit),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void post('handled', { note: note.value }, controls, 'Marked handled');
  });
  return h('div', { class: 'alert-actions' }, ack, form, message);
}

function entry(alert: AlertView, page: AlertsPage): HTMLLIElement {
  const title = alert.storyId ? h('a', { href: routeHref('story', {}, [alert.storyId]) }, alert.title) : h('span', {}, alert.title);
  const li: HTMLLIElement = h(
    'li',
    { class: `alert state-${alert.state}`, 'data-alert': alert.id, tabindex: '-1' },
    h('h3', { class: 'item-title' }, title),
    h(
      'p',
      { class: 'item-meta' },
      `${LEVEL_WORDS[alert.level]} · ${alert.sourceName ? `${alert.sourceName} · ` : ''}sent ${when(alert.sentAt)} · ${alert.reason}`,
    ),
    h('p', { class: 'alert-state' }, h('strong', { class: `badge state-${alert.state}` }, STATE_WORDS[alert.state]), ' ', alertStateLine(alert)),
    actions(alert, page, (next) => {
      // The answer is the alert as now recorded: shown in place, focus kept on it.
      const fresh = entry(next, page);
      li.replaceWith(fresh);
      fresh.focus();
      page.changed(next);
    }),
  );
  return li;
}

function rangeForm(params: URLSearchParams, from: string, to: string): HTMLFormElement {
  const input = (name: 'from' | 'to', label: string, value: string) =>
    h('div', { class: 'filter' }, h('label', { for: `alerts-${name}` }, label), h('input', { id: `alerts-${name}`, name, type: 'date', value }));
  const form = h(
    'form',
    { class: 'filters', 'aria-label': 'Dates' },
    input('from', 'From', from),
    input('to', 'To', to),
    h('button', { type: 'submit' }, 'Show'),
  );
  // A new range is a new address: the router renders it, and Back undoes it.
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const next = new URLSearchParams(params);
    for (const k of ['from', 'to'] as const) next.set(k, String(data.get(k) ?? ''));
    location.hash = routeHref('alerts', next);
  });
  return form;
}

function stateFilter(params: URLSearchParams, alerts: readonly AlertView[]): HTMLElement {
  const wanted = params.get('state');
  const list = h('ul', { class: 'toolbar-group state-filter' });
  for (const state of ['all', ...alertStates] as const) {
    const count = state === 'all' ? alerts.length : alerts.filter((a) => a.state === state).length;
    const next = new URLSearchParams(params);
    if (state === 'all') next.delete('state');
    else next.set('state', state);
    const current = (isState(wanted) ? wanted : 'all') === state;
    append(
      list,
      h(
        'li',
        {},
        h('a', { href: routeHref('alerts', next), 'aria-current': current ? 'page' : undefined }, `${state === 'all' ? 'All' : STATE_WORDS[state]} (${count})`),
      ),
    );
  }
  return h('nav', { class: 'toolbar', 'aria-label': 'Alerts by state' }, list);
}

async function render(ctx: ViewContext): Promise<void> {
  append(ctx.root, h('h2', { class: 'view-title' }, 'Alerts'));
  ctx.status('Loading alerts…');
  const range = new URLSearchParams(['from', 'to'].flatMap((k) => (ctx.params.get(k) ? [[k, ctx.params.get(k) ?? '']] : [])));
  const [me, answer] = await Promise.all([
    ctx.api('/api/me').then((m) => meSchema.parse(m)),
    ctx.api(`/api/alerts${range.size > 0 ? `?${range.toString()}` : ''}`).catch((error: unknown) => {
      // A range the server refuses (from after to, too long): its reason, with the form to fix it.
      if (error instanceof ApiError && error.status === 400) return error;
      throw error;
    }),
  ]);
  if (answer instanceof ApiError) {
    append(ctx.root, rangeForm(ctx.params, range.get('from') ?? '', range.get('to') ?? ''), h('p', { class: 'notes', id: 'alerts-error' }, answer.message));
    ctx.status(answer.message);
    return;
  }
  const view = alertsViewSchema.parse(answer);
  const alerts = new Map(view.alerts.map((a) => [a.id, a]));
  const wanted = ctx.params.get('state');
  const filterBox = h('div', {}, stateFilter(ctx.params, view.alerts));
  const page: AlertsPage = {
    ctx,
    canAct: me.role !== 'reader',
    changed: (alert) => {
      alerts.set(alert.id, alert);
      clear(filterBox);
      append(filterBox, stateFilter(ctx.params, [...alerts.values()]));
    },
  };
  const shown = view.alerts.filter((a) => !isState(wanted) || a.state === wanted);
  const period = `${when(view.from)} to ${when(view.to)}`;
  append(
    ctx.root,
    rangeForm(ctx.params, view.from.slice(0, 10), view.to.slice(0, 10)),
    filterBox,
    h('p', { class: 'since' }, `Alerts sent from ${period}, newest first.`),
    shown.length > 0
      ? h('ul', { class: 'alert-list', id: 'alert-list' }, ...shown.map((a) => entry(a, page)))
      : h(
          'p',
          { id: 'alerts-none' },
          isState(wanted) ? `No ${STATE_WORDS[wanted].toLowerCase()} alerts in this period.` : 'No alerts were sent in this period.',
        ),
  );
  ctx.status(`${shown.length} alert${shown.length === 1 ? '' : 's'} from ${period}.`);
}

export const alertsView: View = { id: 'alerts', label: 'Alerts', title: 'Alerts', render };
