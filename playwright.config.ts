import { defineConfig } from '@playwright/test';
import type { Engine } from './tests/support/extensionEnv';

// One browser at a time: the machine has two cores, and each test starts its own browser.
export default defineConfig<{ engine: Engine }>({
  testDir: 'tests/e2e',
  workers: 1,
  timeout: 60_000,
  retries: 0,
  reporter: [['list']],
  use: { trace: 'retain-on-failure' },
  projects: [
    { name: 'chromium', testMatch: '**/*.spec.ts', use: { engine: 'chromium' } },
    { name: 'firefox', testMatch: 'journeys/**/*.spec.ts', use: { engine: 'firefox' } },
  ],
});
