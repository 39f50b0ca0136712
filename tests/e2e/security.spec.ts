import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { firstBoard } from '../simulator/testing';
import { type ExtensionBrowser, launchChromiumWithExtension } from '../support/chromium';
import { playwrightUiPage } from '../support/ui/playwrightUiPage';
import { expect, test } from './fixtures';
import { readKeptToken } from './pages/keptToken';
import { PopupPage } from './pages/popup';
import { signInToSimulator } from './popupSupport';

/** What a web page's own scripts can reach of any extension (none, without externally_connectable). */
function extensionApiInPage(page: Page) {
  return page.evaluate(() => {
    const { chrome } = globalThis as unknown as {
      chrome?: { runtime?: { sendMessage?: unknown; connect?: unknown } };
    };
    return {
      sendMessage: typeof chrome?.runtime?.sendMessage,
      connect: typeof chrome?.runtime?.connect,
    };
  });
}

test('a token sign-in keeps the token in session storage only', async ({ simulator, popup }) => {
  const token = await signInToSimulator(simulator);
  await popup.signInWithToken(simulator.demo.host, token);
  await popup.expectSignedIn();
  const storage = JSON.parse(await popup.dumpStorage()) as Record<string, object>;
  expect(JSON.stringify(storage.session)).toContain(token);
  expect(JSON.stringify(storage.local)).not.toMatch(/eyJ/);
  expect(JSON.stringify(storage.sync)).not.toMatch(/eyJ/);
  expect(await readKeptToken(playwrightUiPage(popup.page))).toBeNull();
});

test('stay signed in survives a browser restart, from IndexedDB; without it, a restart signs out', async ({
  simulator,
  downloadDir,
}) => {
  const profileDir = await mkdtemp(join(tmpdir(), 'leankit-exporter-restart-'));
  const launch = () =>
    launchChromiumWithExtension({ port: simulator.port, downloadDir, profileDir });
  const openPopup = async (browser: ExtensionBrowser) =>
    PopupPage.open(await browser.context.newPage(), browser.extensionUrl('popup.html'));
  try {
    for (const stay of [true, false]) {
      const before = await launch();
      const options = await before.context.newPage();
      await options.goto(before.extensionUrl('options.html'));
      await options
        .getByRole('checkbox', { name: 'Stay signed in on this computer' })
        .setChecked(stay);
      const popup = await openPopup(before);
      // The box ticks at once; the background stores the setting a moment later, before sign-in reads it.
      await expect
        .poll(async () => {
          const { local } = JSON.parse(await popup.dumpStorage()) as {
            local?: { staySignedIn?: boolean };
          };
          return local?.staySignedIn ?? false;
        })
        .toBe(stay);
      if ((await popup.settledState()) === 'signed-in') await popup.signOut();
      await popup.signInAs(simulator.demo);
      await before.close();

      const after = await launch();
      const reopened = await openPopup(after);
      if (stay) {
        await reopened.expectSignedIn();
        const storage = JSON.parse(await reopened.dumpStorage()) as Record<string, object>;
        expect(storage.session).not.toHaveProperty('signedIn');
        expect(JSON.stringify(storage)).not.toMatch(/eyJ/);
        await reopened.downloadButton('Lanes').click();
        expect(await reopened.waitForSavedFile()).toMatch(/^leankit-acme-lanes-all-/);
      } else {
        await expect(reopened.signInButton).toBeVisible();
        expect(await readKeptToken(playwrightUiPage(reopened.page))).toBeNull();
      }
      await after.close();
    }
  } finally {
    await rm(profileDir, { recursive: true, force: true });
  }
});

test('web pages cannot reach the extension; pages off LeanKit get no content script', async ({
  simulator,
  extension,
  popup,
  openBoard,
}) => {
  await popup.signInAs(simulator.demo);
  const first = firstBoard(simulator);

  // On LeanKit, our content script runs, but the page's own scripts still see no extension API.
  const board = await openBoard(first.id);
  await expect(board.exportButton).toBeVisible();
  expect(await extensionApiInPage(board.page)).toEqual({
    sendMessage: 'undefined',
    connect: 'undefined',
  });

  // A look-alike board page on another https host: same markup, no content script, no API.
  const html = await board.page.evaluate(async () => (await fetch(location.href)).text());
  await extension.context.route('https://leankit.example.com/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: html }),
  );
  const elsewhere = await extension.context.newPage();
  await elsewhere.goto(`https://leankit.example.com/board/${first.id}`);
  await expect(elsewhere.getByRole('heading', { level: 1 })).toHaveText(first.title);
  await elsewhere.waitForLoadState('load');
  expect(await elsewhere.locator('leankit-exporter-button').count()).toBe(0);
  expect(await extensionApiInPage(elsewhere)).toEqual({
    sendMessage: 'undefined',
    connect: 'undefined',
  });
  // Nor can a page post to our content script: it listens for no window messages.
  expect(await windowMessageListeners(board.page)).toEqual([]);
});

/** The `message` listeners on a page's window, from every world (the page's and content scripts'). */
async function windowMessageListeners(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  const { result } = await cdp.send('Runtime.evaluate', { expression: 'window' });
  const { listeners } = await cdp.send('DOMDebugger.getEventListeners', {
    objectId: result.objectId ?? '',
  });
  await cdp.detach();
  return listeners
    .filter((listener) => listener.type === 'message')
    .map((listener) => `${listener.scriptId}:${listener.lineNumber}`);
}
