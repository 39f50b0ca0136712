/**
 * A preset exported from the popup and from the board button's menu, in every browser (issue 13):
 * five columns, human headers and a date range, Excel-friendly, checked cell by cell against the
 * plain reference in recipeSupport.ts over what the simulator serves. The preset is stored as
 * lib/recipes/presets.ts stores it (one sync item and the index) from the popup's page: the
 * Columns and filters page that saves it is driven in Chromium (presetExports.spec.ts).
 */
import type { ExportJob } from '../../../lib/jobs/jobRecords';
import type { Preset } from '../../../lib/recipes/recipe';
import { findReport } from '../../../lib/reports';
import { firstBoard } from '../../simulator/testing';
import { expect, test } from '../envFixtures';
import { BoardUi } from '../pages/boardUi';
import type { ExtensionPopup } from '../pages/extensionPopup';
import {
  expectedTable,
  FIVE_COLUMNS_RECIPE,
  firstDifference,
  guarded,
  readExportFile,
  servedTable,
  type Table,
} from '../recipeSupport';

const cards = findReport('cards') ?? never();

const PRESET: Preset = {
  id: 'spring-summer',
  name: 'Spring and summer cards',
  reportId: 'cards',
  format: 'csv',
  boardIds: [],
  recipe: FIVE_COLUMNS_RECIPE,
};

test('a five-column preset saves an Excel-friendly file with exactly the matching cells, from the popup and, for its board, from the board button', async ({
  simulator,
  env,
  popup,
}) => {
  await popup.signInAs(simulator.demo);
  await popup.ui.evaluate(
    async ({ preset, settingsArea }) => {
      type Area = { set(items: object): Promise<void> };
      const global = globalThis as unknown as {
        browser?: { storage: Record<string, Area> };
        chrome?: { storage: Record<string, Area> };
      };
      const storage = (global.browser ?? global.chrome)?.storage;
      // As the options page's switch stores it (lib/storage/items.ts excelFriendlyCsvItem).
      await storage?.[settingsArea]?.set({ excelFriendlyCsv: true });
      await storage?.sync?.set({ presetIndex: [preset.id], [`preset:${preset.id}`]: preset });
    },
    { preset: PRESET, settingsArea: env.engine === 'firefox' ? 'session' : 'sync' },
  );

  // The popup hears of the new preset without a reload.
  await popup.ui.select('Preset', PRESET.name);
  await popup.download('Cards');
  const fileName = await popup.waitForSavedFile();

  const job = await presetJob(popup, []);
  expect(job.path?.endsWith(fileName)).toBe(true);
  const served = await servedTable(simulator, cards, 'csv');
  const cells = await expectMatchingFile(job, served);
  // Some kept cells need the guard, so the file shows it at work.
  const plain = expectedTable(served, { report: cards, recipe: FIVE_COLUMNS_RECIPE });
  expect(guarded(plain, cards, FIVE_COLUMNS_RECIPE.columns ?? [])).not.toEqual(plain);
  // The date range kept some cards and dropped others.
  expect(cells.rows.length).toBeGreaterThan(0);
  expect(cells.rows.length).toBeLessThan(served.rows.length);

  // The board button's menu: the same preset, for that board alone.
  const board = firstBoard(simulator);
  const page = new BoardUi(await env.openPage(`https://${simulator.demo.host}/board/${board.id}`));
  await page.waitForExportButton();
  await page.exportWithPreset(PRESET.name);
  await page.waitUntilDone();
  const boardFile = await popup.waitForSavedFile([fileName]);
  const boardJob = await presetJob(popup, [board.id]);
  expect(boardJob.path?.endsWith(boardFile)).toBe(true);
  const boardCells = await expectMatchingFile(
    boardJob,
    await servedTable(simulator, cards, 'csv', [board.id]),
  );
  expect(boardCells.rows.length).toBeGreaterThan(0);
  expect(boardCells.rows.length).toBeLessThan(cells.rows.length);
});

/** The finished export of PRESET for these boards (none: every board), from the job records. */
async function presetJob(popup: ExtensionPopup, boardIds: string[]): Promise<ExportJob> {
  const all = await popup.ui.evaluate(async () => {
    type Area = { get(key: string): Promise<Record<string, unknown>> };
    const global = globalThis as unknown as {
      browser?: { storage: { local: Area } };
      chrome?: { storage: { local: Area } };
    };
    const stored = await (global.browser ?? global.chrome)?.storage.local.get('jobs');
    return (stored?.jobs ?? []) as ExportJob[];
  });
  const job = all.find(
    (candidate) =>
      candidate.presetId === PRESET.id && candidate.boardIds.join() === boardIds.join(),
  );
  expect(job?.state, JSON.stringify(job?.error)).toBe('done');
  expect(job?.excelFriendly).toBe(true);
  return job ?? never();
}

/**
 * Checks the job's file, found by the path the browser reported, against the reference over
 * `served`: a BOM, human headers, and every cell guarded as its column's type asks.
 */
async function expectMatchingFile(job: ExportJob, served: Table): Promise<Table> {
  const { bom, table } = await readExportFile(job.path ?? '', 'csv');
  const plain = expectedTable(served, { report: cards, recipe: FIVE_COLUMNS_RECIPE });
  expect(bom).toBe(true);
  expect(table.header).toEqual([
    'Card title',
    'Card ID',
    'Current lane title',
    'Creation date',
    'Last activity date',
  ]);
  const want = guarded(plain, cards, FIVE_COLUMNS_RECIPE.columns ?? []);
  expect(firstDifference(table, want)).toBeUndefined();
  return table;
}

function never(): never {
  throw new Error('the catalogue lacks the cards report');
}
