/**
 * Presets end to end, as a user makes and uses them (issue 13): saved on the Columns and filters
 * page by its controls, then exported from the popup's "Preset" select and from the board page's
 * "Export with preset: <name>" menu item. Each saved file is checked cell by cell against the
 * plain reference in recipeSupport.ts (independent of lib/pipeline) over what the simulator serves.
 */
import type { Page } from '@playwright/test';
import type { ExportJob } from '../../lib/jobs/jobRecords';
import { type ExportRecipe, NO_ROW_MATCHED } from '../../lib/recipes/recipe';
import { findReport } from '../../lib/reports';
import { firstBoard } from '../simulator/testing';
import type { ExtensionBrowser } from '../support/chromium';
import { expectNoAxeViolations } from './accessibility';
import { jobs } from './engineSupport';
import { expect, test } from './fixtures';
import { RecipeEditorPage } from './pages/recipeEditor';
import {
  expectedTable,
  FIVE_COLUMNS_RECIPE,
  firstDifference,
  readExportFile,
  servedTable,
} from './recipeSupport';

const cards = findReport('cards') ?? never();

/** FIVE_COLUMNS_RECIPE's columns, by the labels the page shows. */
const FIVE_COLUMN_LABELS = [
  'Card title',
  'Card ID',
  'Current lane title',
  'Creation date',
  'Last activity date',
];

/** The preset stored under this name, read from sync storage as lib/recipes/presets.ts keeps it. */
async function storedPreset(page: Page, name: string) {
  return page.evaluate(async (wanted) => {
    type Area = { get(keys: string | null): Promise<Record<string, unknown>> };
    const { sync } = (globalThis as unknown as { chrome: { storage: { sync: Area } } }).chrome
      .storage;
    const all = await sync.get(null);
    return (
      Object.entries(all)
        .filter(([key]) => key.startsWith('preset:'))
        // The id is the key's: the stored value need not repeat it.
        .map(([key, value]) => ({
          ...(value as { name: string; recipe: ExportRecipe }),
          id: key.slice('preset:'.length),
        }))
        .find((preset) => preset.name === wanted)
    );
  }, name);
}

/** Opens the Columns and filters page on the cards report, in CSV, for every board. */
async function openCardsEditor(extension: ExtensionBrowser): Promise<RecipeEditorPage> {
  return RecipeEditorPage.open(
    await extension.context.newPage(),
    extension.extensionUrl('recipes.html?report=cards&format=csv&boards='),
  );
}

/** Saves FIVE_COLUMNS_RECIPE under `name` with the page's controls, and checks what was stored. */
async function saveFiveColumnPreset(editor: RecipeEditorPage, name: string): Promise<void> {
  const { page } = editor;
  await editor.chooseColumns(FIVE_COLUMN_LABELS);
  await page.getByRole('checkbox', { name: 'Headers as words' }).check();
  await page
    .getByRole('combobox', { name: 'Date range on' })
    .selectOption({ label: 'Creation date' });
  await page.getByRole('textbox', { name: 'From', exact: true }).fill('2024-03-01');
  await page.getByRole('textbox', { name: 'To', exact: true }).fill('2024-08-31');
  await editor.savePreset(name);
  expect((await storedPreset(page, name))?.recipe).toEqual(FIVE_COLUMNS_RECIPE);
}

/**
 * Waits until an export not among `known` has ended, and returns it (done, or the test fails
 * with its error). The job records are what the popup and the board button show.
 */
async function nextFinishedJob(page: Page, known: readonly ExportJob[]): Promise<ExportJob> {
  const knownIds = new Set(known.map((job) => job.id));
  let found: ExportJob | undefined;
  await expect
    .poll(
      async () => {
        found = (await jobs(page)).find(
          (job) => !knownIds.has(job.id) && ['done', 'failed', 'cancelled'].includes(job.state),
        );
        return found?.state;
      },
      { timeout: 45_000 },
    )
    .toBeDefined();
  const job = found ?? never();
  expect(job.state, JSON.stringify(job.error)).toBe('done');
  return job;
}

/** The saved file's cells, found by the path the browser reported for the job. */
async function savedTable(job: ExportJob) {
  // A second export in the same minute gets a name of its own: only the job knows which.
  expect(job.path).toBeDefined();
  return readExportFile(job.path ?? '', 'csv');
}

