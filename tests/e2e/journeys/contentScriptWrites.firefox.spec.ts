import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FirefoxExtensionBrowser, launchFirefoxWithExtension } from '../../support/firefox';
import { puppeteerUiPage } from '../../support/ui/puppeteerUiPage';
import { poll, type UiPage } from '../../support/ui/uiPage';
import { expect, test } from '../envFixtures';
import { ExtensionPopup } from '../pages/extensionPopup';
import { readKeptToken } from '../pages/keptToken';
import { lastExport } from './journeySupport';

/**
 * Firefox has no `setAccessLevel` for `storage.local` and `storage.sync` (Mozilla bug 1724754):
 * a content script a page had taken over could write them. What it writes there must change no
 * setting that matters for security and send the token nowhere else. Chrome closes those areas to
 * content scripts instead: tests/e2e/trust.spec.ts.
 */

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

/** The Excel-friendly switch, clicked as the user would (its name is the whole long label). */
function turnOnExcelFriendly(options: UiPage): Promise<void> {
  return options.evaluate(() => {
    const labels = [...document.querySelectorAll('label')];
    const label = labels.find((each) => each.textContent?.includes('Excel-friendly CSV'));
    label?.querySelector<HTMLInputElement>('input[type=checkbox]')?.click();
  });
}

/** The kept copies of two settings in the extension's IndexedDB (lib/storage/keptSettings.ts). */
function keptSettings(page: UiPage): Promise<unknown[]> {
  return page.evaluate(
    () =>
      new Promise<unknown[]>((resolve, reject) => {
        const open = indexedDB.open('leankit-exporter');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const database = open.result;
          const store = database.transaction('secrets').objectStore('secrets');
          const names = ['setting:excelFriendlyCsv', 'setting:fileNamePattern'];
          const reads = names.map((name) => store.get(name));
          const last = reads.at(-1);
          if (!last) return;
          last.onsuccess = () => {
            database.close();
            resolve(reads.map((read) => read.result));
          };
          last.onerror = () => reject(last.error);
        };
      }),
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
  await turnOnExcelFriendly(options);
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

test('the safety settings Firefox keeps out of content scripts’ reach survive a browser restart', async ({
  simulator,
  downloadDir,
}) => {
  const profileDir = await mkdtemp(join(tmpdir(), 'leankit-exporter-firefox-settings-'));
  const uuid = randomUUID();
  const launch = () =>
    launchFirefoxWithExtension({ port: simulator.port, downloadDir, profileDir, uuid });
  let firefox = await launch();
  try {
    const open = async (path: string) =>
      puppeteerUiPage(await (firefox as FirefoxExtensionBrowser).openExtensionPage(path));
    const options = await open('options.html');
    await turnOnExcelFriendly(options);
    await options.fill('File name pattern', '{account}_{report}');
    await poll('the settings to be kept on disk', async () =>
      JSON.stringify(await keptSettings(options)) ===
      JSON.stringify([{ value: true }, { value: '{account}_{report}' }])
        ? true
        : undefined,
    );
    await firefox.close();

    firefox = await launch();
    const popup = new ExtensionPopup(await open('popup.html'));
    await popup.signInAs(simulator.demo);
    await popup.chooseFormat('CSV');
    await popup.download('Cards');
    const fileName = await popup.waitForSavedFile();
    expect(fileName).toBe('acme_cards.csv');
    const file = await readFile(join(downloadDir, fileName));
    expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  } finally {
    await firefox.close();
    await rm(profileDir, { recursive: true, force: true });
  }
});
