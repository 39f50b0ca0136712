import type { ExtensionEnv } from '../../support/extensionEnv';
import { poll, type UiPage } from '../../support/ui/uiPage';

/**
 * The "Columns and filters" page (recipes.html) in any browser, driven by role and label as a
 * user would. Its date fields are left alone: typing into Firefox's depends on the locale's date
 * order (tests/e2e/pages/recipeEditor.ts drives them in Chromium).
 */
export class RecipeEditorUi {
  constructor(readonly ui: UiPage) {}

  /** Opens the page on a report, in a format, for every board. */
  static async open(env: ExtensionEnv, reportId: string, format: string): Promise<RecipeEditorUi> {
    const ui = await env.openExtensionPage(
      `recipes.html?report=${reportId}&format=${format}&boards=`,
    );
    await ui.waitFor('button', 'Select none');
    return new RecipeEditorUi(ui);
  }

  /**
   * Chooses exactly these columns, named by their labels; the file has them in the report's own
   * order (the Chromium page object also reorders them).
   */
  async chooseColumns(labels: readonly string[]): Promise<void> {
    await this.ui.click('button', 'Select none');
    for (const label of labels) await this.ui.click('checkbox', label);
  }

  /** Ticks a checkbox that starts unticked, e.g. "Custom fields as columns". */
  async tick(label: string): Promise<void> {
    await this.ui.click('checkbox', label);
  }

  async savePreset(name: string): Promise<void> {
    await this.ui.fill('Preset name', name);
    await this.ui.click('button', 'Save preset');
    await this.said(`Saved preset “${name}”.`);
  }

  /**
   * The page's own "Export <report>" button; resolves when the page says the file was saved, as it
   * shows the exports it started. The file's name, as the page says it.
   */
  async exportNow(reportLabel: string): Promise<string> {
    await this.ui.click('button', `Export ${reportLabel}`);
    const saved = `${reportLabel}: Saved as `;
    const said = await this.said(`${saved}…`, (text) => text.startsWith(saved));
    return said.slice(saved.length);
  }

  /** Waits until the page's polite live region says `text`, or what `matches`; what it says. */
  private async said(
    text: string,
    matches: (said: string) => boolean = (said) => said === text,
  ): Promise<string> {
    return poll(`the page to say ${text}`, async () => {
      const said = await this.ui.evaluate(
        () => document.querySelector('[aria-live="polite"]')?.textContent ?? '',
      );
      return matches(said.trim()) ? said.trim() : undefined;
    });
  }
}
