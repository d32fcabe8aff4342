import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Three suites: `unit` for pure logic beside the code, `integration` against a running server on a real
// database, `e2e` driving a real server in Chromium.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['protocol/src/**/*.test.ts', 'server/src/**/*.test.ts', 'web/src/**/*.test.ts', 'scripts/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['server/test/**/*.test.ts'],
          environment: 'node',
          // Migrates one PGlite database for the run; every PGlite server, in-process or a `maum` process, starts
          // from a copy of it instead of creating and migrating a cluster of its own (see support/global-setup.ts).
          globalSetup: ['server/test/support/global-setup.ts'],
          // Vitest's default on 2 cores is one file at a time, which leaves a core idle whenever a file waits on a
          // socket, a timer or a child process. Two files at a time is the most that still helps there.
          maxWorkers: Math.max(2, availableParallelism() - 1),
          // Each file starts its own servers on databases of their own, and no test mocks a module or leaves one
          // changed, so the files a worker runs share its loaded modules instead of loading the server (and
          // compiling PGlite's WebAssembly) anew for each file. Keep it so: a test that must mock belongs in `unit`.
          isolate: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/tests/**/*.test.ts'],
          environment: 'node',
          // The integration suite's migrated PGlite database: each browser test's server starts on a copy of it.
          globalSetup: ['server/test/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
