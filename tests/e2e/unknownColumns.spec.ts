/**
 * A column LeanKit adds after our catalogue (issue 13 item 2), served mid-row: the Excel-friendly
 * CSV has every known column where LeanKit serves it and the new one last, checked cell by cell
 * against what the simulator serves, worked out by the plain reference in recipeSupport.ts.
 */
import { findReport } from '../../lib/reports';
import {
  CARDS_PATH,
  exportRequests,
  setExcelFriendlyCsv,
  startExport,
  waitForJob,
} from './engineSupport';
import { expect, test } from './fixtures';
import {
  expectedTable,
  firstDifference,
  guarded,
  readExportFile,
  servedTable,
} from './recipeSupport';

const cards = findReport('cards') ?? never();
const CARD_IDS = cards.columns.map((column) => column.id);

test('an Excel-friendly CSV has the known columns as served, then the one LeanKit added mid-row', async ({
  simulator,
  popup,
  downloadDir,
}) => {
  await popup.signInAs(simulator.demo);
  await setExcelFriendlyCsv(popup.page, true);
  simulator.extraColumns.add({ report: 'cards', name: 'cardHealth', after: 'cardTitle' });
  // The connection breaks mid-body: the rest, asked for again, must land in the same columns.
  simulator.faults.add({ fault: { kind: 'drop-after-bytes', bytes: 20_000 }, path: CARDS_PATH });

  const job = await waitForJob(
    popup.page,
    await startExport(popup.page, { reportId: 'cards', format: 'csv', boardIds: [] }),
  );
  expect(job.state, JSON.stringify(job.error)).toBe('done');
  expect(job.route).toBe('processed');
  expect(exportRequests(simulator)).toHaveLength(2);

  const served = await servedTable(simulator, cards, 'csv');
  expect(served.header.indexOf('cardHealth')).toBe(CARD_IDS.indexOf('cardTitle') + 1);
  const { bom, table } = await readExportFile(`${downloadDir}/${job.fileName}`, 'csv');
  expect(bom).toBe(true);
  expect(table.header).toEqual([...CARD_IDS, 'cardHealth']);
  const want = guarded(expectedTable(served, { report: cards, recipe: {} }), cards, table.header);
  expect(firstDifference(table, want)).toBeUndefined();
  expect(table.rows).toHaveLength(simulator.boards.length * 40);
  // The new column is text to the guard: a value that looks like a formula is made inert.
  const health = table.rows.map((row) => row.at(-1));
  expect(health).toContain("'=needs review");
  expect(health).toContain('');
});

function never(): never {
  throw new Error('the catalogue lacks the cards report');
}
