/**
 * The review page: a week as channels x days, each slot openable to edit its draft with the
 * platform's own live character count, approve it, send it back, regenerate it, comment on it, and
 * see its history; exports; and the coverage charts. Talks only to the review API on this origin.
 */
import * as z from 'zod';
import { isoWeekOf, addDays, shortDate, longDate, weekdayOf } from '../shared/grid/calendar.js';
import { countLength } from '../shared/grid/counter.js';
import {
  conflictBodySchema,
  coverageSchema,
  errorBodySchema,
  pageAuthSchema,
  slotSchema,
  weekViewSchema,
  type ChannelView,
  type PageAuth,
  type Slot,
  type WeekView,
} from '../shared/grid/model.js';
import { checkSignInState, newSignInState, SignInStateError } from './oauth-state.js';
import { coverageCharts } from './charts.js';
import { append, byId, clear, h, link } from './dom.js';

const TOKEN_KEY = 'despatch.token';
const VERIFIER_KEY = 'despatch.pkce';

const STATUS_LABEL: Record<Slot['status'], string> = {
  draft: 'Draft',
  'in-review': 'In review',
  approved: 'Approved',
  'changes-requested': 'Changes requested',
};
const KIND_LABEL: Record<Slot['hook']['kind'], string> = {
  awareness: 'Awareness day',
  meeting: 'Council meeting',
  priority: 'Priority story',
  legislation: 'Legislation',
  consultation: 'Consultation closing',
};

class SignInNeededError extends Error {}
class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: unknown,
  ) {
    super(message);
  }
}

let auth: PageAuth = { mode: 'local' };
let view: WeekView | undefined;
let openSlotId: string | undefined;

const status = (text: string) => {
  byId('status', HTMLParagraphElement).textContent = text;
};

// ---------- signing in ----------

function token(): string | undefined {
  return sessionStorage.getItem(TOKEN_KEY) ?? undefined;
}

function base64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

async function startCognitoSignIn(a: Extract<PageAuth, { mode: 'cognito' }>): Promise<void> {
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  sessionStorage.setItem(VERIFIER_KEY, verifier);
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  const url = new URL('/oauth2/authorize', a.domain);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: a.clientId,
    redirect_uri: `${location.origin}/`,
    scope: 'openid email',
    code_challenge_method: 'S256',
    code_challenge: challenge,
    state: newSignInState(sessionStorage, (bytes) => crypto.getRandomValues(bytes)),
  }).toString();
  location.assign(url.toString());
}

async function finishCognitoSignIn(a: Extract<PageAuth, { mode: 'cognito' }>, code: string, state: string | null): Promise<void> {
  checkSignInState(sessionStorage, state);
  const verifier = sessionStorage.getItem(VERIFIER_KEY) ?? '';
  const response = await fetch(new URL('/oauth2/token', a.domain), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: a.clientId, code, redirect_uri: `${location.origin}/`, code_verifier: verifier }),
  });
  const tokens = z.object({ id_token: z.string() }).parse(await response.json());
  sessionStorage.setItem(TOKEN_KEY, tokens.id_token);
  sessionStorage.removeItem(VERIFIER_KEY);
}

function showSignIn(message?: string): void {
  sessionStorage.removeItem(TOKEN_KEY);
  if (auth.mode === 'cognito') {
    void startCognitoSignIn(auth);
    return;
  }
  byId('app', HTMLDivElement).hidden = true;
  byId('signin', HTMLElement).hidden = false;
  status(message ?? 'Sign in to see the grid.');
  byId('token', HTMLInputElement).focus();
}

// ---------- the API ----------

async function api(path: string, init: RequestInit = {}): Promise<unknown> {
  const t = token();
  if (!t) throw new SignInNeededError();
  const response = await fetch(path, { ...init, headers: { ...(init.body ? { 'content-type': 'application/json' } : {}), authorization: `Bearer ${t}` } });
  if (response.status === 401) throw new SignInNeededError();
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const parsed = z.object({ error: z.string() }).safeParse(body);
    const message = parsed.success ? parsed.data.error : `The server answered ${response.status}.`;
    throw new ApiError(response.status, message, body);
  }
  return body;
}

async function download(format: string): Promise<void> {
  if (!view) return;
  const t = token();
  if (!t) throw new SignInNeededError();
  const response = await fetch(`/api/weeks/${view.week}/export?format=${format}`, { headers: { authorization: `Bearer ${t}` } });
  if (response.status === 401) throw new SignInNeededError();
  if (!response.ok) {
    const parsed = errorBodySchema.safeParse(await response.json().catch(() => undefined));
    throw new ApiError(response.status, parsed.success ? parsed.data.error : 'The export failed.', undefined);
  }
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? `grid.${format}`;
  const url = URL.createObjectURL(await response.blob());
  const a = h('a', { href: url, download: name });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  status(`Downloaded ${name}.`);
}

