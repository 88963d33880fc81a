import { describe, expect, it, vi } from 'vitest';
import { available } from '../support/required.js';

describe('tests that need the corpus or Chromium', () => {
  it('run when what they need is there', () => {
    expect(available('corpus', true, 'note', {})).toBe(true);
  });

  it('skip with the note when it is missing and nothing requires them', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(available('browser', false, '[browser tests skipped] no Chromium', {})).toBe(false);
    expect(warn).toHaveBeenCalledWith('[browser tests skipped] no Chromium');
    warn.mockRestore();
  });

  it('fail the run when CI requires them and they cannot run', () => {
    expect(() => available('corpus', false, '[corpus] missing', { DESPATCH_REQUIRE_CORPUS: '1' })).toThrow(/DESPATCH_REQUIRE_CORPUS=1/);
    expect(() => available('browser', false, 'no Chromium', { DESPATCH_REQUIRE_BROWSER: '1' })).toThrow(/DESPATCH_REQUIRE_BROWSER=1/);
  });
});
