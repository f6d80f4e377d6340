import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // test/electron runs (or reports itself skipped, with the reason) where no Electron binary exists.
    exclude: ['test/e2e/**', 'node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores here: statistical suites are CPU-bound, so more workers only contend.
    maxWorkers: 2,
    // A developer's stored backend calibration (doctor --bench) must never change what a test
    // trains on: the chains are ordered by each workload's prior here.
    env: { COLLAPSE_LAB_CALIBRATION: 'off' },
  },
});
