import { firstBoard } from '../simulator/testing';
import { expectNoAxeViolations } from './accessibility';
import { expect, test } from './fixtures';
import { RecipeEditorPage } from './pages/recipeEditor';

const JSON_NOTE = 'Columns and filters work with CSV, TAB and XLSX exports.';

test('the popup opens Columns and filters for a report in a tab, with its format and boards', async ({
  simulator,
  popup,
  extension,
}) => {
  await popup.signInAs(simulator.demo);
  await popup.chooseFormat('TAB');
  const opened = extension.context.waitForEvent('page');
  await popup.page.getByRole('button', { name: 'Columns and filters for Card positions' }).click();
  const page = await opened;
  await page.waitForLoadState();
  expect(new URL(page.url()).pathname).toBe('/recipes.html');
  const editor = new RecipeEditorPage(page);
  await expect(editor.columns).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Report' })).toHaveValue('cardpositions');
  await expect(page.getByRole('radio', { name: 'TAB' })).toBeChecked();
  await expect(editor.column('Lane title')).toBeChecked();
});

test('choose and move columns from the keyboard, save a preset, and find it in the popup', async ({
  simulator,
  popup,
  extension,
}) => {
  await popup.signInAs(simulator.demo);
  const editor = await RecipeEditorPage.open(
    await extension.context.newPage(),
    extension.extensionUrl('recipes.html?report=cards&format=csv&boards='),
  );
  const { page } = editor;
  await expectNoAxeViolations(page);

  await page.getByRole('button', { name: 'Select none' }).click();
  for (const label of [
    'Card ID',
    'Card title',
    'Card type',
    'Creation date',
    'Current lane title',
  ]) {
    await editor.column(label).check();
  }
  // Moved with the keyboard: focus stays on the moved column's button all the way up.
  await editor.move('Card title', 'up').focus();
  await page.keyboard.press('Enter');
  await expect(editor.move('Card title', 'up')).toBeFocused();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  // At the top, pressing again moves nothing, and focus stays put.
  await page.keyboard.press('Enter');
  await expect(editor.move('Card title', 'up')).toBeFocused();
  await expect(editor.move('Card title', 'up')).toHaveAttribute('aria-disabled', 'true');
  expect(await editor.chosenColumns()).toEqual([
    'Card title',
    'Card ID',
    'Card type',
    'Creation date',
    'Current lane title',
  ]);

  await page.getByRole('checkbox', { name: 'Headers as words' }).check();
  await page
    .getByRole('combobox', { name: 'Date range on' })
    .selectOption({ label: 'Creation date' });
  await page.getByLabel('From').fill('2026-01-01');
  await page.getByRole('radio', { name: 'Leave out' }).check();
  await editor.savePreset('Weekly cards');
  await expect(editor.preset).toHaveValue(/.+/);
  await expect(editor.preset.locator('option:checked')).toHaveText('Weekly cards');
  await expectNoAxeViolations(page);

  // The popup lists it, and choosing it shows its format.
  await popup.page.reload();
  await popup.expectSignedIn();
  const select = popup.page.getByRole('combobox', { name: 'Preset', exact: true });
  await expect(select.locator('option')).toHaveText(['No preset', 'Weekly cards']);
  await select.selectOption({ label: 'Weekly cards' });
  await expect(popup.page.getByRole('radio', { name: 'CSV' })).toBeChecked();
  await expect(popup.page.getByText('Download Cards uses its columns and filters.')).toBeVisible();
  await expectNoAxeViolations(popup.page);

  // Reopened on the preset, the page shows all of it again.
  const again = await RecipeEditorPage.open(
    await extension.context.newPage(),
    extension.extensionUrl('recipes.html?report=cards&format=csv&boards='),
  );
  await again.preset.selectOption({ label: 'Weekly cards' });
  await expect(again.presetName).toHaveValue('Weekly cards');
  expect(await again.chosenColumns()).toEqual([
    'Card title',
    'Card ID',
    'Card type',
    'Creation date',
    'Current lane title',
  ]);
  await expect(again.page.getByRole('checkbox', { name: 'Headers as words' })).toBeChecked();
  await expect(again.page.getByLabel('From')).toHaveValue('2026-01-01');
});

test('JSON turns columns and filters off and says why', async ({ extension }) => {
  const editor = await RecipeEditorPage.open(
    await extension.context.newPage(),
    extension.extensionUrl('recipes.html?report=cards&format=json'),
  );
  // A disabled fieldset turns off every control in it.
  await expect(editor.column('Card ID')).toBeDisabled();
  await expect(editor.move('Card ID', 'down')).toBeDisabled();
  await expect(editor.page.getByRole('combobox', { name: 'Date range on' })).toBeDisabled();
  await expect(editor.page.locator('.notice')).toHaveText(JSON_NOTE);
  await expectNoAxeViolations(editor.page);
  await editor.page.getByRole('radio', { name: 'CSV' }).check();
  await expect(editor.column('Card ID')).toBeEnabled();
  await expect(editor.page.getByText(JSON_NOTE)).toHaveCount(0);
});

test('deleting a preset asks first, says so, and leaves focus on the Preset select', async ({
  extension,
}) => {
  const editor = await RecipeEditorPage.open(
    await extension.context.newPage(),
    extension.extensionUrl('recipes.html?report=lanes&format=tab'),
  );
  const { page } = editor;
  await editor.savePreset('Lanes weekly');
  await page.getByRole('button', { name: 'Duplicate preset' }).click();
  await expect(editor.said).toHaveText(
    'Duplicated preset “Lanes weekly” as “Lanes weekly (copy)”.',
  );
  await page.getByRole('button', { name: 'Delete preset' }).click();
  const confirm = page.getByRole('button', { name: 'Delete “Lanes weekly (copy)”' });
  await expect(confirm).toBeFocused();
  await expectNoAxeViolations(page);
  await page.keyboard.press('Enter');
  await expect(editor.said).toHaveText('Deleted preset “Lanes weekly (copy)”.');
  await expect(editor.preset).toBeFocused();
  await expect(editor.preset.locator('option')).toHaveText(['No preset', 'Lanes weekly']);
});

test('a saved preset shows in an open board page’s export menu', async ({
  simulator,
  popup,
  extension,
  openBoard,
}) => {
  const first = firstBoard(simulator);
  await popup.signInAs(simulator.demo);
  const board = await openBoard(first.id);
  await expect(board.exportButton).toBeVisible();

  const editor = await RecipeEditorPage.open(
    await extension.context.newPage(),
    extension.extensionUrl(`recipes.html?report=cards&format=tab&boards=${first.id}`),
  );
  await editor.savePreset('Board cards');

  // The tab already open hears of the new preset: no reload.
  await board.menuButton.click();
  const item = board.page.getByRole('menuitem', { name: 'Export with preset: Board cards' });
  await expect(item).toBeVisible();
  await expectNoAxeViolations(board.page, 'leankit-exporter-button');
});
