// One test runner, five projects: pure unit tests (Node), the Electron main process's unit tests,
// renderer component tests (happy-dom), integration tests (real server + real clients) and
// end-to-end tests (Chromium).
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          // Pure Node unit files share one module graph per worker (isolate: false): most of this
          // project's time was spent importing the same modules again for every file, not testing.
          // None of these files mocks a module or stubs a global.
          name: 'unit',
          environment: 'node',
          include: ['shared/**/*.test.ts', 'sync-server/**/*.test.ts', 'scripts/**/*.test.ts'],
          isolate: false,
        },
      },
      {
        test: {
          // The Electron main-process files replace `electron` with a fake (vi.mock), so each keeps
          // its own module graph.
          name: 'unit-main',
          environment: 'node',
          include: ['main/**/*.test.ts'],
        },
      },
      {
        plugins: [react()],
        test: {
          // One module graph per worker as for 'unit': the component tests mount and unmount their
          // own roots and open uniquely named databases, and pass with the files shuffled.
          name: 'renderer',
          environment: 'happy-dom',
          isolate: false,
          include: ['renderer/**/*.test.{ts,tsx}'],
        },
      },
      {
        test: {
          name: 'integration',
          environment: 'node',
          // Seeds the demo chain once per run; servers started with seedDemo copy it.
          globalSetup: ['test/support/seed-template.ts'],
          include: ['test/integration/**/*.test.ts', 'test/security/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          // The demo-seeded SQLite database, made once per run (register-helpers copies it).
          globalSetup: ['test/support/seed-template.ts'],
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
