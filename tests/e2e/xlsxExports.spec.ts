/**
 * XLSX workbooks through the real extension (issue 14, item 1): from the popup, from the board
 * button, with a preset, and after a dropped connection. Each saved workbook is opened by a reader
 * we did not write (openpyxl) and compared, cell by cell and type by type, with what the simulator
 * serves, worked out independently of lib/xlsx (xlsxSupport.ts).
 */
import { join } from 'node:path';
import type { ExportJob } from '../../lib/jobs/jobRecords';
import type { StartExportRequest } from '../../lib/messaging';
import { findReport } from '../../lib/reports';
import { readWorkbook } from '../support/openpyxl';
import { expectNoAxeViolations } from './accessibility';
import {
  CARDS_PATH,
  expectOnlyFiles,
  exportRequests,
  HELD_EXPORT,
  jobs,
  savePresets,
  setStallTimeout,
  startExport,
  waitForJob,
} from './engineSupport';
import { expect, test } from './fixtures';
import { savedFile } from './pages/boardPage';
import { FIVE_COLUMNS_RECIPE, servedTable } from './recipeSupport';
import { expectedSheet, expectWorkbook } from './xlsxSupport';

const cards = findReport('cards') ?? never();
const XLSX_CARDS: StartExportRequest = { reportId: 'cards', format: 'xlsx', boardIds: [] };

async function newestJob(page: import('@playwright/test').Page): Promise<ExportJob> {
  const [job] = await jobs(page);
  return job ?? never();
}

