import { readdir } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import type { ExportJob } from '../../lib/jobs/jobRecords';
import type { StartExportRequest } from '../../lib/messaging';
import { firstBoard } from '../simulator/testing';
import {
  CARDS_PATH,
  expectOnlyFiles,
  exportRequests,
  HELD_EXPORT,
  jobs,
  setExcelFriendlyCsv,
  startExport,
  waitForJob,
} from './engineSupport';
import { expect, test } from './fixtures';

// An export belongs to the account and the user that started it (issue 12, item 4): signing out
// stops it, another user signing in never carries it on, and many at once keep their records.

const cards: StartExportRequest = { reportId: 'cards', format: 'csv', boardIds: [] };
const SIGNED_OUT = { kind: 'signed-out', message: 'Stopped because you signed out.' };

async function job(page: Page, jobId: string): Promise<ExportJob | undefined> {
  return (await jobs(page)).find((j) => j.id === jobId);
}

/** Waits until the held export has saved some bytes: the download (or fetch) is under way. */
async function waitUntilUnderWay(page: Page, jobId: string): Promise<void> {
  await expect.poll(async () => (await job(page, jobId))?.bytes ?? 0).toBeGreaterThan(0);
}

test.describe('signing out stops the exports under way', () => {
  test('a direct download: cancelled, saying why, and no file even once LeanKit sends the rest', async ({
    simulator,
    popup,
    downloadDir,
  }) => {
    const { demo } = simulator;
    await popup.signInAs(demo);
    simulator.faults.add(HELD_EXPORT);
    const jobId = await startExport(popup.page, cards);
    await waitUntilUnderWay(popup.page, jobId);

    await popup.signOut();
    await expect.poll(async () => (await job(popup.page, jobId))?.state).toBe('cancelled');
    expect((await job(popup.page, jobId))?.error).toEqual(SIGNED_OUT);
    // The held body goes on: a download that was still running would finish now.
    simulator.faults.release();
    await expectOnlyFiles(downloadDir, []);

    // Signed in again, the user sees why it stopped; it did not come back.
    await popup.signInAs(demo);
    const row = popup.recent.getByRole('listitem').first();
    await expect(row).toContainText('Stopped because you signed out.');
    expect((await job(popup.page, jobId))?.state).toBe('cancelled');
    await expectOnlyFiles(downloadDir, []);
  });

  test('an Excel-friendly export mid-body: cancelled, and no file', async ({
    simulator,
    popup,
    downloadDir,
  }) => {
    await popup.signInAs(simulator.demo);
    await setExcelFriendlyCsv(popup.page, true);
    simulator.faults.add(HELD_EXPORT);
    const jobId = await startExport(popup.page, cards);
    await waitUntilUnderWay(popup.page, jobId);

    await popup.signOut();
    await expect.poll(async () => (await job(popup.page, jobId))?.state).toBe('cancelled');
    expect((await job(popup.page, jobId))?.error).toEqual(SIGNED_OUT);
    simulator.faults.release();
    await expectOnlyFiles(downloadDir, []);
    expect((await job(popup.page, jobId))?.state).toBe('cancelled');
  });

  test('a board button’s export: the button says why, and no file', async ({
    simulator,
    popup,
    openBoard,
    downloadDir,
  }) => {
    const first = firstBoard(simulator);
    await popup.signInAs(simulator.demo);
    simulator.faults.add(HELD_EXPORT);
    const board = await openBoard(first.id);
    await board.exportButton.click();
    await expect(board.runningButton).toBeVisible();
    const [started] = await jobs(popup.page);
    await waitUntilUnderWay(popup.page, started?.id ?? '');

    await popup.signOut();
    await expect(board.signInButton).toBeVisible();
    await expect(board.alert).toHaveText('Stopped because you signed out.');
    simulator.faults.release();
    await expect
      .poll(async () => (await job(popup.page, started?.id ?? ''))?.state)
      .toBe('cancelled');
    await expectOnlyFiles(downloadDir, []);
    await expect(board.signInButton).toBeVisible();
  });

  test('one waiting for sign-in: cancelled, and the next sign-in does not bring it back', async ({
    simulator,
    extension,
    popup,
    downloadDir,
  }) => {
    const { demo } = simulator;
    await popup.signInAs(demo);
    // The options page, opened while signed in, still offers Sign out once the token has expired.
    const options = await extension.context.newPage();
    await options.goto(extension.extensionUrl('options.html'));
    const signOut = options.getByRole('button', { name: 'Sign out' });
    await expect(signOut).toBeVisible();

    simulator.faults.add({ fault: { kind: 'expire-tokens' }, path: CARDS_PATH });
    const jobId = await startExport(popup.page, cards);
    await waitForJob(popup.page, jobId, ['waiting-for-sign-in']);
    await signOut.click();
    await expect.poll(async () => (await job(popup.page, jobId))?.state).toBe('cancelled');
    expect((await job(popup.page, jobId))?.error).toEqual(SIGNED_OUT);

    const requestsBefore = exportRequests(simulator).length;
    await popup.signInAs(demo);
    await expect(popup.recent.getByRole('listitem').first()).toContainText(
      'Stopped because you signed out.',
    );
    expect((await job(popup.page, jobId))?.state).toBe('cancelled');
    expect(exportRequests(simulator)).toHaveLength(requestsBefore);
    await expectOnlyFiles(downloadDir, []);
  });
});

