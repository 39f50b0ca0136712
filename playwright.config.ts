import { defineConfig } from '@playwright/test';

// One Chromium at a time: the machine has two cores, and each test starts its own browser.
export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  workers: 1,
  timeout: 60_000,
  retries: 0,
  reporter: [['list']],
  use: { trace: 'retain-on-failure' },
});
