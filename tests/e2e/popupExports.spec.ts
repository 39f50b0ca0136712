import { readdir } from 'node:fs/promises';
import { expect, test } from './fixtures';
import { expectFileAsServed, exportRequest } from './popupSupport';

const FORMATS = [
  { label: 'CSV', format: 'csv', extension: 'csv', report: 'Cards', path: 'cards' },
  { label: 'TAB', format: 'tab', extension: 'tsv', report: 'Lanes', path: 'lanes' },
  { label: 'JSON', format: 'json', extension: 'json', report: 'Comments', path: 'comments' },
] as const;

for (const { label, format, extension, report, path } of FORMATS) {
  test(`downloads ${report} as ${label}, exactly as LeanKit serves it`, async ({
    simulator,
    popup,
    downloadDir,
  }) => {
    await popup.signInAs(simulator.demo);
    await popup.chooseFormat(label);
    await popup.downloadButton(report).click();
    const fileName = await popup.waitForSavedFile();
    expect(fileName).toMatch(new RegExp(`^leankit-acme-${path}-all-\\d{8}-\\d{4}\\.${extension}$`));
    expect(await readdir(downloadDir)).toEqual([fileName]);
    expect(exportRequest(simulator, path).query.format).toBe(format);
    const onDisk = await expectFileAsServed(simulator, downloadDir, fileName, path);
    expect(onDisk.length).toBeGreaterThan(100);

    // The format is remembered for the next popup.
    await popup.page.reload();
    await expect(popup.page.getByRole('radio', { name: label })).toBeChecked();
  });
}

test('a board-scoped export has only that board’s rows', async ({
  simulator,
  popup,
  downloadDir,
}) => {
  const board = simulator.boards[1];
  if (!board) throw new Error('The simulator has fewer than two boards');
  await popup.signInAs(simulator.demo);
  await popup.chooseBoard(board.title);
  await expect(popup.page.getByRole('button', { name: `Remove ${board.title}` })).toBeVisible();
  await popup.chooseFormat('JSON');
  await popup.downloadButton('Cards').click();
  const fileName = await popup.waitForSavedFile();
  expect(fileName).toContain(`-board${board.id}-`);
  await expect(popup.recent.getByText(board.title)).toBeVisible();

  const rows = JSON.parse(
    (await expectFileAsServed(simulator, downloadDir, fileName, 'cards')).toString('utf8'),
  ) as { currentBoardId: string }[];
  expect(rows.length).toBeGreaterThan(0);
  expect(new Set(rows.map((row) => row.currentBoardId))).toEqual(new Set([board.id]));
});

test.describe('an account with more boards than one page of the board list', () => {
  test.use({ simulatorOptions: { boards: 1205, cardsPerBoard: 1 } });

  test('every board can be found and exported, the last one too', async ({
    simulator,
    popup,
    downloadDir,
  }) => {
    const last = simulator.boards.at(-1);
    if (!last) throw new Error('The simulator has no boards');
    await popup.signInAs(simulator.demo);
    await popup.page.getByRole('button', { name: 'Choose boards' }).click();
    await expect(
      popup.page.getByText('Showing 100 of 1,205 boards.', { exact: false }),
    ).toBeVisible();
    await popup.page.getByRole('button', { name: 'Done' }).click();
    await popup.chooseBoard(last.title);
    await popup.downloadButton('Cards').click();
    const fileName = await popup.waitForSavedFile();
    expect(fileName).toContain(`-board${last.id}-`);

    const pages = simulator.requests.filter(
      (r) => r.path === '/io/reporting/export/boards' && r.query.offset !== undefined,
    );
    expect(pages.map((r) => [r.query.offset, r.query.limit])).toEqual([
      ['0', '1000'],
      ['1000', '1000'],
    ]);
    expect(exportRequest(simulator, 'cards').query.boardId).toBe(last.id);
    await expectFileAsServed(simulator, downloadDir, fileName, 'cards');
  });
});

test('recent downloads survive closing and reopening the popup', async ({
  simulator,
  popup,
  extension,
}) => {
  await popup.signInAs(simulator.demo);
  await popup.downloadButton('Tags').click();
  const fileName = await popup.waitForSavedFile();
  await popup.page.close();

  const reopened = await extension.context.newPage();
  await reopened.goto(extension.extensionUrl('popup.html'));
  const recent = reopened.getByRole('region', { name: 'Recent downloads' });
  const row = recent.getByRole('listitem').filter({ hasText: 'Tags' });
  await expect(row).toContainText(fileName);
  await expect(row).toContainText('Done');
  await expect(row.getByRole('button', { name: 'Show in folder: Tags' })).toBeVisible();

  // Kept in local storage, so a browser restart keeps them too; and without any token.
  const stored = await reopened.evaluate(async () => {
    const { chrome } = globalThis as unknown as {
      chrome: { storage: { local: { get(key: string): Promise<Record<string, unknown>> } } };
    };
    return JSON.stringify(await chrome.storage.local.get('recentDownloads'));
  });
  expect(stored).toContain(fileName);
  expect(stored).not.toMatch(/eyJ|token/i);
});

test('a slow export shows its progress, still does after reopening the popup, and Cancel leaves no file', async ({
  simulator,
  popup,
  extension,
  downloadDir,
}) => {
  simulator.faults.add({
    fault: { kind: 'slow-body', bytesPerSecond: 4000 },
    path: '/io/reporting/export/cards',
  });
  await popup.signInAs(simulator.demo);
  await popup.downloadButton('Cards').click();

  const progress = popup.page.getByRole('progressbar', { name: 'Exporting Cards' });
  await expect(progress).toHaveAttribute('aria-valuetext', /[1-9][\d.]* (B|KB) saved/);
  await popup.page.close();

  const reopened = await extension.context.newPage();
  await reopened.goto(extension.extensionUrl('popup.html'));
  const again = reopened.getByRole('progressbar', { name: 'Exporting Cards' });
  await expect(again).toBeVisible();
  await reopened.getByRole('button', { name: 'Cancel Cards' }).click();

  await expect(again).toBeHidden();
  const row = reopened.getByRole('region', { name: 'Recent downloads' }).getByRole('listitem');
  await expect(row.first()).toContainText('Cancelled');
  await expect(row.first().getByRole('button', { name: 'Retry Cards' })).toBeVisible();
  await expect.poll(() => readdir(downloadDir)).toEqual([]);
});
