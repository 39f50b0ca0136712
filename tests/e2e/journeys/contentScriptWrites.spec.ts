import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { poll, type UiPage } from '../../support/ui/uiPage';
import { expect, test } from '../envFixtures';
import { readKeptToken } from '../pages/keptToken';
import { lastExport } from './journeySupport';

/**
 * Firefox has no `setAccessLevel` for `storage.local` and `storage.sync` (Mozilla bug 1724754):
 * a content script a page had taken over could write them. What it writes there must change no
 * setting that matters for security and send the token nowhere else. Chrome closes those areas to
 * content scripts instead: tests/e2e/trust.spec.ts.
 */
test.skip(({ engine }) => engine !== 'firefox', 'Chromium: tests/e2e/trust.spec.ts');

/**
 * Writes `items` into a storage area a Firefox content script can write. Done from an extension
 * page: in Firefox these two areas do not tell its callers apart, so this is the very write a
 * content script could make.
 */
function writeAsContentScriptCan(
  page: UiPage,
  area: 'local' | 'sync',
  items: Record<string, unknown>,
): Promise<void> {
  return page.evaluate(
    async ([area, items]) => {
      const { browser } = globalThis as unknown as {
        browser: { storage: Record<string, { set(items: object): Promise<void> }> };
      };
      await browser.storage[area as string]?.set(items as object);
    },
    [area, items] as const,
  );
}

test('what a content script can write in Firefox turns no safety setting off and sends the token nowhere else', async ({
  simulator,
  env,
  popup,
  downloadDir,
}) => {
  const { demo, noReporting } = simulator;
  const options = await env.openExtensionPage('options.html');
  await options.click('checkbox', 'Stay signed in on this computer');
  // The Excel-friendly switch, clicked as the user would (its name is the whole long label).
  await options.evaluate(() => {
    const labels = [...document.querySelectorAll('label')];
    const label = labels.find((each) => each.textContent?.includes('Excel-friendly CSV'));
    label?.querySelector<HTMLInputElement>('input[type=checkbox]')?.click();
  });
  await poll('both settings to be on', async () =>
    (await options.evaluate(
      () => [...document.querySelectorAll<HTMLInputElement>('input[type=checkbox]:checked')].length,
    )) === 2
      ? true
      : undefined,
  );

  // The settings' old places, as a content script could rewrite them.
  await writeAsContentScriptCan(popup.ui, 'sync', {
    excelFriendlyCsv: false,
    fileNamePattern: '{report}-from-the-page',
  });
  await writeAsContentScriptCan(popup.ui, 'local', { staySignedIn: false });

  await popup.signInAs(demo);
  // Still staying signed in: the token is kept, sealed.
  expect(await readKeptToken(popup.ui)).toMatch(/^eyJ/);

  // Who is signed in, pointed at another host that would gladly take a token.
  await writeAsContentScriptCan(popup.ui, 'local', {
    signedIn: {
      origin: `https://${noReporting.host}`,
      accountName: noReporting.account,
      email: 'someone@else.test',
    },
  });

  await popup.chooseFormat('CSV');
  await popup.download('Cards');
  const fileName = await popup.waitForSavedFile();

  expect(simulator.requests.filter((request) => request.host === noReporting.host)).toEqual([]);
  expect(lastExport(simulator, 'cards')).toMatchObject({ host: demo.host, status: 200 });
  // The default file name, not the page's pattern.
  expect(fileName).toMatch(/^leankit-acme-cards-all-\d{8}-\d{4}\.csv$/);
  // Excel-friendly still on: a byte-order mark first, and cells guarded.
  const file = await readFile(join(downloadDir, fileName));
  expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
});