test.describe('XLSX exports', () => {
  test.beforeEach(async ({ simulator, popup }) => {
    await popup.signInAs(simulator.demo);
  });

  test('from the popup: the cards as a workbook of typed cells, asked of LeanKit as CSV', async ({
    simulator,
    popup,
    downloadDir,
  }) => {
    await popup.chooseFormat('XLSX');
    await expect(popup.downloadButton('Cards')).toHaveAttribute('title', 'Download Cards as XLSX');
    await expect(popup.page.getByText('or choose XLSX: no cell is ever a formula.')).toBeVisible();
    await expectNoAxeViolations(popup.page);
    await popup.downloadButton('Cards').click();
    const fileName = await popup.waitForSavedFile();
    expect(fileName).toMatch(/^leankit-acme-cards-all-\d{8}-\d{4}\.xlsx$/);
    expect(exportRequests(simulator).map((request) => request.query.format)).toEqual(['csv']);

    const expected = await expectedSheet(simulator, {});
    // Text (a title starting with =), numbers, true/false and dates: every type is checked.
    expect(expected.formulaLike).toBe(true);
    const types = new Set(expected.rows.slice(1).flatMap((row) => row.map(([, type]) => type)));
    expect([...types].sort()).toEqual(['b', 'd', 'n', 's']);
    expectWorkbook(readWorkbook(join(downloadDir, fileName)), expected);
    const job = await newestJob(popup.page);
    expect(job).toMatchObject({ state: 'done', route: 'processed', format: 'xlsx' });
    expect(job.rows).toBe(expected.rows.length - 1);
    await expect(popup.recent.getByRole('listitem').first()).toContainText('XLSX');
  });

  test('from the board button’s menu: that board’s cards as a workbook', async ({
    simulator,
    openBoard,
    downloadDir,
  }) => {
    const board = simulator.boards[0] ?? never();
    const page = await openBoard(board.id);
    await page.exportFromMenu('Cards', 'XLSX');
    await page.waitUntilDone();
    const fileName = await savedFile(downloadDir, `-cards-board${board.id}-`);
    expect(fileName).toMatch(/\.xlsx$/);

    const expected = await expectedSheet(simulator, {}, [board.id]);
    expect(expected.rows.length).toBeGreaterThan(1);
    expectWorkbook(readWorkbook(join(downloadDir, fileName)), expected);
  });

  test('a preset with five columns and a date filter, saved as XLSX, chosen in the popup', async ({
    simulator,
    popup,
    downloadDir,
  }) => {
    await savePresets(popup.page, [
      {
        id: 'five',
        name: 'Five columns',
        reportId: 'cards',
        format: 'xlsx',
        boardIds: [],
        recipe: FIVE_COLUMNS_RECIPE,
      },
    ]);
    await popup.choosePreset('Five columns');
    await expect(popup.page.getByRole('radio', { name: 'XLSX' })).toBeChecked();
    await popup.downloadButton('Cards').click();
    const fileName = await popup.waitForSavedFile();
    expect(fileName).toMatch(/\.xlsx$/);

    const expected = await expectedSheet(simulator, FIVE_COLUMNS_RECIPE);
    expect(expected.rows[0]).toEqual(
      ['Card title', 'Card ID', 'Current lane title', 'Creation date', 'Last activity date'].map(
        (header) => [header, 's'],
      ),
    );
    // The filter kept some cards and dropped others.
    const every = await servedTable(simulator, cards, 'csv');
    expect(expected.rows.length).toBeGreaterThan(1);
    expect(expected.rows.length - 1).toBeLessThan(every.rows.length);
    expectWorkbook(readWorkbook(join(downloadDir, fileName)), expected);
    expect(await newestJob(popup.page)).toMatchObject({ state: 'done', presetId: 'five' });
  });

  test('a connection dropped mid-export is asked for again, and the workbook is whole: no row lost or doubled', async ({
    simulator,
    popup,
    downloadDir,
  }) => {
    simulator.faults.add({ fault: { kind: 'drop-after-bytes', bytes: 20_000 }, path: CARDS_PATH });
    const job = await waitForJob(popup.page, await startExport(popup.page, XLSX_CARDS));
    expect(job.state, JSON.stringify(job.error)).toBe('done');
    // Chrome may discard the rows that arrived together with the broken connection: the second
    // request then starts at the first row, else after the rows read (as the next test shows).
    expect(exportRequests(simulator).map((request) => request.fault)).toEqual([
      'drop-after-bytes',
      undefined,
    ]);
    const expected = await expectedSheet(simulator, {});
    expect(job.rows).toBe(expected.rows.length - 1);
    expectWorkbook(readWorkbook(join(downloadDir, job.fileName)), expected);
  });

  test('cancelled under way: no file, and the workers that converted it end', async ({
    simulator,
    popup,
    extension,
    downloadDir,
  }) => {
    simulator.faults.add(HELD_EXPORT);
    const jobId = await startExport(popup.page, XLSX_CARDS);
    await expect.poll(async () => (await newestJob(popup.page)).rows ?? 0).toBeGreaterThan(0);
    const cdp = await extension.context.newCDPSession(popup.page);
    /** Dedicated workers started by the offscreen document (Chrome lists them without a URL). */
    const workers = async () => {
      const { targetInfos } = await cdp.send('Target.getTargets');
      const offscreen = targetInfos.find((target) => target.url.endsWith('/offscreen.html'));
      return targetInfos.filter(
        (target) => target.type === 'worker' && target.parentId === offscreen?.targetId,
      ).length;
    };
    expect(await workers()).toBe(2);
    await popup.page.getByRole('button', { name: 'Cancel' }).click();
    expect((await waitForJob(popup.page, jobId)).state).toBe('cancelled');
    await expect.poll(workers).toBe(0);
    await expectOnlyFiles(downloadDir, []);
  });

  test('a connection that stops mid-export is given up and resumed after the rows read; the workbook is whole', async ({
    simulator,
    popup,
    downloadDir,
  }) => {
    await setStallTimeout(popup.page, 3_000);
    const sent = 16_000;
    simulator.faults.add({ fault: { kind: 'stall-after-bytes', bytes: sent }, path: CARDS_PATH });
    const job = await waitForJob(popup.page, await startExport(popup.page, XLSX_CARDS));
    expect(job.state, JSON.stringify(job.error)).toBe('done');
    const head = (await simulator.body(`${CARDS_PATH}?format=csv`)).subarray(0, sent);
    const offsets = exportRequests(simulator).map((request) => request.query.offset);
    expect(offsets).toEqual([undefined, String(wholeRows(head.toString('utf8')))]);
    const expected = await expectedSheet(simulator, {});
    expect(job.rows).toBe(expected.rows.length - 1);
    expectWorkbook(readWorkbook(join(downloadDir, job.fileName)), expected);
  });
});

/** The data rows a CSV text holds whole: line breaks outside quotes, less the header's. */
function wholeRows(csv: string): number {
  let quoted = false;
  let records = 0;
  for (const char of csv) {
    if (char === '"') quoted = !quoted;
    else if (char === '\n' && !quoted) records += 1;
  }
  return records - 1;
}

function never(): never {
  throw new Error('the simulator or the catalogue lacks what these tests use');
}
