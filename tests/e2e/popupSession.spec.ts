import { playwrightUiPage } from '../support/ui/playwrightUiPage';
import { expectOnlyFiles } from './engineSupport';
import { expect, test } from './fixtures';
import { readKeptToken } from './pages/keptToken';
import type { PopupPage } from './pages/popup';
import { expectFileAsServed } from './popupSupport';

/** Whether "Stay signed in" is on as the background stored it, read from the popup. */
async function staySignedInStored(popup: PopupPage): Promise<boolean> {
  const storage = JSON.parse(await popup.dumpStorage()) as { local?: { staySignedIn?: boolean } };
  return storage.local?.staySignedIn ?? false;
}

test('an expired token: badge, sign in again with account and email filled in, and the paused export finishes', async ({
  simulator,
  popup,
  downloadDir,
}) => {
  const { demo } = simulator;
  await popup.signInAs(demo);
  expect(await popup.badgeText()).toBe('');
  // The popup's board list was answered first, so the one refused request is the download's.
  await expect
    .poll(() =>
      simulator.requests.some(
        (r) => r.path === '/io/reporting/export/boards' && r.query.offset === '0',
      ),
    )
    .toBe(true);

  simulator.expireAllTokens();
  await popup.downloadButton('Cards').click();

  await expect(popup.page.getByRole('status')).toHaveText(
    'Your LeanKit session expired. Sign in again to continue.',
  );
  await expect(popup.account).toHaveValue(demo.host);
  await expect(popup.email).toHaveValue(demo.email);
  await expect(popup.password).toHaveValue('');
  // The background shows the badge after it has told the popup: awaited, not read once.
  await expect.poll(() => popup.badgeText()).toBe('!');
  await expectOnlyFiles(downloadDir, []);

  await popup.password.fill(demo.password);
  await popup.password.press('Enter');
  await popup.expectSignedIn();
  await expect.poll(() => popup.badgeText()).toBe('');
  // The export waited for the new sign-in and goes on by itself: nothing to retry.
  const fileName = await popup.waitForSavedFile();
  await expectFileAsServed(simulator, downloadDir, fileName, 'cards', (requests) =>
    requests.filter((r) => r.status === 200),
  );
  // The refused first download's partial file is deleted by Chrome in its own time.
  await expectOnlyFiles(downloadDir, [fileName]);
});

test('sign-out leaves no token in any storage area, and the password is never stored', async ({
  simulator,
  popup,
}) => {
  const { demo } = simulator;
  const noPassword = async () => expect(await popup.dumpStorage()).not.toContain(demo.password);

  await popup.signInAs(demo);
  await popup.downloadButton('Cards').click();
  await popup.waitForSavedFile();
  // While signed in, the token (a JWT, "eyJ…") is in session storage only.
  const signedIn = JSON.parse(await popup.dumpStorage()) as Record<string, object>;
  expect(JSON.stringify(signedIn.session)).toMatch(/"token":"eyJ/);
  expect(JSON.stringify(signedIn.local)).not.toMatch(/eyJ/);
  expect(JSON.stringify(signedIn.sync)).not.toMatch(/eyJ/);
  await noPassword();

  await popup.signOut();
  expect(await popup.dumpStorage()).not.toMatch(/eyJ|"token"/);
  await noPassword();
  // Account and email are remembered for next time.
  await expect(popup.account).toHaveValue(demo.host);
  await expect(popup.email).toHaveValue(demo.email);
});

test('options: stay signed in keeps the session (token in IndexedDB, not storage.local) until sign-out; the file name pattern applies', async ({
  simulator,
  extension,
  popup,
}) => {
  const { demo } = simulator;
  const options = await extension.context.newPage();
  await options.goto(extension.extensionUrl('options.html'));
  await options.getByRole('checkbox', { name: /Stay signed in on this computer/ }).check();
  await expect(options.getByText(/Anyone who can use this browser profile/)).toBeVisible();
  // The box ticks at once; the background stores the setting a moment later, before sign-in reads it.
  await expect.poll(() => staySignedInStored(popup)).toBe(true);

  const pattern = options.getByLabel('File name pattern');
  await pattern.fill('{report} {bogus}');
  // Marked on the field (described by the reason), never an alert at each keystroke.
  await expect(pattern).toHaveAttribute('aria-invalid', 'true');
  await expect(pattern).toHaveAccessibleDescription(/\{bogus\} is not a name part/);
  await expect(options.getByRole('alert')).toHaveCount(0);
  await pattern.fill('{account}_{report}_{date}');
  await expect(options.locator('output')).toHaveText('acme_cards_20261127.csv');
  await options.getByRole('radio', { name: 'TAB' }).check();

  await popup.signInAs(demo);
  await expect(popup.page.getByRole('radio', { name: 'TAB' })).toBeChecked();
  const signedIn = JSON.parse(await popup.dumpStorage()) as Record<string, object>;
  // Who is signed in stays in storage.local; the token only in the extension's own IndexedDB.
  expect(JSON.stringify(signedIn.local)).toMatch(/"signedIn":\{[^}]*"accountName":"acme"/);
  expect(await popup.dumpStorage()).not.toMatch(/eyJ|"token"/);
  expect(await readKeptToken(playwrightUiPage(popup.page))).toMatch(/^eyJ/);

  await popup.downloadButton('Lanes').click();
  expect(await popup.waitForSavedFile()).toMatch(/^acme_lanes_\d{8}\.tsv$/);

  // Switching account from the options page signs out everywhere.
  await options.reload();
  await options.getByRole('button', { name: 'Switch account' }).click();
  await expect(options.getByRole('button', { name: 'Sign in' })).toBeVisible();
  expect(await popup.dumpStorage()).not.toMatch(/eyJ|"token"/);
  expect(await popup.dumpStorage()).not.toContain(demo.password);
  expect(await readKeptToken(playwrightUiPage(popup.page))).toBeNull();
});
