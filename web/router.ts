/**
 * Hash routes for the workspace: '#/grid', '#/today?priority=housing', '#/story/abc'. Each view
 * has its own address, so it can be bookmarked and linked from an email; the server serves one
 * page for all of them. The router owns the nav (which link is current), the document title and
 * the view's container; a view only renders into the container it is given.
 */
import { setToken } from './api.js';
import { append, clear, h } from './dom.js';

export interface ViewContext {
  root: HTMLElement; // the view's own container; the router clears it before render
  path: string[]; // '#/story/abc' -> ['abc']
  params: URLSearchParams; // '#/search?q=x' -> q=x
  api: (path: string, init?: RequestInit) => Promise<unknown>; // web/api.ts: bearer token, errors as ApiError
  status: (text: string) => void; // the page's aria-live status line
}
export interface View {
  id: string;
  label: string;
  title: string;
  /** False for a view reached only by a link that names what to show (a story): routed, but not in the nav. */
  inNav?: boolean;
  render(ctx: ViewContext): Promise<void>;
}

interface Route {
  id: string;
  path: string[];
  params: URLSearchParams;
}

/** '#/story/abc?x=1' -> story, ['abc'], x=1. Anything that is not a route ('', '#main') is undefined. */
export function parseRoute(hash: string): Route | undefined {
  if (!hash.startsWith('#/')) return undefined;
  const [pathPart = '', query = ''] = hash.slice(2).split(/\?(.*)/s, 2);
  const [id = '', ...path] = pathPart.split('/').map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  });
  return { id, path: path.filter(Boolean), params: new URLSearchParams(query) };
}

/** The address of a view: routeHref('search', { q: 'x' }) -> '#/search?q=x'. Empty values are left out. */
export function routeHref(id: string, params: Record<string, string | undefined> | URLSearchParams = {}, path: string[] = []): string {
  const query = new URLSearchParams();
  const entries = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params);
  for (const [k, v] of entries) if (v !== undefined && v !== '') query.append(k, v);
  const q = query.toString();
  return `#/${[id, ...path].map(encodeURIComponent).join('/')}${q ? `?${q}` : ''}`;
}

/**
 * A local sign-in link arrives as '#token=…': keep the token for this tab and take it out of the
 * address (so it is not bookmarked or shared by accident), landing on the grid.
 */
export function takeTokenFromHash(): void {
  if (location.hash.startsWith('#/')) return;
  const fromLink = new URLSearchParams(location.hash.slice(1)).get('token');
  if (!fromLink) return;
  setToken(fromLink);
  history.replaceState(history.state, '', `${location.pathname}${location.search}#/grid`);
}

export interface RouterOptions {
  views: readonly View[];
  /** Where views render. */
  root: HTMLElement;
  /** Where the nav's links go. */
  nav: HTMLElement;
  api: ViewContext['api'];
  status: ViewContext['status'];
  /** A view failed: the router passes the error on (sign-in needed, or a message to show). */
  onError: (error: unknown) => void;
}

export interface Router {
  /** Renders the view the address names (the first view when it names none). */
  render(): Promise<void>;
}

export function startRouter(options: RouterOptions): Router {
  const { views } = options;
  const fallback = views[0];
  if (!fallback) throw new Error('the router needs at least one view');
  const list = h('ul', { class: 'nav-links' });
  const links = new Map<string, HTMLAnchorElement>();
  for (const v of views) {
    if (v.inNav === false) continue;
    const a = h('a', { href: routeHref(v.id) }, v.label);
    links.set(v.id, a);
    append(list, h('li', {}, a));
  }
  clear(options.nav);
  append(options.nav, list);

  let current = 0;
  let rendered = false;
  const render = async (): Promise<void> => {
    const asked = parseRoute(location.hash);
    const view = views.find((v) => v.id === asked?.id) ?? fallback;
    const route = asked && asked.id === view.id ? asked : { id: view.id, path: [], params: new URLSearchParams() };
    for (const [id, a] of links) {
      if (id === view.id) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    }
    document.title = `${view.title} · Despatch`;
    // A fresh container per render: a slow earlier render writes into a detached box, never over this one.
    const seq = ++current;
    const container = h('div', { class: `view view-${view.id}`, tabindex: '-1' });
    clear(options.root);
    append(options.root, container);
    if (asked && asked.id !== view.id) options.status(`There is no page called "${asked.id}": showing ${view.label}.`);
    // Moving between views puts focus at the new view, as a page load would; the first load leaves it be.
    const moveFocus = rendered;
    rendered = true;
    try {
      await view.render({ root: container, path: route.path, params: route.params, api: options.api, status: options.status });
      if (seq === current && moveFocus && !container.contains(document.activeElement)) container.focus();
    } catch (error) {
      if (seq === current) options.onError(error);
    }
  };
  window.addEventListener('hashchange', () => {
    // In-page anchors ('#main') are not routes: leave the view as it is.
    if (location.hash === '' || location.hash.startsWith('#/')) void render();
  });
  return { render };
}
