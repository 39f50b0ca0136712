import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Worker } from '@playwright/test';
import Papa from 'papaparse';
import { firstBoard } from '../simulator/testing';
import { expectNoAxeViolations } from './accessibility';
import { expect, test } from './fixtures';
import { BoardPage, savedFile } from './pages/boardPage';
import { PopupPage } from './pages/popup';

/** The `currentBoardId` of every row of a cards CSV on disk. */
async function boardIdsInCsv(path: string): Promise<string[]> {
  const parsed = Papa.parse<Record<string, string>>(await readFile(path, 'utf8'), {
    header: true,
    skipEmptyLines: true,
  });
  expect(parsed.errors).toEqual([]);
  return parsed.data.map((row) => row.currentBoardId ?? '(missing)');
}

test('exports the board on show, follows in-app navigation, and offers every board report', async ({
  simulator,
  popup,
  openBoard,
  downloadDir,
}) => {
  const { demo, boards } = simulator;
  const [first, second] = boards;
  if (!first || !second) throw new Error('The simulator has fewer than two boards');
  await popup.signInAs(demo);

  const board = await openBoard(first.id);
  await expect(board.exportButton).toBeVisible();
  // In the board header, right after the title, and only once.
  await expect(board.page.locator('header h1 + leankit-exporter-button')).toHaveCount(1);
  await expect(board.buttonHosts).toHaveCount(1);

  await board.exportButton.click();
  await board.waitUntilDone();
  const firstFile = await savedFile(downloadDir, `-cards-board${first.id}-`);
  expect(firstFile).toMatch(/\.csv$/);
  const firstIds = await boardIdsInCsv(join(downloadDir, firstFile));
  expect(firstIds.length).toBeGreaterThan(0);
  expect(new Set(firstIds)).toEqual(new Set([first.id]));

  await board.goToBoard(second.title);
  await expect(board.exportButton).toBeVisible();
  await expect(board.buttonHosts).toHaveCount(1);
  await board.exportButton.click();
  await board.waitUntilDone();
  const secondFile = await savedFile(downloadDir, `-cards-board${second.id}-`);
  const secondIds = await boardIdsInCsv(join(downloadDir, secondFile));
  expect(secondIds.length).toBeGreaterThan(0);
  expect(new Set(secondIds)).toEqual(new Set([second.id]));

  // The menu: another report of this board, in another format.
  await board.exportFromMenu('Lanes', 'JSON');
  await board.waitUntilDone();
  const lanesFile = await savedFile(downloadDir, `-lanes-board${second.id}-`);
  expect(lanesFile).toMatch(/\.json$/);
  const lanes = JSON.parse(await readFile(join(downloadDir, lanesFile), 'utf8')) as {
    boardId: string;
  }[];
  expect(lanes.length).toBeGreaterThan(0);
  expect(new Set(lanes.map((lane) => lane.boardId))).toEqual(new Set([second.id]));

  // Off the boards the button goes; back on a board it comes back, once.
  await board.page.evaluate(() => history.pushState(null, '', '/settings'));
  await expect(board.buttonHosts).toHaveCount(0);
  await board.page.goBack();
  await expect(board.exportButton).toBeVisible();
  await expect(board.buttonHosts).toHaveCount(1);
  expect((await readdir(downloadDir)).sort()).toEqual([firstFile, secondFile, lanesFile].sort());
});

/** The extension's popup pages now open, as a popup or in a tab. */
function openSignInViews(worker: Worker): Promise<string[]> {
  return worker.evaluate(async () => {
    type Context = { documentUrl?: string };
    const runtime = (
      globalThis as unknown as {
        chrome: { runtime: { getContexts(filter: object): Promise<Context[]> } };
      }
    ).chrome.runtime;
    const views = await runtime.getContexts({ contextTypes: ['POPUP', 'TAB'] });
    return views.map((view) => view.documentUrl ?? '');
  });
}

/** What the tab's content script answers the keyboard shortcut's question (lib/board/protocol.ts). */
function answersNotFound(worker: Worker, url: string): Promise<unknown> {
  return worker.evaluate(async (url) => {
    type Tabs = {
      query(filter: object): Promise<{ id?: number }[]>;
      sendMessage(tabId: number, message: object): Promise<unknown>;
    };
    const tabs = (globalThis as unknown as { chrome: { tabs: Tabs } }).chrome.tabs;
    const [tab] = await tabs.query({ url });
    if (tab?.id === undefined) throw new Error(`No tab shows ${url}`);
    return tabs.sendMessage(tab.id, { type: 'boardShowsNotFound' });
  }, url);
}