test.describe('another user of the account signing in mid-export', () => {
  test('an Excel-friendly export broken off mid-body fails, and never asks for the rest with their token', async ({
    simulator,
    popup,
    downloadDir,
  }) => {
    const { demo, viewer } = simulator;
    await popup.signInAs(demo);
    await setExcelFriendlyCsv(popup.page, true);
    // Some rows arrive, the connection breaks, and the retry finds the token expired.
    simulator.faults.add({ fault: { kind: 'drop-after-bytes', bytes: 20_000 }, path: CARDS_PATH });
    simulator.faults.add({ fault: { kind: 'expire-tokens' }, path: CARDS_PATH });
    const jobId = await startExport(popup.page, cards);
    // Carried on, it would ask for the rest (offset = whole rows in the file so far; Chrome may
    // have dropped the rows that came with the broken connection) with the other user's token.
    await waitForJob(popup.page, jobId, ['waiting-for-sign-in']);
    const requestsBefore = exportRequests(simulator).length;

    await popup.signInAs({ ...viewer, host: demo.host });
    const failed = await waitForJob(popup.page, jobId);
    expect(failed.state).toBe('failed');
    expect(failed.error).toEqual({
      kind: 'other-user',
      message: `${demo.email} started this export, but ${viewer.email} is signed in now. It stopped, so that no file mixes what two people may see. Start it again to export as ${viewer.email}.`,
    });
    // Nothing more was asked for with the viewer's token.
    expect(exportRequests(simulator)).toHaveLength(requestsBefore);
    await expectOnlyFiles(downloadDir, []);
    await expect(popup.recent.getByRole('listitem').first()).toContainText(
      `${demo.email} started this export`,
    );
  });

  test('a direct export fails too, rather than save the other user’s view under it', async ({
    simulator,
    popup,
    downloadDir,
  }) => {
    const { demo, viewer } = simulator;
    await popup.signInAs(demo);
    simulator.faults.add({ fault: { kind: 'expire-tokens' }, path: CARDS_PATH });
    const jobId = await startExport(popup.page, cards);
    await waitForJob(popup.page, jobId, ['waiting-for-sign-in']);
    const requestsBefore = exportRequests(simulator).length;

    await popup.signInAs({ ...viewer, host: demo.host });
    const failed = await waitForJob(popup.page, jobId);
    expect(failed.state).toBe('failed');
    expect(failed.error?.kind).toBe('other-user');
    expect(exportRequests(simulator)).toHaveLength(requestsBefore);
    await expectOnlyFiles(downloadDir, []);
  });
});

test('more than 20 exports at once: each keeps its record to the end', async ({
  simulator,
  popup,
  downloadDir,
}) => {
  // 22 downloads of the whole cards report, on a machine shared with other work.
  test.slow();
  await popup.signInAs(simulator.demo);
  // Every export stays under way until all have started.
  simulator.faults.add({ ...HELD_EXPORT, times: Infinity });
  const started: string[] = [];
  for (let i = 0; i < 22; i++) started.push(await startExport(popup.page, cards));
  const recorded = async () => (await jobs(popup.page)).map((j) => j.id);
  expect(new Set(await recorded())).toEqual(new Set(started));

  simulator.faults.clear();
  simulator.faults.release();
  await expect
    .poll(async () => (await jobs(popup.page)).filter((j) => j.state === 'done').length, {
      timeout: 60_000,
    })
    .toBe(22);
  expect(new Set(await recorded())).toEqual(new Set(started));
  expect(await readdir(downloadDir)).toHaveLength(22);
});
