import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { Simulator } from '../simulator/index';
import { launchChromiumWithExtension } from '../support/chromium';
import { playwrightUiPage } from '../support/ui/playwrightUiPage';
import {
  type ConnectedChromium,
  startChromiumAsUser,
  type UserChromium,
} from '../support/userChromium';
import { expect, test } from './baseFixtures';
import { setExcelFriendlyCsv } from './engineSupport';
import { readKept } from './pages/keptToken';
import { PopupPage } from './pages/popup';
import { signInToSimulator } from './popupSupport';
import { findInFiles, tokenForms } from './profileScan';

/**
 * "Stay signed in on this computer" and then Sign out, read from the browser profile's files as
 * anyone with the disk could: the token is never there in plain form, and once signed out nothing
 * there opens it, across browser restarts (lib/persistentToken.ts).
 */

let profileDir: string;
/** Every browser a test started, killed at its end if the test failed before quitting it. */
let started: UserChromium[];
test.beforeEach(async () => {
  profileDir = await mkdtemp(join(tmpdir(), 'leankit-exporter-signout-'));
  started = [];
});
test.afterEach(async () => {
  for (const browser of started) await browser.crash();
  await rm(profileDir, { recursive: true, force: true });
});

async function startBrowser(simulator: Simulator, downloadDir: string) {
  const browser = await startChromiumAsUser({ port: simulator.port, downloadDir, profileDir });
  started.push(browser);
  return { browser, connected: await browser.connect() };
}

async function openPopup(browser: ConnectedChromium): Promise<PopupPage> {
  return PopupPage.open(await browser.context.newPage(), browser.extensionUrl('popup.html'));
}

/** Ticks "Stay signed in on this computer" and waits until the background has stored it. */
async function staySignedIn(browser: ConnectedChromium, popup: PopupPage): Promise<void> {
  const options = await browser.context.newPage();
  await options.goto(browser.extensionUrl('options.html'));
  await options.getByRole('checkbox', { name: 'Stay signed in on this computer' }).check();
  await expect
    .poll(async () => {
      const { local } = JSON.parse(await popup.dumpStorage()) as {
        local?: { staySignedIn?: boolean };
      };
      return local?.staySignedIn ?? false;
    })
    .toBe(true);
  await options.close();
}

test('with Stay signed in the token is on disk only sealed; after Sign out nothing on disk opens it, across restarts', async ({
  simulator,
  downloadDir,
}) => {
  const token = await signInToSimulator(simulator);
  const plainToken = tokenForms(token);

  // Signed in, then the browser quits: everything it meant to write is in the profile now.
  const first = await startBrowser(simulator, downloadDir);
  const signingIn = await openPopup(first.connected);
  await staySignedIn(first.connected, signingIn);
  await signingIn.signInWithToken(simulator.demo.host, token);
  await signingIn.expectSignedIn();
  await first.browser.quit();
  expect(await findInFiles(profileDir, plainToken)).toEqual([]);

  // Still signed in after a restart, from the sealed token, and exports work with it.
  const second = await startBrowser(simulator, downloadDir);
  const popup = await openPopup(second.connected);
  await popup.expectSignedIn();
  const kept = await readKept(playwrightUiPage(popup.page));
  expect(kept.token).toBe(token);
  const sealed = new Map([['sealed token', Buffer.from(kept.sealed ?? '', 'base64')]]);
  // The scan sees what the browser writes: the sealed token is there, in Cache Storage.
  expect(await findInFiles(profileDir, sealed)).toEqual([
    expect.stringMatching(/^sealed token in Default\/Service Worker\/CacheStorage\//),
  ]);
  // Both routes: the offscreen document fetches with the token, and the browser's downloads get
  // only the finished file (a download of the export URL would keep its request headers, token
  // included, in Chrome's own database).
  for (const [saved, excelFriendly] of [
    [1, true],
    [2, false],
  ] as const) {
    await setExcelFriendlyCsv(popup.page, excelFriendly);
    await popup.downloadButton('Lanes').click();
    await expect(popup.recent.locator('.file-name')).toHaveCount(saved, { timeout: 30_000 });
    expect(await popup.waitForSavedFile()).toMatch(/^leankit-acme-lanes-all-/);
  }
  const lanes = simulator.requests.filter((r) => r.path === '/io/reporting/export/lanes');
  expect(lanes.map((r) => [r.tokenTransport, r.status])).toEqual([
    ['header', 200],
    ['header', 200],
  ]);

  await popup.signOut();
  await second.browser.quit();
  const everything = new Map([...plainToken, ...sealed]);
  expect(await findInFiles(profileDir, everything)).toEqual([]);

  // Signed out for good: a restart finds no token, and writes none back.
  const third = await startBrowser(simulator, downloadDir);
  const reopened = await openPopup(third.connected);
  expect(await reopened.settledState()).toBe('signed-out');
  expect(await readKept(playwrightUiPage(reopened.page))).toEqual({ token: null, sealed: null });
  await third.browser.quit();
  expect(await findInFiles(profileDir, everything)).toEqual([]);
});

const COMPANY_HOST = 'acme.example.com';
const COMPANY_ORIGIN = `https://${COMPANY_HOST}/*`;

/** Whether the extension holds the permission for the company address, asked from its page. */
function holdsCompanyHost(page: Page): Promise<boolean> {
  return page.evaluate(
    (origin) =>
      (
        globalThis as unknown as {
          chrome: { permissions: { contains(p: { origins: string[] }): Promise<boolean> } };
        }
      ).chrome.permissions.contains({ origins: [origin] }),
    COMPANY_ORIGIN,
  );
}

test('signing out of a company address gives back the permission granted at sign-in', async ({
  simulator,
  downloadDir,
}) => {
  const browser = await launchChromiumWithExtension({
    port: simulator.port,
    downloadDir,
    companyHosts: [COMPANY_HOST],
  });
  try {
    // The user allows the address on chrome://extensions (site access, on specific sites): headless
    // Chromium's own prompt cannot be answered, and after this the extension's request at sign-in
    // is granted without one. Until that request, the extension does not hold it.
    const extensions = await browser.context.newPage();
    await extensions.goto('chrome://extensions');
    await extensions.evaluate(
      ([id, origin]) =>
        (
          globalThis as unknown as {
            chrome: { developerPrivate: { addHostPermission(id: string, host: string): unknown } };
          }
        ).chrome.developerPrivate.addHostPermission(id, origin),
      [browser.extensionId, COMPANY_ORIGIN] as const,
    );
    await extensions.close();
    const popup = await PopupPage.open(
      await browser.context.newPage(),
      browser.extensionUrl('popup.html'),
    );
    expect(await holdsCompanyHost(popup.page)).toBe(false);

    await popup.signInAs({ ...simulator.demo, host: COMPANY_HOST });
    expect(await holdsCompanyHost(popup.page)).toBe(true);
    expect(simulator.requests.filter((r) => r.host === COMPANY_HOST)).not.toEqual([]);

    await popup.signOut();
    await expect.poll(() => holdsCompanyHost(popup.page)).toBe(false);
  } finally {
    await browser.close();
  }
});
