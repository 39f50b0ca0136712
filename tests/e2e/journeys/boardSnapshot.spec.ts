/**
 * The board snapshot in every browser: Chrome builds it in its offscreen document, Firefox in its
 * background page. All boards, as an Excel workbook that openpyxl (a reader we did not write)
 * opens with a sheet per report and the About sheet.
 */
import { join } from 'node:path';
import Papa from 'papaparse';
import { SNAPSHOT_PLAN } from '@/lib/snapshot/snapshotPlan';
import { readWorkbook } from '../../support/openpyxl';
import { expect, test } from '../envFixtures';

test('a board snapshot of all boards: one workbook, each sheet with every row of its report', async ({
  simulator,
  popup,
  downloadDir,
}) => {
  await popup.signInAs(simulator.demo);
  await popup.ui.click('button', 'Board snapshot');
  const name = await popup.waitForSavedFile();
  expect(name).toMatch(/^leankit-acme-snapshot-all-\d{8}-\d{4}\.xlsx$/);
  const sheets = readWorkbook(join(downloadDir, name)).map((sheet) => [
    sheet.name,
    sheet.rows.length,
  ]);
  const expected: [string, number][] = [];
  for (const step of SNAPSHOT_PLAN) {
    const body = await simulator.body(`/io/reporting/export/${step.report.path}?format=csv`);
    const rows = Papa.parse(body.toString('utf8').trimEnd()).data.length;
    expected.push([step.sheetName, rows]);
  }
  expect(sheets.slice(0, -1)).toEqual(expected);
  expect(sheets.at(-1)?.[0]).toBe('About');
});
