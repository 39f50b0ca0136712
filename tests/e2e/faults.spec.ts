import type { StartExportRequest } from '../../lib/messaging';
import {
  CARDS_PATH,
  excelFriendlyCards,
  expectOnlyFiles,
  exportRequests,
  HELD_EXPORT,
  jobs,
  savedFile,
  servedBytes,
  setExcelFriendlyCsv,
  startExport,
  stopServiceWorker,
  waitForJob,
} from './engineSupport';
import { expect, test } from './fixtures';

const cards: StartExportRequest = { reportId: 'cards', format: 'csv', boardIds: [] };

test.beforeEach(async ({ simulator, popup }) => {
  await popup.signInAs(simulator.demo);
});

test.describe('retries', () => {
  for (const [name, fault] of [
    ['a 503 with a proxy page', { kind: 'status', status: 503, body: 'html' }],
    ['a 429 with Retry-After', { kind: 'status', status: 429, retryAfterSeconds: 1 }],
    ['a connection dropped mid-body', { kind: 'drop-after-bytes', bytes: 3000 }],
  ] as const) {
    test(`recovers from ${name}: the file is whole, byte for byte`, async ({
      simulator,
      popup,
      downloadDir,
    }) => {
      simulator.faults.add({ fault, path: CARDS_PATH });
      const job = await waitForJob(popup.page, await startExport(popup.page, cards));
      expect(job.state, JSON.stringify(job.error)).toBe('done');
      const file = await savedFile(downloadDir, job);
      expect(file.equals(await servedBytes(simulator, 'cards?format=csv'))).toBe(true);
      await expectOnlyFiles(downloadDir, [job.fileName]);
      expect(exportRequests(simulator).length).toBeGreaterThan(1);
    });
  }

  test('gives up after the last attempt with a plain message and leaves no file', async ({
    simulator,
    popup,
    downloadDir,
  }) => {
    simulator.faults.add({
      fault: { kind: 'status', status: 500 },
      times: Infinity,
      path: CARDS_PATH,
    });
    const job = await waitForJob(popup.page, await startExport(popup.page, cards));
    expect(job.state).toBe('failed');
    expect(job.error?.kind).toBe('server');
    // One wording, whether or not Chrome let the extension read the error body after repeated 5xx.
    expect(job.error?.message).toBe(
      'LeanKit had a problem answering. Try again in a few minutes. (Gave up after 5 attempts.)',
    );
    await expectOnlyFiles(downloadDir, []);
  });
});

test('an expired token pauses a direct export until the user signs in again, then it completes', async ({
  simulator,
  popup,
  downloadDir,
}) => {
  simulator.faults.add({ fault: { kind: 'expire-tokens' }, path: CARDS_PATH });
  const jobId = await startExport(popup.page, cards);
  const waiting = await waitForJob(popup.page, jobId, ['waiting-for-sign-in']);
  expect(waiting.error?.message).toBe('Your LeanKit session expired. Sign in again to continue.');
  const { demo } = simulator;
  await popup.signIn(demo.host, demo.email, demo.password);
  const job = await waitForJob(popup.page, jobId);
  expect(job.state, JSON.stringify(job.error)).toBe('done');
  const file = await savedFile(downloadDir, job);
  expect(file.equals(await servedBytes(simulator, 'cards?format=csv'))).toBe(true);
  await expectOnlyFiles(downloadDir, [job.fileName]);
});

test('Excel-friendly export: a dropped connection and then an expired token mid-export — it waits for sign-in and resumes with no row lost or doubled', async ({
  simulator,
  popup,
  downloadDir,
}) => {
  await setExcelFriendlyCsv(popup.page, true);
  simulator.faults.add({ fault: { kind: 'drop-after-bytes', bytes: 20_000 }, path: CARDS_PATH });
  simulator.faults.add({ fault: { kind: 'expire-tokens' }, path: CARDS_PATH });
  const jobId = await startExport(popup.page, cards);

  const waiting = await waitForJob(popup.page, jobId, ['waiting-for-sign-in']);
  expect(waiting.error?.kind, JSON.stringify(waiting)).toBe('token-expired');
  const { demo } = simulator;
  await popup.signIn(demo.host, demo.email, demo.password);

  const job = await waitForJob(popup.page, jobId);
  expect(job.state, JSON.stringify(job.error)).toBe('done');
  const { text: expected } = await excelFriendlyCards(simulator);
  expect((await savedFile(downloadDir, job)).toString('utf8')).toBe(expected);
  // Resumed after the whole rows already in the file (Chrome may discard the rows that arrived
  // together with the broken connection, and then that is none).
  const offsets = exportRequests(simulator).map((r) => r.query.offset);
  expect(offsets).toHaveLength(3);
  expect(offsets[0]).toBeUndefined();
  expect(Number(offsets[2] ?? 0)).toBe(waiting.rows ?? 0);
});

