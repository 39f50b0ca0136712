import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExportJob } from '../../lib/jobs/jobRecords';
import type { StartExportRequest } from '../../lib/messaging';
import type { Simulator } from '../simulator/index';
import {
  type ConnectedChromium,
  startChromiumAsUser,
  type UserChromium,
} from '../support/userChromium';
import { expect, test } from './baseFixtures';
import {
  CARDS_PATH,
  excelFriendlyCards,
  exportRequests,
  jobs,
  savedFile,
  servedBytes,
  setExcelFriendlyCsv,
  startExport,
  waitForJob,
} from './engineSupport';
import { PopupPage } from './pages/popup';

/**
 * The browser closes, or crashes, in the middle of an export and is started again on the same
 * profile: the job list is still there, and the export either downloads afresh (signed in with
 * "Stay signed in") or waits for the user's Retry (signed out), leaving no partial file.
 */

const cards: StartExportRequest = { reportId: 'cards', format: 'csv', boardIds: [] };

let profileDir: string;
/** Every browser a test started, killed at its end if the test failed before quitting it. */
let started: UserChromium[];
test.beforeEach(async () => {
  profileDir = await mkdtemp(join(tmpdir(), 'leankit-exporter-restart-'));
  started = [];
});
test.afterEach(async () => {
  for (const browser of started) await browser.crash();
  await rm(profileDir, { recursive: true, force: true });
});

async function startBrowser(simulator: Simulator, downloadDir: string): Promise<UserChromium> {
  const browser = await startChromiumAsUser({ port: simulator.port, downloadDir, profileDir });
  started.push(browser);
  return browser;
}

async function openPopup(browser: ConnectedChromium): Promise<PopupPage> {
  return PopupPage.open(await browser.context.newPage(), browser.extensionUrl('popup.html'));
}

/** Signs in through the popup, with or without "Stay signed in on this computer". */
async function signIn(browser: ConnectedChromium, simulator: Simulator, stay: boolean) {
  const options = await browser.context.newPage();
  await options.goto(browser.extensionUrl('options.html'));
  await options.getByRole('checkbox', { name: 'Stay signed in on this computer' }).setChecked(stay);
  await options.close();
  const popup = await openPopup(browser);
  await popup.signInAs(simulator.demo);
  return popup;
}

/**
 * Signs in, starts the cards export with its body slowed down, and returns the job once the export
 * is under way: bytes on disk (direct) or rows in the Blob (processed).
 */
async function startSlowExport(
  browser: ConnectedChromium,
  simulator: Simulator,
  { stay, processed }: { stay: boolean; processed: boolean },
): Promise<ExportJob> {
  const popup = await signIn(browser, simulator, stay);
  await setExcelFriendlyCsv(popup.page, processed);
  // About 25 s for the whole body, and only the first request: the restarted one goes at full speed.
  simulator.faults.add({ fault: { kind: 'slow-body', bytesPerSecond: 2_000 }, path: CARDS_PATH });
  const jobId = await startExport(popup.page, cards);
  let running: ExportJob | undefined;
  await expect
    .poll(async () => {
      running = (await jobs(popup.page)).find((j) => j.id === jobId);
      return (processed ? running?.rows : running?.bytes) ?? 0;
    })
    .toBeGreaterThan(0);
  if (!running) throw new Error('the export never started');
  return running;
}

for (const [route, how] of [
  ['direct', 'closes'],
  ['direct', 'crashes'],
  ['Excel-friendly', 'closes'],
] as const) {
  test(`signed in with Stay signed in, a ${route} export whose browser ${how} mid-way downloads afresh when it reopens: the whole file, byte for byte, and no partial one`, async ({
    simulator,
    downloadDir,
  }) => {
    const processed = route === 'Excel-friendly';
    const before = await startBrowser(simulator, downloadDir);
    const left = await startSlowExport(await before.connect(), simulator, {
      stay: true,
      processed,
    });
    if (how === 'crashes') {
      await before.crash();
      // The offscreen document fetched the export: the download manager gets only a whole file,
      // so a crash leaves no partial one behind.
      expect(await readdir(downloadDir)).toEqual([]);
    } else {
      await before.quit();
    }

    const after = await startBrowser(simulator, downloadDir);
    // Playwright joins only once the restarted download is final, so it cannot redirect it: the
    // folder holds exactly the export's file under its own name, no partial one beside it.
    await expect.poll(() => readdir(downloadDir), { timeout: 45_000 }).toEqual([left.fileName]);
    const popup = await openPopup(await after.connect());
    const job = await waitForJob(popup.page, left.id);
    expect(job).toMatchObject({ state: 'done', restartedAfterBrowserClosed: true });
    const expected = processed
      ? Buffer.from((await excelFriendlyCards(simulator)).text, 'utf8')
      : await servedBytes(simulator, 'cards?format=csv');
    expect((await savedFile(downloadDir, job)).equals(expected)).toBe(true);

    // The first request really was cut off mid-body; the second one sent the whole body.
    const whole = (await servedBytes(simulator, 'cards?format=csv')).length;
    const requests = exportRequests(simulator);
    expect(requests).toHaveLength(2);
    expect(requests[0]?.bytes).toBeLessThan(whole);
    expect(requests[1]).toMatchObject({ tokenTransport: 'header', status: 200, bytes: whole });

    await popup.expectSignedIn();
    await expect(popup.recent.getByRole('listitem').first()).toContainText(
      'Restarted after the browser closed',
    );
    await after.quit();
  });
}

test('signed out by the restart, a direct export the browser cut short shows Retry, leaves no file, and Retry exports it whole', async ({
  simulator,
  downloadDir,
}) => {
  const before = await startBrowser(simulator, downloadDir);
  const left = await startSlowExport(await before.connect(), simulator, {
    stay: false,
    processed: false,
  });
  await before.crash();

  const after = await startBrowser(simulator, downloadDir);
  const popup = await openPopup(await after.connect());
  const job = await waitForJob(popup.page, left.id);
  expect(job).toMatchObject({ state: 'failed', error: { kind: 'interrupted' } });
  expect(await readdir(downloadDir)).toEqual([]);
  expect(exportRequests(simulator)).toHaveLength(1);

  await popup.signInAs(simulator.demo);
  const interrupted = popup.recent.getByRole('listitem').first();
  await expect(interrupted).toContainText(
    'Interrupted when the browser closed. Choose Retry to export it again.',
  );
  await interrupted.getByRole('button', { name: 'Retry Cards' }).click();
  const saved = await popup.waitForSavedFile();
  const file = await savedFile(downloadDir, { ...job, fileName: saved });
  expect(file.equals(await servedBytes(simulator, 'cards?format=csv'))).toBe(true);
  expect(await readdir(downloadDir)).toEqual([saved]);
  await after.quit();
});
