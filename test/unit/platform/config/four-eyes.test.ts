import { describe, expect, it } from 'vitest';
import { gridConfig } from '../../grid/fixtures.js';

const channels = [{ id: 'x', days: ['tue'], times: ['08:30'] }];

describe('grid.fourEyes', () => {
  it('is on unless the configuration turns it off', () => {
    expect(gridConfig({ channels }).grid?.fourEyes).toBe(true);
    expect(gridConfig({ channels, fourEyes: false }).grid?.fourEyes).toBe(false);
  });

  it('reads the key it replaced: approval anyone is fourEyes false, someone-else is true', () => {
    expect(gridConfig({ channels, approval: 'anyone' }).grid).toMatchObject({ fourEyes: false });
    expect(gridConfig({ channels, approval: 'someone-else' }).grid).toMatchObject({ fourEyes: true });
    expect(gridConfig({ channels, approval: 'anyone' }).grid).not.toHaveProperty('approval');
  });

  it('refuses both keys at once, or an old value it does not know, saying what replaced it', () => {
    expect(() => gridConfig({ channels, approval: 'anyone', fourEyes: true })).toThrow(/replaced by grid.fourEyes/);
    expect(() => gridConfig({ channels, approval: 'nobody' })).toThrow(/replaced by grid.fourEyes/);
  });
});
