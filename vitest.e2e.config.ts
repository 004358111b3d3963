// End-to-end tests: the built app served by vite preview, driven in Debian's Chromium.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two test files at a time, each with its own Chromium: every test waits on the page's data
    // attributes, never on the clock, so a busier machine only makes them slower, not wrong.
    fileParallelism: true,
    maxWorkers: Number(process.env.E2E_WORKERS ?? 2),
    // A worker runs its files one after another in one process, so playwright-core and the app's
    // modules load once per worker, not once per file. Each file still launches its own Chromium.
    isolate: false,
    globalSetup: ['tests/e2e/global-setup.ts'],
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/e2e.json' },
  },
});
