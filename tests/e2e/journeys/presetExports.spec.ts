/**
 * A preset exported from the popup, in every browser (issue 13): five columns, human headers and a
 * date range, Excel-friendly, checked cell by cell against the plain reference in recipeSupport.ts
 * over what the simulator serves. The preset is stored as lib/recipes/presets.ts stores it (one
 * sync item and the index) from the popup's page: the Columns and filters page that saves it is
 * driven in Chromium (presetExports.spec.ts).
 */
import { guardTypedCell } from '../../../lib/csv/formulaGuard';
import type { ExportJob } from '../../../lib/jobs/jobRecords';
import type { Preset } from '../../../lib/recipes/recipe';
import { findColumn, findReport } from '../../../lib/reports';
import { expect, test } from '../envFixtures';
import {
  expectedTable,
  FIVE_COLUMNS_RECIPE,
  firstDifference,
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

/** An Excel-friendly file's cells: each guarded as its column's type asks (lib/csv/formulaGuard.ts). */
function guarded(table: Table, columnIds: readonly string[]): Table {
  const types = columnIds.map((id) => findColumn(cards, id)?.type ?? 'string');
  return {
    header: table.header,
    rows: table.rows.map((row) => row.map((cell, i) => guardTypedCell(cell, types[i] ?? 'string'))),
  };
}

test('a five-column preset chosen in the popup saves an Excel-friendly file with exactly the matching cells', async ({
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

  const job = await popup.ui.evaluate(async (presetId) => {
    type Area = { get(key: string): Promise<Record<string, unknown>> };
    const global = globalThis as unknown as {
      browser?: { storage: { local: Area } };
      chrome?: { storage: { local: Area } };
    };
    const { jobs } = (await (global.browser ?? global.chrome)?.storage.local.get('jobs')) ?? {};
    return (jobs as ExportJob[]).find((candidate) => candidate.presetId === presetId);
  }, PRESET.id);
  expect(job?.state).toBe('done');
  expect(job?.excelFriendly).toBe(true);
  expect(job?.path?.endsWith(fileName)).toBe(true);

  const { bom, table } = await readExportFile(job?.path ?? '', 'csv');
  const served = await servedTable(simulator, cards, 'csv');
  const plain = expectedTable(served, { report: cards, recipe: FIVE_COLUMNS_RECIPE });
  expect(bom).toBe(true);
  expect(table.header).toEqual([
    'Card title',
    'Card ID',
    'Current lane title',
    'Creation date',
    'Last activity date',
  ]);
  const want = guarded(plain, FIVE_COLUMNS_RECIPE.columns ?? []);
  // Some kept cells need the guard, so the file shows it at work.
  expect(want).not.toEqual(plain);
  expect(firstDifference(table, want)).toBeUndefined();
  // The date range kept some cards and dropped others.
  expect(table.rows.length).toBeGreaterThan(0);
  expect(table.rows.length).toBeLessThan(served.rows.length);
});

function never(): never {
  throw new Error('the catalogue lacks the cards report');
}
