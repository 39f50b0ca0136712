import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import Papa from 'papaparse';
import { REPORTING_LAG_NOTE } from '@/lib/snapshot/aboutSheet';
import { SNAPSHOT_PLAN } from '@/lib/snapshot/snapshotPlan';
import type { Simulator } from '../simulator/index';
import { firstBoard } from '../simulator/testing';
import { readWorkbookText, type TextSheet } from '../support/openpyxl';
import { expect, test } from './fixtures';
import { type BoardPage, savedFile } from './pages/boardPage';
import type { PopupPage } from './pages/popup';

type Board = Simulator['boards'][number];

/** The simulator's CSV of a report for one board, as it serves it. */
async function servedBody(simulator: Simulator, path: string, boardId: string): Promise<string> {
  const body = await simulator.body(`/io/reporting/export/${path}?format=csv&boardId=${boardId}`);
  return body.toString('utf8');
}

/** The simulator's CSV of a report for one board, as rows of text. */
async function served(simulator: Simulator, path: string, boardId: string): Promise<string[][]> {
  return Papa.parse<string[]>((await servedBody(simulator, path, boardId)).trimEnd()).data;
}

/** The simulator's first board, the demo user signed in in the popup. */
async function signInForFirstBoard(simulator: Simulator, popup: PopupPage): Promise<Board> {
  const board = firstBoard(simulator);
  await popup.signInAs(simulator.demo);
  return board;
}

/** Starts a workbook snapshot of `board` from the popup. */
async function snapshotFromPopup(popup: PopupPage, board: Board): Promise<void> {
  await popup.chooseBoard(board.title);
  await popup.page.getByRole('button', { name: 'Board snapshot', exact: true }).click();
}

/** Opens `board` on LeanKit and starts a snapshot from the board button's menu `item`. */
async function snapshotFromBoardMenu(
  openBoard: (boardId: string) => Promise<BoardPage>,
  board: Board,
  item: string,
): Promise<BoardPage> {
  const page = await openBoard(board.id);
  await page.menuButton.click();
  await page.page.getByRole('menuitem', { name: item, exact: true }).click();
  return page;
}

/**
 * A cell as a value to compare: a LeanKit date or date-time and the workbook's Excel date as the
 * same instant (UTC), numbers as numbers, booleans in lower case, text as it is.
 */
function value(cell: string): string {
  if (/^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+Z?)?$/.test(cell)) {
    const iso = cell.replace(' ', 'T').replace(/(\.\d{3})\d*/, '$1');
    return String(Date.parse(iso.length === 10 || iso.endsWith('Z') ? iso : `${iso}Z`));
  }
  if (/^-?\d+(?:\.\d+)?$/.test(cell) && cell.length < 15) return String(Number(cell));
  if (/^(?:true|false)$/i.test(cell)) return cell.toLowerCase();
  return cell;
}

const SHEETS = [...SNAPSHOT_PLAN.map((step) => step.sheetName), 'About'];

