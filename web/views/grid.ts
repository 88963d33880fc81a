/**
 * The social media grid: a week as channels x days, each slot openable to edit its draft with the
 * platform's own live character count, approve it, send it back, regenerate it, comment on it, and
 * see its history; exports. The week is in the address ('#/grid?week=2026-W50'; the older
 * '/?week=…' bookmarks still open it).
 */
import * as z from 'zod';
import { isoWeekOf, addDays, shortDate, longDate, weekdayOf } from '../../shared/grid/calendar.js';
import { countLength } from '../../shared/grid/counter.js';
import { conflictBodySchema, slotSchema, weekViewSchema, type ChannelView, type Slot, type WeekView } from '../../shared/grid/model.js';
import { ApiError, download, SignInNeededError } from '../api.js';
import { append, clear, h, link } from '../dom.js';
import { routeHref, type View, type ViewContext } from '../router.js';

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
const WEEK = /^\d{4}-W\d{2}$/;

/** The week the address asks for, else the one the planner prepares (the following week). */
function weekAsked(params: URLSearchParams): string {
  const asked = params.get('week') ?? new URLSearchParams(location.search).get('week');
  if (asked && WEEK.test(asked)) return asked;
  const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
  return isoWeekOf(addDays(today, 7));
}

/** The week button pressed on the previous render of this view, to give the focus back to. */
let refocus: string | undefined;

function when(iso: string): string {
  return new Date(iso).toLocaleString('en-GB', { timeZone: 'Europe/London', dateStyle: 'medium', timeStyle: 'short' });
}

function button(label: string, onClick: () => void, attrs: Record<string, string> = {}): HTMLButtonElement {
  const b = h('button', { type: 'button', ...attrs }, label);
  b.addEventListener('click', onClick);
  return b;
}

