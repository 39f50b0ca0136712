import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { poll } from '../../support/ui/uiPage';
import { expect, test } from '../envFixtures';

/**
 * A scheduled export set up on the options page and run with Run now, in Chromium and Firefox:
 * its file lands in the schedule's folder of the downloads folder under its pattern, and a second
 * run replaces it. (Alarms, waiting for a sign-in and the catch-up after a restart:
 * tests/e2e/schedules.spec.ts, Chromium.)
 */
test('a schedule saves into its folder with Run now, and the next run replaces the file', async ({
  simulator,
  env,
  popup,
  downloadDir,
}) => {
  const options = await env.openExtensionPage('options.html');
  await options.click('checkbox', 'Stay signed in on this computer');
  await popup.signInAs(simulator.demo);

  await options.click('button', 'Add schedule');
  await options.fill('Name', 'weekly lanes');
  await options.click('radio', 'A report');
  await options.select('Report', 'Lanes');
  await options.fill('Folder in your downloads folder', 'LeanKit/journey');
  await options.fill('File name pattern for this schedule', 'weekly-{report}');
  await options.click('button', 'Save schedule');
  await options.waitFor('button', "Run now: 'weekly lanes'");

  const folder = join(downloadDir, 'LeanKit', 'journey');
  const served = (await simulator.body('/io/reporting/export/lanes?format=csv')).toString();
  // The popup lists a run as finished when the browser reports its file complete.
  const finishedRuns = (count: number) =>
    poll(
      `${count} finished scheduled run(s) in Recent downloads`,
      async () => {
        const marks = await popup.ui.evaluate(() =>
          [...document.querySelectorAll('.recent-done')].map((row) => row.textContent ?? ''),
        );
        const scheduled = marks.filter((text) => text.includes('Scheduled export'));
        return scheduled.length === count ? true : undefined;
      },
      { timeoutMs: 30_000 },
    );

  await options.click('button', "Run now: 'weekly lanes'");
  await finishedRuns(1);
  expect(await readdir(folder)).toEqual(['weekly-lanes.csv']);
  expect(await readFile(join(folder, 'weekly-lanes.csv'), 'utf8')).toBe(served);

  await options.click('button', "Run now: 'weekly lanes'");
  await finishedRuns(2);
  expect(await readdir(folder)).toEqual(['weekly-lanes.csv']);
  expect(await readFile(join(folder, 'weekly-lanes.csv'), 'utf8')).toBe(served);
  const lanes = simulator.requests.filter((r) => r.path === '/io/reporting/export/lanes');
  expect(lanes.map((r) => r.status)).toEqual([200, 200]);
});
