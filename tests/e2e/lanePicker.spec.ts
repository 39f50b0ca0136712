/**
 * The lane picker of "Columns and filters" through the real extension and the simulator: lanes
 * picked from the keyboard, saved in a preset whose export has exactly those lanes' cards (worked
 * out from what the simulator serves, independently of lib/pipeline), the "Unsaved changes" marker
 * and its warning before leaving, and each failure told in an alert with the Lane IDs field kept.
 */
import { join } from 'node:path';
import { findReport } from '../../lib/reports';
import { firstBoard } from '../simulator/testing';
import { expectNoAxeViolations } from './accessibility';
import { jobs, waitForJob } from './engineSupport';
import { expect, test } from './fixtures';
import { RecipeEditorPage } from './pages/recipeEditor';
import {
  expectedTable,
  firstDifference,
  readExportFile,
  recordsOf,
  servedTable,
} from './recipeSupport';

const cards = findReport('cards') ?? never();
const lanesReport = findReport('lanes') ?? never();

function never(): never {
  throw new Error('The catalogue lacks a report these tests need');
}

test('two lanes picked from the keyboard make a preset whose export has only their cards', async ({
  simulator,
  popup,
  extension,
  downloadDir,
}) => {
  const board = firstBoard(simulator);
  // The lanes as LeanKit serves them: the ids the picked titles must stand for.
  const served = recordsOf(await servedTable(simulator, lanesReport, 'csv', [board.id]));
  const laneId = (fullTitle: string) =>
    served.find((lane) => lane.fullLaneTitle === fullTitle)?.laneId ?? never();
  const picked = [laneId('In Progress - Build'), laneId('Done')];

  await popup.signInAs(simulator.demo);
  const editor = await RecipeEditorPage.open(
    await extension.context.newPage(),
    extension.extensionUrl(`recipes.html?report=cards&format=csv&boards=${board.id}`),
  );
  const { page } = editor;
  await expect(editor.lane('In Progress - Build')).toBeVisible();
  // Lanes with child lanes hold no cards: "In Progress" itself is not offered.
  expect(await editor.lanes.getByRole('listitem').allTextContents()).toEqual([
    'Backlog',
    'Ready',
    'In Progress - Build',
    'In Progress - Review',
    'Done',
    'Archive',
  ]);
  await expectNoAxeViolations(page);

  // From the keyboard: Space ticks, Tab moves on to the next lane.
  await editor.lane('In Progress - Build').focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await expect(editor.lane('In Progress - Review')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(editor.lane('Done')).toBeFocused();
  await page.keyboard.press('Space');
  await expect(editor.lane('In Progress - Build')).toBeChecked();
  await expect(editor.lane('Done')).toBeChecked();
  await expect(editor.lane('In Progress - Review')).not.toBeChecked();
  await expect(editor.laneIds).toHaveValue(picked.join(', '));

  await editor.savePreset('Two lanes');
  await expect(editor.unsaved).toHaveText('');
  const presetId = await editor.preset.inputValue();

  // A change is marked, and leaving asks first; undone, the mark goes.
  await editor.lane('Backlog').check();
  await expect(editor.unsaved).toHaveText('Unsaved changes');
  await expectNoAxeViolations(page);
  const asked = page.waitForEvent('dialog');
  await page.close({ runBeforeUnload: true });
  const dialog = await asked;
  expect(dialog.type()).toBe('beforeunload');
  await dialog.dismiss();
  expect(page.isClosed()).toBe(false);
  await editor.lane('Backlog').uncheck();
  await expect(editor.unsaved).toHaveText('');

  // Unchanged, the page exports the preset itself.
  await page.getByRole('button', { name: 'Export Cards' }).click();
  // The page shows the export it started, to its end.
  await expect(editor.said).toHaveText(/^Cards: Saved as /);
  await expect(page.getByRole('region', { name: 'Export status' })).toContainText('Saved as');
  await expectNoAxeViolations(page);
  const job = (await jobs(page)).find((candidate) => candidate.presetId === presetId);
  if (!job) throw new Error(`No job for preset ${presetId}: ${JSON.stringify(await jobs(page))}`);
  const done = await waitForJob(page, job.id);
  expect(done.state, JSON.stringify(done.error)).toBe('done');
  const { table } = await readExportFile(done.path ?? join(downloadDir, done.fileName), 'csv');

  const all = await servedTable(simulator, cards, 'csv', [board.id]);
  const want = expectedTable(all, { report: cards, recipe: { filters: { laneIds: picked } } });
  expect(firstDifference(table, want)).toBeUndefined();
  const titles = new Set(recordsOf(table).map((card) => card.currentLaneTitle));
  expect(titles).toEqual(new Set(['Build', 'Done']));
  expect(table.rows.length).toBeLessThan(all.rows.length);
});

test('lanes of several boards come in a group per board; without boards the field is the way', async ({
  simulator,
  popup,
  extension,
}) => {
  const [first, second] = simulator.boards;
  if (!first || !second) throw new Error('The simulator has fewer than two boards');
  await popup.signInAs(simulator.demo);
  const editor = await RecipeEditorPage.open(
    await extension.context.newPage(),
    extension.extensionUrl(`recipes.html?report=cards&format=csv&boards=${first.id},${second.id}`),
  );
  const group = editor.lanes.getByRole('group', { name: second.title });
  await group.getByRole('checkbox', { name: 'Backlog', exact: true }).check();
  const served = recordsOf(await servedTable(simulator, lanesReport, 'csv', [second.id]));
  const backlog = served.find((lane) => lane.laneTitle === 'Backlog')?.laneId;
  await expect(editor.laneIds).toHaveValue(backlog ?? never());
  await expectNoAxeViolations(editor.page);

  const allBoards = await RecipeEditorPage.open(
    await extension.context.newPage(),
    extension.extensionUrl('recipes.html?report=cards&format=csv&boards='),
  );
  await expect(allBoards.lanes).toContainText('Choose boards above to pick their lanes here.');
  await expect(allBoards.lanes.getByRole('checkbox')).toHaveCount(0);
  await expect(allBoards.laneIds).toBeEditable();
});

test.describe('when the lanes cannot be listed', () => {
  for (const [name, prepare, message] of [
    ['signed out', async () => {}, 'Sign in to LeanKit to export reports.'],
    [
      'the session expired',
      async ({ simulator }) => simulator.expireAllTokens(),
      'Your LeanKit session expired. Sign in again to continue.',
    ],
    [
      'LeanKit fails',
      async ({ simulator }) =>
        simulator.faults.add({
          fault: { kind: 'status', status: 500 },
          path: '/io/reporting/export/lanes',
        }),
      'LeanKit had a problem answering. Try again in a few minutes.',
    ],
  ] as const satisfies readonly [
    string,
    (fixtures: { simulator: import('../simulator/index').Simulator }) => Promise<unknown>,
    string,
  ][]) {
    test(`${name}: an alert says so, and lane IDs can still be typed`, async ({
      simulator,
      popup,
      extension,
    }) => {
      const board = firstBoard(simulator);
      if (name !== 'signed out') await popup.signInAs(simulator.demo);
      await prepare({ simulator });
      const editor = await RecipeEditorPage.open(
        await extension.context.newPage(),
        extension.extensionUrl(`recipes.html?report=cards&format=csv&boards=${board.id}`),
      );
      await expect(editor.lanes.getByRole('alert')).toHaveText(
        `The lanes could not be listed: ${message} Lane IDs typed below still work.`,
      );
      await editor.laneIds.fill('123, 456');
      await expect(editor.laneIds).toHaveValue('123, 456');
      await expectNoAxeViolations(editor.page);
    });
  }
});
