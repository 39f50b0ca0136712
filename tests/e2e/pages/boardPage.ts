import { readdir } from 'node:fs/promises';
import { expect, type JSHandle, type Locator, type Page } from '@playwright/test';

/** The simulator's stand-in LeanKit board page, with the extension's board button on it. */
export class BoardPage {
  constructor(readonly page: Page) {}

  /** Opens `https://<host>/board/<id>`; the browser maps LeanKit hosts to the simulator. */
  static async open(page: Page, host: string, boardId: string): Promise<BoardPage> {
    await page.goto(`https://${host}/board/${boardId}`);
    return new BoardPage(page);
  }

  /**
   * Makes `page` note every board button host added to or removed from it, from its next load on,
   * so a test can tell that a button never showed, not only that none shows now.
   */
  static async recordButtonHosts(page: Page): Promise<void> {
    await page.addInitScript(() => {
      const log: string[] = [];
      (window as unknown as { buttonHostLog: string[] }).buttonHostLog = log;
      const isHost = (node: Node) => node.nodeName === 'LEANKIT-EXPORTER-BUTTON';
      new MutationObserver((records) => {
        for (const record of records) {
          for (const node of record.addedNodes) if (isHost(node)) log.push('added');
          for (const node of record.removedNodes) if (isHost(node)) log.push('removed');
        }
      }).observe(document, { childList: true, subtree: true });
    });
  }

  /** What `recordButtonHosts` has noted since the page loaded. */
  buttonHostLog(): Promise<string[]> {
    return this.page.evaluate(
      () => (window as unknown as { buttonHostLog: string[] }).buttonHostLog,
    );
  }

  get title(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }

  /** The button's host element; Playwright's locators pierce its open shadow root. */
  get buttonHosts(): Locator {
    return this.page.locator('leankit-exporter-button');
  }

  /**
   * The main control when it exports: enabled, so not the aria-disabled one shown while the button
   * still asks the background where it stands (its menu comes in the same render as this one).
   */
  get exportButton(): Locator {
    return this.page.getByRole('button', { name: 'Export report', exact: true, disabled: false });
  }

  get signInButton(): Locator {
    return this.page.getByRole('button', { name: 'Sign in to export' });
  }

  get doneButton(): Locator {
    return this.page.getByRole('button', { name: 'Done — show file' });
  }

  /** The main control after an export without data rows (its file holds the header alone). */
  get noRowsButton(): Locator {
    return this.page.getByRole('button', { name: 'No rows — show file' });
  }

  get menuButton(): Locator {
    return this.page.getByRole('button', { name: 'More export options' });
  }

  /** The button's main control while an export runs ("Exporting… 12 KB"). */
  get runningButton(): Locator {
    return this.page.getByRole('button', { name: /^Exporting… / });
  }

  get cancelButton(): Locator {
    return this.page.getByRole('button', { name: 'Cancel export' });
  }

  get notFoundHeading(): Locator {
    return this.page.getByRole('heading', { name: 'Board not found' });
  }

  get menu(): Locator {
    return this.page.getByRole('menu', { name: 'Export options' });
  }

  /** The button's polite live region. */
  get status(): Locator {
    return this.buttonHosts.getByRole('status');
  }

  get alert(): Locator {
    return this.buttonHosts.getByRole('alert');
  }

  /** The element focused inside the button's shadow root now, kept to compare with later. */
  focusedControl(): Promise<JSHandle<Element | null>> {
    return this.page.evaluateHandle(
      () => document.querySelector('leankit-exporter-button')?.shadowRoot?.activeElement ?? null,
    );
  }

  /** Whether keyboard focus is on this very element (not a re-created copy of it). */
  hasFocus(control: JSHandle<Element | null>): Promise<boolean> {
    return control.evaluate((element) => {
      const root = element?.getRootNode();
      return (
        element?.isConnected === true &&
        root instanceof ShadowRoot &&
        root.activeElement === element &&
        document.activeElement === root.host
      );
    });
  }

  /** Switches boards the way LeanKit does: a link, pushState, no page load. */
  async goToBoard(title: string): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Boards' })
      .getByRole('link', { name: title })
      .click();
    await expect(this.title).toHaveText(title);
  }

  /** Exports a report of this board from the menu, in the given format (e.g. "JSON"). */
  async exportFromMenu(reportLabel: string, formatLabel: string): Promise<void> {
    await this.menuButton.click();
    await this.page.getByRole('menuitemradio', { name: formatLabel }).click();
    await this.page.getByRole('menuitem', { name: reportLabel, exact: true }).click();
  }

  async waitUntilDone(): Promise<void> {
    await expect(this.doneButton).toBeVisible({ timeout: 30_000 });
  }
}

/** The one file in `dir` whose name contains `part`, once the browser has finished writing it. */
export async function savedFile(dir: string, part: string): Promise<string> {
  let names: string[] = [];
  await expect
    .poll(async () => {
      names = (await readdir(dir)).filter((name) => name.includes(part));
      return names.filter((name) => !name.endsWith('.crdownload')).length;
    })
    .toBe(1);
  return names[0] ?? '';
}
