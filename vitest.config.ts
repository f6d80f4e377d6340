import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Playwright suites have their own runner (test/e2e, test/electron).
    exclude: ['test/e2e/**', 'test/electron/**', 'node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores here: statistical suites are CPU-bound, so more workers only contend.
    maxWorkers: 2,
  },
});
