import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Worker } from 'playwright-core';
import { OTHER_HOST } from '../simulator/otherHost';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROME_EXTENSION_DIR = resolve('.output/chrome-mv3');

export interface LaunchOptions {
  /** The simulator's port: every *.leankit.com name resolves to 127.0.0.1 on it. */
  port: number;
  /** Where the browser saves downloads. */
  downloadDir: string;
  headless?: boolean;
  extensionDir?: string;
  /**
   * A profile to use and keep (a browser restart: launch again with the same one). By default each
   * launch gets a fresh profile, removed on close.
   */
  profileDir?: string;
  /** Company addresses off leankit.com (`acme.example.com`) that also resolve to the simulator. */
  companyHosts?: string[];
}

export interface ExtensionBrowser {
  context: BrowserContext;
  serviceWorker: Worker;
  extensionId: string;
  /** `chrome-extension://<id>/<path>` */
  extensionUrl(path: string): string;
  close(): Promise<void>;
}

/**
 * Starts the system Chromium with the built, unchanged extension loaded, LeanKit hosts mapped to
 * the simulator and downloads going into `downloadDir` under the names the extension chose
 * (docs/testing.md, "Chromium").
 */
export async function launchChromiumWithExtension({
  port,
  downloadDir,
  headless = true,
  extensionDir = CHROME_EXTENSION_DIR,
  profileDir,
  companyHosts = [],
}: LaunchOptions): Promise<ExtensionBrowser> {
  const profile = profileDir ?? (await mkdtemp(join(tmpdir(), 'leankit-exporter-profile-')));
  const removeProfile = () =>
    profileDir ? Promise.resolve() : rm(profile, { recursive: true, force: true });
  await prepareProfile(profile, downloadDir);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: extensionBrowserArgs(extensionDir, port, companyHosts),
  });
  try {
    const [page] = context.pages();
    const cdp = await context.newCDPSession(page ?? (await context.newPage()));
    // Undo Playwright's own download handling, so the profile's folder and our names apply.
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'default' });
    const serviceWorker =
      context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const extensionId = new URL(serviceWorker.url()).host;
    return {
      context,
      serviceWorker,
      extensionId,
      extensionUrl: (path) => `chrome-extension://${extensionId}/${path.replace(/^\//, '')}`,
      async close() {
        await context.close();
        await removeProfile();
      },
    };
  } catch (error) {
    await context.close();
    await removeProfile();
    throw error;
  }
}

/** Download preferences for a new profile; only Chrome's own honour the file name an extension asks for. */
export async function prepareProfile(profile: string, downloadDir: string): Promise<void> {
  if (existsSync(join(profile, 'Default', 'Preferences'))) return;
  await mkdir(join(profile, 'Default'), { recursive: true });
  await writeFile(
    join(profile, 'Default', 'Preferences'),
    JSON.stringify({
      download: { default_directory: downloadDir, prompt_for_download: false },
    }),
  );
}

/**
 * Switches that load the extension and send every LeanKit host, the other server and the given
 * company hosts to the simulator on `port`.
 */
export function extensionBrowserArgs(
  extensionDir: string,
  port: number,
  companyHosts: string[] = [],
): string[] {
  const companies = companyHosts.map((host) => `MAP ${host} 127.0.0.1:${port},`).join('');
  return [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    // The simulator also plays the other server a redirect may point at (simulator/otherHost.ts).
    `--host-resolver-rules=MAP *.leankit.com 127.0.0.1:${port},MAP ${OTHER_HOST} 127.0.0.1:${port},${companies}MAP * ~NOTFOUND,EXCLUDE localhost`,
    // The simulator's certificate is made at start; the service worker's fetch needs this flag.
    '--ignore-certificate-errors',
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
  ];
}
