/**
 * The OAuth `state` for the Cognito sign-in: a random value kept in sessionStorage when the page
 * sends the browser to /oauth2/authorize, and required back, unchanged, with the code. Without it a
 * page elsewhere could send the browser back here with its own code and sign the reviewer in as
 * someone else (login CSRF). Plain functions over the storage and random source, so they are tested
 * without a browser.
 */

/** What these functions use of sessionStorage. */
export interface StateStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const STATE_KEY = 'despatch.oauth-state';

export class SignInStateError extends Error {
  constructor() {
    super('This sign-in did not start from this page (its state does not match), so it was refused. Sign in again from the review page.');
    this.name = 'SignInStateError';
  }
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A new state (128 random bits), remembered for the redirect back. */
export function newSignInState(storage: StateStorage, random: (bytes: Uint8Array) => Uint8Array): string {
  const state = hex(random(new Uint8Array(16)));
  storage.setItem(STATE_KEY, state);
  return state;
}

/**
 * Checks the state the redirect brought back against the one stored, and forgets it either way so
 * it is used once. Throws SignInStateError when none was stored or they differ.
 */
export function checkSignInState(storage: StateStorage, returned: string | null): void {
  const expected = storage.getItem(STATE_KEY);
  storage.removeItem(STATE_KEY);
  if (!expected || !returned || !sameText(expected, returned)) throw new SignInStateError();
}

/** Compared in full whatever the first difference, so the time taken says nothing about the value. */
function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i += 1) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}
