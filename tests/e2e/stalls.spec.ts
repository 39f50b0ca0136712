import type { StartExportRequest } from '../../lib/messaging';
import {
  CARDS_PATH,
  excelFriendlyCards,
  expectOnlyFiles,
  exportRequests,
  savedFile,
  servedBytes,
  setExcelFriendlyCsv,
  setStallTimeout,
  startExport,
  waitForJob,
} from './engineSupport';
import { expect, test } from './fixtures';

// Stalls: a body that stops arriving, or a server that never answers, ends in a retry and then a
// failure that says so, never in a job "running" forever. A board list that repeats itself ends.

const BOARDS_PATH = '/io/reporting/export/boards';
const cards: StartExportRequest = { reportId: 'cards', format: 'csv', boardIds: [] };
/** How long an export may go without a byte in these tests (the extension's default is 60 s). */
const STALL_SECONDS = 3;

test.describe('exports that stop arriving', () => {
  test.beforeEach(async ({ simulator, popup }) => {
    await popup.signInAs(simulator.demo);
    await setStallTimeout(popup.page, STALL_SECONDS * 1000);
  });

  test('a direct export that stalls mid-body is cancelled and fetched again, whole', async ({
    simulator,
    popup,
    downloadDir,
  }) => {
    simulator.faults.add({ fault: { kind: 'stall-after-bytes', bytes: 16_000 }, path: CARDS_PATH });
    const job = await waitForJob(popup.page, await startExport(popup.page, cards));
    expect(job.state, JSON.stringify(job.error)).toBe('done');
    expect(job.attempt).toBe(2);
    const file = await savedFile(downloadDir, job);
    expect(file.equals(await servedBytes(simulator, 'cards?format=csv'))).toBe(true);
    await expectOnlyFiles(downloadDir, [job.fileName]);
    expect(exportRequests(simulator).map((r) => r.fault)).toEqual(['stall-after-bytes', undefined]);
  });

  test('a server that never sends its headers: the download is given up and tried again', async ({
    simulator,
    popup,
    downloadDir,
  }) => {
    simulator.faults.add({
      fault: { kind: 'slow-first-byte', delayMs: 3_600_000 },
      path: CARDS_PATH,
    });
    const job = await waitForJob(popup.page, await startExport(popup.page, cards));
    expect(job.state, JSON.stringify(job.error)).toBe('done');
    const file = await savedFile(downloadDir, job);
    expect(file.equals(await servedBytes(simulator, 'cards?format=csv'))).toBe(true);
    await expectOnlyFiles(downloadDir, [job.fileName]);
    expect(job.attempt).toBe(2);
    // The offscreen document fetches a direct export in Chrome, and closes the first request when
    // it gives up on it.
    expect(exportRequests(simulator).map((r) => r.fault)).toEqual(['slow-first-byte', undefined]);
  });

  test('a body that never goes on: the popup shows the retries, then the export fails with the timeout message and leaves no file', async ({
    simulator,
    popup,
    downloadDir,
  }) => {
    test.setTimeout(120_000);
    simulator.faults.add({
      fault: { kind: 'stall-after-bytes', bytes: 16_000 },
      path: CARDS_PATH,
      times: Infinity,
    });
    const jobId = await startExport(popup.page, cards);
    const progress = popup.status.getByRole('progressbar', { name: 'Exporting Cards' });
    // Each attempt waits out the stall time, so each shows for seconds.
    await expect(progress).toHaveAttribute('aria-valuetext', / · attempt 2 of 5$/);
    const job = await waitForJob(popup.page, jobId, undefined, 100_000);
    expect(job.state).toBe('failed');
    expect(job.error).toEqual({
      kind: 'timeout',
      message: `acme.leankit.com sent nothing for ${STALL_SECONDS} seconds. Check your connection and try again; if it keeps happening, LeanKit may be overloaded: try again later. (Gave up after 5 attempts.)`,
    });
    await expect(popup.alert).toHaveText(`Cards: ${job.error?.message}`);
    await expectOnlyFiles(downloadDir, []);
    expect(exportRequests(simulator)).toHaveLength(5);
  });

  test('an Excel-friendly export that stalls mid-body resumes after its last whole row', async ({
    simulator,
    popup,
    downloadDir,
  }) => {
    await setExcelFriendlyCsv(popup.page, true);
    simulator.faults.add({ fault: { kind: 'stall-after-bytes', bytes: 20_000 }, path: CARDS_PATH });
    const job = await waitForJob(popup.page, await startExport(popup.page, cards));
    expect(job.state, JSON.stringify(job.error)).toBe('done');
    const { text: expected } = await excelFriendlyCards(simulator);
    expect((await savedFile(downloadDir, job)).toString('utf8')).toBe(expected);
    await expectOnlyFiles(downloadDir, [job.fileName]);
    const [first, resumed, ...more] = exportRequests(simulator);
    expect(more).toEqual([]);
    expect(first?.query.offset).toBeUndefined();
    expect(Number(resumed?.query.offset)).toBeGreaterThan(0);
  });

  test('an Excel-friendly export whose server never sends its headers is tried again', async ({
    simulator,
    popup,
    downloadDir,
  }) => {
    await setExcelFriendlyCsv(popup.page, true);
    simulator.faults.add({
      fault: { kind: 'slow-first-byte', delayMs: 3_600_000 },
      path: CARDS_PATH,
    });
    const job = await waitForJob(popup.page, await startExport(popup.page, cards));
    expect(job.state, JSON.stringify(job.error)).toBe('done');
    const { text: expected } = await excelFriendlyCards(simulator);
    expect((await savedFile(downloadDir, job)).toString('utf8')).toBe(expected);
    expect(exportRequests(simulator).map((r) => r.fault)).toEqual(['slow-first-byte', undefined]);
  });
});

test.describe('a board list whose server ignores offset', () => {
  test.use({ simulatorOptions: { boards: 1205, cardsPerBoard: 1 } });

  test('the board picker shows the boards it got, says the list is incomplete, and does not hang', async ({
    simulator,
    popup,
  }) => {
    simulator.faults.add({ fault: { kind: 'ignore-offset' }, path: BOARDS_PATH, times: Infinity });
    await popup.signInAs(simulator.demo);
    await popup.chooseBoardsButton.click();
    await expect(popup.page.getByRole('status').filter({ hasText: 'board list' })).toHaveText(
      'LeanKit sent only part of the board list (1,000 boards listed here). An export of All boards still includes every board.',
    );
    await expect(
      popup.page.getByText('Showing 100 of 1,000 boards.', { exact: false }),
    ).toBeVisible();
    const first = simulator.boards[0];
    if (!first) throw new Error('The simulator has no boards');
    await popup.boardSearch.fill(first.title);
    await expect(
      popup.page.getByRole('checkbox', { name: first.title, exact: true }),
    ).toBeVisible();
    const pages = simulator.requests.filter(
      (r) => r.path === BOARDS_PATH && r.query.offset !== undefined,
    );
    expect(pages.map((r) => r.query.offset)).toEqual(['0', '1000']);
  });
});
