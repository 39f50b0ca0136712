import { readdir } from 'node:fs/promises';
import {
  excelFriendlyCards,
  savedFile,
  servedBytes,
  setExcelFriendlyCsv,
  startExport,
  waitForJob,
} from './engineSupport';
import { expect, test } from './fixtures';

test.beforeEach(async ({ simulator, popup }) => {
  await popup.signInAs(simulator.demo);
});

test('CSV, TAB and JSON run at once and each file is byte for byte what LeanKit serves', async ({
  simulator,
  popup,
  downloadDir,
}) => {
  const board = simulator.boards[0]?.id ?? '';
  const [csv, tab, json] = await Promise.all([
    startExport(popup.page, { reportId: 'cards', format: 'csv', boardIds: [] }),
    startExport(popup.page, { reportId: 'cards', format: 'tab', boardIds: [board] }),
    startExport(popup.page, { reportId: 'lanes', format: 'json', boardIds: [] }),
  ]);
  const expected = {
    [csv]: await servedBytes(simulator, 'cards?format=csv'),
    [tab]: await servedBytes(simulator, `cards?format=tab&boardId=${board}`),
    [json]: await servedBytes(simulator, 'lanes?format=json'),
  };
  for (const jobId of [csv, tab, json]) {
    const job = await waitForJob(popup.page, jobId);
    expect(job.state, JSON.stringify(job.error)).toBe('done');
    expect(job.route).toBe('direct');
    const file = await savedFile(downloadDir, job);
    expect(file.length).toBeGreaterThan(100);
    expect(file.equals(expected[jobId] as Buffer)).toBe(true);
  }
  expect(await readdir(downloadDir)).toHaveLength(3);
});

test('Excel-friendly CSV: BOM, formulas made inert, numbers untouched, built in the offscreen document', async ({
  simulator,
  popup,
  downloadDir,
}) => {
  await setExcelFriendlyCsv(popup.page, true);
  const jobId = await startExport(popup.page, { reportId: 'cards', format: 'csv', boardIds: [] });
  const job = await waitForJob(popup.page, jobId);
  expect(job.state, JSON.stringify(job.error)).toBe('done');
  expect(job.route).toBe('processed');
  expect(job.fileName).toMatch(/\.csv$/);

  const served = (await servedBytes(simulator, 'cards?format=csv')).toString('utf8');
  const file = await savedFile(downloadDir, job);
  expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = file.toString('utf8');
  // The same conversion, done here in one piece, gives the same bytes.
  const whole = await excelFriendlyCards(simulator);
  expect(text).toBe(whole.text);
  expect(job.rows).toBe(whole.rows);
  expect(job.rows).toBe(simulator.boards.length * 40);
  // The simulator's titles start with =, +, - and @: all of them are guarded now.
  expect(served).toMatch(/(^|,)"[=+@-]/m);
  expect(text).not.toMatch(/(^|,)"[=+@-]/m);
  expect(text).toContain('\r\n');
});