test.describe('board snapshot', () => {
  test('from the popup: one workbook, a sheet per report as the simulator serves it, and About', async ({
    simulator,
    popup,
    downloadDir,
  }) => {
    const board = await signInForFirstBoard(simulator, popup);
    await snapshotFromPopup(popup, board);
    const name = await popup.waitForSavedFile();
    expect(name).toMatch(
      new RegExp(`^leankit-acme-snapshot-board${board.id}-\\d{8}-\\d{4}\\.xlsx$`),
    );
    await expect(popup.status).toContainText(`Board snapshot: Saved as ${name}`);

    const sheets = readWorkbookText(join(downloadDir, name));
    expect(sheets.map((sheet) => sheet.name)).toEqual(SHEETS);
    for (const step of SNAPSHOT_PLAN) {
      const csv = await served(simulator, step.report.path, board.id);
      const sheet = sheets.find((s) => s.name === step.sheetName) as TextSheet;
      expect(sheet.rows.length, step.sheetName).toBe(csv.length);
      expect(sheet.rows[0]?.slice(0, csv[0]?.length), step.sheetName).toEqual(csv[0]);
    }
    // Cell by cell, a few reports: every value, typed by the workbook, equal to LeanKit's text.
    for (const path of ['lanes', 'cardpositions', 'tags', 'userassignments/history']) {
      const step = SNAPSHOT_PLAN.find((s) => s.report.path === path);
      const sheet = sheets.find((s) => s.name === step?.sheetName) as TextSheet;
      const csv = await served(simulator, path, board.id);
      expect(
        sheet.rows.map((row) => row.map(value)),
        path,
      ).toEqual(csv.map((row) => row.map(value)));
    }
    const about = sheets.find((s) => s.name === 'About') as TextSheet;
    expect(about.rows.slice(0, 5)).toEqual([
      ['Item', 'Value', 'Rows'],
      ['Account', `acme (https://${simulator.demo.host})`, ''],
      ['Board', `${board.title} (${board.id})`, ''],
      ['Exported at (UTC)', expect.stringMatching(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/), ''],
      ['Note', REPORTING_LAG_NOTE, ''],
    ]);
    for (const step of SNAPSHOT_PLAN) {
      const rows = (await served(simulator, step.report.path, board.id)).length - 1;
      expect(about.rows.find((row) => row[0] === step.sheetName)?.[2], step.sheetName).toBe(
        String(rows),
      );
    }
  });

  test('from the board button: the zip of CSV files, each the report as served', async ({
    simulator,
    popup,
    openBoard,
    downloadDir,
  }) => {
    const board = await signInForFirstBoard(simulator, popup);
    const page = await snapshotFromBoardMenu(openBoard, board, 'Board snapshot as CSV (.zip)');
    await page.waitUntilDone();
    const name = await savedFile(downloadDir, `-snapshot-board${board.id}-`);
    expect(name).toMatch(/\.zip$/);
    const files = unzipSync(new Uint8Array(await readFile(join(downloadDir, name))));
    expect(Object.keys(files)).toEqual([
      ...SNAPSHOT_PLAN.map((step) => step.fileName),
      'about.csv',
    ]);
    for (const step of SNAPSHOT_PLAN.filter((s) => s.report.id !== 'cards')) {
      expect(strFromU8(files[step.fileName] as Uint8Array), step.fileName).toBe(
        await servedBody(simulator, step.report.path, board.id),
      );
    }
  });

  test('from the board button: a workbook, its progress naming the report running; Cancel leaves no file', async ({
    simulator,
    popup,
    openBoard,
    downloadDir,
  }) => {
    // The lanes report stops part-way until it is cancelled: the snapshot stays on it.
    simulator.faults.add({
      fault: { kind: 'stall-after-bytes', bytes: 200 },
      path: '/io/reporting/export/lanes',
    });
    const board = await signInForFirstBoard(simulator, popup);
    const page = await snapshotFromBoardMenu(openBoard, board, 'Board snapshot');
    const lanes = SNAPSHOT_PLAN.findIndex((step) => step.report.id === 'lanes') + 1;
    const step = `Lanes (${lanes} of ${SNAPSHOT_PLAN.length})`;
    await expect(page.status).toHaveText(`Board snapshot: ${step}…`);
    await expect(
      page.buttonHosts.getByRole('button', {
        name: new RegExp(`^${step.replace(/[()]/g, '\\$&')}… `),
      }),
    ).toBeVisible();
    await page.cancelButton.click();
    await expect(page.exportButton).toBeVisible();
    await expect.poll(() => readdir(downloadDir)).toEqual([]);
  });

  test('a report that fails after its retries fails the snapshot, saying which and why, and saves no file', async ({
    simulator,
    popup,
    downloadDir,
  }) => {
    simulator.faults.add({
      fault: { kind: 'status', status: 500 },
      path: '/io/reporting/export/lanes',
      times: Infinity,
    });
    const board = await signInForFirstBoard(simulator, popup);
    await snapshotFromPopup(popup, board);
    await expect(popup.page.getByRole('alert')).toContainText(
      'Board snapshot: Lanes report: LeanKit had a problem answering. Try again in a few minutes. (Gave up after 5 attempts.)',
      { timeout: 60_000 },
    );
    const row = popup.recent.getByRole('listitem').first();
    await expect(row.getByRole('button', { name: 'Retry Board snapshot' })).toBeVisible();
    expect(await readdir(downloadDir)).toEqual([]);
  });
});