// ---------- the week ----------

function weekFromUrl(): string {
  const asked = new URLSearchParams(location.search).get('week');
  if (asked && /^\d{4}-W\d{2}$/.test(asked)) return asked;
  // The planner prepares the following week; that is the one to review.
  const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
  return isoWeekOf(addDays(today, 7));
}

async function loadWeek(week: string, pushHistory = false): Promise<void> {
  status(`Loading ${week}…`);
  view = weekViewSchema.parse(await api(`/api/weeks/${encodeURIComponent(week)}`));
  if (pushHistory) history.pushState({}, '', `?week=${view.week}`);
  renderWeek();
  status(view.grid ? `${view.week}: ${view.grid.slots.length} posts planned.` : `${view.week} has not been planned yet.`);
}

function renderWeek(): void {
  if (!view) return;
  const v = view;
  byId('signin', HTMLElement).hidden = true;
  byId('app', HTMLDivElement).hidden = false;
  byId('week-label', HTMLParagraphElement).textContent = `Week ${v.week}: ${shortDate(v.dates[0] ?? '')} to ${shortDate(v.dates[6] ?? '')}`;
  byId('who', HTMLParagraphElement).textContent = `Signed in as ${v.user.id}${v.user.canApprove ? ' (approver)' : ' (editor)'}`;
  byId('plan', HTMLButtonElement).textContent = v.grid ? 'Plan this week again' : 'Plan this week';

  const notes = byId('notes', HTMLDivElement);
  clear(notes);
  if (v.grid && v.grid.notes.length > 0) append(notes, h('ul', { class: 'notes' }, ...v.grid.notes.map((n) => h('li', {}, n))));
  if (v.grid)
    append(
      notes,
      h(
        'p',
        { class: 'hint' },
        `Planned ${new Date(v.grid.plannedAt).toLocaleString('en-GB', { timeZone: 'Europe/London', dateStyle: 'medium', timeStyle: 'short' })}. Approved posts and posts someone has worked on are kept when the week is planned again.`,
      ),
    );

  const table = byId('grid', HTMLTableElement);
  clear(table);
  append(
    table,
    h('caption', {}, `Posts for ${v.week}, by channel and day. Open a post to edit, approve or comment.`),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Channel'), ...v.dates.map((d) => h('th', { scope: 'col' }, shortDate(d))))),
    h(
      'tbody',
      {},
      ...v.channels.map((c) =>
        h('tr', {}, h('th', { scope: 'row' }, c.name, c.staffRun ? '' : h('span', { class: 'tag' }, ' not staff-run')), ...v.dates.map((d) => cell(c, d))),
      ),
    ),
  );

  const needs = byId('needs-response', HTMLUListElement);
  clear(needs);
  const needsList = v.grid?.needsResponse ?? [];
  if (needsList.length === 0) append(needs, h('li', {}, 'Nothing sensitive in the period.'));
  for (const n of needsList) append(needs, h('li', {}, link(n.link, n.title), ` — ${n.sourceName}. `, h('span', { class: 'reason' }, n.reasons.join('; '))));

  // Feed text goes in as text nodes (h), never as markup.
  const talking = byId('talking-points', HTMLUListElement);
  clear(talking);
  const talkingList = v.grid?.talkingPoints ?? [];
  if (talkingList.length === 0) append(talking, h('li', {}, 'No press coverage to choose from.'));
  for (const t of talkingList) append(talking, h('li', {}, link(t.link, t.title), ` — ${t.sourceName}. `, h('span', { class: 'reason' }, t.why)));

  const excluded = byId('excluded', HTMLUListElement);
  clear(excluded);
  const excludedList = v.grid?.excluded ?? [];
  if (excludedList.length === 0) append(excluded, h('li', {}, 'Nothing was left out.'));
  for (const e of excludedList) {
    const where = [e.channel ? v.channels.find((c) => c.id === e.channel)?.name : undefined, e.date ? shortDate(e.date) : undefined].filter(Boolean).join(', ');
    append(excluded, h('li', {}, h('strong', {}, e.title), ` (${KIND_LABEL[e.kind]}${where ? `; ${where}` : ''}): ${e.reason}`));
  }
}