test('a five-column preset saved on the page exports the same cells from the popup and, for its board, from the board button', async ({
  simulator,
  popup,
  extension,
  openBoard,
}) => {
  const board = firstBoard(simulator);
  await popup.signInAs(simulator.demo);
  const editor = await openCardsEditor(extension);
  await saveFiveColumnPreset(editor, 'Spring and summer cards');

  // (a) The popup, open all along, lists the new preset: chosen in its "Preset" select, then
  // Download Cards.
  await popup.choosePreset('Spring and summer cards');
  await expect(popup.page.getByText('Download Cards uses its columns and filters.')).toBeVisible();
  await expectNoAxeViolations(popup.page);
  const before = await jobs(popup.page);
  await popup.downloadButton('Cards').click();
  const fromPopup = await nextFinishedJob(popup.page, before);
  expect(fromPopup.boardIds).toEqual([]);
  const everyBoard = expectedTable(await servedTable(simulator, cards, 'csv'), {
    report: cards,
    recipe: FIVE_COLUMNS_RECIPE,
  });
  const popupFile = await savedTable(fromPopup);
  expect(popupFile.bom).toBe(false);
  expect(popupFile.table.header).toEqual(FIVE_COLUMN_LABELS);
  expect(firstDifference(popupFile.table, everyBoard)).toBeUndefined();
  // The date range kept some cards and dropped others.
  expect(everyBoard.rows.length).toBeGreaterThan(0);
  expect(everyBoard.rows.length).toBeLessThan(
    (await servedTable(simulator, cards, 'csv')).rows.length,
  );

  // (b) The board page: its menu's "Export with preset: <name>", a trusted click; its board only.
  const page = await openBoard(board.id);
  await expect(page.exportButton).toBeVisible();
  await page.menuButton.click();
  const beforeBoard = await jobs(popup.page);
  await page.page
    .getByRole('menuitem', { name: 'Export with preset: Spring and summer cards' })
    .click();
  await page.waitUntilDone();
  const fromBoard = await nextFinishedJob(popup.page, beforeBoard);
  expect(fromBoard.boardIds).toEqual([board.id]);
  const oneBoard = expectedTable(await servedTable(simulator, cards, 'csv', [board.id]), {
    report: cards,
    recipe: FIVE_COLUMNS_RECIPE,
  });
  const boardFile = await savedTable(fromBoard);
  expect(boardFile.table.header).toEqual(FIVE_COLUMN_LABELS);
  expect(firstDifference(boardFile.table, oneBoard)).toBeUndefined();
  expect(oneBoard.rows.length).toBeGreaterThan(0);
  expect(oneBoard.rows.length).toBeLessThan(everyBoard.rows.length);
});

test('"changed since my last export" from the popup: every card first, then only the cards changed since', async ({
  simulator,
  popup,
  extension,
}) => {
  await popup.signInAs(simulator.demo);
  const editor = await openCardsEditor(extension);
  await editor.chooseColumns(['Card ID', 'Card title', 'Last activity date']);
  await editor.page
    .getByRole('checkbox', { name: 'Only cards changed since my last export with this preset' })
    .check();
  await editor.savePreset('Changed cards');
  const recipe: ExportRecipe = {
    columns: ['cardId', 'cardTitle', 'lastActivityDate'],
    filters: { changedSinceLastExport: true },
  };
  expect((await storedPreset(editor.page, 'Changed cards'))?.recipe).toEqual(recipe);

  await popup.choosePreset('Changed cards');
  const served = await servedTable(simulator, cards, 'csv');
  const none = await jobs(popup.page);
  await popup.downloadButton('Cards').click();
  const first = await nextFinishedJob(popup.page, none);
  const firstFile = await savedTable(first);
  expect(firstFile.table.rows.length).toBe(served.rows.length);
  expect(firstDifference(firstFile.table, expectedTable(served, { report: cards, recipe }))).toBe(
    undefined,
  );

  const touched = simulator.touchCards({ count: 3 });
  // Still chosen after the first export: the same preset runs again.
  await expect(popup.preset).toHaveValue(
    (await storedPreset(popup.page, 'Changed cards'))?.id ?? never(),
  );
  const known = await jobs(popup.page);
  await popup.downloadButton('Cards').click();
  const second = await nextFinishedJob(popup.page, known);
  expect(second.path).not.toBe(first.path);
  expect(second.changedSince).toBe(new Date(first.startedAt).toISOString());
  const secondFile = await savedTable(second);
  expect(secondFile.table.rows.map((row) => row[0]).sort()).toEqual([...touched].sort());
  const changed = expectedTable(await servedTable(simulator, cards, 'csv'), {
    report: cards,
    recipe,
    changedSince: second.changedSince,
  });
  expect(firstDifference(secondFile.table, changed)).toBeUndefined();

  // Nothing changed since: the file has the header alone, and the popup says why.
  const latest = await jobs(popup.page);
  await popup.downloadButton('Cards').click();
  const third = await nextFinishedJob(popup.page, latest);
  expect(third.rows).toBe(0);
  expect((await savedTable(third)).table.rows).toEqual([]);
  await expect(popup.status).toContainText(`Cards: ${NO_ROW_MATCHED}`);
  await expect(popup.status).not.toContainText('has no cards');
});

function never(): never {
  throw new Error('a report, board or preset these tests use is missing');
}
