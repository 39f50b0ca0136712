import { readdir } from 'node:fs/promises';
import { expect, test } from './fixtures';

const CARDS_PATH = '/io/reporting/export/cards';
const SHOTS = process.env.POPUP_SCREENSHOTS;

test('Download with the board list open closes it and shows the export at the top of a 600 px popup', async ({
  simulator,
  popup,
}) => {
  simulator.faults.add({ fault: { kind: 'slow-body', bytesPerSecond: 4000 }, path: CARDS_PATH });
  await popup.asToolbarPopup();
  await popup.signInAs(simulator.demo);
  await popup.chooseBoardsButton.click();
  await expect(popup.boardSearch).toBeVisible();
  if (SHOTS) await popup.page.screenshot({ path: `${SHOTS}/picker-open.png` });

  await popup.downloadButton('Cards').click();
  await expect(popup.boardSearch).toBeHidden();
  await expect(popup.chooseBoardsButton).toHaveAttribute('aria-expanded', 'false');
  const progress = popup.status.getByRole('progressbar', { name: 'Exporting Cards' });
  await expect(progress).toBeInViewport();
  await expect(progress).toHaveAttribute('aria-valuetext', /[1-9][\d.]* (B|KB) saved · 0:\d\d/);
  if (SHOTS) await popup.page.screenshot({ path: `${SHOTS}/running.png` });

  // Scrolled to the end, the status stays in view.
  await popup.recent.scrollIntoViewIfNeeded();
  await expect(progress).toBeInViewport();
  if (SHOTS) await popup.page.screenshot({ path: `${SHOTS}/running-scrolled.png` });

  // Cancel: the row goes, the focus stays in the status bar, which says how it ended.
  await popup.status.getByRole('button', { name: 'Cancel Cards' }).click();
  await expect(progress).toBeHidden();
  await expect(popup.status).toBeFocused();
  await expect(popup.status).toContainText('Cards: Cancelled');
});

test('a lasting server error is announced as an alert and stays at the top with Retry', async ({
  simulator,
  popup,
  downloadDir,
}) => {
  simulator.faults.add({
    fault: { kind: 'status', status: 500 },
    path: CARDS_PATH,
    times: Infinity,
  });
  await popup.asToolbarPopup();
  await popup.signInAs(simulator.demo);
  await popup.downloadButton('Cards').click();
  // Five attempts with backoff take a few seconds.
  await expect(popup.alert).toHaveText(
    'Cards: LeanKit had a problem answering. Try again in a few minutes. (Gave up after 5 attempts.)',
    { timeout: 30_000 },
  );
  await expect(popup.status.getByRole('button', { name: 'Retry Cards' })).toBeInViewport();
  await expect(popup.recent.getByRole('listitem').first()).toContainText('Failed');
  if (SHOTS) await popup.page.screenshot({ path: `${SHOTS}/failed.png` });
  expect(await readdir(downloadDir)).toEqual([]);
});

test('an export without rows says so instead of Done', async ({ simulator, popup }) => {
  simulator.faults.add({ fault: { kind: 'empty' }, path: CARDS_PATH, times: Infinity });
  await popup.asToolbarPopup();
  await popup.signInAs(simulator.demo);
  await popup.chooseFormat('JSON');
  await popup.downloadButton('Cards').click();
  await expect(popup.status).toContainText('Cards: No rows: your boards have no cards you can see');
  await expect(popup.recent.getByRole('listitem').first()).toContainText(
    'No rows: your boards have no cards you can see',
  );
  if (SHOTS) await popup.page.screenshot({ path: `${SHOTS}/empty.png` });
});

test('recent downloads show the name the browser saved, (1) and all', async ({
  simulator,
  popup,
  extension,
  downloadDir,
}) => {
  const options = await extension.context.newPage();
  await options.goto(extension.extensionUrl('options.html'));
  await options.getByLabel('File name pattern').fill('{account}-{report}');
  await expect(options.locator('output')).toHaveText('acme-cards.csv');
  await options.close();

  await popup.signInAs(simulator.demo);
  await popup.downloadButton('Tags').click();
  expect(await popup.waitForSavedFile()).toBe('acme-tags.csv');
  await popup.downloadButton('Tags').click();
  await expect(popup.recent.getByRole('listitem').first()).toContainText('acme-tags (1).csv');
  await expect(popup.status).toContainText('Tags: Saved as acme-tags (1).csv');
  expect((await readdir(downloadDir)).sort()).toEqual(['acme-tags (1).csv', 'acme-tags.csv']);
});

test('the first empty sign-in field has the focus, and a failed sign-in leaves it on the password', async ({
  simulator,
  popup,
}) => {
  await expect(popup.account).toBeFocused();
  await popup.signIn(simulator.demo.host, simulator.demo.email, 'not-the-password');
  await expect(popup.alert).toHaveText('Login failed: email or password is incorrect');
  await expect(popup.password).toBeFocused();
  await expect(popup.password).toHaveAccessibleDescription(
    /is incorrect.*Check that .* is the right account/,
  );

  // Opened again, account and email are remembered: the password is the first empty field.
  await popup.signInAs(simulator.demo);
  await popup.signOut();
  await popup.page.reload();
  await expect(popup.password).toBeFocused();
});
