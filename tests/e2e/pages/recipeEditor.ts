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

  /**
   * Chooses exactly these columns, in this order, as a user would: "Select none", a tick for each,
   * then each one's "Move … up" button until it sits right after the ones before it.
   */
  async chooseColumns(labels: readonly string[]): Promise<void> {
    await this.page.getByRole('button', { name: 'Select none' }).click();
    for (const label of labels) await this.column(label).check();
    const order = await this.columns.getByRole('listitem').locator('label').allTextContents();
    const moves: [string, number][] = [];
    labels.forEach((label, target) => {
      const at = order.indexOf(label);
      order.splice(at, 1);
      order.splice(target, 0, label);
      moves.push([label, at - target]);
    });
    for (const [label, steps] of moves) {
      for (let i = 0; i < steps; i++) await this.move(label, 'up').click();
    }
    expect(await this.chosenColumns()).toEqual(labels);
  }

  /** The lane picker: the chosen boards' lanes as checkboxes (in a group per board when several). */
  get lanes(): Locator {
    return this.page.getByRole('group', { name: 'Lanes', exact: true });
  }

  lane(title: string): Locator {
    return this.lanes.getByRole('checkbox', { name: title, exact: true });
  }

  get laneIds(): Locator {
    return this.page.getByRole('textbox', { name: 'Lane IDs' });
  }

  /** The "Unsaved changes" marker beside the chosen preset. */
  get unsaved(): Locator {
    return this.page.locator('.presets [role="status"]');
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
