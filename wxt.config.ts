import { createRequire } from 'node:module';
import { defineConfig } from 'wxt';

// See docs/privacy-and-permissions.md: the narrowest set that does the job.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  hooks: {
    // The content script must stay within 15 KB gzipped (issue 5) and the polyfill alone is 2.8 KB
    // of it. It only sends and receives messages, which Chrome MV3 and Firefox both offer natively
    // with promises, so it gets WXT's plain `browser`; every other entry point keeps the polyfill.
    'vite:build:extendConfig': (entrypoints, config) => {
      if (!entrypoints.every((entry) => entry.type === 'content-script')) return;
      const alias = config.resolve?.alias ?? [];
      const entries = Array.isArray(alias)
        ? alias
        : Object.entries(alias).map(([find, replacement]) => ({ find, replacement }));
      config.resolve = {
        ...config.resolve,
        alias: [
          {
            find: /^wxt\/browser$/,
            replacement: createRequire(import.meta.url).resolve('wxt/browser'),
          },
          ...entries.filter((entry) => entry.find !== 'wxt/browser'),
        ],
      };
    },
  },
  // The sources archive holds what builds the add-on, not our test tooling.
  zip: {
    excludeSources: [
      'tests/**',
      'scripts/**',
      '.ci/**',
      '**/__tests__/**',
      'demo-output/**',
      'test-results/**',
      'playwright.config.ts',
      'vitest.config.ts',
    ],
  },
  manifest: ({ browser, manifestVersion }) => ({
    name: 'LeanKit Exporter',
    description:
      'Export LeanKit (Planview AgilePlace) Advanced Reporting data as CSV, TAB, JSON or XLSX in one click.',
    // offscreen: Chrome's service worker has no DOM; exports are fetched and built into blob: URLs in an
    // offscreen document (lib/jobs/exportBuilds.ts).
    // alarms: scheduled exports run at their times, the browser waking the background for them
    // (lib/schedules/scheduleRunner.ts).
    permissions: [
      'storage',
      'downloads',
      'alarms',
      ...(browser === 'firefox' ? [] : ['offscreen']),
    ],
    host_permissions: ['https://*.leankit.com/*'],
    // A company's own AgilePlace address: asked for, host by host, when the user signs in to it
    // (lib/hostPermission.ts). Firefox MV2 lists optional origins in `optional_permissions`.
    // notifications: asked for when the user turns on being told that a scheduled export waits
    // for a sign-in (lib/schedules/signInNotice.ts).
    ...(browser === 'firefox' && manifestVersion === 2
      ? { optional_permissions: ['https://*/*', 'notifications'] }
      : { optional_host_permissions: ['https://*/*'], optional_permissions: ['notifications'] }),
    // The newest Chrome API we rely on decides: runtime.getContexts (116), to find the offscreen
    // document (109). tests/e2e/manifest.spec.ts holds the table of every API and its version.
    ...(browser === 'firefox' ? {} : { minimum_chrome_version: '116' }),
    action: { default_title: 'LeanKit Exporter' },
    commands: {
      'export-board': {
        suggested_key: { default: 'Alt+Shift+E' },
        description: 'Export the LeanKit board in the current tab',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'leankit-exporter@leankit-exporter.dev',
              // The extension sends the user's email and password (once) and token (with each
              // export) to their own LeanKit account and nowhere else. Mozilla's consent covers any
              // transmission out of the browser, including to the service the add-on is for, and
              // its taxonomy puts credentials under authenticationInfo: declared rather than
              // 'none'. Nothing else leaves the browser (README, "Permissions, and why").
              data_collection_permissions: { required: ['authenticationInfo'] },
            },
          },
        }
      : {}),
  }),
});