test('the service worker stopped mid-export: the job re-attaches to the offscreen document’s build and completes', async ({
  simulator,
  extension,
  popup,
  downloadDir,
}) => {
  simulator.faults.add(HELD_EXPORT);
  const jobId = await startExport(popup.page, cards);
  await expect.poll(async () => (await jobs(popup.page))[0]?.bytes ?? 0).toBeGreaterThan(0);

  await stopServiceWorker(extension.context);
  // Stopped mid-export: the job was left running, as a browser-stopped worker leaves it.
  expect((await jobs(popup.page))[0]?.state).toBe('running');
  await popup.page.reload(); // the popup asks the background for the session, which wakes it
  await popup.expectSignedIn();
  // The worker is awake again (it answered the popup): now the rest of the body may come.
  simulator.faults.release();

  const job = await waitForJob(popup.page, jobId);
  expect(job.state, JSON.stringify(job.error)).toBe('done');
  const file = await savedFile(downloadDir, job);
  expect(file.equals(await servedBytes(simulator, 'cards?format=csv'))).toBe(true);
  // One request, which the offscreen document kept going while the worker was stopped.
  expect(exportRequests(simulator)).toHaveLength(1);
});

for (const excelFriendly of [false, true]) {
  test(`${excelFriendly ? 'an Excel-friendly (processed)' : 'a direct'} export under way shows progress and cancels from the popup, leaving no file`, async ({
    simulator,
    popup,
    downloadDir,
  }) => {
    await setExcelFriendlyCsv(popup.page, excelFriendly);
    simulator.faults.add(HELD_EXPORT);
    const jobId = await startExport(popup.page, cards);
    const progress = popup.page.getByRole('progressbar');
    // The popup shows the bytes so far as they grow, and how long it has taken.
    await expect(progress).toHaveAttribute('aria-valuetext', /^[1-9].* saved · \d+:\d\d$/);
    await expect
      .poll(async () => {
        const job = (await jobs(popup.page))[0];
        return excelFriendly ? (job?.rows ?? 0) : (job?.bytes ?? 0);
      })
      .toBeGreaterThan(0);
    await popup.page.getByRole('button', { name: 'Cancel' }).click();
    const job = await waitForJob(popup.page, jobId);
    expect(job.state).toBe('cancelled');
    await expect(progress).toHaveCount(0);
    await expectOnlyFiles(downloadDir, []);
  });
}

test('the service worker stopped mid Excel-friendly export: the job re-attaches to the offscreen document’s build and the file is whole', async ({
  simulator,
  extension,
  popup,
  downloadDir,
}) => {
  await setExcelFriendlyCsv(popup.page, true);
  simulator.faults.add(HELD_EXPORT);
  const jobId = await startExport(popup.page, cards);
  await expect.poll(async () => (await jobs(popup.page))[0]?.rows ?? 0).toBeGreaterThan(0);

  await stopServiceWorker(extension.context);
  expect((await jobs(popup.page))[0]?.state).toBe('running');
  await popup.page.reload();
  await popup.expectSignedIn();
  // The worker is awake again: the rest of the body may come, to the document that asked for it.
  simulator.faults.release();

  const job = await waitForJob(popup.page, jobId);
  expect(job.state, JSON.stringify(job.error)).toBe('done');
  const { text: expected } = await excelFriendlyCards(simulator);
  expect((await savedFile(downloadDir, job)).toString('utf8')).toBe(expected);
  await expectOnlyFiles(downloadDir, [job.fileName]);
  expect(exportRequests(simulator)).toHaveLength(1);
});
