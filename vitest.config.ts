import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The declaration worker runs dist/: fail before testing stale code (npm test builds first).
    globalSetup: ['test/dist-freshness.ts', 'test/run-tmpdir.ts'],
    setupFiles: ['test/support/fresh-fixtures.ts'],
    // Vitest leaves a core free by default, which on a 2-core machine is one worker for the whole suite.
    maxWorkers: 2,
    // Test files share a worker's module cache: isolated, every file imported the whole source again (34 s of
    // the suite's 104 s). So a test file restores what it changes (process.env, timers), and
    // test/support/fresh-fixtures.ts restarts the shared helpers' counters before each file.
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
