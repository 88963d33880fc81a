/**
 * The one way the page talks to the review API: the bearer token from this tab's session, errors
 * as ApiError with the server's own message, and 401 as SignInNeededError so the router can ask
 * for a sign-in instead of showing a broken view.
 */
import { errorBodySchema } from '../shared/grid/model.js';
import { h } from './dom.js';

// Error answers may carry more than the message (a 409 the slot as it now is, a 400 the query's column).
const errorBody = errorBodySchema.loose();

export const TOKEN_KEY = 'despatch.token';

export class SignInNeededError extends Error {
  constructor() {
    super('Sign in to continue.');
  }
}

let signInNeeded: (() => void) | undefined;

/** Who to tell when the API says the sign-in is missing or has expired (the page shows its sign-in form). */
export function whenSignInNeeded(handler: () => void): void {
  signInNeeded = handler;
}

function needSignIn(): never {
  signInNeeded?.();
  throw new SignInNeededError();
}
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: unknown,
  ) {
    super(message);
  }
}

export function token(): string | undefined {
  return sessionStorage.getItem(TOKEN_KEY) ?? undefined;
}

export function setToken(value: string): void {
  sessionStorage.setItem(TOKEN_KEY, value);
}

export function forgetToken(): void {
  sessionStorage.removeItem(TOKEN_KEY);
}

export async function api(path: string, init: RequestInit = {}): Promise<unknown> {
  const t = token();
  if (!t) needSignIn();
  const response = await fetch(path, { ...init, headers: { ...(init.body ? { 'content-type': 'application/json' } : {}), authorization: `Bearer ${t}` } });
  if (response.status === 401) needSignIn();
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const parsed = errorBody.safeParse(body);
    const message = parsed.success ? parsed.data.error : `The server answered ${response.status}.`;
    throw new ApiError(response.status, message, body);
  }
  return body;
}

/**
 * Fetches a file from the API with the token (a plain link cannot carry it) and hands it to the
 * browser as a download; returns the file's name.
 */
export async function download(path: string, fallbackName: string): Promise<string> {
  const t = token();
  if (!t) needSignIn();
  const response = await fetch(path, { headers: { authorization: `Bearer ${t}` } });
  if (response.status === 401) needSignIn();
  if (!response.ok) {
    const parsed = errorBody.safeParse(await response.json().catch(() => undefined));
    throw new ApiError(response.status, parsed.success ? parsed.data.error : 'The download failed.', undefined);
  }
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const a = h('a', { href: url, download: name });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
