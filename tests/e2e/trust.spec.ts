import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page, Worker } from '@playwright/test';
import { firstBoard } from '../simulator/testing';
import { expect, test } from './fixtures';
import type { BoardPage } from './pages/boardPage';
import { exportRequest } from './popupSupport';

// Only the background is trusted (docs/architecture.md, "Trust rules"): what a LeanKit page's own
// scripts, or our content script were a page to take it over, can no longer do.

const CARDS_PATH = '/io/reporting/export/cards';

/**
 * Runs `work(arg)` in our content script's isolated world on `page`, where `chrome.runtime` and
 * `chrome.storage` are what the content script itself has, and returns what it resolves to.
 */
async function inContentScript<A, R>(
  page: Page,
  extensionId: string,
  work: (arg: A) => Promise<R>,
  arg: A,
): Promise<R> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const worlds: { id: number; origin: string; auxData?: { type?: string } }[] = [];
    cdp.on('Runtime.executionContextCreated', ({ context }) => worlds.push(context));
    // Reports every world the page already has before it answers.
    await cdp.send('Runtime.enable');
    const world = worlds.find(
      (context) =>
        context.auxData?.type === 'isolated' &&
        context.origin === `chrome-extension://${extensionId}`,
    );
    if (!world) throw new Error('The page has no content script of the extension');
    const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
      contextId: world.id,
      expression: `(${work.toString()})(${JSON.stringify(arg)})`,
      awaitPromise: true,
      returnByValue: true,
    });
    if (exceptionDetails) throw new Error(exceptionDetails.exception?.description);
    return result.value as R;
  } finally {
    await cdp.detach();
  }
}

/** The `chrome` object of the world a function runs in (the content script's, or the worker's). */
type Chrome = {
  runtime: {
    sendMessage(message: object): Promise<unknown>;
    connect(info: { name: string }): {
      postMessage(message: object): void;
      onMessage: { addListener(listener: (message: unknown) => void): void };
      onDisconnect: { addListener(listener: () => void): void };
    };
  };
  storage: Record<
    'local' | 'sync',
    { get(keys: string[] | null): Promise<object>; set(items: object): Promise<void> }
  >;
};

/** What the service worker reads of these keys of one area. */
function storedValues(worker: Worker, area: 'local' | 'sync', keys: string[]): Promise<object> {
  return worker.evaluate(
    ([area, keys]) =>
      (globalThis as unknown as { chrome: Chrome }).chrome.storage[area as 'local' | 'sync'].get(
        keys as string[],
      ),
    [area, keys] as const,
  );
}

/** The ids of the exports the background has recorded, oldest first. */
async function jobIds(worker: Worker, state?: string): Promise<string[]> {
  const { jobs = [] } = (await storedValues(worker, 'local', ['jobs'])) as {
    jobs?: { id: string; state: string }[];
  };
  return jobs
    .filter((job) => state === undefined || job.state === state)
    .map((job) => job.id)
    .reverse();
}

/** The files in `dir` the browser has finished writing. */
async function finishedFiles(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((name) => !name.endsWith('.crdownload')).sort();
}

/** Clicks every board button control the way a page's own script can: its shadow root is open. */
function clickFromPageScript(board: BoardPage): Promise<number> {
  return board.page.evaluate(() => {
    const root = document.querySelector('leankit-exporter-button')?.shadowRoot;
    const controls = Array.from(root?.querySelectorAll('button') ?? []);
    for (const control of controls) {
      control.click();
      control.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    }
    return controls.length;
  });
}

test('a page’s own scripts cannot click the board button; the user’s click and keyboard still export', async ({
  simulator,
  extension,
  popup,
  openBoard,
  downloadDir,
}) => {
  const first = firstBoard(simulator);
  await popup.signInAs(simulator.demo);
  const board = await openBoard(first.id);
  await expect(board.exportButton).toBeVisible();

  // Export report and the menu toggle. Had the page's click counted, the button would have left
  // "Export report" at once (the click handler moves it to "Starting export…") and never come back.
  expect(await clickFromPageScript(board)).toBe(2);
  await expect(board.exportButton).toBeVisible();
  await expect(board.menu).toHaveCount(0);

  // The user's own Enter (a trusted click) exports, once; nothing else was asked of LeanKit.
  await board.exportButton.focus();
  await board.page.keyboard.press('Enter');
  await board.waitUntilDone();
  expect(await jobIds(extension.serviceWorker)).toHaveLength(1);
  expect(await finishedFiles(downloadDir)).toHaveLength(1);
  // One export, nothing more.
  exportRequest(simulator, 'cards');

  // Nor can the page's script open the menu (a real click does) or pick from it.
  await clickFromPageScript(board);
  await expect(board.menu).toHaveCount(0);
  await board.menuButton.click();
  await expect(board.menu).toBeVisible();
  await board.page.evaluate(() => {
    const root = document.querySelector('leankit-exporter-button')?.shadowRoot;
    for (const item of root?.querySelectorAll<HTMLElement>('[role^="menuitem"]') ?? [])
      item.click();
  });
  await expect(board.doneButton).toBeVisible();
  await expect(board.page.getByRole('menuitemradio', { name: 'CSV' })).toBeChecked();
});

