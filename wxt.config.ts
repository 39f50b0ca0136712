import { defineConfig } from 'wxt';

// See ../shared/design.md ("Permissions"): the narrowest set that does the job.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  manifest: ({ browser }) => ({
    name: 'LeanKit Exporter',
    description:
      'Export LeanKit (Planview AgilePlace) Advanced Reporting data as CSV, TAB or JSON in one click.',
    // offscreen: Chrome's service worker needs a document to make blob: URLs (lib/jobs/blobFiles.ts).
    permissions: ['storage', 'downloads', ...(browser === 'firefox' ? [] : ['offscreen'])],
    host_permissions: ['https://*.leankit.com/*'],
    action: { default_title: 'LeanKit Exporter' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'leankit-exporter@leankit-exporter.dev',
              // The extension sends the user's credentials and token only to their own LeanKit
              // account, which Mozilla counts as authentication information.
              data_collection_permissions: { required: ['authenticationInfo'] },
            },
          },
        }
      : {}),
  }),
});
