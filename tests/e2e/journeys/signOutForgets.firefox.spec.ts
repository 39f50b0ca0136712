import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FirefoxExtensionBrowser, launchFirefoxWithExtension } from '../../support/firefox';
import { puppeteerUiPage } from '../../support/ui/puppeteerUiPage';
import { poll, type UiPage } from '../../support/ui/uiPage';
import { expect, test } from '../envFixtures';
import { ExtensionPopup } from '../pages/extensionPopup';
import { readKept } from '../pages/keptToken';
import { signInToSimulator } from '../popupSupport';
import { findInFiles, tokenForms } from '../profileScan';

/**
 * Sign-out forgets, in Firefox: its IndexedDB is SQLite and its Cache Storage keeps bodies as
 * files of their own, unlike Chromium's; and the permission for a company address, which Firefox
 * grants here as the user's Allow would, is given back. Chromium: tests/e2e/signOutForgets.spec.ts.
 */

const COMPANY_HOST = 'acme.example.com';
const COMPANY_ORIGINS = [`https://${COMPANY_HOST}/*`];

let firefox: FirefoxExtensionBrowser | undefined;
/** A profile a test made to read its files, removed when it ends. */
let profileDir: string | undefined;
test.afterEach(async () => {
  await firefox?.close();
  firefox = undefined;
  if (profileDir) await rm(profileDir, { recursive: true, force: true });
  profileDir = undefined;
});

async function openPage(path: string): Promise<UiPage> {
  if (!firefox) throw new Error('Firefox is not running');
  return puppeteerUiPage(await firefox.openExtensionPage(path));
}

/** Whether the extension holds the permission for the company address, asked from its page. */
function holdsCompanyHost(page: UiPage): Promise<boolean> {
  return page.evaluate(
    (origins) =>
      (
        globalThis as unknown as {
          browser: { permissions: { contains(p: { origins: string[] }): Promise<boolean> } };
        }
      ).browser.permissions.contains({ origins }),
    COMPANY_ORIGINS,
  );
}

test('signing out of a company address gives back the permission granted at sign-in', async ({
  simulator,
  downloadDir,
}) => {
  firefox = await launchFirefoxWithExtension({
    port: simulator.port,
    downloadDir,
    hosts: [COMPANY_HOST],
    grantOptionalPermissions: true,
  });
  const popup = new ExtensionPopup(await openPage('popup.html'));
  expect(await holdsCompanyHost(popup.ui)).toBe(false);

  await popup.signIn(COMPANY_HOST, simulator.demo.email, simulator.demo.password);
  await popup.waitForSignedIn();
  expect(await holdsCompanyHost(popup.ui)).toBe(true);
  expect(simulator.requests.filter((r) => r.host === COMPANY_HOST)).not.toEqual([]);

  await popup.ui.click('button', 'Sign out');
  await popup.waitForSignInForm();
  await poll('the permission to be given back', async () =>
    (await holdsCompanyHost(popup.ui)) ? undefined : true,
  );
});

test('with Stay signed in the token is on disk only sealed, and after Sign out nothing on disk opens it', async ({
  simulator,
  downloadDir,
}) => {
  const token = await signInToSimulator(simulator);
  const profile = await mkdtemp(join(tmpdir(), 'leankit-exporter-firefox-signout-'));
  profileDir = profile;
  firefox = await launchFirefoxWithExtension({
    port: simulator.port,
    downloadDir,
    profileDir: profile,
  });
  const options = await openPage('options.html');
  await options.click('checkbox', 'Stay signed in on this computer');
  const popup = new ExtensionPopup(await openPage('popup.html'));
  // In session storage: Firefox keeps it out of content scripts' reach (lib/storage/items.ts).
  await poll('the setting to be saved', async () =>
    (await popup.dumpStorage()).session?.staySignedIn === true ? true : undefined,
  );

  await popup.ui.click('button', 'Use an existing token');
  await popup.ui.fill('Account', simulator.demo.host);
  await popup.ui.fill('Token', token);
  await popup.ui.click('button', 'Use token');
  await popup.waitForSignedIn();
  const plainToken = tokenForms(token);
  expect(await findInFiles(profile, plainToken)).toEqual([]);
  const kept = await readKept(popup.ui);
  expect(kept.token).toBe(token);
  const sealed = new Map([['sealed token', Buffer.from(kept.sealed ?? '', 'base64')]]);
  // The scan sees what Firefox writes: the sealed token is there, in Cache Storage.
  expect(await findInFiles(profile, sealed)).toEqual([
    expect.stringMatching(/^sealed token in storage\/default\/moz-extension\+\+\+[^/]+\/cache\//),
  ]);

  await popup.ui.click('button', 'Sign out');
  await popup.waitForSignInForm();
  expect(await readKept(popup.ui)).toEqual({ token: null, sealed: null });
  const everything = new Map([...plainToken, ...sealed]);
  expect(await findInFiles(profile, everything)).toEqual([]);
  await firefox.close();
  firefox = undefined;
  expect(await findInFiles(profile, everything)).toEqual([]);
});