function cell(channel: ChannelView, date: string): HTMLTableCellElement {
  const v = view as WeekView;
  const slots = (v.grid?.slots ?? []).filter((s) => s.channel === channel.id && s.date === date);
  const empties = (v.grid?.empty ?? []).filter((e) => e.channel === channel.id && e.date === date);
  const posts = channel.days.includes(weekdayOf(date));
  const td = h('td', {});
  if (!posts && slots.length === 0) {
    append(td, h('span', { class: 'no-post' }, 'No posts'));
    return td;
  }
  for (const slot of slots) {
    const button = h(
      'button',
      { type: 'button', class: `slot status-${slot.status}`, 'data-slot': slot.id, 'aria-haspopup': 'dialog' },
      h('span', { class: 'visually-hidden' }, `${channel.name}, ${longDate(date)}, `),
      h('span', { class: 'slot-time' }, slot.time),
      h('span', { class: 'slot-status' }, STATUS_LABEL[slot.status]),
      h('span', { class: 'slot-hook' }, slot.hook.title),
    );
    button.addEventListener('click', () => openSlot(slot.id));
    append(td, button);
  }
  for (const e of empties) append(td, h('p', { class: 'empty-slot' }, h('span', { class: 'slot-time' }, e.time), ` Empty: ${e.reason}`));
  if (!v.grid) append(td, h('span', { class: 'no-post' }, 'Not planned'));
  return td;
}

// ---------- one slot ----------

function slotById(id: string): Slot | undefined {
  return view?.grid?.slots.find((s) => s.id === id);
}

function replaceSlot(slot: Slot): void {
  if (!view?.grid) return;
  view.grid.slots = view.grid.slots.map((s) => (s.id === slot.id ? slot : s));
}

function openSlot(id: string): void {
  openSlotId = id;
  renderSlot();
  const dialog = byId('slot-dialog', HTMLDialogElement);
  if (!dialog.open) dialog.showModal();
  byId('post-text', HTMLTextAreaElement).focus();
}

