/**
 * "Done" means complete and correct (issue 12, item 2), in every browser: each one's download
 * manager reports a `200` web page and a cut body its own way (see tests/e2e/completeFiles.spec.ts
 * for Chromium's, in detail).
 */
import { readdir } from 'node:fs/promises';
import { expect, test } from '../envFixtures';
import { fileAsServed } from './journeySupport';

const CARDS_PATH = '/io/reporting/export/cards';

test('a 200 sign-in page instead of the report: says a web page came, leaves no file', async ({
  simulator,
  popup,
  downloadDir,
}) => {
  await popup.signInAs(simulator.demo);
  simulator.faults.add({ fault: { kind: 'html-page' }, path: CARDS_PATH, times: Infinity });
  await popup.chooseFormat('CSV');
  await popup.download('Cards');
  await popup.alert(/acme\.leankit\.com sent a web page instead of the report/);
  await expect.poll(() => readdir(downloadDir)).toEqual([]);
});

test('a close-delimited body cut mid-row is never Done: the retry saves the whole file', async ({
  simulator,
  popup,
  downloadDir,
}) => {
  await popup.signInAs(simulator.demo);
  // Twice: the download and the request that confirms its end are both cut.
  simulator.faults.add({
    fault: { kind: 'close-after-bytes', bytes: 5000 },
    path: CARDS_PATH,
    times: 2,
  });
  await popup.chooseFormat('CSV');
  await popup.download('Cards');
  const fileName = await popup.waitForSavedFile();
  await fileAsServed(simulator, downloadDir, fileName, 'cards');
  await expect.poll(() => readdir(downloadDir)).toEqual([fileName]);
});
