// Vite builds the playground; Vitest runs unit and component tests with the same config.
import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';

export default defineConfig({
  base: './',
  plugins: [svelte(), svelteTesting()],
  resolve: process.env.VITEST ? { conditions: ['module', 'browser', 'development|production'] } : {},
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
  preview: { port: 4173, strictPort: false },
  test: {
    include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts', 'tests/component/**/*.test.ts', 'tests/conformance/**/*.test.ts'],
    environment: 'node',
    // One process per worker runs its files one after another: the modules most files share (the
    // engine, the labs, the checkers) load once per worker instead of once per file, which halved
    // the suite's time. Tests restore what they stub (see tests/component/Share.test.ts).
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/unit.json' },
  },
});
