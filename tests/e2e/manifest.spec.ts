import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';

/**
 * The built manifests ask for exactly what the design allows (docs/privacy-and-permissions.md)
 * and keep the browsers' default content security policy. Reads what `npm test` built.
 */
type Manifest = Record<string, unknown> & {
  manifest_version: number;
  permissions?: string[];
  host_permissions?: string[];
  optional_permissions?: string[];
  optional_host_permissions?: string[];
  content_scripts?: { matches: string[] }[];
};

const LEANKIT = 'https://*.leankit.com/*';
const BUILDS = [
  { dir: 'chrome-mv3', browser: 'chrome' },
  { dir: 'firefox-mv2', browser: 'firefox' },
  { dir: 'firefox-mv3', browser: 'firefox' },
] as const;

function read(dir: string): Manifest {
  return JSON.parse(readFileSync(resolve('.output', dir, 'manifest.json'), 'utf8')) as Manifest;
}

/**
 * Chrome APIs newer than Manifest V3 itself (Chrome 88), with the version that brought each
 * (Chrome's API reference), and how the built code shows it uses them: method names survive
 * minification, storage areas are named in item keys. `fallback` marks one we use only when
 * there, with another way when not, so it sets no minimum.
 */
const CHROME_APIS: readonly { api: string; since: number; used: RegExp; fallback?: string }[] = [
  { api: 'declarativeNetRequest.updateSessionRules', since: 90, used: /\.updateSessionRules\(/ },
  { api: 'storage.session', since: 102, used: /[`'"]session:/ },
  { api: 'storage.StorageArea.setAccessLevel', since: 102, used: /\.setAccessLevel\(/ },
  { api: 'offscreen.createDocument', since: 109, used: /\.createDocument\(/ },
  { api: 'runtime.getContexts', since: 116, used: /\.getContexts\(/ },
  {
    api: 'action.openPopup',
    since: 127,
    used: /\.openPopup\(/,
    fallback: 'opens the popup in a tab instead (lib/board/boardExports.ts)',
  },
  // Not in the table: runtime.onMessage listeners answering with a promise (Chrome 144). The
  // polyfill does that where it is loaded; the content script, which has none, answers through
  // sendResponse (lib/board/boardNotFound.ts).
];

/** Every script of a build, as one text. */
function builtCode(dir: string): string {
  const root = resolve('.output', dir);
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.js'))
    .map((file) => readFileSync(resolve(root, file), 'utf8'))
    .join('\n');
}

test.describe('the chrome-mv3 manifest’s minimum Chrome version', () => {
  test('is the newest of the Chrome APIs the built code needs, from the table', () => {
    const code = builtCode('chrome-mv3');
    const needed = CHROME_APIS.filter(({ used, fallback }) => !fallback && used.test(code));
    expect(needed.map(({ api }) => api)).toEqual(
      expect.arrayContaining([
        'storage.session',
        'offscreen.createDocument',
        'runtime.getContexts',
      ]),
    );
    const newest = Math.max(...needed.map(({ since }) => since));
    expect(read('chrome-mv3').minimum_chrome_version).toBe(String(newest));
  });
});

for (const { dir, browser } of BUILDS) {
  test.describe(`the ${dir} manifest`, () => {
    test('keeps the default content security policy and talks to no web page', () => {
      const manifest = read(dir);
      expect(manifest).not.toHaveProperty('content_security_policy');
      expect(manifest).not.toHaveProperty('externally_connectable');
      expect(manifest).not.toHaveProperty('sandbox');
      expect(JSON.stringify(manifest)).not.toContain('<all_urls>');
    });

    test('asks for storage, downloads and alarms, and LeanKit hosts only; other hosts and notifications are optional', () => {
      const manifest = read(dir);
      const permissions = [...(manifest.permissions ?? [])].sort();
      const apis = permissions.filter((p) => !p.includes('://'));
      // Chrome may also have `offscreen` (a document that makes Blob URLs for downloads).
      const offscreen = browser === 'chrome' && apis.includes('offscreen');
      expect(apis).toEqual(
        offscreen
          ? ['alarms', 'downloads', 'offscreen', 'storage']
          : ['alarms', 'downloads', 'storage'],
      );
      expect(apis).not.toContain('tabs');
      expect(apis).not.toContain('activeTab');
      expect(apis).not.toContain('scripting');

      if (manifest.manifest_version === 2) {
        // MV2 lists host permissions among the permissions, and optional origins among the optional ones.
        expect(permissions.filter((p) => p.includes('://'))).toEqual([LEANKIT]);
        expect(manifest).not.toHaveProperty('host_permissions');
        expect(manifest.optional_permissions).toEqual(['https://*/*', 'notifications']);
      } else {
        expect(permissions.filter((p) => p.includes('://'))).toEqual([]);
        expect(manifest.host_permissions).toEqual([LEANKIT]);
        expect(manifest.optional_host_permissions).toEqual(['https://*/*']);
        expect(manifest.optional_permissions).toEqual(['notifications']);
      }
    });

    test('runs its content script on LeanKit pages only', () => {
      const matches = (read(dir).content_scripts ?? []).flatMap((script) => script.matches);
      expect(matches.length).toBeGreaterThan(0);
      expect(new Set(matches)).toEqual(new Set([LEANKIT]));
    });

    if (browser === 'firefox') {
      test('carries no Chrome-only version key', () => {
        expect(read(dir)).not.toHaveProperty('minimum_chrome_version');
      });

      test('names the add-on and declares the data it sends (to the user’s own LeanKit only)', () => {
        const gecko = (read(dir).browser_specific_settings as { gecko?: Record<string, unknown> })
          ?.gecko;
        expect(gecko?.id).toBe('leankit-exporter@leankit-exporter.dev');
        expect(gecko?.data_collection_permissions).toEqual({ required: ['authenticationInfo'] });
      });
    }
  });
}
