/**
 * A story (#/story/ID): every outlet that carried it, in the order they did, each with its
 * headline (linked, highlighted) and time; its level as it rose and why; the alerts sent and what
 * was done about them; and where else it went: the briefings that took it in and its grid slots.
 * An unknown id says so in the view rather than leaving it blank. Feed text goes in as text only.
 */
import { storyViewSchema, type StoryOutlet, type StoryView } from '../../shared/workspace/views.js';
import { safeHref } from '../../shared/deliver/render/escape.js';
import { ApiError } from '../api.js';
import { append, h } from '../dom.js';
import { highlighted } from '../highlight.js';
import { routeHref, type View, type ViewContext } from '../router.js';
import { alertStateLine, LEVEL_WORDS, when } from '../words.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function outlet(item: StoryOutlet): HTMLLIElement {
  // The server sends only safe links; checked again here, as every link the page makes is.
  const href = item.url ? safeHref(item.url) : undefined;
  const title = href
    ? h(
        'a',
        { href, rel: 'noopener noreferrer', target: '_blank' },
        ...highlighted(item.title),
        h('span', { class: 'visually-hidden' }, ' (opens in a new tab)'),
      )
    : h('span', {}, ...highlighted(item.title));
  return h(
    'li',
    { class: 'outlet', 'data-item': item.itemId },
    h('span', { class: 'outlet-source' }, item.sourceName),
    ' ',
    h('span', { class: 'outlet-title' }, title),
    ' ',
    h('span', { class: 'item-meta' }, `${when(item.publishedAt)}${item.level !== 'none' ? ` · ${LEVEL_WORDS[item.level]}` : ''}`),
  );
}

function section(id: string, title: string, ...body: (Node | string | null)[]): HTMLElement {
  return h('section', { class: 'story-part', 'aria-labelledby': id }, h('h3', { id }, title), ...body);
}

/** The Alerts view on the UTC day the alert went (its range is in UTC days), so the link finds it past the default 30 days. */
const alertsHref = (sentAt: string) => routeHref('alerts', { from: sentAt.slice(0, 10), to: sentAt.slice(0, 10) });

function show(ctx: ViewContext, story: StoryView): void {
  const shown = story.items.length < story.size ? ` (the first ${story.items.length} are listed)` : '';
  append(
    ctx.root,
    story.mergedInto
      ? h(
          'p',
          { class: 'notes', id: 'story-merged' },
          'This story turned out to be part of another: ',
          h('a', { href: routeHref('story', {}, [story.mergedInto]) }, 'open the story it was merged into'),
          '.',
        )
      : null,
    h(
      'p',
      { class: 'since', id: 'story-summary' },
      `${plural(story.size, 'item')}${shown} · first seen ${when(story.firstSeenAt)} · last seen ${when(story.lastSeenAt)} · level ${LEVEL_WORDS[story.level]}`,
    ),
    section(
      'story-outlets-title',
      `Outlets, in the order they carried it (${story.items.length})`,
      story.items.length > 0
        ? h('ol', { class: 'story-outlets', id: 'story-outlets' }, ...story.items.map(outlet))
        : h('p', {}, 'Its items are no longer kept.'),
    ),
    section(
      'story-levels-title',
      'Level over time',
      story.levels.length > 0
        ? h('ol', { id: 'story-levels' }, ...story.levels.map((l) => h('li', {}, `${when(l.at)}: ${LEVEL_WORDS[l.level]}. ${l.reason}.`)))
        : h('p', {}, 'It never reached an alert level.'),
      story.why.length > 0 ? h('p', { class: 'why-title' }, 'Why it is sensitive:') : null,
      story.why.length > 0 ? h('ul', { class: 'why', id: 'story-why' }, ...story.why.map((r) => h('li', {}, r))) : null,
    ),
    section(
      'story-alerts-title',
      'Alerts sent',
      story.alerts.length > 0
        ? h(
            'ul',
            { id: 'story-alerts' },
            ...story.alerts.map((a) =>
              h(
                'li',
                { 'data-alert': a.id },
                h('a', { href: alertsHref(a.sentAt) }, `${when(a.sentAt)}: ${a.reason}`),
                h('span', { class: `state state-${a.state}` }, ` · ${alertStateLine(a)}`),
              ),
            ),
          )
        : h('p', {}, 'No alert was sent for this story.'),
    ),
    section(
      'story-briefings-title',
      'In briefings',
      story.briefings.length > 0
        ? h(
            'ul',
            { id: 'story-briefings' },
            ...story.briefings.map((b) => h('li', {}, `${b.localDate}: ${b.subject ?? 'briefing'} (${plural(b.items, 'of its items')})`)),
          )
        : h('p', {}, 'No briefing has taken it in yet.'),
    ),
    section(
      'story-grid-title',
      'On the grid',
      story.grid.length > 0
        ? h(
            'ul',
            { id: 'story-grid' },
            ...story.grid.map((g) =>
              h('li', {}, h('a', { href: routeHref('grid', { week: g.week }) }, `${g.date} ${g.time} · ${g.channel}`), ` (${g.status})`),
            ),
          )
        : h('p', {}, 'No grid slot is built on it.'),
    ),
  );
}

async function render(ctx: ViewContext): Promise<void> {
  const id = ctx.path[0] ?? '';
  append(ctx.root, h('h2', { class: 'view-title' }, 'Story'));
  if (!id) {
    append(
      ctx.root,
      h(
        'p',
        { id: 'story-missing' },
        'No story was named: open one from ',
        h('a', { href: routeHref('today') }, 'Today'),
        ' or ',
        h('a', { href: routeHref('alerts') }, 'Alerts'),
        '.',
      ),
    );
    ctx.status('No story was named.');
    return;
  }
  ctx.status('Loading the story…');
  let story: StoryView;
  try {
    story = storyViewSchema.parse(await ctx.api(`/api/stories/${encodeURIComponent(id)}`));
  } catch (error) {
    // An old or mistyped link: say so here, with the server's reason, rather than leave a blank view.
    if (!(error instanceof ApiError) || error.status !== 404) throw error;
    append(
      ctx.root,
      h('p', { id: 'story-missing', class: 'notes' }, `There is no such story. ${error.message}`),
      h('p', {}, 'Look for it from ', h('a', { href: routeHref('today') }, 'Today'), ' or ', h('a', { href: routeHref('alerts') }, 'Alerts'), '.'),
    );
    ctx.status('There is no such story.');
    return;
  }
  show(ctx, story);
  ctx.status(`Story carried by ${plural(story.items.length, 'outlet')}.`);
}

export const storyView: View = { id: 'story', label: 'Story', title: 'Story', inNav: false, render };
