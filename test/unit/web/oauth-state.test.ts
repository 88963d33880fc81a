import { webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkSignInState, newSignInState, SignInStateError, type StateStorage } from '../../../web/oauth-state.js';

/** sessionStorage's contract, in memory. */
function memoryStorage(): StateStorage {
  const values = new Map<string, string>();
  return { getItem: (k) => values.get(k) ?? null, setItem: (k, v) => void values.set(k, v), removeItem: (k) => void values.delete(k) };
}
const random = (bytes: Uint8Array) => webcrypto.getRandomValues(bytes);

describe('OAuth state for the Cognito sign-in', () => {
  it('accepts the redirect back that carries the state this page sent', () => {
    // Prepare
    const storage = memoryStorage();
    const state = newSignInState(storage, random);
    // Act / Assess
    expect(state).toMatch(/^[0-9a-f]{32}$/);
    expect(() => checkSignInState(storage, state)).not.toThrow();
  });

  it('sends a different state each time', () => {
    const storage = memoryStorage();
    expect(newSignInState(storage, random)).not.toBe(newSignInState(storage, random));
  });

  it.each([
    ['a different state', 'f'.repeat(32)],
    ['no state', null],
    ['an empty state', ''],
  ])('refuses a redirect with %s', (_what, returned) => {
    // Prepare
    const storage = memoryStorage();
    newSignInState(storage, random);
    // Act / Assess
    expect(() => checkSignInState(storage, returned)).toThrow(SignInStateError);
  });

  it('refuses a code when this page started no sign-in (a link from elsewhere)', () => {
    expect(() => checkSignInState(memoryStorage(), 'a'.repeat(32))).toThrow(/did not start from this page/);
  });

  it('uses a state once: replaying the same redirect is refused', () => {
    // Prepare
    const storage = memoryStorage();
    const state = newSignInState(storage, random);
    checkSignInState(storage, state);
    // Act / Assess
    expect(() => checkSignInState(storage, state)).toThrow(SignInStateError);
  });
});
