import { expect, type Locator, type Page } from '@playwright/test';
import type { Login } from './login';

/** The toolbar popup, opened as a tab, driven by role and label as a user would. */
export class PopupPage {
  constructor(readonly page: Page) {}

  static async open(page: Page, url: string): Promise<PopupPage> {
    await page.goto(url);
    return new PopupPage(page);
  }

  get account(): Locator {
    return this.page.getByLabel('Account');
  }

  get email(): Locator {
    return this.page.getByLabel('Email');
  }

  get password(): Locator {
    return this.page.getByLabel('Password');
  }

  get signInButton(): Locator {
    return this.page.getByRole('button', { name: 'Sign in' });
  }

  get signOutButton(): Locator {
    return this.page.getByRole('button', { name: 'Sign out' });
  }

  /**
   * Waits until the popup has heard from the background and shows either state: until then it
   * shows neither, so checking one button's visibility right after opening proves nothing.
   */
  async settledState(): Promise<'signed-in' | 'signed-out'> {
    await expect(this.signInButton.or(this.signOutButton)).toBeVisible();
    return (await this.signInButton.isVisible()) ? 'signed-out' : 'signed-in';
  }

  get alert(): Locator {
    return this.page.getByRole('alert');
  }

  async signIn(account: string, email: string, password: string): Promise<void> {
    await this.account.fill(account);
    await this.email.fill(email);
    await this.password.fill(password);
    await this.signInButton.click();
  }

  async expectSignedIn(): Promise<void> {
    await expect(this.signOutButton).toBeVisible();
  }

  /** Signs in with a simulator login and waits until the popup shows it. */
  async signInAs(login: Login): Promise<void> {
    await this.signIn(login.host, login.email, login.password);
    await this.expectSignedIn();
  }

  downloadButton(reportLabel: string): Locator {
    return this.page.getByRole('button', { name: `Download ${reportLabel}` });
  }

  get tokenInput(): Locator {
    return this.page.getByLabel('Token');
  }

  /** Signs in the single sign-on way, with a token the user already has. */
  async signInWithToken(account: string, token: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Use an existing token' }).click();
    await this.account.fill(account);
    await this.tokenInput.fill(token);
    await this.page.getByRole('button', { name: 'Use token' }).click();
  }

  async signOut(): Promise<void> {
    await this.signOutButton.click();
    await expect(this.signInButton).toBeVisible();
  }

  async chooseFormat(label: 'CSV' | 'TAB' | 'JSON' | 'XLSX'): Promise<void> {
    await this.page.getByRole('radio', { name: label }).check();
  }

  /** The "Preset" select, shown once a preset is saved. */
  get preset(): Locator {
    return this.page.getByRole('combobox', { name: 'Preset', exact: true });
  }

  async choosePreset(name: string): Promise<void> {
    await this.preset.selectOption({ label: name });
  }

  /** Opens the board list and ticks one board by its title. */
  async chooseBoard(title: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Choose boards' }).click();
    await this.page.getByLabel('Find a board').fill(title);
    await this.page.getByRole('checkbox', { name: title }).check();
    await this.page.getByRole('button', { name: 'Done' }).click();
  }

  /** Running exports and the latest result, kept at the top of the popup. */
  get status(): Locator {
    return this.page.getByRole('region', { name: 'Export status' });
  }

  get chooseBoardsButton(): Locator {
    return this.page.getByRole('button', { name: 'Choose boards' });
  }

  get boardSearch(): Locator {
    return this.page.getByLabel('Find a board');
  }

  /** The size of Chrome's largest popup: 600 px high (and our 360 px wide). */
  async asToolbarPopup(colorScheme: 'light' | 'dark' = 'light'): Promise<void> {
    await this.page.setViewportSize({ width: 360, height: 600 });
    await this.page.emulateMedia({ colorScheme });
  }

  get recent(): Locator {
    return this.page.getByRole('region', { name: 'Recent downloads' });
  }

  /** Waits for the newest export to end and returns the saved file name shown. */
  async waitForSavedFile(timeout = 30_000): Promise<string> {
    const newest = this.recent.getByRole('listitem').first();
    const saved = newest.locator('.file-name');
    await expect(saved).toBeVisible({ timeout });
    return (await saved.textContent()) ?? '';
  }

  /** The toolbar badge text, as the background set it. */
  async badgeText(): Promise<string> {
    return this.page.evaluate(() =>
      (
        globalThis as unknown as {
          chrome: { action: { getBadgeText(details: object): Promise<string> } };
        }
      ).chrome.action.getBadgeText({}),
    );
  }

  /** Every key and value in every storage area, as the extension's own page can read them. */
  async dumpStorage(): Promise<string> {
    return this.page.evaluate(async () => {
      type Area = { get(keys: null): Promise<Record<string, unknown>> };
      const { storage } = (globalThis as unknown as { chrome: { storage: Record<string, Area> } })
        .chrome;
      const dump: Record<string, unknown> = {};
      for (const name of ['local', 'sync', 'session']) dump[name] = await storage[name]?.get(null);
      return JSON.stringify(dump);
    });
  }
}
