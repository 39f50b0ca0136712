import type { Page } from '@playwright/test';
import { expectNoAxeViolations } from './accessibility';
import { expect, test } from './fixtures';

const CARDS_PATH = '/io/reporting/export/cards';
const SHOTS = process.env.POPUP_SCREENSHOTS;

// Every state of the popup and the options page, checked by axe in light and dark colours.
for (const colorScheme of ['light', 'dark'] as const) {
  /** Fails on any axe violation; with POPUP_SCREENSHOTS set, also saves what it checked. */
  async function check(page: Page, state: string) {
    await expectNoAxeViolations(page);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/${colorScheme}-${state}.png` });
  }

  test.describe(`${colorScheme} colours`, () => {
    test('axe: signed out, sign-in error, token mode, signed in, board list open', async ({
      simulator,
      popup,
    }) => {
      const { page } = popup;
      await popup.asToolbarPopup(colorScheme);
      await expect(popup.account).toBeFocused();
      await check(page, 'signed-out');

      await popup.signIn(simulator.demo.host, simulator.demo.email, 'not-the-password');
      await expect(popup.alert).toBeVisible();
      await check(page, 'sign-in-error');

      await page.getByRole('button', { name: 'Use an existing token' }).click();
      await expect(popup.tokenInput).toBeVisible();
      await check(page, 'token-mode');
      await page.getByRole('button', { name: 'Use email and password' }).click();

      await popup.signInAs(simulator.demo);
      await check(page, 'signed-in');

      await popup.chooseBoardsButton.click();
      await page.getByRole('checkbox', { name: simulator.boards[0]?.title ?? '' }).check();
      await check(page, 'picker-open');
    });

    test('axe: running, done, failed, no rows, recent downloads expanded', async ({
      simulator,
      popup,
    }) => {
      // Five exports and five axe runs: longer than most tests on a loaded machine.
      test.slow();
      const { page } = popup;
      await popup.asToolbarPopup(colorScheme);
      await popup.signInAs(simulator.demo);

      simulator.faults.add({
        fault: { kind: 'slow-body', bytesPerSecond: 2000 },
        path: CARDS_PATH,
      });
      await popup.downloadButton('Cards').click();
      const progress = popup.status.getByRole('progressbar', { name: 'Exporting Cards' });
      await expect(progress).toHaveAttribute('aria-valuetext', /[1-9][\d.]* (B|KB) saved/);
      await check(page, 'running');
      await popup.status.getByRole('button', { name: 'Cancel Cards' }).click();
      await expect(progress).toBeHidden();

      await popup.downloadButton('Tags').click();
      await expect(popup.status).toContainText('Tags: Saved as');
      await check(page, 'done');

      simulator.faults.add({
        fault: { kind: 'status', status: 403 },
        path: CARDS_PATH,
        times: Infinity,
      });
      await popup.downloadButton('Cards').click();
      await expect(popup.alert).toContainText('Cards: This LeanKit account');
      await check(page, 'failed');

      simulator.faults.clear();
      simulator.faults.add({ fault: { kind: 'empty' }, path: CARDS_PATH, times: Infinity });
      await popup.downloadButton('Cards').click();
      await expect(popup.status).toContainText('No rows');
      await check(page, 'empty');

      await popup.recent.getByRole('button', { name: 'Show all 4' }).click();
      await expect(popup.recent.getByRole('listitem')).toHaveCount(4);
      await check(page, 'recent-expanded');
    });

    test('axe: the options page, signed in with a bad file name pattern, and signed out', async ({
      simulator,
      popup,
      extension,
    }) => {
      await popup.signInAs(simulator.demo);
      const options = await extension.context.newPage();
      await options.setViewportSize({ width: 800, height: 900 });
      await options.emulateMedia({ colorScheme });
      await options.goto(extension.extensionUrl('options.html'));
      await expect(options.getByRole('button', { name: 'Switch account' })).toBeVisible();
      await options.getByLabel('File name pattern').fill('{report} {bogus}');
      await check(options, 'options');

      await options.getByRole('button', { name: 'Switch account' }).click();
      await expect(options.getByRole('textbox', { name: 'Account' })).toBeFocused();
      await check(options, 'options-signed-out');
    });
  });
}
