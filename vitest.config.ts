import { configDefaults, defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    environment: 'happy-dom',
    include: [
      'tests/**/*.test.{ts,tsx}',
      'lib/**/*.test.{ts,tsx}',
      'components/**/*.test.{ts,tsx}',
    ],
    // Stryker's sandboxes are copies of the project: their tests are not ours to run.
    exclude: [...configDefaults.exclude, '.stryker-tmp/**'],
    restoreMocks: true,
    // expect.poll waits for a state; its 1 s default made a state a deadline, which a loaded CI
    // machine missed (a snapshot's second report). It waits as long as the test itself may run.
    expect: { poll: { timeout: 4_500 } },
  },
});
