import { readdir } from 'node:fs/promises';
import { playwrightUiPage } from '../support/ui/playwrightUiPage';
import { expect, test } from './fixtures';
import { readKeptToken } from './pages/keptToken';
import { expectFileAsServed } from './popupSupport';

test('an expired token: badge, sign in again with account and email filled in, and the paused export finishes', async ({
  simulator,
  popup,
  downloadDir,
}) => {
  const { demo } = simulator;
  await popup.signInAs(demo);
  expect(await popup.badgeText()).toBe('');

  simulator.expireAllTokens();
  await popup.downloadButton('Cards').click();

  await expect(popup.page.getByRole('status')).toHaveText(
    'Your LeanKit session expired. Sign in again to continue.',
  );
  await expect(popup.account).toHaveValue(demo.host);
  await expect(popup.email).toHaveValue(demo.email);
  await expect(popup.password).toHaveValue('');
  expect(await popup.badgeText()).toBe('!');
  expect(await readdir(downloadDir)).toEqual([]);

  await popup.password.fill(demo.password);
  await popup.password.press('Enter');
  await popup.expectSignedIn();
  expect(await popup.badgeText()).toBe('');
  // The export waited for the new sign-in and goes on by itself: nothing to retry.
  const fileName = await popup.waitForSavedFile();
  await expectFileAsServed(simulator, downloadDir, fileName, 'cards', (requests) =>
    requests.filter((r) => r.status === 200),
  );
  expect(await readdir(downloadDir)).toEqual([fileName]);
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
