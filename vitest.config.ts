import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// One test command, five projects split by where the code runs:
// shared (pure Node), renderer (jsdom + fake-indexeddb), electron (main process
// with injected fakes), server (the office sync server on PGlite and PostgreSQL)
// and e2e (the web build in Debian's Chromium).
export default defineConfig({
  plugins: [react()],
  test: {
    reporters: ['default', './test/support/summaryLineReporter.ts'],
    projects: [
      {
        extends: true,
        // Ceilings, not waits: a PDF rendered with CJK fonts takes seconds on a loaded machine.
        test: { name: 'shared', include: ['test/shared/**/*.test.ts'], environment: 'node', testTimeout: 60000, hookTimeout: 120000 },
      },
      {
        extends: true,
        test: {
          name: 'renderer',
          include: ['test/renderer/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          setupFiles: ['test/support/rendererSetup.ts'],
          // Ceilings sized for a loaded machine; findBy/waitFor end as soon as the screen shows what they wait for.
          testTimeout: 180000,
          hookTimeout: 120000,
        },
      },
      {
        extends: true,
        test: { name: 'electron', include: ['test/electron/**/*.test.ts'], environment: 'node', testTimeout: 30000 },
      },
      {
        extends: true,
        test: {
          name: 'server',
          include: ['test/server/**/*.test.ts'],
          environment: 'node',
          // One throwaway PostgreSQL cluster and one initialised PGlite folder for the whole project.
          globalSetup: ['test/server/support/globalSetup.ts'],
          testTimeout: 120000,
          hookTimeout: 120000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.ts'],
          environment: 'node',
          globalSetup: ['test/e2e/globalSetup.ts'],
          setupFiles: ['test/e2e/failureReport.ts'],
          // Ceilings sized for a loaded machine (7 builds on 2 cores); waits end as soon as the screen shows what they wait for.
          testTimeout: 180000,
          hookTimeout: 120000,
          expect: { poll: { timeout: 60000 } },
          fileParallelism: false,
        },
      },
    ],
  },
});
