import { defineConfig } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from './test/e2e/chromium';

/**
 * End-to-end tests of the renderer in Debian's Chromium against the real browser mode (`serve`):
 * real services, store and engine, on a temporary store. Playwright's own browsers cannot be
 * downloaded on the build machines, so the system Chromium is launched (docs/architecture.md).
 */
export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './test/e2e/global-setup.ts',
  // One server and one store for the suite; tests read each other's runs, so they run in order.
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  retries: 0,
  outputDir: 'test-results/e2e/playwright',
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e/report.json' }]],
  use: {
    browserName: 'chromium',
    viewport: { width: 1360, height: 860 },
    colorScheme: 'light',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
    },
  },
});
