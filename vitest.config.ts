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
  },
});
