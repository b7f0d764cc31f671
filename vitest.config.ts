import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The declaration worker runs dist/: fail before testing stale code (npm test builds first).
    globalSetup: ['test/dist-freshness.ts'],
    // Vitest leaves a core free by default, which on a 2-core machine is one worker for the whole suite.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
