import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { type Browser, type BrowserContext, chromium } from 'playwright-core';
import {
  CHROME_EXTENSION_DIR,
  CHROMIUM_PATH,
  extensionBrowserArgs,
  prepareProfile,
} from './chromium';

export interface ConnectedChromium {
  context: BrowserContext;
  /** `chrome-extension://<id>/<path>` */
  extensionUrl(path: string): string;
}

export interface UserChromium {
  /**
   * Connects Playwright and has downloads go where the profile says again (Playwright redirects
   * them into its own folder as it connects). A download the browser starts before this call is
   * untouched; one it starts in between would land in Playwright's folder, so call it once none
   * can start (nothing under way, or the files in the download folder are final).
   */
  connect(): Promise<ConnectedChromium>;
  /** Quits as a user quits the browser (a clean shutdown), and waits until it has exited. */
  quit(): Promise<void>;
  /** Kills the browser process, as a crash does, and waits until it has exited. */
  crash(): Promise<void>;
}

/**
 * Starts Chromium with the built extension on `profileDir` as a user starts it, without
 * Playwright. Playwright's launcher redirects every download into its own folder from the start
 * (tests/support/chromium.ts undoes it once started), and an export the extension picks up as the
 * browser starts would race that; here the test chooses when Playwright joins.
 */
export async function startChromiumAsUser({
  port,
  downloadDir,
  profileDir,
}: {
  port: number;
  downloadDir: string;
  profileDir: string;
}): Promise<UserChromium> {
  await prepareProfile(profileDir, downloadDir);
  const child = spawn(
    CHROMIUM_PATH,
    [
      '--headless',
      `--user-data-dir=${profileDir}`,
      '--remote-debugging-port=0',
      ...extensionBrowserArgs(CHROME_EXTENSION_DIR, port),
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const exited = once(child, 'exit');
  const endpoint = devToolsEndpoint(child);
  // Awaited by connect(); a browser that dies before printing it fails there, not as unhandled.
  endpoint.catch(() => undefined);
  let connected: Promise<{ browser: Browser; connected: ConnectedChromium }> | undefined;

  async function connectOnce() {
    const browser = await chromium.connectOverCDP(await endpoint);
    const [context] = browser.contexts();
    if (!context) throw new Error('Chromium started without a browser context');
    const cdp = await browser.newBrowserCDPSession();
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'default' });
    const worker =
      context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
      (await context.waitForEvent('serviceworker'));
    const extensionId = new URL(worker.url()).host;
    return {
      browser,
      connected: {
        context,
        extensionUrl: (path: string) =>
          `chrome-extension://${extensionId}/${path.replace(/^\//, '')}`,
      },
    };
  }

  return {
    async connect() {
      connected ??= connectOnce();
      return (await connected).connected;
    },
    async quit() {
      connected ??= connectOnce();
      const cdp = await (await connected).browser.newBrowserCDPSession();
      // The connection drops as the browser goes, so the answer may never come.
      await cdp.send('Browser.close').catch(() => undefined);
      await exited;
    },
    async crash() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** The `ws://` address Chromium prints on stderr once it listens for DevTools. */
function devToolsEndpoint(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    let found = false;
    // The listener stays, draining stderr for good: a full pipe would block Chromium.
    child.stderr?.on('data', (chunk) => {
      if (found) return;
      seen += String(chunk);
      const address = /DevTools listening on (ws:\/\/\S+)/.exec(seen)?.[1];
      if (address) {
        found = true;
        resolve(address);
      }
    });
    child.once('exit', () => reject(new Error(`Chromium exited before listening: ${seen}`)));
  });
}
