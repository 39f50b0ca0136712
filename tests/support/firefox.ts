import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { poll } from './ui/uiPage';

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const FIREFOX_GECKO_ID = 'leankit-exporter@leankit-exporter.dev';

export interface FirefoxLaunchOptions {
  port: number;
  downloadDir: string;
  /** `.output/firefox-mv2` (default) or `.output/firefox-mv3`. */
  extensionDir?: string;
  /** Account hosts to resolve to the simulator (Firefox has no wildcard host mapping). */
  hosts?: string[];
  /** A profile folder to use (kept by the caller); by default puppeteer makes and removes one. */
  profileDir?: string;
  /** Grants what the extension asks with `permissions.request` without a prompt, as a user's Allow. */
  grantOptionalPermissions?: boolean;
  /**
   * The extension's internal id, which names its origin (moz-extension://<uuid>) and so its
   * IndexedDB: pass the same one to find that origin's data again after a restart. Fresh by default.
   */
  uuid?: string;
}

export interface FirefoxExtensionBrowser {
  browser: Browser;
  extensionUrl(path: string): string;
  /** Opens an extension page; Firefox sends no load events for moz-extension pages, so it polls. */
  openExtensionPage(path: string): Promise<Page>;
  /** A tab the extension opened on one of its pages, once its document has loaded. */
  waitForExtensionPage(path: string): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Starts Debian's headless Firefox ESR over WebDriver BiDi with the built extension installed as a
 * temporary add-on, LeanKit hosts mapped to the simulator and downloads going into `downloadDir`
 * (docs/testing.md, "Firefox").
 */
export async function launchFirefoxWithExtension({
  port,
  downloadDir,
  extensionDir = resolve('.output/firefox-mv2'),
  hosts = ['acme.leankit.com'],
  profileDir,
  grantOptionalPermissions = false,
  uuid = randomUUID(),
}: FirefoxLaunchOptions): Promise<FirefoxExtensionBrowser> {
  if (!existsSync(FIREFOX_PATH)) {
    throw new Error(
      `Firefox was not found at ${FIREFOX_PATH}. Install it with: sudo apt-get install -y firefox-esr (or set FIREFOX_PATH).`,
    );
  }
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    acceptInsecureCerts: true,
    // Needed to navigate to moz-extension:// pages over BiDi.
    args: ['--remote-allow-system-access', ...(profileDir ? ['--profile', profileDir] : [])],
    // Lets the remote-settings preference below take effect, so Firefox makes no outside lookups.
    env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
    extraPrefsFirefox: {
      'services.settings.server': 'data:,#remote-settings-dummy/v1',
      'network.dns.localDomains': hosts.join(','),
      'network.socket.forcePort': `443=${port}`,
      'extensions.webextensions.uuids': JSON.stringify({ [FIREFOX_GECKO_ID]: uuid }),
      'browser.download.dir': downloadDir,
      'browser.download.folderList': 2,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      'browser.download.start_downloads_in_tmp_dir': false,
      ...(grantOptionalPermissions ? { 'extensions.webextOptionalPermissionPrompts': false } : {}),
    },
  });
  try {
    await browser.installExtension(extensionDir);
  } catch (error) {
    await browser.close();
    throw error;
  }
  const extensionUrl = (path: string) => `moz-extension://${uuid}/${path.replace(/^\//, '')}`;
  return {
    browser,
    extensionUrl,
    async openExtensionPage(path) {
      const page = await browser.newPage();
      const url = extensionUrl(path);
      // Never awaited: BiDi reports no load event for moz-extension documents.
      page.goto(url, { timeout: 1000 }).catch(() => undefined);
      // Polled by hand: an evaluation can land in the blank document while it is being replaced,
      // and Firefox then answers with a protocol error that puppeteer's waitForFunction won't retry.
      await poll(`${path} to load`, async () => {
        const loaded = await page.evaluate(
          (expected) => location.href === expected && document.readyState === 'complete',
          url,
        );
        return loaded ? true : undefined;
      });
      return page;
    },
    async waitForExtensionPage(path) {
      const url = extensionUrl(path);
      // Asked of each tab's document: BiDi does not always report an extension page's address.
      return poll(`a tab showing ${path}`, async () => {
        for (const page of await browser.pages()) {
          const shown = await page
            .evaluate(() => document.readyState === 'complete' && location.href)
            .catch(() => false);
          if (typeof shown === 'string' && shown.startsWith(url)) return page;
        }
        return undefined;
      });
    },
    close: () => browser.close(),
  };
}
