import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base } from '@playwright/test';
import { type Simulator, startSimulator } from '../simulator/index';
import { type ExtensionBrowser, launchChromiumWithExtension } from '../support/chromium';
import { expectNoTokenInFileNames, expectNoTokenInUrls } from './leakChecks';
import { BoardPage } from './pages/boardPage';
import { PopupPage } from './pages/popup';

interface Fixtures {
  simulator: Simulator;
  /** A fresh, empty download folder for this test. */
  downloadDir: string;
  extension: ExtensionBrowser;
  popup: PopupPage;
  /** Opens a board of the demo account in a new tab of the extension's browser. */
  openBoard: (boardId: string) => Promise<BoardPage>;
}

/** One simulator, one download folder and one fresh Chromium profile per test. */
export const test = base.extend<Fixtures>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright requires an object pattern here.
  simulator: async ({}, use) => {
    const simulator = await startSimulator();
    await use(simulator);
    await simulator.close();
    expectNoTokenInUrls(simulator.requests);
  },
  // biome-ignore lint/correctness/noEmptyPattern: Playwright requires an object pattern here.
  downloadDir: async ({}, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'leankit-exporter-downloads-'));
    await use(dir);
    try {
      await expectNoTokenInFileNames(dir);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
  extension: async ({ simulator, downloadDir }, use) => {
    const browser = await launchChromiumWithExtension({ port: simulator.port, downloadDir });
    await use(browser);
    await browser.close();
  },
  popup: async ({ extension: browser }, use) => {
    const page = await browser.context.newPage();
    await use(await PopupPage.open(page, browser.extensionUrl('popup.html')));
  },
  openBoard: async ({ extension: browser, simulator }, use) => {
    await use(async (boardId) =>
      BoardPage.open(await browser.context.newPage(), simulator.demo.host, boardId),
    );
  },
});

export { expect } from '@playwright/test';
