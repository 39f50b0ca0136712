import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { poll } from '../../support/ui/uiPage';
import { expect, test } from '../envFixtures';
import { ExtensionPopup } from '../pages/extensionPopup';
import { ScheduleJourney } from './schedulesSupport';

/**
 * Scheduled exports in Chromium and Firefox, set up on the options page: runs land in the
 * schedule's folder of the downloads folder under its pattern. The clock reaching a run time is
 * the schedule's alarm set a second ahead, as the background sets it; every wait is for a state.
 * (The catch-up after a browser restart: tests/e2e/schedules.spec.ts in Chromium,
 * journeys/schedulesRestart.firefox.spec.ts in Firefox.)
 */

/** The files in a folder of the downloads folder, sorted; none while it does not exist. */
async function filesIn(downloadDir: string, folder: string): Promise<string[]> {
  return (await readdir(join(downloadDir, folder)).catch(() => [] as string[])).sort();
}

test('a schedule saves into its folder with Run now, and the next run replaces the file', async ({
  simulator,
  env,
  popup,
  downloadDir,
}) => {
  const options = await env.openExtensionPage('options.html');
  const schedules = await ScheduleJourney.signedIn(options, env.engine, popup, simulator.demo);
  await schedules.add({
    name: 'weekly lanes',
    reportLabel: 'Lanes',
    folder: 'LeanKit/journey',
    fileNamePattern: 'weekly-{report}',
    keep: 'Replace the previous file',
  });

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

test('a schedule keeps a file from each of two alarms; a paused one saves nothing', async ({
  simulator,
  env,
  popup,
  downloadDir,
}) => {
  const options = await env.openExtensionPage('options.html');
  const schedules = await ScheduleJourney.signedIn(options, env.engine, popup, simulator.demo);
  await schedules.add({
    name: 'hourly lanes',
    every: 'Every hour',
    reportLabel: 'Lanes',
    folder: 'LeanKit/hourly',
    fileNamePattern: '{report}',
    keep: 'Keep each run',
  });
  await schedules.add({
    name: 'paused lanes',
    reportLabel: 'Lanes',
    folder: 'LeanKit/paused',
    fileNamePattern: '{report}',
    keep: 'Replace the previous file',
  });
  await options.click('button', "Pause 'paused lanes'");
  await options.waitFor('button', "Resume 'paused lanes'");

  await schedules.reachRunTime('paused lanes');
  await schedules.reachRunTime('hourly lanes');
  await schedules.waitForOutcomes('hourly lanes', ['done']);
  await schedules.reachRunTime('paused lanes');
  await schedules.reachRunTime('hourly lanes');
  await schedules.waitForOutcomes('hourly lanes', ['done', 'done']);

  // Chromium keeps the second as "lanes (1).csv", Firefox as "lanes(1).csv".
  const files = await filesIn(downloadDir, 'LeanKit/hourly');
  expect(files).toHaveLength(2);
  const served = (await simulator.body('/io/reporting/export/lanes?format=csv')).toString();
  for (const name of files) {
    expect(await readFile(join(downloadDir, 'LeanKit/hourly', name), 'utf8')).toBe(served);
  }
  // Its alarms were handled before the running one's: they ran nothing.
  expect(await filesIn(downloadDir, 'LeanKit/paused')).toEqual([]);
  expect((await schedules.read('paused lanes')).results).toEqual([]);
  const lanes = simulator.requests.filter((r) => r.path === '/io/reporting/export/lanes');
  expect(lanes.map((r) => r.status)).toEqual([200, 200]);
});

test('a run whose token expired waits for the sign-in, says so on the toolbar button, then completes', async ({
  simulator,
  env,
  popup,
  downloadDir,
}) => {
  const { demo } = simulator;
  const options = await env.openExtensionPage('options.html');
  const schedules = await ScheduleJourney.signedIn(options, env.engine, popup, demo);
  await schedules.add({
    name: 'weekly cards',
    reportLabel: 'Cards',
    folder: 'LeanKit',
    fileNamePattern: 'weekly-{report}',
    keep: 'Replace the previous file',
  });

  simulator.expireAllTokens();
  await schedules.reachRunTime('weekly cards');
  await poll('the run to wait for a sign-in', async () =>
    (await schedules.read('weekly cards')).waitingForSignIn ? true : undefined,
  );
  await poll('the list to say so', async () =>
    (await schedules.itemText('weekly cards')).includes('Waiting for you to sign in')
      ? true
      : undefined,
  );
  await poll('the toolbar button to ask for the sign-in', async () =>
    (await schedules.badgeTitle()) === "LeanKit Exporter: Sign in to run 'weekly cards'"
      ? true
      : undefined,
  );
  expect(await filesIn(downloadDir, 'LeanKit')).toEqual([]);

  const again = new ExtensionPopup(await env.openExtensionPage('popup.html'));
  await again.signInAs(demo);
  await schedules.waitForOutcomes('weekly cards', ['done']);
  expect(await filesIn(downloadDir, 'LeanKit')).toEqual(['weekly-cards.csv']);
  const served = (await simulator.body('/io/reporting/export/cards?format=csv')).toString();
  expect(await readFile(join(downloadDir, 'LeanKit', 'weekly-cards.csv'), 'utf8')).toBe(served);
  expect(await schedules.itemText('weekly cards')).not.toContain('Waiting for you to sign in');
  expect((await schedules.read('weekly cards')).waitingForSignIn).toBeUndefined();
});
