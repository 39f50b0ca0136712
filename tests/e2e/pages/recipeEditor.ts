import { expect, type Locator, type Page } from '@playwright/test';

/** The "Columns and filters" page (recipes.html), driven by role and label as a user would. */
export class RecipeEditorPage {
  constructor(readonly page: Page) {}

  static async open(page: Page, url: string): Promise<RecipeEditorPage> {
    await page.goto(url);
    const editor = new RecipeEditorPage(page);
    await expect(editor.columns).toBeVisible();
    return editor;
  }

  get columns(): Locator {
    return this.page.getByRole('group', { name: 'Columns' });
  }

  column(label: string): Locator {
    return this.columns.getByRole('checkbox', { name: label, exact: true });
  }

  move(label: string, direction: 'up' | 'down'): Locator {
    return this.page.getByRole('button', { name: `Move ${label} ${direction}`, exact: true });
  }

  /** The chosen columns' labels, in the order the file will have them. */
  async chosenColumns(): Promise<string[]> {
    const rows = this.columns.getByRole('listitem');
    const chosen: string[] = [];
    for (const row of await rows.all()) {
      const box = row.getByRole('checkbox');
      if (await box.isChecked()) chosen.push((await row.locator('label').textContent()) ?? '');
    }
    return chosen;
  }

  get preset(): Locator {
    return this.page.getByRole('combobox', { name: 'Preset', exact: true });
  }

  get presetName(): Locator {
    return this.page.getByRole('textbox', { name: 'Preset name' });
  }

  /** The polite live region the page tells its results in. */
  get said(): Locator {
    return this.page.locator('[aria-live="polite"]');
  }

  async savePreset(name: string): Promise<void> {
    await this.presetName.fill(name);
    await this.page.getByRole('button', { name: 'Save preset' }).click();
    await expect(this.said).toHaveText(`Saved preset “${name}”.`);
  }
}
