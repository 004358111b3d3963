// End-to-end tests: the built app served by vite preview, driven in Debian's Chromium.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    globalSetup: ['tests/e2e/global-setup.ts'],
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/e2e.json' },
  },
});
