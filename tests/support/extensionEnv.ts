import { poll, type UiPage } from './ui/uiPage';

export type Engine = 'chromium' | 'firefox';

/** The built extension running in one browser, driven the same way whichever browser it is. */
export interface ExtensionEnv {
  engine: Engine;
  /** Opens one of the extension's pages (`popup.html`, `options.html`) in a new tab. */
  openExtensionPage(path: string): Promise<UiPage>;
  /** Opens a web page, e.g. the stand-in board at https://acme.leankit.com/board/1, in a new tab. */
  openPage(url: string): Promise<UiPage>;
  /**
   * The tab showing one of the extension's pages (`flow.html`) that the extension opened itself,
   * e.g. from a board's menu: waits for it and for its document to load.
   */
  waitForExtensionPage(path: string): Promise<UiPage>;
  close(): Promise<void>;
}

export interface EnvOptions {
  /** The simulator's port. */
  port: number;
  downloadDir: string;
  /** Every account host the test uses (Firefox maps names one by one). */
  hosts: string[];
}

/** Launches Chromium (Playwright) or Firefox (Puppeteer over BiDi) with the built extension. */
export async function launchExtensionEnv(
  engine: Engine,
  options: EnvOptions,
): Promise<ExtensionEnv> {
  if (engine === 'chromium') {
    const [{ launchChromiumWithExtension }, { playwrightUiPage }] = await Promise.all([
      import('./chromium'),
      import('./ui/playwrightUiPage'),
    ]);
    const browser = await launchChromiumWithExtension(options);
    const open = async (url: string) => {
      const page = await browser.context.newPage();
      await page.goto(url);
      return playwrightUiPage(page);
    };
    return {
      engine,
      openExtensionPage: (path) => open(browser.extensionUrl(path)),
      openPage: open,
      waitForExtensionPage: async (path) => {
        const url = browser.extensionUrl(path);
        const page = await poll(`a tab showing ${path}`, async () =>
          browser.context.pages().find((candidate) => candidate.url().startsWith(url)),
        );
        await page.waitForLoadState();
        return playwrightUiPage(page);
      },
      close: () => browser.close(),
    };
  }
  const [{ launchFirefoxWithExtension }, { puppeteerUiPage }] = await Promise.all([
    import('./firefox'),
    import('./ui/puppeteerUiPage'),
  ]);
  const browser = await launchFirefoxWithExtension(options);
  return {
    engine,
    openExtensionPage: async (path) => puppeteerUiPage(await browser.openExtensionPage(path)),
    openPage: async (url) => {
      const page = await browser.browser.newPage();
      await page.goto(url);
      return puppeteerUiPage(page);
    },
    waitForExtensionPage: async (path) => puppeteerUiPage(await browser.waitForExtensionPage(path)),
    close: () => browser.close(),
  };
}