test('signed out, the button offers sign-in, opens it, and is ready once signed in', async ({
  simulator,
  extension,
  openBoard,
}) => {
  const { demo, boards } = simulator;
  const board = await openBoard(boards[0]?.id ?? '');
  await expect(board.signInButton).toBeVisible();
  await expect(board.exportButton).toHaveCount(0);

  await board.signInButton.click();
  // The toolbar popup opens (headless Chromium allows it), or the popup page in a tab if not.
  await expect
    .poll(() => openSignInViews(extension.serviceWorker))
    .toEqual([extension.extensionUrl('popup.html')]);
  const popup = await PopupPage.open(
    await extension.context.newPage(),
    extension.extensionUrl('popup.html'),
  );
  await popup.signInAs(demo);

  // The board tab hears of the sign-in; no reload, and it never asked for a password itself.
  await expect(board.exportButton).toBeVisible();
  await expect(board.page.locator('input')).toHaveCount(0);
});

test('two tabs exporting at the same time each get their own board’s file', async ({
  simulator,
  popup,
  openBoard,
  downloadDir,
}) => {
  const { demo, boards } = simulator;
  const [first, second] = boards;
  if (!first || !second) throw new Error('The simulator has fewer than two boards');
  await popup.signInAs(demo);

  const tabA = await openBoard(first.id);
  const tabB = await openBoard(second.id);
  await expect(tabA.exportButton).toBeVisible();
  await expect(tabB.exportButton).toBeVisible();
  await Promise.all([tabA.exportButton.click(), tabB.exportButton.click()]);
  await Promise.all([tabA.waitUntilDone(), tabB.waitUntilDone()]);

  const fileA = await savedFile(downloadDir, `-cards-board${first.id}-`);
  const fileB = await savedFile(downloadDir, `-cards-board${second.id}-`);
  expect(new Set(await boardIdsInCsv(join(downloadDir, fileA)))).toEqual(new Set([first.id]));
  expect(new Set(await boardIdsInCsv(join(downloadDir, fileB)))).toEqual(new Set([second.id]));
  expect(await readdir(downloadDir)).toHaveLength(2);
});

test('comes back when the app redraws the page without it, floating or in the header as the page allows', async ({
  simulator,
  openBoard,
}) => {
  const [first, second] = simulator.boards;
  if (!first || !second) throw new Error('The simulator has fewer than two boards');
  const board = await openBoard(first.id);
  const inHeader = board.page.locator('header leankit-exporter-button');
  const floating = board.page.locator('body > leankit-exporter-button');
  await expect(board.signInButton).toBeVisible();
  await expect(inHeader).toHaveCount(1);

  // LeanKit throws its header away (and our button with it), with no change of URL.
  await board.page.evaluate(() => document.querySelector('header')?.remove());
  await expect(floating).toHaveCount(1);
  await expect(board.signInButton).toBeVisible();

  // It draws a header again: the button moves into it.
  await board.page.evaluate((title) => {
    const header = document.createElement('header');
    const h1 = document.createElement('h1');
    h1.textContent = title;
    header.append(h1);
    document.body.prepend(header);
  }, first.title);
  await expect(inHeader).toHaveCount(1);
  await expect(board.buttonHosts).toHaveCount(1);
  await expect(board.signInButton).toBeVisible();

  // And moving to another board keeps that one button.
  await board.page.evaluate((id) => history.pushState(null, '', `/board/${id}`), second.id);
  await expect(board.signInButton).toBeVisible();
  await expect(board.buttonHosts).toHaveCount(1);
});

const CARDS_PATH = '/io/reporting/export/cards';

test('keeps focus on the button from Export to Done, announces Done, and after a menu choice or Escape', async ({
  simulator,
  popup,
  openBoard,
  downloadDir,
}) => {
  const first = firstBoard(simulator);
  await popup.signInAs(simulator.demo);
  const board = await openBoard(first.id);

  await board.exportButton.focus();
  const main = await board.focusedControl();
  await board.page.keyboard.press('Enter');
  await board.waitUntilDone();
  await expect(board.status).toHaveText('Done — show file');
  expect(await board.hasFocus(main)).toBe(true);
  await savedFile(downloadDir, `-cards-board${first.id}-`);

  // Escape closes the menu and puts focus back on its toggle.
  await board.menuButton.focus();
  await board.page.keyboard.press('ArrowDown');
  await expect(board.page.getByRole('menuitem', { name: 'Cards', exact: true })).toBeFocused();
  await board.page.keyboard.press('Escape');
  await expect(board.menu).toHaveCount(0);
  await expect(board.menuButton).toBeFocused();

  // A menu choice closes the menu; focus goes to the main button and stays there until Done.
  await board.page.keyboard.press('ArrowDown');
  await board.page.getByRole('menuitem', { name: 'Lanes', exact: true }).press('Enter');
  await savedFile(downloadDir, `-lanes-board${first.id}-`);
  await expect(board.doneButton).toBeVisible();
  await expect(board.menu).toHaveCount(0);
  expect(await board.hasFocus(main)).toBe(true);

  // "Done — show file" opens the file and the button is ready again, focus still on it.
  await board.page.keyboard.press('Enter');
  await expect(board.exportButton).toBeVisible();
  await expect(board.status).toHaveText('');
  expect(await board.hasFocus(main)).toBe(true);
});

