import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FirefoxExtensionBrowser, launchFirefoxWithExtension } from '../../support/firefox';
import { puppeteerUiPage } from '../../support/ui/puppeteerUiPage';
import { poll } from '../../support/ui/uiPage';
import { expect, test } from '../envFixtures';
import { ExtensionPopup } from '../pages/extensionPopup';
import { ScheduleJourney } from './schedulesSupport';

/**
 * The catch-up after a browser restart, in Firefox: closed through three daily run times, the
 * schedule runs once when Firefox starts again, not once per missed run time. The same profile
 * and extension id come back, as in a user's Firefox; the temporary add-on, installed again, has
 * no alarm left, so the run comes from the background's start. (Chromium:
 * tests/e2e/schedules.spec.ts.)
 */

let firefox: FirefoxExtensionBrowser | undefined;
let profileDir: string | undefined;
test.afterEach(async () => {
  await firefox?.close();
  firefox = undefined;
  if (profileDir) await rm(profileDir, { recursive: true, force: true });
  profileDir = undefined;
});

test('the schedule runs once when Firefox starts again, not once per missed run time', async ({
  simulator,
  downloadDir,
}) => {
  const profile = await mkdtemp(join(tmpdir(), 'leankit-exporter-firefox-schedules-'));
  profileDir = profile;
  const uuid = randomUUID();
  const launch = () =>
    launchFirefoxWithExtension({
      port: simulator.port,
      downloadDir,
      profileDir: profile,
      uuid,
    });
  firefox = await launch();
  const options = puppeteerUiPage(await firefox.openExtensionPage('options.html'));
  const popup = new ExtensionPopup(puppeteerUiPage(await firefox.openExtensionPage('popup.html')));
  const schedules = await ScheduleJourney.signedIn(options, 'firefox', popup, simulator.demo);
  await schedules.add({
    name: 'daily lanes',
    every: 'Every day',
    reportLabel: 'Lanes',
    folder: 'LeanKit/daily',
    fileNamePattern: '{report}',
    keep: 'Keep each run',
  });
  // Closed for three days: three daily run times passed.
  await schedules.missRunTimes('daily lanes', 3);
  const missed = (await schedules.read('daily lanes')).nextRunAt;
  await poll('the background to keep the moved run time', async () =>
    (await schedules.keptNextRunAt('daily lanes')) === missed ? true : undefined,
  );
  await firefox.close();
  firefox = undefined;
  expect(await readdir(join(downloadDir, 'LeanKit/daily')).catch(() => [])).toEqual([]);

  firefox = await launch();
  const reopened = new ScheduleJourney(
    puppeteerUiPage(await firefox.openExtensionPage('options.html')),
    'firefox',
  );
  await reopened.waitForOutcomes('daily lanes', ['done']);
  expect(await readdir(join(downloadDir, 'LeanKit/daily'))).toEqual(['lanes.csv']);
  const served = (await simulator.body('/io/reporting/export/lanes?format=csv')).toString();
  expect(await readFile(join(downloadDir, 'LeanKit/daily/lanes.csv'), 'utf8')).toBe(served);
  const { nextRunAt } = await reopened.read('daily lanes');
  expect(nextRunAt).toBeGreaterThan(Date.now());
  const lanes = simulator.requests.filter((r) => r.path === '/io/reporting/export/lanes');
  expect(lanes.map((r) => r.status)).toEqual([200]);
});
