import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration tests start their own dynalite and SQS servers on ephemeral ports;
    // files run in separate workers so module-scope handler state never leaks between them.
    pool: 'forks',
    reporters: ['default'],
  },
});
