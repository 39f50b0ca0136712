import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SNAPSHOT_PLAN } from '@/lib/snapshot/snapshotPlan';
import { readWorkbook } from '../support/openpyxl';
import { startChromiumAsUser, type UserChromium } from '../support/userChromium';
import { expectNoAxeViolations } from './accessibility';
import { expect, test } from './fixtures';
import { PopupPage } from './pages/popup';
import { SchedulesSection } from './pages/schedules';

/**
 * Scheduled exports in Chromium, against the simulator: runs go through the export engine into
 * the schedule's folder of the downloads folder. The clock reaching a run time is the schedule's
 * alarm set a second ahead (the shortest an unpacked extension's alarm may be), as the background
 * sets it; nothing sleeps, every wait is for a file or a state.
 */

/** The files in a folder of the downloads folder, sorted; none while it does not exist. */
async function filesIn(downloadDir: string, folder: string): Promise<string[]> {
  return (await readdir(join(downloadDir, folder)).catch(() => [] as string[])).sort();
}

test('a schedule saves each run into its folder, from Run now and from its alarm; a paused one saves nothing', async ({
  extension,
  popup,
  simulator,
  downloadDir,
}) => {
  const options = await SchedulesSection.open(
    await extension.context.newPage(),
    extension.extensionUrl('options.html'),
  );
  await options.staySignedIn();
  await popup.signInAs(simulator.demo);
  await options.add({
    name: 'weekly lanes',
    reportLabel: 'Lanes',
    folder: 'LeanKit/weekly',
    fileNamePattern: '{report}-{board}',
    keep: 'Keep each run',
  });
  await options.add({
    name: 'paused lanes',
    reportLabel: 'Lanes',
    folder: 'LeanKit/paused',
    fileNamePattern: '{report}',
    keep: 'Replace the previous file',
  });
  await expect(options.item('weekly lanes')).toContainText('Next run:');
  await expectNoAxeViolations(options.page);
  await options.page.getByRole('button', { name: 'Add schedule' }).click();
  await options.page.getByRole('button', { name: 'Save schedule' }).click();
  await expect(options.page.getByRole('textbox', { name: 'Name', exact: true })).toBeFocused();
  await expectNoAxeViolations(options.page);
  await options.page.getByRole('button', { name: 'Cancel' }).click();
  await expect(options.page.getByRole('button', { name: 'Add schedule' })).toBeFocused();

  await options.button('Run now:', 'weekly lanes').click();
  await expect.poll(() => filesIn(downloadDir, 'LeanKit/weekly')).toEqual(['lanes-all.csv']);
  await expect(options.item('weekly lanes')).toContainText('Last run: Done');

  await options.button('Pause', 'paused lanes').click();
  await expect(options.item('paused lanes')).toContainText('Paused');
  await options.reachRunTime('paused lanes');
  await options.reachRunTime('weekly lanes');
  await expect
    .poll(() => filesIn(downloadDir, 'LeanKit/weekly'))
    .toEqual(['lanes-all (1).csv', 'lanes-all.csv']);
  // Both alarms were handled one after the other: the paused one's first, and it ran nothing.
  expect(await filesIn(downloadDir, 'LeanKit/paused')).toEqual([]);
  await expect(options.item('paused lanes')).toContainText('Not run yet.');

  const served = await simulator.body('/io/reporting/export/lanes?format=csv');
  for (const name of ['lanes-all.csv', 'lanes-all (1).csv']) {
    expect(await readFile(join(downloadDir, 'LeanKit/weekly', name), 'utf8')).toBe(
      served.toString(),
    );
  }
  const lanes = simulator.requests.filter((r) => r.path === '/io/reporting/export/lanes');
  expect(lanes.map((r) => r.status)).toEqual([200, 200]);
});

test('a run whose token expired waits, the badge asks to sign in for it, and it completes right after the sign-in', async ({
  extension,
  popup,
  simulator,
  downloadDir,
}) => {
  const { demo } = simulator;
  const options = await SchedulesSection.open(
    await extension.context.newPage(),
    extension.extensionUrl('options.html'),
  );
  await options.staySignedIn();
  await popup.signInAs(demo);
  await options.add({
    name: 'weekly cards',
    reportLabel: 'Cards',
    folder: 'LeanKit',
    fileNamePattern: 'weekly-{report}',
    keep: 'Replace the previous file',
  });

  simulator.expireAllTokens();
  await options.reachRunTime('weekly cards');
  await expect(options.item('weekly cards')).toContainText('Waiting for you to sign in');
  await expect.poll(() => popup.badgeText()).toBe('!');
  await expect
    .poll(() => options.badgeTitle())
    .toBe("LeanKit Exporter: Sign in to run 'weekly cards'");
  expect(await filesIn(downloadDir, 'LeanKit')).toEqual([]);

  await popup.page.reload();
  await popup.password.fill(demo.password);
  await popup.password.press('Enter');
  await popup.expectSignedIn();
  await expect.poll(() => filesIn(downloadDir, 'LeanKit')).toEqual(['weekly-cards.csv']);
  await expect(options.item('weekly cards')).toContainText('Last run: Done');
  await expect(options.item('weekly cards')).not.toContainText('Waiting for you to sign in');
  expect(await popup.badgeText()).toBe('');
  const served = await simulator.body('/io/reporting/export/cards?format=csv');
  expect(await readFile(join(downloadDir, 'LeanKit', 'weekly-cards.csv'), 'utf8')).toBe(
    served.toString(),
  );

  // "Replace the previous file": the next run's file takes the place of this one.
  await options.button('Run now:', 'weekly cards').click();
  await expect.poll(() => options.outcomesOf('weekly cards')).toEqual(['done', 'done']);
  expect(await filesIn(downloadDir, 'LeanKit')).toEqual(['weekly-cards.csv']);
});