test('has no axe violations in any state, in light and dark colour schemes', async ({
  simulator,
  popup,
  openBoard,
}) => {
  const first = firstBoard(simulator);
  const board = await openBoard(first.id);
  const checkBothSchemes = async (state: string) => {
    for (const colorScheme of ['light', 'dark'] as const) {
      await test.step(`${state}, ${colorScheme}`, async () => {
        await board.page.emulateMedia({ colorScheme });
        await expectNoAxeViolations(board.page, 'leankit-exporter-button');
      });
    }
  };

  await expect(board.signInButton).toBeVisible();
  await checkBothSchemes('signed out');

  await popup.signInAs(simulator.demo);
  await expect(board.exportButton).toBeVisible();
  await checkBothSchemes('idle');

  await board.menuButton.click();
  await expect(board.menu).toBeVisible();
  await checkBothSchemes('menu open');
  await board.page.keyboard.press('Escape');

  simulator.faults.add({
    fault: { kind: 'status', status: 403, message: 'Advanced Reporting is not enabled' },
    path: CARDS_PATH,
    // The browser's download meets it first, then the background's look at the error body.
    times: Infinity,
  });
  await board.exportButton.click();
  await expect(board.alert).toContainText('does not include Advanced Reporting');
  await checkBothSchemes('failed');
  simulator.faults.clear();

  // Slow enough that the export is still running when the checks are done; then cancelled.
  simulator.faults.add({ fault: { kind: 'slow-body', bytesPerSecond: 1_000 }, path: CARDS_PATH });
  await board.exportButton.click();
  await expect(board.runningButton).toBeVisible();
  await checkBothSchemes('running');
  await board.cancelButton.click();
  await expect(board.exportButton).toBeVisible();

  await board.exportButton.click();
  await board.waitUntilDone();
  await checkBothSchemes('done');
});

test('an export of a board without cards says so, still shows its file, and stays accessible', async ({
  simulator,
  popup,
  openBoard,
  downloadDir,
}) => {
  const first = firstBoard(simulator);
  // LeanKit answers with the header alone, and again when asked for the first row.
  simulator.faults.add({ fault: { kind: 'empty' }, path: CARDS_PATH, times: Infinity });
  await popup.signInAs(simulator.demo);
  const board = await openBoard(first.id);
  await board.exportButton.click();
  await expect(board.noRowsButton).toBeVisible({ timeout: 30_000 });
  await expect(board.doneButton).toHaveCount(0);
  await expect(board.status).toHaveText('No rows: this board has no cards you can see');
  await expect(board.alert).toHaveCount(0);
  const file = await savedFile(downloadDir, `-cards-board${first.id}-`);
  expect(await boardIdsInCsv(join(downloadDir, file))).toEqual([]);
  for (const colorScheme of ['light', 'dark'] as const) {
    await board.page.emulateMedia({ colorScheme });
    await expectNoAxeViolations(board.page, 'leankit-exporter-button');
  }

  // It still opens the file, and the button is ready for the next export.
  await board.noRowsButton.click();
  await expect(board.exportButton).toBeVisible();
  await expect(board.status).toHaveText('');
  // A file it could not show would leave an alert beside the same Export button.
  await expect(board.alert).toHaveCount(0);
});

test('offers no export on a board page that says the board is not found', async ({
  simulator,
  extension,
  popup,
}) => {
  const first = firstBoard(simulator);
  await popup.signInAs(simulator.demo);
  const page = await extension.context.newPage();
  await BoardPage.recordButtonHosts(page);
  const board = await BoardPage.open(page, simulator.demo.host, '404404404');
  await expect(board.notFoundHeading).toBeVisible();
  // So the keyboard shortcut, handled in the background, does not export here either.
  expect(await answersNotFound(extension.serviceWorker, page.url())).toBe(true);

  // A board from the app's own links: the button comes, and it is the first one the page had.
  await board.goToBoard(first.title);
  await expect(board.exportButton).toBeVisible();
  expect(await board.buttonHostLog()).toEqual(['added']);
  expect(await answersNotFound(extension.serviceWorker, page.url())).toBe(false);

  // Back to the not-found view, drawn by the app without a page load: the button goes.
  await page.goBack();
  await expect(board.notFoundHeading).toBeVisible();
  await expect(board.buttonHosts).toHaveCount(0);
  expect(await board.buttonHostLog()).toEqual(['added', 'removed']);
});