async function render(ctx: ViewContext): Promise<void> {
  let view: WeekView | undefined;
  let openSlotId: string | undefined;
  // Errors inside event handlers go to the status line (a lost sign-in has already shown the sign-in form).
  const guarded = (run: () => Promise<void>) => () => {
    run().catch((error: unknown) => {
      if (!(error instanceof SignInNeededError)) ctx.status(error instanceof Error ? error.message : String(error));
    });
  };

  const weekLabel = h('p', { id: 'week-label', 'aria-live': 'polite' }, 'Loading…');
  const prev = button(
    '← Previous week',
    guarded(() => go(view?.previousWeek)),
    { id: 'prev-week' },
  );
  const next = button(
    'Next week →',
    guarded(() => go(view?.nextWeek)),
    { id: 'next-week' },
  );
  const plan = button('Plan this week again', guarded(planAgain), { id: 'plan' });
  const exports = (['xlsx', 'csv', 'ics'] as const).map((format) =>
    button(
      { xlsx: 'Spreadsheet (XLSX)', csv: 'CSV', ics: 'Calendar of approved posts (ICS)' }[format],
      guarded(async () => {
        if (!view) return;
        ctx.status(`Downloaded ${await download(`/api/weeks/${view.week}/export?format=${format}`, `grid.${format}`)}.`);
      }),
      { 'data-export': format },
    ),
  );
  const notes = h('div', { id: 'notes' });
  const table = h('table', { id: 'grid', class: 'grid' });
  const needs = h('ul', { id: 'needs-response' });
  const talking = h('ul', { id: 'talking-points' });
  const excluded = h('ul', { id: 'excluded' });
  const slotBody = h('div', { id: 'slot-body' });
  const dialog = h('dialog', { id: 'slot-dialog', 'aria-labelledby': 'slot-title' }, slotBody);
  dialog.addEventListener('close', () => {
    const id = openSlotId;
    openSlotId = undefined;
    if (id) table.querySelector<HTMLButtonElement>(`button[data-slot="${CSS.escape(id)}"]`)?.focus();
  });

  append(
    ctx.root,
    h('h2', { class: 'view-title' }, 'Social media grid'),
    h('nav', { 'aria-label': 'Weeks', class: 'week-nav' }, prev, weekLabel, next),
    h(
      'div',
      { class: 'toolbar' },
      plan,
      h('span', { class: 'toolbar-label', id: 'export-label' }, 'Export:'),
      h('span', { role: 'group', 'aria-labelledby': 'export-label', class: 'toolbar-group' }, ...exports),
    ),
    notes,
    h('div', { class: 'grid-scroll' }, table),
    h(
      'section',
      { 'aria-labelledby': 'needs-title', class: 'panel' },
      h('h2', { id: 'needs-title' }, 'Needs a response?'),
      h('p', { class: 'hint' }, 'Sensitive stories are never planned as posts. Decide whether the Mayor should respond.'),
      needs,
    ),
    h(
      'section',
      { 'aria-labelledby': 'talking-title', class: 'panel' },
      h('h2', { id: 'talking-title' }, 'Talking points'),
      h('p', { class: 'hint' }, "Press coverage that passed the checks. Not drafted in the Mayor's voice: choose any worth a post."),
      talking,
    ),
    h('section', { 'aria-labelledby': 'excluded-title', class: 'panel' }, h('h2', { id: 'excluded-title' }, 'Left out, and why'), excluded),
    dialog,
  );

  async function load(week: string): Promise<void> {
    ctx.status(`Loading ${week}…`);
    view = weekViewSchema.parse(await ctx.api(`/api/weeks/${encodeURIComponent(week)}`));
    renderWeek();
    ctx.status(view.grid ? `${view.week}: ${view.grid.slots.length} posts planned.` : `${view.week} has not been planned yet.`);
  }

  // Another week is another address (so Back returns to this one, and the week can be bookmarked);
  // the router renders it afresh, and the button pressed keeps the focus.
  async function go(week: string | undefined): Promise<void> {
    if (!week) return;
    refocus = week === view?.nextWeek ? 'next-week' : 'prev-week';
    location.hash = routeHref('grid', { week });
    return Promise.resolve();
  }

  async function planAgain(): Promise<void> {
    if (!view) return;
    ctx.status(`Planning ${view.week}…`);
    view = weekViewSchema.parse(await ctx.api(`/api/weeks/${view.week}/plan`, { method: 'POST' }));
    renderWeek();
    ctx.status(`${view.week} planned: ${view.grid?.slots.length ?? 0} posts.`);
  }

  function renderWeek(): void {
    if (!view) return;
    const v = view;
    weekLabel.textContent = `Week ${v.week}: ${shortDate(v.dates[0] ?? '')} to ${shortDate(v.dates[6] ?? '')}`;
    plan.textContent = v.grid ? 'Plan this week again' : 'Plan this week';

    clear(notes);
    if (v.grid && v.grid.notes.length > 0) append(notes, h('ul', { class: 'notes' }, ...v.grid.notes.map((n) => h('li', {}, n))));
    if (v.grid)
      append(
        notes,
        h('p', { class: 'hint' }, `Planned ${when(v.grid.plannedAt)}. Approved posts and posts someone has worked on are kept when the week is planned again.`),
      );

    clear(table);
    append(
      table,
      h('caption', {}, `Posts for ${v.week}, by channel and day. Open a post to edit, approve or comment.`),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Channel'), ...v.dates.map((d) => h('th', { scope: 'col' }, shortDate(d))))),
      h(
        'tbody',
        {},
        ...v.channels.map((c) =>
          h('tr', {}, h('th', { scope: 'row' }, c.name, c.staffRun ? '' : h('span', { class: 'tag' }, ' not staff-run')), ...v.dates.map((d) => cell(v, c, d))),
        ),
      ),
    );

    // Feed text goes in as text nodes (h), never as markup.
    clear(needs);
    const needsList = v.grid?.needsResponse ?? [];
    if (needsList.length === 0) append(needs, h('li', {}, 'Nothing sensitive in the period.'));
    for (const n of needsList) append(needs, h('li', {}, link(n.link, n.title), ` — ${n.sourceName}. `, h('span', { class: 'reason' }, n.reasons.join('; '))));

    clear(talking);
    const talkingList = v.grid?.talkingPoints ?? [];
    if (talkingList.length === 0) append(talking, h('li', {}, 'No press coverage to choose from.'));
    for (const t of talkingList) append(talking, h('li', {}, link(t.link, t.title), ` — ${t.sourceName}. `, h('span', { class: 'reason' }, t.why)));

    clear(excluded);
    const excludedList = v.grid?.excluded ?? [];
    if (excludedList.length === 0) append(excluded, h('li', {}, 'Nothing was left out.'));
    for (const e of excludedList) {
      const where = [e.channel ? v.channels.find((c) => c.id === e.channel)?.name : undefined, e.date ? shortDate(e.date) : undefined]
        .filter(Boolean)
        .join(', ');
      append(excluded, h('li', {}, h('strong', {}, e.title), ` (${KIND_LABEL[e.kind]}${where ? `; ${where}` : ''}): ${e.reason}`));
    }
  }

  function cell(v: WeekView, channel: ChannelView, date: string): HTMLTableCellElement {
    const slots = (v.grid?.slots ?? []).filter((s) => s.channel === channel.id && s.date === date);
    const empties = (v.grid?.empty ?? []).filter((e) => e.channel === channel.id && e.date === date);
    const posts = channel.days.includes(weekdayOf(date));
    const td = h('td', {});
    if (!posts && slots.length === 0) {
      append(td, h('span', { class: 'no-post' }, 'No posts'));
      return td;
    }
    for (const slot of slots) {
      const b = h(
        'button',
        { type: 'button', class: `slot status-${slot.status}`, 'data-slot': slot.id, 'aria-haspopup': 'dialog' },
        h('span', { class: 'visually-hidden' }, `${channel.name}, ${longDate(date)}, `),
        h('span', { class: 'slot-time' }, slot.time),
        h('span', { class: 'slot-status' }, STATUS_LABEL[slot.status]),
        h('span', { class: 'slot-hook' }, slot.hook.title),
      );
      b.addEventListener('click', () => openSlot(slot.id));
      append(td, b);
    }
    for (const e of empties) append(td, h('p', { class: 'empty-slot' }, h('span', { class: 'slot-time' }, e.time), ` Empty: ${e.reason}`));
    if (!v.grid) append(td, h('span', { class: 'no-post' }, 'Not planned'));
    return td;
  }

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
    if (!dialog.open) dialog.showModal();
    slotBody.querySelector<HTMLTextAreaElement>('#post-text')?.focus();
  }

  function renderSlot(conflict?: { mine: { text: string; altText: string }; message: string }): void {
    const slot = openSlotId ? slotById(openSlotId) : undefined;
    clear(slotBody);
    if (!slot || !view) return;
    const user = view.user;
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
        const fresh = slotBody.querySelector('#slot-status');
        if (fresh) fresh.textContent = `${what}: done (version ${result.slot.version}).`;
      } catch (error) {
        if (error instanceof ApiError && error.status === 409) {
          const parsed = conflictBodySchema.safeParse(error.body);
          if (parsed.success && parsed.data.current) replaceSlot(parsed.data.current);
          renderWeek();
          // Keep what this person typed: nothing is lost, they merge and save again.
          renderSlot({ mine: { text: text.value, altText: alt.value }, message: `Not saved: ${error.message}` });
          return;
        }
        if (error instanceof SignInNeededError) return dialog.close();
        dialogStatus.textContent = `Not done: ${error instanceof Error ? error.message : String(error)}`;
      }
    };
    const post = (action: string, payload: Record<string, unknown>) => () =>
      ctx.api(`/api/weeks/${slot.week}/slots/${slot.id}/${action}`, { method: 'POST', body: JSON.stringify(payload) });

    const buttons: HTMLElement[] = [];
    const add = (label: string, onClick: () => void, attrs: Record<string, string> = {}) => buttons.push(button(label, onClick, attrs));
    if (!locked) {
      add(
        'Save changes',
        () =>
          void act('Saving', () =>
            ctx.api(`/api/weeks/${slot.week}/slots/${slot.id}`, {
              method: 'PATCH',
              body: JSON.stringify({ version: slot.version, text: text.value, altText: alt.value, image: image.checked }),
            }),
          ),
        { id: 'save' },
      );
      if (slot.status !== 'in-review')
        add('Send for review', () => void act('Sending for review', post('submit', { version: slot.version })), { id: 'submit' });
      add('Regenerate draft', () => void act('Regenerating', post('regenerate', { version: slot.version })), { id: 'regenerate' });
    }
    if (user.canApprove && !locked) add('Approve', () => void act('Approving', post('approve', { version: slot.version })), { id: 'approve' });
    add('Close', () => dialog.close(), { id: 'close' });

    const historyList = h(
      'ol',
      { class: 'history' },
      ...slot.history.map((e) => h('li', {}, h('time', { datetime: e.at }, when(e.at)), ` ${e.by} — ${e.action}: ${e.detail}`)),
    );
    const comments = h('ul', { class: 'comments' }, ...slot.comments.map((c) => h('li', {}, h('time', { datetime: c.at }, when(c.at)), ` ${c.by}: ${c.text}`)));
    const commentButton = button('Add comment', () => void act('Commenting', post('comments', { text: comment.value })), { id: 'add-comment' });

    append(
      slotBody,
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
        slot.hook.items.length > 0
          ? h('ul', { class: 'items' }, ...slot.hook.items.map((i) => h('li', {}, link(i.link, i.title), ` — ${i.sourceName}`)))
          : null,
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
      user.canApprove
        ? h(
            'div',
            { class: 'field' },
            h('label', { for: 'change-note' }, 'What needs to change (sends it back to the editor)'),
            note,
            button('Request changes', () => void act('Requesting changes', post('request-changes', { version: slot.version, note: note.value })), {
              id: 'request-changes',
            }),
          )
        : null,
      h(
        'section',
        { 'aria-labelledby': 'comments-title' },
        h('h3', { id: 'comments-title' }, 'Comments'),
        comments,
        h('div', { class: 'field' }, h('label', { for: 'comment-text' }, 'Add a comment'), comment, commentButton),
      ),
      h('section', { 'aria-labelledby': 'history-title' }, h('h3', { id: 'history-title' }, 'History'), historyList),
    );
  }

  await load(weekAsked(ctx.params));
  const focus = refocus;
  refocus = undefined;
  if (focus) ctx.root.querySelector<HTMLButtonElement>(`#${focus}`)?.focus();
}

export const gridView: View = { id: 'grid', label: 'Grid', title: 'Social media grid', render };
