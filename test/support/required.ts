/**
 * Corpus and browser tests skip, with a visible note, where what they need is absent (a user's
 * clone has no ../shared; a laptop may have no Chromium). CI sets DESPATCH_REQUIRE_CORPUS=1 and
 * DESPATCH_REQUIRE_BROWSER=1, and then a missing corpus or Chromium fails the run instead of
 * letting it pass having run neither.
 */
export type Requirement = 'corpus' | 'browser';

const VARIABLE: Record<Requirement, string> = { corpus: 'DESPATCH_REQUIRE_CORPUS', browser: 'DESPATCH_REQUIRE_BROWSER' };

/** Returns whether the tests can run; throws when they cannot and the environment requires them. */
export function available(requirement: Requirement, present: boolean, note: string, env: NodeJS.ProcessEnv = process.env): boolean {
  if (present) return true;
  const variable = VARIABLE[requirement];
  if (env[variable] === '1') throw new Error(`${note} — and ${variable}=1 requires these tests to run.`);
  console.warn(note);
  return false;
}
