import { type ExtensionBrowser, launchChromiumWithExtension } from '../support/chromium';
import { test as base } from './baseFixtures';
import { BoardPage } from './pages/boardPage';
import { PopupPage } from './pages/popup';

interface Fixtures {
  extension: ExtensionBrowser;
  popup: PopupPage;
  /** Opens a board of the demo account in a new tab of the extension's browser. */
  openBoard: (boardId: string) => Promise<BoardPage>;
}

/** One simulator, one download folder and one fresh Chromium profile per test. */
export const test = base.extend<Fixtures>({
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

export { expect } from './baseFixtures';
