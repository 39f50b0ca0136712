import type { UiPage } from '../../support/ui/uiPage';
import { poll } from '../../support/ui/uiPage';
import type { Login } from './login';

/** The toolbar popup, opened as a tab, driven by role and label in any browser. */
export class ExtensionPopup {
  constructor(readonly ui: UiPage) {}

  async signIn(account: string, email: string, password: string): Promise<void> {
    await this.ui.fill('Account', account);
    await this.ui.fill('Email', email);
    await this.ui.fill('Password', password);
    await this.ui.click('button', 'Sign in');
  }

  async waitForSignedIn(): Promise<void> {
    await this.ui.waitFor('button', 'Sign out');
  }

  /** Signs in with a simulator login and waits until the popup shows it. */
  async signInAs(login: Login): Promise<void> {
    await this.signIn(login.host, login.email, login.password);
    await this.waitForSignedIn();
  }

  async waitForSignInForm(): Promise<void> {
    await this.ui.waitFor('button', 'Sign in');
  }

  /** The text of the alert that says `text` (exact string or pattern). */
  alert(text: string | RegExp): Promise<string> {
    return this.ui.waitForText('alert', text);
  }

  /** Picks one board in the board list, found by its title. */
  async chooseBoard(title: string): Promise<void> {
    await this.ui.click('button', 'Choose boards');
    await this.ui.fill('Find a board', title);
    await this.ui.click('checkbox', title);
    await this.ui.click('button', 'Done');
  }

  async chooseFormat(label: 'CSV' | 'TAB' | 'JSON' | 'XLSX'): Promise<void> {
    await this.ui.click('radio', label);
  }

  async download(reportLabel: string): Promise<void> {
    await this.ui.click('button', `Download ${reportLabel}`);
  }

  /**
   * Waits until the recent downloads list names a finished file other than those in `known`, and
   * returns its name. The popup marks a download finished when the browser reports it complete, not
   * when a file merely exists (Firefox writes an empty placeholder first).
   */
  waitForSavedFile(known: readonly string[] = []): Promise<string> {
    return poll(
      'a finished download in Recent downloads',
      async () => {
        const names = await this.ui.evaluate(() =>
          [...document.querySelectorAll('.recent-done .file-name')].map(
            (el) => el.textContent ?? '',
          ),
        );
        return names.find((name) => name !== '' && !known.includes(name));
      },
      { timeoutMs: 30_000 },
    );
  }

  /** Every key and value in every storage area, read from the extension's own page. */
  async dumpStorage(): Promise<Record<string, Record<string, unknown>>> {
    return this.ui.evaluate(async () => {
      type Area = { get(keys: null): Promise<Record<string, unknown>> };
      const global = globalThis as unknown as {
        browser?: { storage: Record<string, Area> };
        chrome?: { storage: Record<string, Area> };
      };
      const storage = (global.browser ?? global.chrome)?.storage ?? {};
      const dump: Record<string, Record<string, unknown>> = {};
      for (const name of ['local', 'sync', 'session']) {
        dump[name] = (await storage[name]?.get(null)) ?? {};
      }
      return dump;
    });
  }
}
