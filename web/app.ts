/**
 * The workspace page: signs in (Cognito's hosted sign-in in AWS, the local token or sign-in link
 * on a laptop), then hands the page to the router, which renders the view the address names.
 * Talks only to the review API on this origin.
 */
import * as z from 'zod';
import { pageAuthSchema, type PageAuth } from '../shared/grid/model.js';
import { roles } from '../shared/platform/config/roles.js';
import { api, forgetToken, setToken, SignInNeededError, token, whenSignInNeeded } from './api.js';
import { byId } from './dom.js';
import { checkSignInState, newSignInState, SignInStateError } from './oauth-state.js';
import { startRouter, takeTokenFromHash } from './router.js';
import { views } from './views/index.js';

const VERIFIER_KEY = 'despatch.pkce';

// What GET /api/me answers (shared/workspace/me-api.ts; that module is server code, so not imported here).
const meSchema = z.object({ id: z.string(), name: z.string(), role: z.enum(roles) });

let auth: PageAuth = { mode: 'local' };

const status = (text: string) => {
  byId('status', HTMLParagraphElement).textContent = text;
};

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
  setToken(tokens.id_token);
  sessionStorage.removeItem(VERIFIER_KEY);
}

function showSignIn(message?: string): void {
  forgetToken();
  if (auth.mode === 'cognito') {
    void startCognitoSignIn(auth);
    return;
  }
  byId('app', HTMLDivElement).hidden = true;
  byId('signin', HTMLElement).hidden = false;
  status(message ?? 'Sign in to see the workspace.');
  byId('token', HTMLInputElement).focus();
}

function showApp(): void {
  byId('signin', HTMLElement).hidden = true;
  byId('app', HTMLDivElement).hidden = false;
}

async function showWho(): Promise<void> {
  const who = meSchema.parse(await api('/api/me'));
  byId('who', HTMLParagraphElement).textContent = `Signed in as ${who.name} (${who.role})`;
}

async function main(): Promise<void> {
  auth = pageAuthSchema.parse(await (await fetch('/config.json')).json());
  takeTokenFromHash();
  const code = new URLSearchParams(location.search).get('code');
  if (auth.mode === 'cognito' && code) {
    const params = new URLSearchParams(location.search);
    history.replaceState({}, '', `/${location.hash}`);
    try {
      await finishCognitoSignIn(auth, code, params.get('state'));
    } catch (error) {
      // Refused: say so and stop, rather than redirect straight back into another sign-in.
      if (!(error instanceof SignInStateError)) throw error;
      forgetToken();
      status(error.message);
      return;
    }
  }

  // The skip link focuses the content without putting '#main' in the address, which would lose the view's route.
  document.querySelector('.skip-link')?.addEventListener('click', (event) => {
    event.preventDefault();
    byId('main', HTMLElement).focus();
  });
  let expired = false;
  whenSignInNeeded(() => showSignIn(expired ? 'Your sign-in has expired: sign in again.' : undefined));
  const router = startRouter({
    views,
    root: byId('view', HTMLDivElement),
    nav: byId('views-nav', HTMLElement),
    api,
    status,
    onError: (error) => {
      if (!(error instanceof SignInNeededError)) status(error instanceof Error ? error.message : String(error));
    },
  });
  const start = async () => {
    showApp();
    expired = true;
    await Promise.all([router.render(), showWho().catch(() => undefined)]);
  };
  byId('token-form', HTMLFormElement).addEventListener('submit', (event) => {
    event.preventDefault();
    setToken(byId('token', HTMLInputElement).value.trim());
    void start();
  });

  if (!token()) return showSignIn();
  await start();
}

void main();