function renderSlot(conflict?: { mine: { text: string; altText: string }; message: string }): void {
  const slot = openSlotId ? slotById(openSlotId) : undefined;
  const body = byId('slot-body', HTMLDivElement);
  clear(body);
  if (!slot || !view) return;
  const channel = view.channels.find((c) => c.id === slot.channel);
  const channelName = channel?.name ?? slot.channel;
  const locked = slot.status === 'approved';

  const text = h('textarea', { id: 'post-text', rows: '6', 'aria-describedby': 'post-count post-warnings' });
  text.value = conflict?.mine.text ?? slot.text;
  text.readOnly = locked;
  const counter = h('p', { id: 'post-count', class: 'counter', 'aria-live': 'polite' });
  const warnings = h('ul', { id: 'post-warnings', class: 'warnings' });
  const updateCount = () => {
    const count = countLength(slot.channel, text.value);
    counter.textContent = `${count.count} of ${count.limit} (${channel?.counting ?? ''})${count.over ? ` — ${count.count - count.limit} too many` : ''}`;
    counter.classList.toggle('over', count.over);
    clear(warnings);
    for (const w of count.warnings) append(warnings, h('li', {}, w));
  };
  text.addEventListener('input', updateCount);
  updateCount();

  const image = h('input', { id: 'post-image', type: 'checkbox' });
  image.checked = slot.image;
  image.disabled = locked;
  const alt = h('textarea', { id: 'post-alt', rows: '2', 'aria-describedby': 'alt-hint' });
  alt.value = conflict?.mine.altText ?? slot.altText;
  alt.readOnly = locked;

  const note = h('textarea', { id: 'change-note', rows: '2' });
  const comment = h('textarea', { id: 'comment-text', rows: '2' });
  const dialogStatus = h('p', { id: 'slot-status', role: 'status', 'aria-live': 'polite', class: 'slot-message' }, conflict?.message ?? '');

  const act = async (what: string, run: () => Promise<unknown>) => {
    dialogStatus.textContent = `${what}…`;
    try {
      const result = z.object({ slot: slotSchema }).parse(await run());
      replaceSlot(result.slot);
      renderWeek();
      renderSlot();
      byId('slot-status', HTMLParagraphElement).textContent = `${what}: done (version ${result.slot.version}).`;
    } catch (error) {
      if (error instanceof SignInNeededError) return showSignIn('Your sign-in has expired: sign in again.');
      if (error instanceof ApiError && error.status === 409) {
        const parsed = conflictBodySchema.safeParse(error.body);
        if (parsed.success && parsed.data.current) replaceSlot(parsed.data.current);
        renderWeek();
        // Keep what this person typed: nothing is lost, they merge and save again.
        renderSlot({ mine: { text: text.value, altText: alt.value }, message: `Not saved: ${error.message}` });
        return;
      }
      dialogStatus.textContent = `Not done: ${error instanceof Error ? error.message : String(error)}`;
    }
  };
  const post = (action: string, payload: Record<string, unknown>) => () =>
    api(`/api/weeks/${slot.week}/slots/${slot.id}/${action}`, { method: 'POST', body: JSON.stringify(payload) });

  const buttons: HTMLElement[] = [];
  const button = (label: string, onClick: () => void, attrs: Record<string, string> = {}) => {
    const b = h('button', { type: 'button', ...attrs }, label);
    b.addEventListener('click', onClick);
    buttons.push(b);
    return b;
  };
  if (!locked) {
    button(
      'Save changes',
      () =>
        void act('Saving', () =>
          api(`/api/weeks/${slot.week}/slots/${slot.id}`, {
            method: 'PATCH',
            body: JSON.stringify({ version: slot.version, text: text.value, altText: alt.value, image: image.checked }),
          }),
        ),
      { id: 'save' },
    );
    if (slot.status !== 'in-review')
      button('Send for review', () => void act('Sending for review', post('submit', { version: slot.version })), { id: 'submit' });
    button('Regenerate draft', () => void act('Regenerating', post('regenerate', { version: slot.version })), { id: 'regenerate' });
  }
  if (view.user.canApprove && !locked) button('Approve', () => void act('Approving', post('approve', { version: slot.version })), { id: 'approve' });
  button('Close', () => byId('slot-dialog', HTMLDialogElement).close(), { id: 'close' });

  const history = h(
    'ol',
    { class: 'history' },
    ...slot.history.map((e) => h('li', {}, h('time', { datetime: e.at }, when(e.at)), ` ${e.by} — ${e.action}: ${e.detail}`)),
  );
  const comments = h('ul', { class: 'comments' }, ...slot.comments.map((c) => h('li', {}, h('time', { datetime: c.at }, when(c.at)), ` ${c.by}: ${c.text}`)));
  const commentButton = h('button', { type: 'button', id: 'add-comment' }, 'Add comment');
  commentButton.addEventListener('click', () => void act('Commenting', post('comments', { text: comment.value })));

  append(
    body,
    h('h2', { id: 'slot-title' }, `${channelName}, ${longDate(slot.date)} at ${slot.time}`),
    h('p', { class: `badge status-${slot.status}` }, STATUS_LABEL[slot.status], locked ? ' — locked' : ''),
    dialogStatus,
    conflict
      ? h(
          'div',
          { class: 'conflict' },
          h('h3', {}, 'Their version (now saved)'),
          h('p', { class: 'their-text' }, slot.text),
          h('p', {}, 'Your text is in the box below. Merge as needed and save again.'),
        )
      : null,
    h(
      'section',
      { class: 'why', 'aria-labelledby': 'why-title' },
      h('h3', { id: 'why-title' }, `${KIND_LABEL[slot.hook.kind]}: `, h('span', { class: 'hook-title' }, slot.hook.title)),
      h('p', {}, slot.hook.why, ' ', slot.why),
      slot.hook.items.length > 0 ? h('ul', { class: 'items' }, ...slot.hook.items.map((i) => h('li', {}, link(i.link, i.title), ` — ${i.sourceName}`))) : null,
      slot.checks.length > 0 ? h('p', { class: 'checks-title' }, 'Checks passed:') : null,
      slot.checks.length > 0 ? h('ul', { class: 'checks', 'aria-label': 'Checks passed' }, ...slot.checks.map((c) => h('li', {}, c))) : null,
    ),
    h('div', { class: 'field' }, h('label', { for: 'post-text' }, `Post text for ${channelName}`), text, counter, warnings),
    h('div', { class: 'field checkbox' }, image, h('label', { for: 'post-image' }, 'This post has an image')),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'post-alt' }, 'Alt text (describes the image)'),
      h('p', { id: 'alt-hint', class: 'hint' }, 'Needed before an image post can be approved.'),
      alt,
    ),
    h('div', { class: 'actions' }, ...buttons),
    view.user.canApprove
      ? h(
          'div',
          { class: 'field' },
          h('label', { for: 'change-note' }, 'What needs to change (sends it back to the editor)'),
          note,
          (() => {
            const b = h('button', { type: 'button', id: 'request-changes' }, 'Request changes');
            b.addEventListener('click', () => void act('Requesting changes', post('request-changes', { version: slot.version, note: note.value })));
            return b;
          })(),
        )
      : null,
    h(
      'section',
      { 'aria-labelledby': 'comments-title' },
      h('h3', { id: 'comments-title' }, 'Comments'),
      comments,
      h('div', { class: 'field' }, h('label', { for: 'comment-text' }, 'Add a comment'), comment, commentButton),
    ),
    h('section', { 'aria-labelledby': 'history-title' }, h('h3', { id: 'history-title' }, 'History'), history),
  );
}

