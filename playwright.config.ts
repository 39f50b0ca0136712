import { defineConfig } from '@playwright/test';
import type { Engine } from './tests/support/extensionEnv';

// One browser at a time: the machine has two cores, and each test starts its own browser.
export default defineConfig<{ engine: Engine }>({
  testDir: 'tests/e2e',
  workers: 1,
  timeout: 60_000,
  retries: 0,
  // A test that passes only on a second try (e.g. with --retries) fails the run: no luck in CI.
  failOnFlakyTests: true,
  reporter: [['list']],
  // A click, a navigation or an awaited condition that cannot happen fails where it waits, not as a
  // bare test timeout; all three get the same time, as a loaded machine slows them alike.
  expect: { timeout: 15_000 },
  use: { trace: 'retain-on-failure', actionTimeout: 15_000, navigationTimeout: 15_000 },
  projects: [
    // `*.firefox.spec.ts`: journeys of what only Firefox does differently; Chromium's own specs
    // cover the same in that browser.
    {
      name: 'chromium',
      testMatch: '**/*.spec.ts',
      testIgnore: '**/*.firefox.spec.ts',
      use: { engine: 'chromium' },
    },
    { name: 'firefox', testMatch: 'journeys/**/*.spec.ts', use: { engine: 'firefox' } },
  ],
});