test('a content script can neither change a safety setting nor read the account', async ({
  simulator,
  extension,
  popup,
  openBoard,
}) => {
  await popup.signInAs(simulator.demo);
  const worker = extension.serviceWorker;
  await worker.evaluate(() =>
    (globalThis as unknown as { chrome: Chrome }).chrome.storage.sync.set({
      excelFriendlyCsv: true,
    }),
  );
  const syncBefore = await storedValues(worker, 'sync', ['excelFriendlyCsv', 'fileNamePattern']);
  const localBefore = await storedValues(worker, 'local', ['staySignedIn', 'signedIn']);
  const board = await openBoard(simulator.boards[0]?.id ?? '');
  await expect(board.exportButton).toBeVisible();

  const attempts = await inContentScript(
    board.page,
    extension.extensionId,
    async () => {
      const { storage } = (globalThis as unknown as { chrome: Chrome }).chrome;
      const outcome = (work: Promise<unknown>) =>
        work.then(
          () => 'done',
          (error: Error) => error.message,
        );
      return Promise.all([
        outcome(storage.sync.set({ excelFriendlyCsv: false })),
        outcome(storage.sync.set({ fileNamePattern: 'board {board}' })),
        outcome(storage.local.set({ staySignedIn: true })),
        outcome(
          storage.local.set({
            signedIn: { origin: 'https://evil.example', accountName: 'acme', email: 'x@y.z' },
          }),
        ),
        outcome(storage.local.get(null)),
        outcome(storage.sync.get(null)),
      ]);
    },
    null,
  );
  expect(attempts).toEqual(Array(6).fill('Access to storage is not allowed from this context.'));
  expect(await storedValues(worker, 'sync', ['excelFriendlyCsv', 'fileNamePattern'])).toEqual(
    syncBefore,
  );
  expect(await storedValues(worker, 'local', ['staySignedIn', 'signedIn'])).toEqual(localBefore);

  // The board button needs no storage of its own: it still exports, Excel-friendly.
  await board.exportButton.click();
  await board.waitUntilDone();
});

test('a content script cannot write into a file the offscreen document is building', async ({
  simulator,
  extension,
  popup,
  openBoard,
  downloadDir,
}) => {
  const first = firstBoard(simulator);
  await popup.signInAs(simulator.demo);
  const worker = extension.serviceWorker;
  // Exports are fetched and built in the offscreen document (lib/jobs/exportBuilds.ts), on the
  // service worker's commands over a port (lib/jobs/offscreenBuilds.ts).
  await worker.evaluate(() =>
    (globalThis as unknown as { chrome: Chrome }).chrome.storage.sync.set({
      excelFriendlyCsv: true,
    }),
  );
  const board = await openBoard(first.id);

  // A first export, left alone, opens the offscreen document and gives the file to compare with.
  await board.exportButton.click();
  await board.waitUntilDone();
  const [untouched = ''] = await finishedFiles(downloadDir);

  // The second waits on the simulator mid-body while the board tab's content script, which knows
  // its export's id (the file's id), connects to the document as the worker does and tries to
  // cancel that build, to re-attach to it (and so read its progress) and to finish its file.
  simulator.faults.add({ fault: { kind: 'hold-after-bytes', bytes: 200 }, path: CARDS_PATH });
  await board.exportFromMenu('Cards', 'CSV');
  await expect(board.runningButton).toBeVisible();
  await expect.poll(() => jobIds(worker, 'running')).toHaveLength(1);
  const [fileId] = await jobIds(worker, 'running');
  const answers = await inContentScript(
    board.page,
    extension.extensionId,
    async (fileId: string) => {
      const { runtime } = (globalThis as unknown as { chrome: Chrome }).chrome;
      const port = runtime.connect({ name: 'export-builds' });
      const replies: unknown[] = [];
      port.onMessage.addListener((reply) => replies.push(reply));
      const closed = new Promise<void>((resolve) => port.onDisconnect.addListener(() => resolve()));
      try {
        port.postMessage({ call: 1, op: 'cancel', jobId: fileId });
        port.postMessage({ call: 2, op: 'attach', jobId: fileId });
        port.postMessage({ call: 3, op: 'finish', jobId: fileId, mimeType: 'text/csv' });
      } catch {
        // Already disconnected: nothing was sent.
      }
      // The document disconnects a port that is not the service worker's, before any command.
      await closed;
      return replies;
    },
    fileId ?? '',
  );
  simulator.faults.release();
  await board.waitUntilDone();

  const files = await finishedFiles(downloadDir);
  expect(files).toHaveLength(2);
  const attacked = files.find((name) => name !== untouched) ?? '';
  const [before, after] = await Promise.all(
    [untouched, attacked].map((name) => readFile(join(downloadDir, name), 'utf8')),
  );
  expect(after).not.toContain('evil.example');
  expect(after).toBe(before);
  expect(answers).toEqual([]);
});

test('a content script cannot send the extension pages’ messages', async ({
  simulator,
  extension,
  popup,
  openBoard,
}) => {
  await popup.signInAs(simulator.demo);
  const board = await openBoard(simulator.boards[0]?.id ?? '');
  await expect(board.exportButton).toBeVisible();
  const answers = await inContentScript(
    board.page,
    extension.extensionId,
    async () => {
      const { runtime } = (globalThis as unknown as { chrome: Chrome }).chrome;
      const send = (message: object) =>
        runtime.sendMessage(message).then(
          // Unanswered, the promise resolves to undefined.
          (answer) => (answer === undefined ? 'no answer' : `answered ${JSON.stringify(answer)}`),
          () => 'no answer',
        );
      return [
        await send({ type: 'getSession' }),
        await send({ type: 'setStaySignedIn', data: { stay: true } }),
        await send({ type: 'signOut' }),
      ];
    },
    null,
  );
  expect(answers).toEqual(['no answer', 'no answer', 'no answer']);
  expect(await storedValues(extension.serviceWorker, 'local', ['staySignedIn'])).toEqual({});
  await popup.page.reload();
  await popup.expectSignedIn();
});