function when(iso: string): string {
  return new Date(iso).toLocaleString('en-GB', { timeZone: 'Europe/London', dateStyle: 'medium', timeStyle: 'short' });
}

// ---------- coverage ----------

async function showCoverage(): Promise<void> {
  if (!view) return;
  status('Loading coverage…');
  const coverage = coverageSchema.parse(await api(`/api/coverage?week=${view.week}`));
  const target = byId('coverage', HTMLDivElement);
  clear(target);
  append(target, coverageCharts(coverage));
  status(`Coverage for the ${coverage.days.length} days up to ${shortDate(coverage.to)}.`);
}

function selectTab(which: 'grid' | 'coverage'): void {
  for (const name of ['grid', 'coverage'] as const) {
    const tab = byId(`tab-${name}`, HTMLButtonElement);
    const selected = name === which;
    tab.setAttribute('aria-selected', String(selected));
    tab.tabIndex = selected ? 0 : -1;
    byId(`${name}-view`, HTMLElement).hidden = !selected;
  }
  byId(`tab-${which}`, HTMLButtonElement).focus();
  if (which === 'coverage') void guarded(showCoverage);
}

// ---------- wiring ----------

async function guarded(run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    if (error instanceof SignInNeededError) return showSignIn();
    status(error instanceof Error ? error.message : String(error));
  }
}

async function main(): Promise<void> {
  auth = pageAuthSchema.parse(await (await fetch('/config.json')).json());
  const hash = new URLSearchParams(location.hash.slice(1));
  const fromLink = hash.get('token');
  if (fromLink) {
    sessionStorage.setItem(TOKEN_KEY, fromLink);
    history.replaceState({}, '', `${location.pathname}${location.search}`);
  }
  const code = new URLSearchParams(location.search).get('code');
  if (auth.mode === 'cognito' && code) {
    const params = new URLSearchParams(location.search);
    history.replaceState({}, '', '/');
    try {
      await finishCognitoSignIn(auth, code, params.get('state'));
    } catch (error) {
      // Refused: say so and stop, rather than redirect straight back into another sign-in.
      if (!(error instanceof SignInStateError)) throw error;
      sessionStorage.removeItem(TOKEN_KEY);
      status(error.message);
      return;
    }
  }

  byId('token-form', HTMLFormElement).addEventListener('submit', (event) => {
    event.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, byId('token', HTMLInputElement).value.trim());
    void guarded(() => loadWeek(weekFromUrl()));
  });
  byId('prev-week', HTMLButtonElement).addEventListener('click', () => {
    const week = view?.previousWeek;
    if (week) void guarded(() => loadWeek(week, true));
  });
  byId('next-week', HTMLButtonElement).addEventListener('click', () => {
    const week = view?.nextWeek;
    if (week) void guarded(() => loadWeek(week, true));
  });
  byId('plan', HTMLButtonElement).addEventListener(
    'click',
    () =>
      void guarded(async () => {
        if (!view) return;
        status(`Planning ${view.week}…`);
        view = weekViewSchema.parse(await api(`/api/weeks/${view.week}/plan`, { method: 'POST' }));
        renderWeek();
        status(`${view.week} planned: ${view.grid?.slots.length ?? 0} posts.`);
      }),
  );
  for (const b of document.querySelectorAll<HTMLButtonElement>('button[data-export]')) {
    b.addEventListener('click', () => void guarded(() => download(b.dataset.export ?? 'xlsx')));
  }
  byId('tab-grid', HTMLButtonElement).addEventListener('click', () => selectTab('grid'));
  byId('tab-coverage', HTMLButtonElement).addEventListener('click', () => selectTab('coverage'));
  for (const id of ['tab-grid', 'tab-coverage']) {
    byId(id, HTMLButtonElement).addEventListener('keydown', (event) => {
      if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') selectTab(id === 'tab-grid' ? 'coverage' : 'grid');
    });
  }
  byId('slot-dialog', HTMLDialogElement).addEventListener('close', () => {
    const id = openSlotId;
    openSlotId = undefined;
    if (id) document.querySelector<HTMLButtonElement>(`button[data-slot="${CSS.escape(id)}"]`)?.focus();
  });
  window.addEventListener('popstate', () => void guarded(() => loadWeek(weekFromUrl())));

  if (!token()) return showSignIn();
  await guarded(() => loadWeek(weekFromUrl()));
}

void main();