test('a board snapshot schedule saves its workbook of the chosen board into its folder with Run now', async ({
  extension,
  popup,
  simulator,
  downloadDir,
}) => {
  const [board] = simulator.boards;
  if (!board) throw new Error('The simulator has no board');
  const options = await SchedulesSection.open(
    await extension.context.newPage(),
    extension.extensionUrl('options.html'),
  );
  await options.staySignedIn();
  await popup.signInAs(simulator.demo);
  await options.add({
    name: 'weekly snapshot',
    snapshot: 'xlsx',
    boards: [board.title],
    folder: 'LeanKit/snapshots',
    fileNamePattern: '{report}-{board}',
    keep: 'Replace the previous file',
  });
  await expect(options.item('weekly snapshot')).toContainText(
    `Board snapshot as XLSX, ${board.title}`,
  );
  // The form as it comes back for editing: the snapshot, its file and its board, picker open.
  await options.button('Edit', 'weekly snapshot').click();
  const form = options.page.getByRole('form', { name: "Edit 'weekly snapshot'" });
  await expect(form.getByRole('radio', { name: 'A board snapshot' })).toBeChecked();
  await expect(form.getByRole('combobox', { name: 'Snapshot file' })).toHaveValue('xlsx');
  await form.getByRole('button', { name: 'Choose boards' }).click();
  await expect(form.getByRole('checkbox', { name: board.title, exact: true })).toBeChecked();
  await expectNoAxeViolations(options.page);
  await form.getByRole('button', { name: 'Cancel' }).click();

  await options.button('Run now:', 'weekly snapshot').click();
  await expect.poll(() => options.outcomesOf('weekly snapshot')).toEqual(['done']);
  const name = `snapshot-board${board.id}.xlsx`;
  expect(await filesIn(downloadDir, 'LeanKit/snapshots')).toEqual([name]);
  const sheets = readWorkbook(join(downloadDir, 'LeanKit/snapshots', name));
  expect(sheets.map((sheet) => sheet.name)).toEqual([
    ...SNAPSHOT_PLAN.map((step) => step.sheetName),
    'About',
  ]);
  // The chosen board only.
  const cards = simulator.requests.filter((r) => r.path === '/io/reporting/export/cards');
  expect(cards.map((r) => r.query.boardId)).toEqual([board.id]);
});

test.describe('after the browser was closed through run times', () => {
  let profileDir: string;
  let started: UserChromium[];
  test.beforeEach(async () => {
    profileDir = await mkdtemp(join(tmpdir(), 'leankit-exporter-schedules-'));
    started = [];
  });
  test.afterEach(async () => {
    for (const browser of started) await browser.crash();
    await rm(profileDir, { recursive: true, force: true });
  });

  test('the schedule runs once when the browser starts again, not once per missed run time', async ({
    simulator,
    downloadDir,
  }) => {
    const first = await startChromiumAsUser({ port: simulator.port, downloadDir, profileDir });
    started.push(first);
    const before = await first.connect();
    const options = await SchedulesSection.open(
      await before.context.newPage(),
      before.extensionUrl('options.html'),
    );
    await options.staySignedIn();
    const popup = await PopupPage.open(
      await before.context.newPage(),
      before.extensionUrl('popup.html'),
    );
    await popup.signInAs(simulator.demo);
    await options.add({
      name: 'daily lanes',
      reportLabel: 'Lanes',
      folder: 'LeanKit/daily',
      fileNamePattern: '{report}',
      keep: 'Keep each run',
    });
    // Closed for three days: three daily run times passed.
    await options.missRunTimes('daily lanes', 3);
    await first.quit();

    const second = await startChromiumAsUser({ port: simulator.port, downloadDir, profileDir });
    started.push(second);
    await expect.poll(() => filesIn(downloadDir, 'LeanKit/daily')).toEqual(['lanes.csv']);
    const after = await second.connect();
    const reopened = await SchedulesSection.open(
      await after.context.newPage(),
      after.extensionUrl('options.html'),
    );
    await expect.poll(() => reopened.outcomesOf('daily lanes')).toEqual(['done']);
    await expect(reopened.item('daily lanes')).toContainText('Next run:');
    expect(await filesIn(downloadDir, 'LeanKit/daily')).toEqual(['lanes.csv']);
    const lanes = simulator.requests.filter((r) => r.path === '/io/reporting/export/lanes');
    expect(lanes).toHaveLength(1);
    await second.quit();
  });
});
