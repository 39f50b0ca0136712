import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { excelFriendlyCards } from '../engineSupport';
import { expect, test } from '../envFixtures';
import { BoardUi } from '../pages/boardUi';
import { boardIdsInCardsCsv, fileAsServed, lastExport } from './journeySupport';

const FORMATS = [
  { label: 'CSV', format: 'csv', extension: 'csv', report: 'Cards', path: 'cards' },
  { label: 'TAB', format: 'tab', extension: 'tsv', report: 'Lanes', path: 'lanes' },
  { label: 'JSON', format: 'json', extension: 'json', report: 'Tags', path: 'tags' },
] as const;

test('downloads a report from the popup in each format, exactly as LeanKit serves it', async ({
  simulator,
  popup,
  downloadDir,
}) => {
  await popup.signInAs(simulator.demo);
  const saved: string[] = [];
  for (const { label, format, extension, report, path } of FORMATS) {
    await popup.chooseFormat(label);
    await popup.download(report);
    const fileName = await popup.waitForSavedFile(saved);
    saved.push(fileName);
    expect(fileName).toMatch(new RegExp(`^leankit-acme-${path}-all-\\d{8}-\\d{4}\\.${extension}$`));
    expect(lastExport(simulator, path)).toMatchObject({ tokenTransport: 'header' });
    expect(lastExport(simulator, path).query.format).toBe(format);
    expect((await fileAsServed(simulator, downloadDir, fileName, path)).length).toBeGreaterThan(50);
  }
  expect((await readdir(downloadDir)).sort()).toEqual([...saved].sort());
});

test('the board button saves only that board’s cards, and follows in-app navigation', async ({
  simulator,
  env,
  popup,
  downloadDir,
}) => {
  const { demo } = simulator;
  const [first, second] = simulator.boards;
  if (!first || !second) throw new Error('The simulator has fewer than two boards');
  await popup.signInAs(demo);

  const board = new BoardUi(await env.openPage(`https://${demo.host}/board/${first.id}`));
  await board.waitForExportButton();
  await board.exportCards();
  await board.waitUntilDone();
  const firstFile = await popup.waitForSavedFile();
  expect(firstFile).toContain(`-board${first.id}-`);
  expect(await boardIdsInCardsCsv(downloadDir, firstFile)).toEqual([first.id]);

  await board.goToBoard(second.title);
  expect(await board.ui.url()).toBe(`https://${demo.host}/board/${second.id}`);
  await board.waitForExportButton();
  await board.exportCards();
  await board.waitUntilDone();
  const secondFile = await popup.waitForSavedFile([firstFile]);
  expect(secondFile).toContain(`-board${second.id}-`);
  expect(await boardIdsInCardsCsv(downloadDir, secondFile)).toEqual([second.id]);
});

test('an expired token leads to the sign-in prompt, not to a bad file', async ({
  simulator,
  popup,
  downloadDir,
}) => {
  await popup.signInAs(simulator.demo);
  // Let the popup load its board list first, so the one refused request is the download's.
  // The list is asked for page by page, from offset 0; the sign-in's token check has no offset.
  await expect
    .poll(() =>
      simulator.requests.some(
        (r) => r.path === '/io/reporting/export/boards' && r.query.offset === '0',
      ),
    )
    .toBe(true);
  simulator.expireAllTokens();
  await popup.download('Cards');
  await popup.waitForSignInForm();
  await popup.ui.waitForText('status', /session expired/i);
  // The browser deletes the refused download's partial file in its own time.
  await expect.poll(() => readdir(downloadDir)).toEqual([]);
});

test('an Excel-friendly CSV is built by the extension itself and saved from a Blob', async ({
  simulator,
  env,
  popup,
  downloadDir,
}) => {
  await popup.signInAs(simulator.demo);
  // The options page's switch stores exactly this (lib/storage/items.ts excelFriendlyCsvItem):
  // in sync storage, and in Firefox in session storage, out of content scripts' reach.
  await popup.ui.evaluate(
    async (area) => {
      type Area = { set(items: object): Promise<void> };
      const global = globalThis as unknown as {
        browser?: { storage: Record<string, Area> };
        chrome?: { storage: Record<string, Area> };
      };
      await (global.browser ?? global.chrome)?.storage[area]?.set({ excelFriendlyCsv: true });
    },
    env.engine === 'firefox' ? 'session' : 'sync',
  );
  await popup.chooseFormat('CSV');
  await popup.download('Cards');
  const fileName = await popup.waitForSavedFile();

  const { text: expected } = await excelFriendlyCards(simulator);
  const file = await readFile(join(downloadDir, fileName));
  expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(file.toString('utf8')).toBe(expected);
});
